"""Legal documents: templates, preview, draft (stored), and download as .docx or PDF by ID."""

from __future__ import annotations

import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import ServicesDep
from assistant.conversation import get_session
from assistant.db.store import StoredDocument
from assistant.drafting import (
    get_template,
    list_templates,
    missing_fields,
    preview_text,
    render_docx,
    render_pdf,
    validate,
)
from assistant.drafting.pdf import NOT_INSTALLED_ZH
from assistant.services import Services
from knowledge.errors import LegalAidError

router = APIRouter(prefix="/v1/documents", tags=["documents"])

DOCUMENT_ID_RE = re.compile(r"[0-9a-f]{32}")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FieldValues = dict[str, str | list[str]]


class DocumentIdInvalidError(LegalAidError):
    code = "document_id_invalid"
    message = "文书编号格式不正确。"


class DocumentNotFoundError(LegalAidError):
    code = "document_not_found"
    message = "找不到这份文书，可能已过保存期限被删除，请重新生成。"


class PdfNotAvailableError(LegalAidError):
    code = "pdf_not_available"
    message = "这份文书没有 PDF 版本，请下载 Word（.docx）文件。"


class FieldOut(BaseModel):
    key: str
    label: str
    type: str
    required: bool
    help: str = ""
    choices: list[str] = Field(default_factory=list)


class TemplateOut(BaseModel):
    id: str
    title: str
    subtitle: str
    category: str
    fields: list[FieldOut]


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template_id: str = Field(max_length=64)
    fields: FieldValues = Field(default_factory=dict)
    session_id: str | None = None  # ties the document to a conversation (deleted with it)
    pdf: bool = False  # also convert to PDF (needs LibreOffice; takes a few seconds)


class Problem(BaseModel):
    field: str
    label: str
    message: str


class PreviewResponse(BaseModel):
    template_id: str
    text: str
    missing: list[str]  # labels of required fields still blank
    problems: list[Problem]


class DocumentOut(BaseModel):
    document_id: str
    template_id: str
    title: str
    created_at: datetime
    preview: str
    downloads: dict[str, str | None]
    notice: str = ""


@router.get("/templates", response_model=list[TemplateOut], summary="文书模板列表")
def templates() -> list[TemplateOut]:
    return [
        TemplateOut(id=t.id, title=t.title, subtitle=t.subtitle, category=t.category, fields=[
            FieldOut(key=f.key, label=f.label_zh, type=f.type, required=f.required,
                     help=f.help_zh, choices=list(f.choices)) for f in t.fields])
        for t in list_templates()
    ]


@router.post("/preview", response_model=PreviewResponse, summary="预览文书（不保存）")
def preview(body: DraftRequest, services: ServicesDep) -> PreviewResponse:
    tpl = get_template(body.template_id)
    problems = validate(tpl, body.fields, resolver=services.citation_resolver())
    return PreviewResponse(
        template_id=tpl.id,
        text=preview_text(tpl, body.fields),
        missing=[f.label_zh for f in missing_fields(tpl, body.fields)],
        problems=[Problem(field=p.key, label=p.label_zh, message=p.message_zh) for p in problems],
    )


@router.post("", response_model=DocumentOut, status_code=201, summary="生成并保存文书")
def draft(body: DraftRequest, services: ServicesDep) -> DocumentOut:
    tpl = get_template(body.template_id)
    if body.session_id is not None:
        get_session(services, body.session_id)  # must exist: the document is deleted with it
    with tempfile.TemporaryDirectory(prefix="legalaid-doc-") as tmp:
        docx = render_docx(tpl, body.fields, Path(tmp) / "document.docx",
                           resolver=services.citation_resolver())
        pdf = render_pdf(docx, Path(tmp) / "pdf") if body.pdf else None
        stored = services.documents.add(
            session_id=body.session_id, template_id=tpl.id, fields=dict(body.fields),
            docx=docx.read_bytes(), pdf=pdf.read_bytes() if pdf else None)
    notice = NOT_INSTALLED_ZH if body.pdf and stored.pdf is None else ""
    return _out(stored, notice=notice)


@router.get("/{document_id}", response_model=DocumentOut, summary="文书信息与预览")
def read(document_id: str, services: ServicesDep) -> DocumentOut:
    return _out(_load(services, document_id))


@router.get("/{document_id}/{fmt}", summary="下载文书（docx 或 pdf）",
            responses={200: {"content": {DOCX_TYPE: {}, "application/pdf": {}}}})
def download(document_id: str, fmt: Literal["docx", "pdf"],
             services: ServicesDep) -> Response:
    doc = _load(services, document_id)
    data = doc.docx if fmt == "docx" else doc.pdf
    if data is None:
        raise PdfNotAvailableError(document_id)
    title = get_template(doc.template_id).title
    filename = quote(f"{title}.{fmt}")
    return Response(
        content=data,
        media_type=DOCX_TYPE if fmt == "docx" else "application/pdf",
        headers={"Content-Disposition":
                 f"attachment; filename=\"document.{fmt}\"; filename*=UTF-8''{filename}",
                 "Cache-Control": "no-store"},
    )


def _load(services: Services, document_id: str) -> StoredDocument:
    # Strict: the ID is only ever a database key, but nothing but 32 hex digits gets that far.
    if not DOCUMENT_ID_RE.fullmatch(document_id):
        raise DocumentIdInvalidError(repr(document_id)[:80])
    doc = services.documents.get(document_id)
    if doc is None:
        raise DocumentNotFoundError(document_id)
    return doc


def _out(doc: StoredDocument, *, notice: str = "") -> DocumentOut:
    tpl = get_template(doc.template_id)
    base = f"/v1/documents/{doc.id}"
    return DocumentOut(
        document_id=doc.id, template_id=doc.template_id, title=tpl.title + tpl.subtitle,
        created_at=doc.created_at, preview=preview_text(tpl, doc.fields),
        downloads={"docx": f"{base}/docx", "pdf": f"{base}/pdf" if doc.pdf else None},
        notice=notice,
    )


