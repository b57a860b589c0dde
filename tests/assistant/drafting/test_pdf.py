from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.drafting import pdf
from assistant.drafting.render import render_docx
from assistant.drafting.templates import get_template

needs_soffice = pytest.mark.skipif(
    pdf.find_soffice() is None,
    reason="LibreOffice (soffice) is not installed: only .docx is produced here; CI installs it",
)


@needs_soffice
def test_docx_converts_to_a_pdf_with_chinese_text(tmp_path: Path) -> None:
    """One conversion for the whole set (≈2-3 s). The page-1 PNG was inspected by eye when the
    layout was built: title centred, 仿宋-style body, tables inside the type area, "— 1 —"."""
    tpl = get_template("labor_arbitration_application")
    docx = render_docx(tpl, tpl.example, tmp_path / "申请书.docx")
    out = pdf.render_pdf(docx, tmp_path / "pdf")
    assert out is not None and out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert "劳动人事争议仲裁申请书" in text and "张伟" in text


def test_missing_libreoffice_means_docx_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    assert pdf.find_soffice() is None
    assert pdf.render_pdf(tmp_path / "a.docx", tmp_path) is None
    assert "LibreOffice" in pdf.NOT_INSTALLED_ZH and ".docx" in pdf.NOT_INSTALLED_ZH


def test_conversion_failure_is_a_chinese_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(fake))
    with pytest.raises(pdf.PdfConversionError) as e:
        pdf.render_pdf(tmp_path / "a.docx", tmp_path)
    assert e.value.code == "pdf_conversion_failed" and "PDF" in e.value.message
