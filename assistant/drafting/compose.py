"""Template + field values -> the filled document as blocks, shared by preview and .docx.

Rules that keep filled documents tidy: a paragraph whose placeholders are all blank is dropped,
and so is a table row; a paragraph that is exactly one ``list`` or ``multiline`` placeholder
becomes one paragraph per item (list items numbered 1. 2. …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from assistant.drafting import validators as v
from assistant.drafting.forms import as_list, is_empty
from assistant.drafting.templates import PLACEHOLDER_RE, Align, Paragraph, Section, Template

BlockKind = Literal["heading", "para", "table"]
_LONE_PLACEHOLDER = re.compile(r"^\{([a-z][a-z0-9_]*)\}$")
_OPTIONAL_SEGMENT = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str = ""
    align: Align = "justify"
    indent: bool = True
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ComposedDocument:
    title: str
    subtitle: str
    blocks: tuple[Block, ...]


def join_citations(citations: tuple[str, ...]) -> str:
    """Join citations, naming a law once for its consecutive articles: 《A》第一条、第二条."""
    out: list[str] = []
    last_law = None
    for c in citations:
        law, sep, rest = c.partition("》")
        if sep and law == last_law:
            out.append(rest)
        else:
            out.append(c)
        last_law = law if sep else None
    return "、".join(out)


def _render_value(template: Template, fields: Mapping[str, object], key: str, fmt: str) -> str:
    if key == "legal_basis":
        return join_citations(template.legal_basis)
    value = fields.get(key)
    if is_empty(value):
        return ""
    ftype = template.field(key).type
    if ftype == "list":
        return "；".join(as_list(value))
    text = str(value).strip()
    if ftype == "amount":
        try:
            return v.amount_to_chinese_upper(text) if fmt == "upper" else v.format_amount(text)
        except ValueError:  # a preview of a half-filled form: shown as typed, validate() says why
            return text
    if ftype == "date":
        return v.format_date_zh(text)
    if ftype == "id_number":
        return v.normalize_id_number(text)
    if ftype == "phone":
        return v.normalize_phone(text)
    return text


def _fill_part(template: Template, fields: Mapping[str, object], text: str) -> tuple[str, int, int]:
    """(filled text, number of placeholders, number of non-blank values)."""
    found = list(PLACEHOLDER_RE.finditer(text))
    values = [_render_value(template, fields, m.group(1), m.group(2) or "") for m in found]
    it = iter(values)
    return PLACEHOLDER_RE.sub(lambda _m: next(it), text), len(found), sum(map(bool, values))


def fill_text(template: Template, fields: Mapping[str, object], text: str) -> str | None:
    """``text`` with placeholders filled; ``None`` if it has placeholders and all are blank.

    ``[...]`` marks an optional segment (e.g. ``[，{ethnicity}]``), left out when its
    placeholders are blank, so optional fields leave no dangling punctuation. Values are
    inserted in one pass, so braces typed by a user are never read as placeholders.
    """
    out: list[str] = []
    total = filled = 0
    pos = 0
    for m in _OPTIONAL_SEGMENT.finditer(text):
        part, n, k = _fill_part(template, fields, text[pos : m.start()])
        seg, sn, sk = _fill_part(template, fields, m.group(1))
        out += [part, seg if sk == sn and sn else ""]
        total, filled, pos = total + n + sn, filled + k + sk, m.end()
    part, n, k = _fill_part(template, fields, text[pos:])
    out.append(part)
    total, filled = total + n, filled + k
    return None if total and not filled else "".join(out)


def _expand(template: Template, fields: Mapping[str, object], p: Paragraph) -> list[Block]:
    lone = _LONE_PLACEHOLDER.match(p.text)
    if lone and lone.group(1) != "legal_basis":
        field = template.field(lone.group(1))
        if field.type in ("list", "multiline"):
            items = as_list(fields.get(field.key))
            if field.type == "list" and len(items) > 1:
                items = [f"{i}. {item}" for i, item in enumerate(items, 1)]
            return [Block("para", item, p.align, p.indent) for item in items]
    text = fill_text(template, fields, p.text)
    return [] if text is None else [Block("para", text, p.align, p.indent)]


def _cell(template: Template, fields: Mapping[str, object], text: str) -> str | None:
    lone = _LONE_PLACEHOLDER.match(text)
    if lone and lone.group(1) != "legal_basis":
        field = template.field(lone.group(1))
        if field.type == "list":
            items = as_list(fields.get(field.key))
            if len(items) > 1:
                return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
            return items[0] if items else None
    return fill_text(template, fields, text)


def _section_blocks(template: Template, fields: Mapping[str, object], s: Section) -> list[Block]:
    body: list[Block] = []
    if s.is_table:
        rows = []
        for label, cell in s.rows:
            value = _cell(template, fields, cell)
            if value is not None:
                rows.append((label, value))
        if rows:
            body.append(Block("table", rows=tuple(rows)))
    for p in s.paragraphs:
        body.extend(_expand(template, fields, p))
    if body and s.heading:
        body.insert(0, Block("heading", s.heading))
    return body


def compose(template: Template, fields: Mapping[str, object]) -> ComposedDocument:
    """The filled document. Call ``forms.require_complete`` first when the result is final."""
    blocks = [b for s in template.sections for b in _section_blocks(template, fields, s)]
    return ComposedDocument(template.title, template.subtitle, tuple(blocks))
