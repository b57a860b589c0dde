"""Several replicas behind nginx on loopback, for the load runner and the tests.

``replicas`` starts real ``legalaid serve`` processes on free 127.0.0.1 ports; ``nginx_proxy``
runs the shipped ``deploy/nginx/legalaid.conf`` (upstream and listen ports rewritten, nothing
else changed unless asked) in a private nginx master with its own prefix folder, so it never
touches the machine's nginx service.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import PROJECT_ROOT

NGINX_CONF = PROJECT_ROOT / "deploy" / "nginx" / "legalaid.conf"
_UPSTREAM_RE = re.compile(r"(upstream\s+\w+\s*\{)(.*?)(\n\})", re.S)
_SERVER_RE = re.compile(r"^\s*server\s+\S+(?P<opts>[^;]*);\n", re.M)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def nginx_binary() -> str | None:
    """Debian's nginx (``apt-get install nginx``), or None."""
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


@dataclass
class Replica:
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """``kill -9``: no shutdown, no goodbye to the database."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


@dataclass
class Replicas:
    members: list[Replica] = field(default_factory=list)

    def __getitem__(self, i: int) -> Replica:
        return self.members[i]

    def __len__(self) -> int:
        return len(self.members)

    @property
    def ports(self) -> list[int]:
        return [r.port for r in self.members]


def replica_env(database_url: str, extra: Mapping[str, str] | None = None, *,
                base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a replica: ``base`` (default: this process's), on ``database_url``,
    kiosk off, the per-replica rate limit off (every simulated client shares 127.0.0.1; the
    proxy limits when asked), then ``extra``."""
    return {**(os.environ if base is None else base), "LEGALAID_DATABASE__URL": database_url,
            "LEGALAID_KIOSK__ENABLED": "false", "LEGALAID_SERVICE__RATE_LIMIT_PER_MINUTE": "0",
            **(extra or {})}


@contextlib.contextmanager
def replicas(n: int, env: dict[str, str], *, workers: int = 1,
             ready_timeout_s: float = 180) -> Iterator[Replicas]:
    """``n`` replicas (``legalaid serve --workers W`` each) on free ports, ready when yielded;
    stopped (SIGTERM, then SIGKILL) afterwards. Their stderr goes to a log file each."""
    folder = Path(tempfile.mkdtemp(prefix="legalaid-replicas-"))
    group = Replicas()
    try:
        for i in range(n):
            port = free_port()
            log = folder / f"replica-{i}.log"
            cmd = [sys.executable, "-m", "legalaid.cli", "serve", "--host", "127.0.0.1",
                   "--port", str(port), "--workers", str(workers)]
            with log.open("wb") as fh:
                proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=fh)
            group.members.append(Replica(port, proc, log))
        for member in group.members:
            wait_ready(member.url, member.proc, timeout_s=ready_timeout_s, log=member.log)
        yield group
    finally:
        for member in group.members:
            _stop(member.proc)
        shutil.rmtree(folder, ignore_errors=True)


def wait_ready(url: str, proc: subprocess.Popen[bytes] | None = None, *,
               timeout_s: float = 180, log: Path | None = None) -> None:
    """Until ``GET /readyz`` answers 200 (``RuntimeError`` if the process exits first)."""
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text("utf-8", "replace")[-2000:] if log and log.is_file() else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {tail}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready in {timeout_s:g} s")


def render_nginx_conf(text: str, *, upstreams: Sequence[int], listen: int,
                      rate_per_minute: int | None = 60) -> str:
    """The shipped configuration with its upstream servers and listen port replaced; the API
    rate limit set to ``rate_per_minute`` (burst the same), or removed when None."""
    def servers(m: re.Match[str]) -> str:
        body = m.group(2)
        opts = _SERVER_RE.search(body)
        kept = _SERVER_RE.sub("", body)
        lines = "".join(f"    server 127.0.0.1:{p}{opts.group('opts') if opts else ''};\n"
                        for p in upstreams)
        return f"{m.group(1)}{kept.rstrip()}\n{lines.rstrip()}{m.group(3)}"

    out = _UPSTREAM_RE.sub(servers, text)
    out = re.sub(r"listen\s+\d+;", f"listen 127.0.0.1:{listen};", out)
    if rate_per_minute is None:
        out = re.sub(r"\n\s*limit_req\s+zone=[^;]*;", "", out)
    else:
        out = re.sub(r"rate=\d+r/m", f"rate={rate_per_minute}r/m", out)
        out = re.sub(r"burst=\d+", f"burst={rate_per_minute}", out)
    return out


@contextlib.contextmanager
def nginx_proxy(upstreams: Sequence[int], *, rate_per_minute: int | None = None,
                conf: Path = NGINX_CONF) -> Iterator[str]:
    """nginx in front of ``upstreams`` on a free port with the shipped configuration; yields its
    URL. Raises ``RuntimeError`` when nginx is not installed."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    folder = Path(tempfile.mkdtemp(prefix="legalaid-nginx-"))
    os.chmod(folder, 0o755)
    temp = folder / "temp"
    temp.mkdir()
    os.chmod(temp, 0o777)  # worker processes run as nobody when the master is root
    port = free_port()
    (folder / "legalaid.conf").write_text(render_nginx_conf(
        conf.read_text("utf-8"), upstreams=upstreams, listen=port,
        rate_per_minute=rate_per_minute), "utf-8")
    (folder / "nginx.conf").write_text(_main_conf(folder), "utf-8")
    cmd = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
    check = subprocess.run([*cmd, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejected the configuration: {check.stderr[-2000:]}")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_listening(port, proc)
        yield url
    finally:
        _stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


def _main_conf(folder: Path) -> str:
    temp = folder / "temp"
    return (f"worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            "events { worker_connections 1024; }\nhttp {\n"
            "    access_log off;\n"
            f"    client_body_temp_path {temp}/body;\n    proxy_temp_path {temp}/proxy;\n"
            f"    fastcgi_temp_path {temp}/fastcgi;\n    uwsgi_temp_path {temp}/uwsgi;\n"
            f"    scgi_temp_path {temp}/scgi;\n"
            f"    include {folder}/legalaid.conf;\n}}\n")


def _wait_listening(port: int, proc: subprocess.Popen[bytes], timeout_s: float = 10) -> None:
    import socket

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start listening")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=20)


@contextlib.contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database on the server of ``server_url`` (the role needs CREATEDB),
    dropped afterwards: synthetic load never lands in a deployment's database."""
    import secrets

    import psycopg
    from sqlalchemy.engine import make_url

    from assistant.db.engine import normalise_url

    url = make_url(normalise_url(server_url))
    name = f"legalaid_load_{secrets.token_hex(5)}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
