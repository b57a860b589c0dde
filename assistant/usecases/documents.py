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


def suggested_templates(category: str | None) -> list[Template]:
    """The category's own templates first, then the general ones (起诉状, 法律援助申请表 …)."""
    templates = list_templates()
    own = [t for t in templates if category and t.category == category]
    return own + [t for t in templates if t not in own]


def prefill(services: Services, template: Template,
            state: SessionState | None) -> dict[str, FieldValue]:
    """The fields the conversation already answered (sign date from the service's clock)."""
    return fill_from_facts(template, drafting_facts(state, today=services.clock()))


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
