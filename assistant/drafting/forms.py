"""Filling a template: facts -> fields, missing fields, the next chat question, validation.

Field values are strings, or lists of strings for ``list`` fields. Nothing here touches files;
the kiosk form, the chat dialogue, the REST API and the CLI all call these same functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from assistant.drafting import validators as v
from assistant.drafting.errors import DocumentInvalidFieldError, DocumentMissingFieldsError
from assistant.drafting.templates import Field, Template

FieldValue = str | list[str]

LEGAL_BASIS_KEY = "legal_basis"
LEGAL_BASIS_LABEL = "法律依据"

_CITATION_PROBLEMS = {
    "unknown_law": "引用的法律在法规库中找不到，请核对法律名称。",
    "unknown_article": "引用的条文在该法律中不存在，请核对条号。",
    "repealed": "引用的法律或条文已废止或失效，请改引现行有效的规定。",
}


class Resolution(Protocol):
    """What drafting needs from ``knowledge.citations.Resolution``."""

    @property
    def status(self) -> str: ...

    @property
    def message_zh(self) -> str: ...


class CitationResolver(Protocol):
    """What drafting needs from ``knowledge.citations.CitationResolver``."""

    def resolve(self, text: str) -> Sequence[Resolution]: ...


@dataclass(frozen=True, slots=True)
class FieldError:
    """A problem with one field; ``message_zh`` is shown to the user as is."""

    key: str
    label_zh: str
    message_zh: str
    code: str = "document_invalid_field"


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return all(is_empty(x) for x in value)
    return False


def as_list(value: object) -> list[str]:
    """A list field's items: a list as given, or a string split at line breaks."""
    if isinstance(value, list | tuple):
        return [str(x).strip() for x in value if not is_empty(x)]
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


_LIST_SPLIT = re.compile(r"[、，,；;]+")


def parse_list(text: str) -> list[str]:
    """The items of a ``list`` field as typed: one per line, or, on a single line, separated by
    、，；(the kiosk form and the chat interview both read lists with this)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == 1:
        lines = [p.strip() for p in _LIST_SPLIT.split(lines[0]) if p.strip()]
    return lines


def missing_fields(template: Template, fields: Mapping[str, object]) -> list[Field]:
    """Required fields that are absent or blank, in template order."""
    return [f for f in template.required_fields if is_empty(fields.get(f.key))]


def _fact_to_value(field: Field, fact: object) -> FieldValue | None:
    if fact is None or isinstance(fact, bool) or is_empty(fact):
        return None
    if isinstance(fact, dt.date):
        return fact.isoformat()[:10]
    if isinstance(fact, Decimal | int | float):
        return str(fact)
    if isinstance(fact, list | tuple):
        items = as_list(fact)
        if field.type == "list":
            return items
        return "\n".join(items) if field.type == "multiline" else "、".join(items)
    if field.type == "list":
        return as_list(fact)
    return str(fact).strip()


def fill_from_facts(template: Template, facts: Mapping[str, object]) -> dict[str, FieldValue]:
    """Field values taken from conversation facts: the first non-empty fact key of each field."""
    out: dict[str, FieldValue] = {}
    for field in template.fields:
        for key in field.fact_keys:
            value = _fact_to_value(field, facts.get(key))
            if value is not None:
                out[field.key] = value
                break
    return out


def _check_value(field: Field, value: object, *, today: dt.date | None) -> str | None:
    items = value if isinstance(value, list | tuple) else [value]
    if any(_unprintable(str(item)) for item in items):
        return "内容中有无法识别的控制字符，请删除后重新填写。"
    text = "" if isinstance(value, list | tuple) else str(value).strip()
    match field.type:
        case "id_number":
            return v.check_id_number(text, today=today)
        case "phone":
            return v.check_phone(text)
        case "date":
            return v.check_date(text, not_future=field.not_future, today=today)
        case "amount":
            return v.check_amount(text)
        case "choice":
            if text not in field.choices:
                return f"请从以下选项中选择：{'、'.join(field.choices)}。"
        case "text" | "multiline" if len(text) > 5000:
            return "内容过长，请精简到5000字以内。"
    return None


def _unprintable(text: str) -> bool:
    """Characters a .docx (XML 1.0) cannot hold: C0 controls but tab/newline, surrogates,
    U+FFFE/U+FFFF; python-docx raises on them, so they are refused as a field error."""
    return any((ord(ch) < 0x20 and ch not in "\t\n\r") or 0xD800 <= ord(ch) <= 0xDFFF
               or ch in "\ufffe\uffff" for ch in text)


def _citation_errors(
    resolver: CitationResolver, key: str, label: str, texts: Iterable[str]
) -> list[FieldError]:
    errors: list[FieldError] = []
    for text in texts:
        for res in resolver.resolve(text):
            problem = _CITATION_PROBLEMS.get(res.status)
            if problem is None:
                continue
            cited = getattr(getattr(res, "citation", None), "raw", "") or text[:60]
            errors.append(FieldError(key, label, f"“{cited}”：{res.message_zh or problem}"))
    return errors


def validate(
    template: Template,
    fields: Mapping[str, object],
    *,
    resolver: CitationResolver | None = None,
    today: dt.date | None = None,
) -> list[FieldError]:
    """Problems with the filled fields (blank fields are ``missing_fields``' business).

    With a ``resolver``, the template's legal bases and any citation the user wrote inside a
    text field are resolved against the statute corpus, like the citations of an answer.
    """
    errors: list[FieldError] = []
    for field in template.fields:
        value = fields.get(field.key)
        if is_empty(value):
            continue
        problem = _check_value(field, value, today=today)
        if problem:
            errors.append(FieldError(field.key, field.label_zh, problem))
    if resolver is not None:
        errors += _citation_errors(
            resolver, LEGAL_BASIS_KEY, LEGAL_BASIS_LABEL, template.legal_basis
        )
        for field in template.fields:
            value = fields.get(field.key)
            if field.type in ("text", "multiline", "list") and not is_empty(value):
                errors += _citation_errors(resolver, field.key, field.label_zh, as_list(value))
    return errors


def require_complete(
    template: Template,
    fields: Mapping[str, object],
    *,
    resolver: CitationResolver | None = None,
) -> None:
    """Raise ``DocumentMissingFieldsError`` / ``DocumentInvalidFieldError`` unless renderable."""
    missing = missing_fields(template, fields)
    if missing:
        raise DocumentMissingFieldsError([f.label_zh for f in missing])
    errors = validate(template, fields, resolver=resolver)
    if errors:
        raise DocumentInvalidFieldError([(e.label_zh, e.message_zh) for e in errors])


def _question(field: Field) -> str:
    if field.question_zh:
        return field.question_zh
    q = f"请告诉我：{field.label_zh}。"
    if field.help_zh:
        q += field.help_zh
    if field.type == "choice":
        q += f"（可选：{'、'.join(field.choices)}）"
    return q


def next_question(template: Template, fields: Mapping[str, object]) -> str | None:
    """The one question to ask next in chat, in Chinese; ``None`` when nothing is missing.

    Missing required fields come first, in template order; then fields whose value failed
    validation are asked again with the reason.
    """
    missing = missing_fields(template, fields)
    if missing:
        return _question(missing[0])
    errors = validate(template, fields)
    if errors:
        e = errors[0]
        return f"您填写的“{e.label_zh}”需要修改：{e.message_zh}请重新告诉我。"
    return None
