"""QR codes: the one module that imports ``segno`` (pure Python, no image library needed)."""

from __future__ import annotations

import base64
import io

import segno


def qr_svg(url: str, *, scale: int = 8) -> str:
    """``url`` as an SVG QR code (error correction M, quiet zone of 4 modules), as text."""
    buf = io.BytesIO()
    segno.make_qr(url, error="m").save(buf, kind="svg", scale=scale, border=4, xmldecl=False,
                                       dark="#000", light="#fff")
    return buf.getvalue().decode("utf-8")


def svg_data_uri(svg: str) -> str:
    """The SVG as a ``data:`` URI for an ``<img>`` (nothing is written to disk)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
