"""The kiosk's document form: which templates to offer, which fields to ask, prefilled from facts.

The conversation's ``Facts`` are mapped to the drafting fact keys that templates name in
``fact_keys``; ``assistant.drafting.fill_from_facts`` does the rest. No Gradio here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from assistant.consult.models import SessionState
from assistant.drafting import Template, fill_from_facts, list_templates
from assistant.drafting.forms import FieldValue
from assistant.drafting.interview import drafting_facts

RECOMMENDED = "（推荐）"


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of the kiosk form."""

    key: str
    label: str
    value: str
    hint: str
    multiline: bool


def template_choices(category: str | None) -> list[tuple[str, str]]:
    """(label, template id) for the picker: the category's own templates first, marked 推荐."""
    templates = list_templates()
    own = [t for t in templates if category and t.category == category]
    rest = [t for t in templates if t not in own]
    return ([(_title(t) + RECOMMENDED, t.id) for t in own]
            + [(_title(t), t.id) for t in rest])


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
            fields[key] = [line.strip() for line in text.splitlines() if line.strip()]
        else:
            fields[key] = text
    return fields


def prefill(template: Template, state: SessionState | None, *, today: date) -> dict[str, FieldValue]:
    return fill_from_facts(template, drafting_facts(state, today=today))
