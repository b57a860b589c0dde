"""Plain-text preview of a filled document, for review and editing before generating files."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.drafting.compose import Block, compose
from assistant.drafting.templates import Template

_WIDTH = 36  # full-width characters per line on a phone screen / kiosk panel


def _centered(text: str) -> str:
    pad = max(0, (_WIDTH - len(text)) // 2)
    return "\u3000" * pad + text


def _block_lines(block: Block) -> list[str]:
    if block.kind == "heading":
        return ["", f"【{block.text}】"]
    if block.kind == "table":
        lines: list[str] = []
        for label, value in block.rows:
            first, *rest = value.split("\n")
            lines.append(f"{label}：{first}")
            lines.extend(f"\u3000\u3000{line}" for line in rest)
        return lines
    if block.align == "center":
        return [_centered(block.text)]
    if block.align == "right":
        return [block.text.rjust(_WIDTH, "\u3000")]
    return [("\u3000\u3000" if block.indent else "") + block.text]


def preview_text(template: Template, fields: Mapping[str, object]) -> str:
    """The document as plain text (blank optional parts left out, as in the .docx)."""
    doc = compose(template, fields)
    lines = [_centered(doc.title)]
    if doc.subtitle:
        lines.append(_centered(doc.subtitle))
    lines.append("")
    for block in doc.blocks:
        lines.extend(_block_lines(block))
    return "\n".join(lines).strip("\n") + "\n"
