from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.drafting.compose import fill_text
from assistant.drafting.errors import DocumentInvalidFieldError, DocumentMissingFieldsError
from assistant.drafting.forms import (
    fill_from_facts,
    missing_fields,
    next_question,
    require_complete,
    validate,
)
from assistant.drafting.preview import preview_text
from assistant.drafting.templates import get_template


def test_missing_fields_are_listed_in_order_with_chinese_labels() -> None:
    tpl = get_template("loan_note")
    fields = dict(tpl.example)
    del fields["amount"], fields["borrower_name"]
    fields["due_date"] = "  "
    labels = [f.label_zh for f in missing_fields(tpl, fields)]
    assert labels == ["借款人姓名", "借款金额（元）", "还款日期"]
    with pytest.raises(DocumentMissingFieldsError) as e:
        require_complete(tpl, fields)
    assert e.value.code == "document_missing_fields"
    assert e.value.missing_labels == tuple(labels)
    assert "借款人姓名、借款金额（元）、还款日期" in e.value.message


def test_next_question_asks_one_thing_at_a_time() -> None:
    tpl = get_template("labor_arbitration_application")
    fields: dict[str, object] = {}
    q = next_question(tpl, fields)
    assert q is not None and "申请人姓名" in q
    fields["applicant_name"] = "张伟"
    q = next_question(tpl, fields)
    assert q is not None and "申请人性别" in q and "男、女" in q
    full = dict(tpl.example)
    full["applicant_phone"] = "12345"
    q = next_question(tpl, full)
    assert q is not None and "联系电话" in q and "重新" in q
    assert next_question(tpl, tpl.example) is None


def test_fill_from_facts_uses_fact_keys_and_converts_types() -> None:
    tpl = get_template("labor_arbitration_application")
    facts = {
        "applicant_name": "张伟",
        "employer_name": "北京示例科技有限公司",
        "claims": ("支付工资30000元", "支付经济补偿20000元"),
        "sign_date": dt.date(2025, 3, 10),
        "facts": ["入职两年", "拖欠工资"],
        "unrelated": "x",
        "applicant_phone": "",
    }
    fields = fill_from_facts(tpl, facts)
    assert fields == {
        "applicant_name": "张伟",
        "employer_name": "北京示例科技有限公司",
        "claims": ["支付工资30000元", "支付经济补偿20000元"],
        "facts": "入职两年\n拖欠工资",
        "sign_date": "2025-03-10",
    }
    lending = fill_from_facts(get_template("loan_note"), {"amount": Decimal("5000.5")})
    assert lending == {"amount": "5000.5"}


def test_validate_reports_each_bad_field() -> None:
    tpl = get_template("loan_note")
    fields = dict(tpl.example)
    fields.update(
        borrower_id_number="320102198805122719",
        borrower_phone="123",
        amount="5万",
        loan_date="2024-02-30",
    )
    errors = {e.key: e.message_zh for e in validate(tpl, fields)}
    assert set(errors) == {"borrower_id_number", "borrower_phone", "amount", "loan_date"}
    assert "校验位" in errors["borrower_id_number"]
    with pytest.raises(DocumentInvalidFieldError) as e:
        require_complete(tpl, fields)
    assert "借款人公民身份号码" in e.value.message and e.value.code == "document_invalid_field"


def test_choice_fields_only_accept_their_choices() -> None:
    tpl = get_template("civil_complaint")
    fields = dict(tpl.example, plaintiff_gender="未知")
    [error] = validate(tpl, fields)
    assert error.key == "plaintiff_gender" and "男、女" in error.message_zh


def test_citations_are_resolved_like_answers(data_dir: Path) -> None:
    citations = pytest.importorskip("knowledge.citations")
    from knowledge.corpus import Corpus, load_statutes

    resolver = citations.CitationResolver(Corpus(tuple(load_statutes(data_dir / "statutes"))))
    tpl = get_template("civil_complaint")
    assert validate(tpl, tpl.example, resolver=resolver) == []
    fields = dict(tpl.example, claim_basis="《中华人民共和国民法典》第九千条")
    [error] = validate(tpl, fields, resolver=resolver)
    assert error.key == "claim_basis" and "第九千条" in error.message_zh


def test_optional_segments_leave_no_dangling_punctuation() -> None:
    tpl = get_template("civil_complaint")
    fields = dict(tpl.example)
    del fields["defendant_id_number"], fields["defendant_phone"]
    text = "被告：{defendant_name}[，公民身份号码：{defendant_id_number}][，联系电话：{defendant_phone}]。"
    line = fill_text(tpl, fields, text)
    assert line == "被告：王强。"
    assert fill_text(tpl, {}, "[（{case_number}）]") is None
    braces = dict(fields, defendant_name="{plaintiff_name}")
    assert fill_text(tpl, braces, "{defendant_name}") == "{plaintiff_name}"


def test_preview_shows_values_and_amount_in_words() -> None:
    tpl = get_template("loan_note")
    text = preview_text(tpl, tpl.example)
    assert text.lstrip("\u3000").startswith("借条")
    assert "人民币伍万元整（¥50,000.00）" in text
    assert "2024年3月1日" in text and "11010819920818456X" in text
