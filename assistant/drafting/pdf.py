""".docx -> PDF through LibreOffice (``soffice --headless --convert-to pdf``), when installed.

LibreOffice is the one heavy external tool of drafting, so it lives in this module only. The
.docx names the official fonts (方正小标宋简体, 仿宋_GB2312, 黑体); machines without them get a
fontconfig alias to the CJK fonts that are present, so the PDF shows real Chinese glyphs instead
of boxes. Conversion runs with a private LibreOffice profile so parallel runs do not collide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from assistant.drafting.errors import PdfConversionError

NOT_INSTALLED_ZH = (
    "本机没有安装 LibreOffice，只能生成 Word（.docx）文件，无法转换为 PDF。"
    "管理员可运行 `apt-get install libreoffice-writer fonts-noto-cjk` 安装。"
)
DEFAULT_TIMEOUT_S = 120.0

# Official font -> present fallbacks, tried in order (Noto CJK ships with fonts-noto-cjk).
_FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "方正小标宋简体": ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "SimSun"),
    "仿宋_GB2312": ("FangSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    "宋体": ("SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    "黑体": ("SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"),
}


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or ``None`` when it is not installed."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_available() -> bool:
    return find_soffice() is not None


def _fontconfig_file(workdir: Path) -> Path:
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer>'
        + "".join(f"<family>{f}</family>" for f in fallbacks)
        + "</prefer></alias>"
        for name, fallbacks in _FONT_ALIASES.items()
    )
    conf = workdir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"{aliases}</fontconfig>",
        encoding="utf-8",
    )
    return conf


def render_pdf(docx: Path, out_dir: Path, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> Path | None:
    """Convert ``docx`` to ``out_dir/<stem>.pdf``; ``None`` when LibreOffice is not installed.

    Raises ``PdfConversionError`` when LibreOffice is present but fails or times out.
    """
    soffice = find_soffice()
    if soffice is None:
        return None
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="legalaid-soffice-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig_file(work)), HOME=str(work))
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as e:
            raise PdfConversionError(f"soffice timed out after {timeout_s}s") from e
    pdf = out_dir / f"{docx.stem}.pdf"
    if proc.returncode != 0 or not pdf.is_file():
        detail = proc.stderr.decode("utf-8", "replace")[-500:]
        raise PdfConversionError(f"soffice exit {proc.returncode}: {detail}")
    return pdf
