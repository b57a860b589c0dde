"""Document templates: the data model and the loader for ``templates/<id>.json``.

A template is data, not code: its fields (with labels, types and the conversation facts that can
fill them), its sections (paragraphs or two-column tables with ``{placeholders}``), the legal
bases it cites and a worked example. Placeholders are ``{key}``, ``{key|upper}`` (amount in 大写)
or ``{key|figure}`` (amount as 50,000.00); ``{legal_basis}`` lists the template's citations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from assistant.drafting.errors import TemplateInvalidError, TemplateUnknownError

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

FieldType = Literal["text", "date", "amount", "id_number", "phone", "choice", "multiline", "list"]
FIELD_TYPES: tuple[str, ...] = (
    "text",
    "date",
    "amount",
    "id_number",
    "phone",
    "choice",
    "multiline",
    "list",
)
Align = Literal["justify", "left", "center", "right"]
BUILTIN_PLACEHOLDERS = frozenset({"legal_basis"})
PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)(?:\|(upper|figure))?\}")


@dataclass(frozen=True, slots=True)
class Field:
    """One fillable item of a document."""

    key: str
    label_zh: str
    type: FieldType
    required: bool
    help_zh: str = ""
    example: str | tuple[str, ...] = ""
    fact_keys: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    not_future: bool = False
    question_zh: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    align: Align = "justify"
    indent: bool = True


@dataclass(frozen=True, slots=True)
class Section:
    """A heading followed by paragraphs, or by a two-column table of (label, value) rows."""

    heading: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    title: str
    source: str
    category: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    legal_basis: tuple[str, ...]
    example: Mapping[str, str | tuple[str, ...]]
    subtitle: str = ""

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


def _field(raw: Mapping[str, Any], where: str) -> Field:
    ftype = raw.get("type")
    if ftype not in FIELD_TYPES:
        raise TemplateInvalidError(f"{where}: field {raw.get('key')!r} has unknown type {ftype!r}")
    example = raw.get("example", "")
    choices = tuple(raw.get("choices", ()))
    if ftype == "choice" and not choices:
        raise TemplateInvalidError(f"{where}: choice field {raw['key']!r} lists no choices")
    return Field(
        key=str(raw["key"]),
        label_zh=str(raw["label_zh"]),
        type=cast(FieldType, ftype),
        required=bool(raw.get("required", False)),
        help_zh=str(raw.get("help_zh", "")),
        example=tuple(example) if isinstance(example, list) else str(example),
        fact_keys=tuple(raw.get("fact_keys", ())),
        choices=choices,
        not_future=bool(raw.get("not_future", False)),
        question_zh=str(raw.get("question_zh", "")),
    )


def _paragraph(raw: str | Mapping[str, Any]) -> Paragraph:
    if isinstance(raw, str):
        return Paragraph(raw)
    return Paragraph(
        text=str(raw["text"]),
        align=cast(Align, raw.get("align", "justify")),
        indent=bool(raw.get("indent", True)),
    )


def _section(raw: Mapping[str, Any]) -> Section:
    rows = tuple((str(r[0]), str(r[1])) for r in raw.get("rows", ()))
    return Section(
        heading=str(raw.get("heading", "")),
        paragraphs=tuple(_paragraph(p) for p in raw.get("paragraphs", ())),
        rows=rows,
    )


def _placeholders(sections: tuple[Section, ...]) -> set[str]:
    texts = [p.text for s in sections for p in s.paragraphs]
    texts += [cell for s in sections for row in s.rows for cell in row]
    return {m.group(1) for t in texts for m in PLACEHOLDER_RE.finditer(t)}


def template_from_dict(raw: Mapping[str, Any], *, where: str = "<dict>") -> Template:
    """Build and sanity-check a template; raises ``TemplateInvalidError`` on malformed data."""
    try:
        fields = tuple(_field(f, where) for f in raw["fields"])
        sections = tuple(_section(s) for s in raw["sections"])
        example = {
            str(k): tuple(v) if isinstance(v, list) else str(v)
            for k, v in raw.get("example", {}).items()
        }
        tpl = Template(
            id=str(raw["id"]),
            title=str(raw["title"]),
            subtitle=str(raw.get("subtitle", "")),
            source=str(raw["source"]),
            category=str(raw.get("category", "")),
            fields=fields,
            sections=sections,
            legal_basis=tuple(raw.get("legal_basis", ())),
            example=example,
        )
    except (KeyError, TypeError, IndexError) as e:
        raise TemplateInvalidError(f"{where}: {e!r}") from e
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise TemplateInvalidError(f"{where}: duplicate field keys")
    unknown = _placeholders(sections) - set(keys) - BUILTIN_PLACEHOLDERS
    if unknown:
        raise TemplateInvalidError(f"{where}: placeholders without fields: {sorted(unknown)}")
    return tpl


def load_template(path: Path) -> Template:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise TemplateInvalidError(f"{path}: {e}") from e
    tpl = template_from_dict(raw, where=str(path))
    if tpl.id != path.stem:
        raise TemplateInvalidError(f"{path}: id {tpl.id!r} does not match the file name")
    return tpl


@lru_cache(maxsize=4)
def _load_all(directory: Path) -> tuple[Template, ...]:
    return tuple(load_template(p) for p in sorted(directory.glob("*.json")))


def list_templates(*, directory: Path = TEMPLATES_DIR) -> tuple[Template, ...]:
    """All templates in ``directory``, sorted by id (loaded once, then cached)."""
    return _load_all(directory)


def get_template(template_id: str, *, directory: Path = TEMPLATES_DIR) -> Template:
    """The template with this id; ``TemplateUnknownError`` (Chinese message) otherwise."""
    templates = list_templates(directory=directory)
    for tpl in templates:
        if tpl.id == template_id:
            return tpl
    raise TemplateUnknownError(template_id, known=[t.id for t in templates])
