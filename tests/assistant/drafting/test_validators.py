from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.drafting.validators import (
    MAX_AMOUNT,
    amount_to_chinese_upper,
    check_amount,
    check_date,
    check_id_number,
    check_phone,
    format_date_zh,
    id_check_digit,
    parse_amount,
)

_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}


def _parse_upper(s: str) -> Decimal:
    """Independent oracle: read a 大写 amount back into a Decimal."""
    yuan_part, _, rest = s.partition("元") if "元" in s else ("", "", s)
    total = section = digit = 0
    for ch in yuan_part.replace("万亿", "兆"):
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _SMALL:
            section += digit * _SMALL[ch]
            digit = 0
        elif ch in "万亿兆":
            unit = {"万": 10**4, "亿": 10**8, "兆": 10**12}[ch]
            total += (section + digit) * unit
            section = digit = 0
    yuan = total + section + digit
    jiao = fen = 0
    rest = rest.rstrip("整")
    if "角" in rest:
        jiao = _DIGIT[rest[rest.index("角") - 1]]
    if "分" in rest:
        fen = _DIGIT[rest[rest.index("分") - 1]]
    return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "零元整"),
        ("10", "壹拾元整"),
        ("100.05", "壹佰元零伍分"),
        ("1,000,000,000.01", "壹拾亿元零壹分"),
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("100010000", "壹亿零壹万元整"),
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("0.05", "伍分"),
        ("0.50", "伍角整"),
        ("¥50,000元", "伍万元整"),
        (Decimal("1010"), "壹仟零壹拾元整"),
        (12, "壹拾贰元整"),
    ],
)
def test_amount_to_chinese_upper_examples(value: str | Decimal | int, expected: str) -> None:
    assert amount_to_chinese_upper(value) == expected


@pytest.mark.parametrize("bad", ["-1", "1.005", "5万", "abc", "", "1e3", "99999999999999999"])
def test_amount_rejects_bad_input_with_chinese_message(bad: str) -> None:
    with pytest.raises(ValueError, match="金额"):
        amount_to_chinese_upper(bad)
    assert check_amount(bad)


@given(st.integers(min_value=0, max_value=int(MAX_AMOUNT * 100)))
def test_amount_upper_round_trips(cents: int) -> None:
    value = Decimal(cents) / 100
    text = amount_to_chinese_upper(value)
    assert _parse_upper(text) == value
    assert "零零" not in text
    assert text.endswith("整") == (cents % 10 == 0)
    assert not text.startswith("零") or cents == 0
    assert "零元" not in text or cents == 0


def _make_id(region: int, birth: dt.date, seq: int) -> str:
    first17 = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


_ids = st.builds(
    _make_id,
    st.integers(min_value=110000, max_value=829999),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2024, 12, 31)),
    st.integers(min_value=0, max_value=999),
)


@given(_ids)
def test_generated_ids_validate(id_number: str) -> None:
    assert check_id_number(id_number, today=dt.date(2025, 1, 1)) is None
    assert check_id_number(id_number.lower(), today=dt.date(2025, 1, 1)) is None


@given(_ids, st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=9))
def test_any_single_character_change_is_detected(id_number: str, pos: int, delta: int) -> None:
    chars = "0123456789X" if pos == 17 else "0123456789"
    old = id_number[pos]
    new = chars[(chars.index(old) + delta) % len(chars)]
    changed = id_number[:pos] + new + id_number[pos + 1 :]
    assert check_id_number(changed, today=dt.date(2025, 1, 1)) is not None


def test_id_number_known_values_and_messages() -> None:
    assert id_check_digit("11010519491231002") == "X"  # GB 11643-1999 worked example
    assert check_id_number("11010519491231002X") is None
    assert check_id_number("11010519491231002x") is None
    assert "校验位" in (check_id_number("110105194912310021") or "")
    assert "18位" in (check_id_number("1101051949123100") or "")
    assert "15位" in (check_id_number("110105491231002") or "")
    feb30 = "1101051990023000" + "1"
    assert "出生日期" in (check_id_number(feb30 + id_check_digit(feb30)) or "")
    future = "11010520990101001"
    assert "出生日期" in (check_id_number(future + id_check_digit(future)) or "")


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",
        "+86 138-0013-8000",
        "8613800138000",
        "010-62345678",
        "0571-87654321",
        "02087654321",
        "010-62345678-801",
    ],
)
def test_valid_phones(phone: str) -> None:
    assert check_phone(phone) is None


@pytest.mark.parametrize("phone", ["12800138000", "1380013800", "12348", "010-1234567", "abc", ""])
def test_invalid_phones(phone: str) -> None:
    message = check_phone(phone)
    assert message and ("手机" in message or "电话" in message)


def test_dates() -> None:
    assert check_date("2024-02-29") is None
    assert check_date("2024年3月1日") is None
    assert check_date("2024/3/1") is None
    assert "无效" in (check_date("2023-02-29") or "")
    assert "无效" in (check_date("明天") or "")
    assert check_date("2030-01-01", not_future=True, today=dt.date(2025, 1, 1))
    assert check_date("2030-01-01", today=dt.date(2025, 1, 1)) is None
    assert format_date_zh("2024-03-01") == "2024年3月1日"


def test_parse_amount_normalises() -> None:
    assert parse_amount("￥1,234.5") == Decimal("1234.50")
    with pytest.raises(ValueError):
        parse_amount(True)
    with pytest.raises(ValueError):
        parse_amount(Decimal("NaN"))
