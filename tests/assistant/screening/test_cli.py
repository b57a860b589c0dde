"""``legalaid staff add`` creates a user that can log in; bad input exits non-zero."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import get_settings
from assistant.db.engine import make_engine
from assistant.screening.store import ScreeningStore
from legalaid import cli
from legalaid.cli import main


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("LEGALAID_DATABASE__URL", url)
    monkeypatch.setitem(cli.COMMANDS, "staff", "legalaid.commands.staff")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_staff_add_then_login(db: str, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["staff", "add", "carol", "--role", "supervisor", "--password-stdin"]) == 0
    assert "已创建账号 carol" in capsys.readouterr().out
    engine = make_engine(db)
    try:
        who = ScreeningStore(engine).authenticate("carol", "a long password")
        assert who is not None and who.role == "supervisor"
        assert ScreeningStore(engine).authenticate("carol", "wrong") is None
    finally:
        engine.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["staff", "add", "carol", "--password-stdin"]) == 2
    assert "user_exists" in capsys.readouterr().err


def test_short_password_and_bad_username_are_refused(db: str, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "add", "dave", "--password-stdin"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["staff", "add", "bad name!", "--password-stdin"]) == 2
    assert "至少" in capsys.readouterr().err
