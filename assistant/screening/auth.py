"""Staff authentication: scrypt password hashes and HMAC-signed bearer tokens with expiry.

Tokens are ``base64url(claims).base64url(HMAC-SHA256(secret, claims))``; no JWT library is
needed because only this service issues and reads them. The role is re-read from the database
on every request, so disabling or demoting a user takes effect before the token expires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from assistant.screening.errors import NotAuthenticatedError, TokenExpiredError
from assistant.screening.models import Role

ROLE_RANK: dict[str, int] = {"responder": 0, "staff": 1, "supervisor": 2}
# scrypt cost: 2**14 x 8 x 1 uses 16 MiB and about 50 ms, the interactive-login figure of
# the scrypt paper (Percival 2009) that OWASP still lists.
_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD_CHARS = 8


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(_unb64(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, _unb64(digest))


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the username and the role stored for it."""

    username: str
    role: Role

    def at_least(self, role: Role) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


class TokenSigner:
    def __init__(self, secret: str, *, minutes: int) -> None:
        if len(secret) < 16:
            raise ValueError("token secret must have at least 16 characters")
        self._key = hashlib.sha256(b"legalaid-staff-token:" + secret.encode()).digest()
        self.minutes = minutes

    def issue(self, username: str, *, now: datetime | None = None) -> tuple[str, datetime]:
        """A token for ``username`` and the moment it expires."""
        now = now or datetime.now(UTC)
        expires = now + timedelta(minutes=self.minutes)
        claims = {"sub": username, "exp": int(expires.timestamp()), "jti": secrets.token_hex(8)}
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{body}.{self._sign(body)}", expires

    def verify(self, token: str, *, now: datetime | None = None) -> str:
        """The username, or ``NotAuthenticatedError`` / ``TokenExpiredError``."""
        body, _, sig = token.partition(".")
        if not body or not hmac.compare_digest(sig, self._sign(body)):
            raise NotAuthenticatedError("bad token signature")
        try:
            claims = json.loads(_unb64(body))
            username, exp = str(claims["sub"]), int(claims["exp"])
        except (ValueError, KeyError, TypeError) as e:
            raise NotAuthenticatedError("bad token claims") from e
        if (now or datetime.now(UTC)).timestamp() >= exp:
            raise TokenExpiredError(f"token of {username} expired")
        return username

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
