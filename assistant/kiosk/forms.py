"""The kiosk's document form: which templates to offer and which fields to ask. No Gradio here.

Which templates suit a category, what the conversation already filled in and how list fields
are read come from the drafting use case and package (one implementation each).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.drafting import Template
from assistant.drafting.forms import FieldValue, parse_list
from assistant.usecases.documents import LATER_DOCUMENT_NOTE, first_document, suggested_templates

RECOMMENDED = "（推荐：先办这个）"


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of the kiosk form."""

    key: str
    label: str
    value: str
    hint: str
    multiline: bool


def template_choices(category: str | None) -> list[tuple[str, str]]:
    """(label, template id) for the picker: the document the category's route needs first,
    marked 推荐, then the category's others (with when they are used), then the general ones."""
    first = first_document(category)
    return [(_title(t) + _note(t, first), t.id) for t in suggested_templates(category)]


def _note(t: Template, first: str | None) -> str:
    if t.id == first:
        return RECOMMENDED
    later = LATER_DOCUMENT_NOTE.get(t.id)
    return f"（{later}）" if later else ""


def _title(t: Template) -> str:
    return t.title + t.subtitle


def form_fields(template: Template, prefill: Mapping[str, FieldValue]) -> list[FormField]:
    """The required fields, in template order, with what the conversation already told us."""
    return [
        FormField(
            key=f.key,
            label=f.label_zh + ("" if f.key not in prefill else "（已根据您的描述填写，请核对）"),
            value=_as_text(prefill.get(f.key, "")),
            hint=_hint(f.help_zh, f.choices, f.type),
            multiline=f.type in ("multiline", "list"),
        )
        for f in template.required_fields
    ]


def _as_text(value: FieldValue) -> str:
    return "\n".join(value) if isinstance(value, list) else value


def _hint(help_zh: str, choices: Sequence[str], ftype: str) -> str:
    if choices:
        return "请填写其中一项：" + " / ".join(choices)
    if ftype == "list" and "每行" not in help_zh:
        return (help_zh + " " if help_zh else "") + "每行写一项。"
    if ftype == "date":
        return help_zh or "例如 2025-03-10"
    return help_zh


def collect_fields(
    template: Template,
    prefill: Mapping[str, FieldValue],
    keys: Sequence[str],
    values: Sequence[str | None],
) -> dict[str, FieldValue]:
    """Form values over the prefilled ones (the optional fields the form does not show)."""
    fields: dict[str, FieldValue] = dict(prefill)
    for key, value in zip(keys, values, strict=False):
        text = (value or "").strip()
        if template.field(key).type == "list":
            fields[key] = parse_list(text)
        else:
            fields[key] = text
    return fields
