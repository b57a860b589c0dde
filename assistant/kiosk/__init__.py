"""The kiosk page (Gradio) on top of ``assistant.usecases``; Gradio is imported lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["build_kiosk", "mount_kiosk"]


def build_kiosk(*args: Any, **kwargs: Any) -> Any:
    # Lazy: importing Gradio takes seconds; only a served kiosk needs it.
    from assistant.kiosk.page import build_kiosk as build

    return build(*args, **kwargs)


def mount_kiosk(app: FastAPI, *, path: str = "/") -> FastAPI:
    from assistant.kiosk.page import mount_kiosk as mount

    return mount(app, path=path)
