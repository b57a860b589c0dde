from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.run import Run

from assistant.drafting.compose import _render_value
from assistant.drafting.errors import DocumentMissingFieldsError
from assistant.drafting.forms import as_list
from assistant.drafting.render import render_docx
from assistant.drafting.templates import Template, get_template, list_templates

TEMPLATES = list_templates()


def _east_asian_font(run: Run) -> str | None:
    fonts = run._element.xpath("./w:rPr/w:rFonts")
    return fonts[0].get(qn("w:eastAsia")) if fonts else None


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _expected_strings(tpl: Template) -> list[str]:
    """Each example value as the document shows it (dates 2024年3月1日, amounts 50,000.00)."""
    out: list[str] = []
    for f in tpl.fields:
        value = tpl.example[f.key]
        if f.type == "list":
            out += as_list(list(value))
        elif f.type == "multiline":
            out += as_list(value)
        elif value:
            out.append(_render_value(tpl, tpl.example, f.key, ""))
    return [s for s in out if s]


@pytest.mark.parametrize("tpl", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_every_template_renders_its_example(tpl: Template, tmp_path: Path) -> None:
    out = render_docx(tpl, tpl.example, tmp_path / f"{tpl.id}.docx")
    text = _docx_text(out)
    assert tpl.title in text
    for value in _expected_strings(tpl):
        assert value in text, f"{tpl.id}: {value!r} missing from the .docx"
    assert "{" not in text and "[" not in text, "no unfilled placeholder or segment"


def test_layout_follows_the_official_document_format(tmp_path: Path) -> None:
    tpl = get_template("labor_arbitration_application")
    doc = Document(str(render_docx(tpl, tpl.example, tmp_path / "a.docx")))
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.left_margin)
    assert [round(s.mm) for s in sizes if s is not None] == [210, 297, 37, 28]
    title = doc.paragraphs[0].runs[0]
    assert title.text == "劳动人事争议仲裁申请书" and title.font.size == Pt(22)
    assert _east_asian_font(title) == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text.startswith("申请人：张伟"))
    assert body.runs[0].font.size == Pt(16)
    assert _east_asian_font(body.runs[0]) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.first_line_indent == Pt(32)


def test_amounts_render_in_figures_and_words(tmp_path: Path) -> None:
    tpl = get_template("debt_acknowledgment")
    text = _docx_text(render_docx(tpl, tpl.example, tmp_path / "d.docx"))
    assert "人民币壹万贰仟捌佰元伍角整（¥12,800.50）" in text


def test_incomplete_data_fails_with_the_missing_labels(tmp_path: Path) -> None:
    tpl = get_template("protection_order_application")
    fields = {k: v for k, v in tpl.example.items() if k not in ("court", "requests")}
    out = tmp_path / "x.docx"
    with pytest.raises(DocumentMissingFieldsError) as e:
        render_docx(tpl, fields, out)
    assert e.value.missing_labels == ("请求事项", "受诉人民法院")
    assert not out.exists()
