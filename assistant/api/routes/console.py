"""The staff console: one static page at ``/staff`` over the ``/v1/staff`` API.

The page holds no data of its own: it logs in with the OAuth2 password flow, keeps the token in
``sessionStorage`` (gone when the tab closes) and renders everything with ``textContent``, never
``innerHTML``, so an applicant's text cannot inject markup. The HTML and script are package
files (``assistant/api/static/``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from fastapi import APIRouter, Response

router = APIRouter(tags=["staff console"], include_in_schema=False)

_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


@lru_cache(maxsize=4)
def static_text(name: str) -> str:
    return files("assistant.api").joinpath("static", name).read_text(encoding="utf-8")


@router.get("/staff")
def console_page() -> Response:
    return Response(static_text("console.html"), media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": _CSP, "Cache-Control": "no-store"})


@router.get("/staff/console.js")
def console_script() -> Response:
    return Response(static_text("console.js"), media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "no-store"})
