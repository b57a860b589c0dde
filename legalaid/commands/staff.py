"""``legalaid staff add USER --role staff`` — create a staff-console account."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.config import Settings

HELP = "工作台账号 — manage staff-console users (add USER --role staff|supervisor|responder)"

USERNAME_RE = re.compile(r"[A-Za-z0-9_.@-]{2,64}")


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="create a user (the password is asked for twice)")
    add.add_argument("username")
    add.add_argument("--role", choices=["staff", "supervisor", "responder"], default="staff",
                     help="staff (default), supervisor (audit log, roster import) or responder "
                          "(duty lawyer / 法律明白人: escalation queue only)")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin (for scripts)")


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码: ")
    if getpass.getpass("再输入一次: ") != first:
        print("两次输入的密码不一致。", file=sys.stderr)
        return None
    return first


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.db.engine import make_engine
    from assistant.db.migrate import upgrade_to_head
    from assistant.screening.auth import MIN_PASSWORD_CHARS
    from assistant.screening.store import ScreeningStore

    if not USERNAME_RE.fullmatch(args.username):
        print("用户名只能包含字母、数字和 _ . @ -，长度2到64。", file=sys.stderr)
        return 2
    password = _password(args.password_stdin)
    if password is None:
        return 2
    if len(password) < MIN_PASSWORD_CHARS:
        print(f"密码至少{MIN_PASSWORD_CHARS}位。", file=sys.stderr)
        return 2
    engine = make_engine(settings.database.url)
    try:
        upgrade_to_head(engine)
        ScreeningStore(engine).add_user(args.username, password, role=args.role)
    finally:
        engine.dispose()
    print(f"已创建账号 {args.username}（{args.role}）。")
    if settings.staff.token_secret is None:
        print("提示：工作台尚未启用，请设置 LEGALAID_STAFF__TOKEN_SECRET（至少16个字符）。")
    return 0
