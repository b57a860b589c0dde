"""Legal documents: the ONE path the API, the kiosk and the CLI draft through.

``check`` previews a filled template (missing and invalid fields, the plain-text layout);
``render`` validates and writes the .docx (and the PDF when asked and LibreOffice is there);
``draft`` renders and stores the document under its session, so 新对话 deletes it too.
Citations in documents are checked with the engine's resolver (``Services.resolver``).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.app import Services
from assistant.db.store import StoredDocument
from assistant.drafting import (
    Template,
    fill_from_facts,
    get_template,
    list_templates,
    missing_fields,
    preview_text,
    render_docx,
    render_pdf,
    validate,
)
from assistant.drafting.forms import CitationResolver, FieldValue
from assistant.drafting.interview import drafting_facts
from assistant.drafting.pdf import NOT_INSTALLED_ZH
from assistant.models import SessionState
from assistant.usecases.chat import get_session
from assistant.usecases.errors import DocumentIdInvalidError, DocumentNotFoundError

DOCUMENT_ID_RE = re.compile(r"[0-9a-f]{32}")
Fields = Mapping[str, FieldValue]


@dataclass(frozen=True, slots=True)
class Problem:
    key: str
    label: str
    message: str


@dataclass(frozen=True, slots=True)
class Checked:
    template: Template
    text: str
    missing: list[str]  # labels of required fields still blank
    problems: list[Problem]  # invalid values, and citations that do not resolve


@dataclass(frozen=True, slots=True)
class Rendered:
    template: Template
    docx: bytes
    pdf: bytes | None
    notice: str  # e.g. "PDF not available on this machine"


@dataclass(frozen=True, slots=True)
class Drafted:
    document: StoredDocument
    notice: str


# The document a category's route needs first. A labour dispute goes to arbitration before any
# court (劳动争议调解仲裁法第五条, 第四十七条 — the labour complaint is for after the award); a
# work injury starts with the 工伤认定 application (工伤保险条例第十七条).
FIRST_DOCUMENT: dict[str, str] = {
    "labor_wages": "labor_arbitration_application",
    "work_injury": "work_injury_recognition_application",
    "vulnerable_groups_dv": "protection_order_application",
    "administrative": "administrative_reconsideration_application",
}
LATER_DOCUMENT_NOTE: dict[str, str] = {
    "civil_complaint_labor": "仲裁后不服裁决时再用",
}
"""Templates that come later on their route, with when to use them."""


def suggested_templates(category: str | None) -> list[Template]:
    """The document the category's route needs first, then the category's other templates,
    then the general ones (起诉状, 法律援助申请表 …)."""
    templates = list_templates()
    own = [t for t in templates if category and t.category == category]
    first = FIRST_DOCUMENT.get(category or "")
    own.sort(key=lambda t: (t.id != first, t.id in LATER_DOCUMENT_NOTE))
    return own + [t for t in templates if t not in own]


def first_document(category: str | None) -> str | None:
    """The template the category's route needs first (the kiosk marks it 推荐)."""
    first = FIRST_DOCUMENT.get(category or "")
    if first:
        return first
    own = suggested_templates(category)
    return own[0].id if own and category and own[0].category == category else None


def prefill(services: Services, template: Template,
            state: SessionState | None) -> dict[str, FieldValue]:
    """The fields the conversation already answered (sign date from the service's clock)."""
    return fill_from_facts(template, drafting_facts(state, today=services.clock(),
                                                    template_id=template.id))


def check(services: Services, template_id: str, fields: Fields) -> Checked:
    """Preview ``fields`` without storing anything."""
    tpl = get_template(template_id)
    problems = validate(tpl, fields, resolver=services.resolver, today=services.clock())
    return Checked(
        template=tpl, text=preview_text(tpl, fields),
        missing=[f.label_zh for f in missing_fields(tpl, fields)],
        problems=[Problem(p.key, p.label_zh, p.message_zh) for p in problems],
    )


def render(template: Template, fields: Fields, *, resolver: CitationResolver | None,
           pdf: bool) -> Rendered:
    """Validate and render; raises ``DocumentMissingFieldsError`` / ``DocumentInvalidFieldError``."""
    with tempfile.TemporaryDirectory(prefix="legalaid-doc-") as tmp:
        docx = render_docx(template, fields, Path(tmp) / "document.docx", resolver=resolver)
        pdf_path = render_pdf(docx, Path(tmp) / "pdf") if pdf else None
        return Rendered(template=template, docx=docx.read_bytes(),
                        pdf=pdf_path.read_bytes() if pdf_path else None,
                        notice=NOT_INSTALLED_ZH if pdf and pdf_path is None else "")


def draft(services: Services, *, template_id: str, fields: Fields, session_id: str | None,
          pdf: bool) -> Drafted:
    """Render and store a document (tied to ``session_id`` when given: deleted with it)."""
    tpl = get_template(template_id)
    if session_id is not None:
        get_session(services, session_id)  # must exist: the document is deleted with it
    out = render(tpl, fields, resolver=services.resolver, pdf=pdf)
    stored = services.documents.add(session_id=session_id, template_id=tpl.id,
                                    fields=dict(fields), docx=out.docx, pdf=out.pdf)
    return Drafted(stored, out.notice)


def load_document(services: Services, document_id: str) -> StoredDocument:
    # Strict: the ID is only ever a database key, but nothing but 32 hex digits gets that far.
    if not DOCUMENT_ID_RE.fullmatch(document_id):
        raise DocumentIdInvalidError(repr(document_id)[:80])
    doc = services.documents.get(document_id)
    if doc is None:
        raise DocumentNotFoundError(document_id)
    return doc
