"""Field validators for drafted documents: ID numbers, phones, dates, amounts, RMB in 大写.

Each ``check_*`` function returns ``None`` when the value is acceptable and otherwise a short
Chinese sentence saying what is wrong, so callers can show it next to the field unchanged.
The ``normalize_*`` functions return the canonical form used when rendering.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from assistant import clock

# GB 11643-1999: weight of position i (0-based, left to right) is 2^(17-i) mod 11, and the
# check character is this table indexed by (weighted sum mod 11) — ISO 7064 MOD 11-2.
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^[1-9]\d{5}(\d{8})\d{3}[\dX]$")

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0 + 2-3 digits, subscriber number 7-8 digits, optional extension.
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")

_DATE_RES = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)

# Largest amount the 大写 converter spells: groups 元, 万, 亿, 万亿 (16 integer digits).
MAX_AMOUNT = Decimal("9999999999999999.99")
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿", "万亿")


# ---------------------------------------------------------------- ID numbers (GB 11643-1999)


def id_check_digit(first17: str) -> str:
    """Check character (``0``-``9`` or ``X``) for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("expected 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(value: str) -> str:
    return value.strip().replace(" ", "").upper()


def id_birth_date(id_number: str) -> dt.date | None:
    """Birth date encoded in an 18-character ID number, or ``None`` if it is not a real date."""
    s = normalize_id_number(id_number)
    try:
        return dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return None


def check_id_number(value: str, *, today: dt.date | None = None) -> str | None:
    """Validate a resident ID number: format, birth date and GB 11643-1999 check character."""
    s = normalize_id_number(value)
    if len(s) == 15 and s.isdigit():
        return "这是旧版15位身份证号码，请填写现行的18位公民身份号码。"
    if len(s) != 18:
        return f"公民身份号码应为18位，您填写的是{len(s)}位。"
    if not _ID_RE.match(s):
        return "公民身份号码格式不对：前17位应为数字，最后一位为数字或字母X。"
    birth = id_birth_date(s)
    today = today or clock.today()
    if birth is None or birth > today or birth.year < 1900:
        return "公民身份号码中的出生日期（第7至14位）不是有效日期，请核对。"
    if id_check_digit(s[:17]) != s[17]:
        return "公民身份号码校验位不符，可能有数字填错，请对照身份证逐位核对。"
    return None


# ---------------------------------------------------------------- phone numbers


def normalize_phone(value: str) -> str:
    s = re.sub(r"[\s（）()]", "", value.strip()).replace("—", "-").replace("－", "-")
    for prefix in ("+86", "0086"):
        if s.startswith(prefix):
            s = s[len(prefix) :].lstrip("-")
    if s.startswith("86") and len(s) == 13:
        s = s[2:]
    if s.startswith("1"):
        s = s.replace("-", "")
    return s


def check_phone(value: str) -> str | None:
    """Mainland mobile (11 digits, 13x-19x) or landline with area code (e.g. 010-12345678)."""
    s = normalize_phone(value)
    if _MOBILE_RE.match(s) or _LANDLINE_RE.match(s):
        return None
    if s.isdigit() and s.startswith("1"):
        return "手机号码应为以1开头的11位数字，请核对。"
    return "电话号码格式不对：请填写11位手机号码，或带区号的固定电话（如010-12345678）。"


# ---------------------------------------------------------------- dates


def parse_date(value: str) -> dt.date | None:
    """Parse 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日; ``None`` if not a real date."""
    s = value.strip().replace(" ", "")
    for rx in _DATE_RES:
        m = rx.match(s)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def check_date(value: str, *, not_future: bool = False, today: dt.date | None = None) -> str | None:
    d = parse_date(value)
    if d is None:
        return "日期无效，请按“2024年3月1日”或“2024-03-01”的格式填写真实存在的日期。"
    if d.year < 1900:
        return "日期年份不合理，请核对。"
    if not_future and d > (today or clock.today()):
        return "这个日期还没有到，请填写已经发生的日期。"
    return None


def format_date_zh(value: str) -> str:
    """Render a parseable date as 2024年3月1日; other text is returned unchanged."""
    d = parse_date(value)
    return value if d is None else f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------- amounts


def parse_amount(value: Decimal | int | str) -> Decimal:
    """Parse an RMB amount in figures (``50000``, ``"50,000.00"``, ``"¥50000元"``) to 0.01.

    Amounts in words (``5万``) are refused rather than guessed. Raises ``ValueError`` with a Chinese message for anything that is not a plain amount.
    """
    if isinstance(value, bool):
        raise ValueError("金额应为数字。")
    if isinstance(value, Decimal | int):
        d = Decimal(value)
    else:
        s = re.sub(r"[\s,，]", "", str(value)).lstrip("¥￥").removesuffix("元")
        if not re.fullmatch(r"\d+(\.\d+)?", s):
            raise ValueError("金额格式不对，请只填写阿拉伯数字，例如 50000 或 50000.00。")
        d = Decimal(s)
    if not d.is_finite():
        raise ValueError("金额应为数字。")
    if d < 0:
        raise ValueError("金额不能为负数。")
    # Before quantize: 27+ integer digits overflow Decimal's precision (InvalidOperation).
    if d > MAX_AMOUNT:
        raise ValueError("金额过大，超出可处理范围。")
    if d != d.quantize(Decimal("0.01")):
        raise ValueError("金额最多精确到分（小数点后两位）。")
    return d.quantize(Decimal("0.01"))


def check_amount(value: Decimal | int | str) -> str | None:
    try:
        parse_amount(value)
    except ValueError as e:
        return str(e)
    return None


def format_amount(value: Decimal | int | str) -> str:
    """``50000`` -> ``50,000.00``."""
    return f"{parse_amount(value):,.2f}"


def _spell_group(group: int) -> str:
    """Spell 1..9999 with one 零 per run of inner zeros (leading/trailing zeros handled outside)."""
    digits = f"{group:04d}"
    out: list[str] = []
    pending_zero = False
    for i, ch in enumerate(digits):
        n = int(ch)
        if n == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[n] + _SMALL_UNITS[3 - i])
    return "".join(out)


def _spell_integer(n: int) -> str:
    """Spell a positive integer in 大写 without the 元 unit, e.g. 100010000 -> 壹亿零壹万."""
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out: list[str] = []
    need_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            need_zero = bool(out)
            continue
        # A group below the leading one that starts with zeros (e.g. 0001) reads 零 first.
        if out and (need_zero or g < 1000):
            out.append("零")
        need_zero = False
        out.append(_spell_group(g) + _GROUP_UNITS[idx])
    return "".join(out)


def amount_to_chinese_upper(value: Decimal | int | str) -> str:
    """RMB amount in 大写 per the PBOC rules for 票据和结算凭证 (《支付结算办法》附件).

    - 元 with no 角/分 ends in 整 (10 -> 壹拾元整); 0 -> 零元整.
    - 角 with no 分 is also closed with 整 (optional in the rules; written to block additions).
    - 角 zero but 分 not: 零 after 元 (100.05 -> 壹佰元零伍分); inner zero runs read one 零.
    - 壹 is always written before 拾 (10 -> 壹拾元整), as the rules require.

    >>> amount_to_chinese_upper("1000000000.01")
    '壹拾亿元零壹分'
    """
    d = parse_amount(value)
    cents = int(d * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    head = _spell_integer(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return head + "整"
    if jiao == 0:
        return head + ("零" if yuan else "") + _DIGITS[fen] + "分"
    tail = _DIGITS[jiao] + "角" + (_DIGITS[fen] + "分" if fen else "整")
    return head + tail
