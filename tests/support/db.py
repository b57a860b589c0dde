"""Throw-away databases for tests: a fresh PostgreSQL database per test when
``LEGALAID_TEST_PG_URL`` is set (``scripts/start-test-postgres.sh`` prints it)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from eval.cluster import free_port

PG_ENV = "LEGALAID_TEST_PG_URL"


def pg_base_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextlib.contextmanager
def pg_database(base_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    from assistant.db.engine import normalise_url

    url = make_url(normalise_url(base_url))
    name = f"legalaid_t_{secrets.token_hex(6)}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)


def _drop(admin: str, name: str, *, attempts: int = 10) -> None:
    """Drop a test database. FORCE ends the test's own connections; an autovacuum worker on
    the fresh database belongs to the server, and ending it needs a privilege the test role
    lacks ("must be a member of … pg_signal_backend"): wait for it to finish and try again."""
    import psycopg

    for attempt in range(attempts):
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[tuple[str, Callable[[], None], Callable[[], None]]]:
    """A private PostgreSQL cluster (never the shared test cluster) that a test may stop and
    start: yields (URL, start, stop-immediately). Data lives in a temporary folder owned by the
    postgres user (pytest's tmp_path is root-only), removed afterwards."""
    import pytest

    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name)) if os.geteuid() == 0 else []
    if not versions or shutil.which("runuser") is None:
        pytest.skip("needs root and Debian's postgresql server binaries")
    bindir = versions[-1].parent
    home = Path(tempfile.mkdtemp(prefix="legalaid-pg-"))
    shutil.chown(home, "postgres", "postgres")
    port = free_port()

    def pg(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True,
                       capture_output=True, timeout=60)

    def start() -> None:
        pg(str(bindir / "pg_ctl"), "-D", str(home / "data"), "-l", str(home / "log"), "-w",
           "-o", f"-p {port} -c listen_addresses=127.0.0.1 -k {home} -c fsync=on", "start")

    def stop() -> None:  # like a crash: no checkpoint, recovery replays the WAL
        pg(str(bindir / "pg_ctl"), "-D", str(home / "data"), "-m", "immediate", "-w", "stop")

    try:
        pg(str(bindir / "initdb"), "-D", str(home / "data"), "-A", "trust", "-U", "postgres",
           "--no-sync")
        start()
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres", start, stop
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            stop()
        shutil.rmtree(home, ignore_errors=True)
