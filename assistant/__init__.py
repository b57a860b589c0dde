"""The legal-aid assistant: consultation, speech, drafting, screening and their channels.

Three rings, one-way imports (checked by ``lint-imports``, contracts in ``pyproject.toml``):
channels (``api``, ``kiosk``, ``wechat``, the ``legalaid`` CLI) → ``usecases`` → the
composition root ``app`` → domain (``consult``, ``speech``, ``drafting``, ``screening``, ``db``)
→ shared (``models``, ``errors``, ``config``, ``clock``) → ``knowledge``. Importing this package
loads nothing heavy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Settings", "get_settings"]


def __getattr__(name: str) -> Any:
    # Lazy: pydantic-settings takes ~0.2 s to import; `import assistant` stays instant.
    if name in __all__:
        from assistant import config

        return getattr(config, name)
    raise AttributeError(name)
