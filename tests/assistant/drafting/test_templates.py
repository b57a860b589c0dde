from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.drafting.errors import TemplateInvalidError, TemplateUnknownError
from assistant.drafting.forms import missing_fields, validate
from assistant.drafting.templates import (
    TEMPLATES_DIR,
    Template,
    get_template,
    list_templates,
    load_template,
)
from knowledge.corpus import Corpus, law_key, load_statutes
from knowledge.numerals import cn_to_int

TEMPLATES = list_templates()
IDS = [t.id for t in TEMPLATES]
_CITATION = re.compile(r"^《([^》]+)》第([零〇一二三四五六七八九十百千]+)条$")


@pytest.fixture(scope="module")
def corpus(data_dir: Path) -> Corpus:
    return Corpus(tuple(load_statutes(data_dir / "statutes")))


def test_the_issue_templates_are_all_present() -> None:
    required = {
        "labor_arbitration_application",
        "civil_complaint",
        "civil_complaint_divorce",
        "civil_complaint_private_lending",
        "civil_complaint_labor",
        "civil_complaint_traffic",
        "defense_statement",
        "legal_aid_application",
        "people_mediation_application",
        "work_injury_recognition_application",
        "administrative_reconsideration_application",
        "divorce_agreement",
        "loan_note",
        "debt_acknowledgment",
        "protection_order_application",
    }
    assert required <= set(IDS)


@pytest.mark.parametrize("tpl", TEMPLATES, ids=IDS)
def test_template_is_well_formed(tpl: Template) -> None:
    assert tpl.title and len(tpl.source) > 30, "each template names the sample it follows"
    assert tpl.required_fields
    for f in tpl.fields:
        assert re.search(r"[\u4e00-\u9fff]", f.label_zh), f.key
    assert set(tpl.example) == {f.key for f in tpl.fields}, "the example fills every field"
    assert missing_fields(tpl, tpl.example) == []
    assert validate(tpl, tpl.example) == []


@pytest.mark.parametrize("tpl", TEMPLATES, ids=IDS)
def test_every_cited_article_exists_in_the_pack(tpl: Template, corpus: Corpus) -> None:
    for citation in tpl.legal_basis:
        m = _CITATION.match(citation)
        assert m, citation
        article = corpus.find(law_key(m[1]), cn_to_int(m[2]))
        assert article is not None, f"{citation} not in the statute pack"
        assert article.law == m[1], f"{citation}: title differs from the pack ({article.law})"


def test_cited_articles_say_what_templates_rely_on(corpus: Corpus) -> None:
    """Spot checks that the article text matches the template's use of it (grep, not memory)."""
    expect = {
        ("劳动争议调解仲裁法", 28): "仲裁申请书应当载明",
        ("劳动争议调解仲裁法", 5): "可以向劳动争议仲裁委员会申请仲裁",
        ("民事诉讼法", 124): "起诉状应当记明",
        ("民事诉讼法", 128): "提出答辩状",
        ("民法典", 1076): "书面离婚协议",
        ("民法典", 668): "利率、期限和还款方式",
        ("民法典", 680): "视为没有利息",
        ("法律援助法", 41): "如实说明经济困难状况",
        ("人民调解法", 17): "向人民调解委员会申请调解",
        ("工伤保险条例", 18): "工伤认定申请表应当包括",
        ("行政复议法", 20): "六十日内提出行政复议申请",
        ("反家庭暴力法", 29): "禁止被申请人实施家庭暴力",
        ("最高人民法院关于审理民间借贷案件适用法律若干问题的规定", 2): "欠条",
    }
    for (law, no), phrase in expect.items():
        article = corpus.find(law, no)
        assert article is not None and phrase in article.text, (law, no)


def test_unknown_template_lists_the_known_ones() -> None:
    with pytest.raises(TemplateUnknownError) as e:
        get_template("no_such_template")
    assert e.value.code == "template_unknown"
    assert "no_such_template" in e.value.message and "loan_note" in e.value.message


def test_malformed_templates_are_refused(tmp_path: Path) -> None:
    raw = json.loads((TEMPLATES_DIR / "loan_note.json").read_text(encoding="utf-8"))
    raw["sections"][0]["paragraphs"].append("{no_such_field}")
    bad = tmp_path / "loan_note.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateInvalidError, match="no_such_field"):
        load_template(bad)
    renamed = tmp_path / "other.json"
    renamed.write_text((TEMPLATES_DIR / "loan_note.json").read_text(encoding="utf-8"))
    with pytest.raises(TemplateInvalidError, match="file name"):
        load_template(renamed)
