"""Filled template -> .docx (python-docx) in the GB/T 9704-2012 official-document layout.

A4 paper; margins from the standard's type area (版心 156 mm × 225 mm, 天头 37 mm, 订口 28 mm);
title in 方正小标宋简体 二号 (22 pt) centred; body in 仿宋_GB2312 三号 (16 pt) with a fixed 28-pt
line pitch and a two-character first-line indent; headings in 黑体 三号. The .docx names these
official fonts (what courts and offices have installed); ``pdf.py`` maps them to fonts present
on this machine when converting, so the file itself stays correct for its reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from assistant.drafting.compose import Block, compose
from assistant.drafting.forms import CitationResolver, require_complete
from assistant.drafting.templates import Template


@dataclass(frozen=True, slots=True)
class FontSet:
    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading: str = "黑体"
    latin: str = "Times New Roman"


OFFICIAL_FONTS = FontSet()
TITLE_PT, BODY_PT, TABLE_PT, LINE_PT = 22, 16, 14, 28

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _set_font(run: Run, east_asian: str, latin: str, size_pt: float, *, bold: bool = False) -> None:
    run.font.name = latin
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    # python-docx's font.name only sets ascii/hAnsi; Chinese glyphs follow w:eastAsia.
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _spacing(p: DocxParagraph, *, line_pt: float = LINE_PT, before: float = 0) -> None:
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line_pt)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)


def _page_setup(doc: DocxDocument) -> None:
    for s in doc.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin = Mm(37), Mm(35)
        s.left_margin, s.right_margin = Mm(28), Mm(26)
        s.footer_distance = Mm(28)


def _page_number_footer(doc: DocxDocument, fonts: FontSet) -> None:
    """Footer "— N —" in 宋体 四号, the standard's page-number style."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run("— "), "宋体", fonts.latin, 14)
    run = p.add_run()
    _set_font(run, "宋体", fonts.latin, 14)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _set_font(p.add_run(" —"), "宋体", fonts.latin, 14)


def _add_para(doc: DocxDocument, block: Block, fonts: FontSet) -> None:
    p = doc.add_paragraph()
    p.alignment = _ALIGN[block.align]
    _spacing(p)
    if block.kind == "heading":
        _set_font(p.add_run(block.text), fonts.heading, fonts.latin, BODY_PT)
        return
    if block.indent and block.align in ("justify", "left"):
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    _set_font(p.add_run(block.text), fonts.body, fonts.latin, BODY_PT)


def _fill_cell(cell: _Cell, text: str, fonts: FontSet, *, bold: bool = False) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        _spacing(p, line_pt=22)
        _set_font(p.add_run(line), fonts.body, fonts.latin, TABLE_PT, bold=bold)


def _add_table(doc: DocxDocument, block: Block, fonts: FontSet) -> None:
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Mm(46), Mm(110))  # together the 156-mm type area
    for label, value in block.rows:
        row = table.add_row()
        row.cells[0].width, row.cells[1].width = widths
        _fill_cell(row.cells[0], label, fonts, bold=True)
        _fill_cell(row.cells[1], value, fonts)
    # LibreOffice lays tables out from w:tblGrid, Word from the cell widths: set both.
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width


def _add_title(doc: DocxDocument, title: str, subtitle: str, fonts: FontSet) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, line_pt=36)
    _set_font(p.add_run(title), fonts.title, fonts.latin, TITLE_PT)
    if subtitle:
        s = doc.add_paragraph()
        s.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(s)
        _set_font(s.add_run(subtitle), fonts.body, fonts.latin, BODY_PT)
    _spacing(doc.add_paragraph())  # one blank line between title and body, as in the samples


def build_docx(
    template: Template, fields: Mapping[str, object], *, fonts: FontSet = OFFICIAL_FONTS
) -> DocxDocument:
    """The python-docx document (no completeness check; see ``render_docx``)."""
    doc = Document()
    _page_setup(doc)
    _page_number_footer(doc, fonts)
    composed = compose(template, fields)
    _add_title(doc, composed.title, composed.subtitle, fonts)
    for block in composed.blocks:
        if block.kind == "table":
            _add_table(doc, block, fonts)
        else:
            _add_para(doc, block, fonts)
    doc.core_properties.title = composed.title
    doc.core_properties.author = ""
    return doc


def render_docx(
    template: Template,
    fields: Mapping[str, object],
    out: Path,
    *,
    fonts: FontSet = OFFICIAL_FONTS,
    resolver: CitationResolver | None = None,
) -> Path:
    """Validate ``fields`` and write the .docx to ``out``; returns ``out``.

    Raises ``DocumentMissingFieldsError`` (with the missing labels) or
    ``DocumentInvalidFieldError`` before writing anything; with a ``resolver`` the cited legal
    bases are checked against the statute corpus too.
    """
    require_complete(template, fields, resolver=resolver)
    doc = build_docx(template, fields, fonts=fonts)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
