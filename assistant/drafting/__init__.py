"""Legal document drafting: templates as data, filled from conversation facts, to .docx/PDF.

Typical use: ``tpl = get_template("labor_arbitration_application")``; ``fields =
fill_from_facts(tpl, facts)``; ask ``next_question(tpl, fields)`` until it returns ``None``;
show ``preview_text(tpl, fields)``; then ``render_docx(tpl, fields, out)`` and optionally
``render_pdf(docx, out_dir)`` (``None`` when LibreOffice is not installed).
"""

from __future__ import annotations

from assistant.drafting.forms import (
    FieldError,
    fill_from_facts,
    missing_fields,
    next_question,
    validate,
)
from assistant.drafting.pdf import render_pdf
from assistant.drafting.preview import preview_text
from assistant.drafting.render import render_docx
from assistant.drafting.templates import Field, Template, get_template, list_templates
from assistant.drafting.validators import amount_to_chinese_upper

__all__ = [
    "Field",
    "FieldError",
    "Template",
    "amount_to_chinese_upper",
    "fill_from_facts",
    "get_template",
    "list_templates",
    "missing_fields",
    "next_question",
    "preview_text",
    "render_docx",
    "render_pdf",
    "validate",
]
