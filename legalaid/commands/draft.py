"""``legalaid draft`` — list templates, or fill one from a JSON file into .docx (+ PDF)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from legalaid.errors import FieldsFileError

if TYPE_CHECKING:
    from assistant.config import Settings
    from knowledge.citations import CitationResolver

HELP = "起草法律文书：列出模板，或按字段文件生成 .docx（装有 LibreOffice 时同时生成 PDF）。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("template", nargs="?", help="template id (see --list)")
    parser.add_argument("--list", action="store_true", help="list the templates and exit")
    parser.add_argument("--fields", type=Path, help="JSON object of field values")
    parser.add_argument("--example", action="store_true", help="use the built-in worked example")
    parser.add_argument("--out", type=Path, help="output .docx path")
    parser.add_argument("--preview", action="store_true", help="print the plain-text preview")
    parser.add_argument("--no-pdf", action="store_true", help="do not convert to PDF")
    parser.add_argument(
        "--no-verify-citations",
        action="store_true",
        help="skip resolving cited articles against the statute pack",
    )


def _read_fields(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise FieldsFileError(str(e)) from e
    if not isinstance(data, dict):
        raise FieldsFileError("not a JSON object")
    return data


def _resolver(settings: Settings) -> CitationResolver:
    """The engine's resolver over the configured index; without an index (not built yet), over
    the pack's curated statutes, said on stderr."""
    from assistant.app import build_resolver, load_knowledge
    from knowledge.corpus import Corpus, load_statutes
    from knowledge.errors import DataMissingError, IndexMissingError

    try:
        return build_resolver(load_knowledge(settings).corpus)
    except IndexMissingError:
        print("提示：知识库索引还没有建立，引用的条文按法规数据包核对。", file=sys.stderr)
    statutes = settings.data_dir / "statutes"
    if not statutes.is_dir():
        raise DataMissingError(str(statutes))
    return build_resolver(Corpus(tuple(load_statutes(statutes))))


def _list() -> int:
    from assistant.drafting.templates import list_templates

    for tpl in list_templates():
        name = tpl.title + tpl.subtitle
        print(f"{tpl.id:<45} {name}")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.drafting.errors import DocumentMissingFieldsError
    from assistant.drafting.preview import preview_text
    from assistant.drafting.templates import get_template
    from assistant.usecases import render

    if args.list or not args.template:
        return _list()
    tpl = get_template(args.template)
    if args.example:
        fields: dict[str, object] = {
            k: list(v) if isinstance(v, tuple) else v for k, v in tpl.example.items()
        }
    elif args.fields:
        fields = _read_fields(args.fields)
    else:
        raise DocumentMissingFieldsError([f.label_zh for f in tpl.required_fields])
    resolver = None if args.no_verify_citations else _resolver(settings)
    out = render(tpl, fields, resolver=resolver, pdf=bool(args.out) and not args.no_pdf)  # type: ignore[arg-type]
    if args.preview or not args.out:
        print(preview_text(tpl, fields), end="")
    if not args.out:
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(out.docx)
    print(f"已生成：{args.out}")
    if out.pdf is not None:
        pdf = args.out.with_suffix(".pdf")
        pdf.write_bytes(out.pdf)
        print(f"已生成：{pdf}")
    elif out.notice:
        print(out.notice)
    return 0
