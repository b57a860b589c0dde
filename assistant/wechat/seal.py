"""Sealing OpenIDs and messages before they reach the shared database: AES-GCM with a key
derived (HKDF-SHA256) from the account's app secret, which every replica has and the database
does not. A database dump alone then holds no OpenID; rotating the secret makes old seals
unreadable (the affected follower fetches the staff answer with the pickup code instead)."""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from assistant.wechat.errors import WeChatApiError

_INFO = b"legalaid/wechat/shared-state/v1"
_NONCE = 12


class Sealer:
    def __init__(self, secret: str) -> None:
        if not secret:
            raise ValueError("sealing needs a secret")
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
            secret.encode("utf-8"))
        self._aead = AESGCM(key)

    def seal(self, plain: bytes) -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        return nonce + self._aead.encrypt(nonce, plain, None)

    def open(self, sealed: bytes) -> bytes:
        """The plaintext; ``WeChatApiError`` when sealed with another secret or damaged."""
        try:
            return self._aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], None)
        except (InvalidTag, ValueError) as e:
            raise WeChatApiError("sealed value unreadable (app secret changed?)") from e
