"""Legal documents: templates, preview, draft (stored), and download as .docx or PDF by ID."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import ServicesDep
from assistant.db.store import StoredDocument
from assistant.drafting import get_template, list_templates, preview_text
from assistant.usecases import check, load_document
from assistant.usecases import draft as draft_document
from assistant.usecases.errors import PdfNotAvailableError

router = APIRouter(prefix="/v1/documents", tags=["documents"])

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FieldValues = dict[str, str | list[str]]


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
    checked = check(services, body.template_id, body.fields)
    return PreviewResponse(
        template_id=checked.template.id, text=checked.text, missing=checked.missing,
        problems=[Problem(field=p.key, label=p.label, message=p.message)
                  for p in checked.problems],
    )


@router.post("", response_model=DocumentOut, status_code=201, summary="生成并保存文书")
def draft(body: DraftRequest, services: ServicesDep) -> DocumentOut:
    drafted = draft_document(services, template_id=body.template_id, fields=body.fields,
                             session_id=body.session_id, pdf=body.pdf)
    return _out(drafted.document, notice=drafted.notice)


@router.get("/{document_id}", response_model=DocumentOut, summary="文书信息与预览")
def read(document_id: str, services: ServicesDep) -> DocumentOut:
    return _out(load_document(services, document_id))


@router.get("/{document_id}/{fmt}", summary="下载文书（docx 或 pdf）",
            responses={200: {"content": {DOCX_TYPE: {}, "application/pdf": {}}}})
def download(document_id: str, fmt: Literal["docx", "pdf"],
             services: ServicesDep) -> Response:
    doc = load_document(services, document_id)
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


def _out(doc: StoredDocument, *, notice: str = "") -> DocumentOut:
    tpl = get_template(doc.template_id)
    base = f"/v1/documents/{doc.id}"
    return DocumentOut(
        document_id=doc.id, template_id=doc.template_id, title=tpl.title + tpl.subtitle,
        created_at=doc.created_at, preview=preview_text(tpl, doc.fields),
        downloads={"docx": f"{base}/docx", "pdf": f"{base}/pdf" if doc.pdf else None},
        notice=notice,
    )


