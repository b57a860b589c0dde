"""Court-fee estimates under 诉讼费用交纳办法 (schedules in ``knowledge/data/fees.json``).

Fixed fees given as a range (离婚 50–300 元 etc.) are set by each province within the range
(第十三条末款), so an estimate is a range: ``amount_yuan`` is the statutory minimum and
``amount_max_yuan`` the maximum; they are equal when the fee is exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from knowledge.rules.common import DATA_DIR, Reason

FEES_JSON = DATA_DIR / "fees.json"
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class FeeEstimate:
    """Estimated fee in yuan (range) with a Chinese breakdown and the articles applied."""

    case_type: str
    amount_yuan: Decimal
    amount_max_yuan: Decimal
    breakdown: list[str]
    basis: list[tuple[str, str]]
    relief_note_zh: str  # every relief route
    relief_brief_zh: str = ""  # the general route and the one of this case type, for answers


@dataclass(frozen=True, slots=True)
class Schedule:
    """Progressive schedule: ``base_fee`` up to ``base_upto``, then marginal ``brackets``."""

    base_upto: Decimal
    base_fee: Decimal
    brackets: tuple[tuple[Decimal | None, Decimal], ...]

    def fee(self, amount: Decimal) -> Decimal:
        if amount <= 0:
            return Decimal(0)
        total, lower = self.base_fee, self.base_upto
        for upper, rate in self.brackets:
            if amount <= lower:
                break
            top = amount if upper is None else min(amount, upper)
            total += (top - lower) * rate
            lower = top if upper is None else upper
        return total


@lru_cache(maxsize=1)
def fee_table() -> dict[str, Any]:
    """The packaged fee table (raw JSON)."""
    data: dict[str, Any] = json.loads(FEES_JSON.read_text(encoding="utf-8"))
    return data


def case_types() -> dict[str, str]:
    """Supported ``case_type`` codes → Chinese names."""
    return {k: v["name_zh"] for k, v in fee_table()["case_types"].items()}


def schedule(name: str) -> Schedule:
    raw = fee_table()["schedules"][name]
    brackets = tuple(
        (None if up is None else Decimal(up), Decimal(rate)) for up, rate in raw["brackets"]
    )
    return Schedule(Decimal(raw["base_upto"]), Decimal(raw["base_fee"]), brackets)


def _yuan(x: Decimal) -> str:
    q = x.quantize(_CENT, rounding=ROUND_HALF_UP)
    return f"{q.normalize():f}" if q == q.to_integral_value() else f"{q:f}"


def estimate_fee(
    case_type: str, *, amount: Decimal | None, simple_procedure: bool = False
) -> FeeEstimate:
    """Estimate the fee for ``case_type`` (see :func:`case_types`).

    ``amount`` is the claim / property / damages / enforcement amount in yuan, as the case type
    requires; ``simple_procedure`` halves an acceptance fee (第十六条).
    """
    table = fee_table()
    spec = table["case_types"].get(case_type)
    if spec is None:
        raise ValueError(f"unknown case type: {case_type!r}")
    if amount is not None and amount < 0:
        raise ValueError("amount must not be negative")
    law = table["law_key"]
    low, high, lines = _base_fee(spec, amount)
    basis = [(law, spec["article"])]
    if simple_procedure:
        low, high = _halve(spec, low, high, lines, basis, law)
    low, high = (x.quantize(_CENT, rounding=ROUND_HALF_UP) for x in (low, high))
    if low != high:
        lines.append(f"以上幅度内的具体标准由各省、自治区、直辖市规定（《{law}》第十三条）。")
    lines.append(f"诉讼费用一般由败诉方负担（《{law}》第二十九条）；调解结案或撤诉的减半交纳（第十五条）。")
    basis.append((law, "第二十九条"))
    return FeeEstimate(case_type, low, high, lines, basis, _relief_note(case_type, law),
                       _relief_note(case_type, law, brief=True))


def _base_fee(spec: dict[str, Any], amount: Decimal | None) -> tuple[Decimal, Decimal, list[str]]:
    mode, name = spec["amount"], spec["name_zh"]
    if mode == "required" and amount is None:
        raise ValueError(f"{name}需要金额")
    fixed = [Decimal(x) for x in spec.get("fixed", ["0", "0"])]
    lines = [f"{name}：{_range_zh(fixed[0], fixed[1])}。"] if "fixed" in spec else []
    if amount is None or "schedule" not in spec or mode in ("none", "ignored"):
        return fixed[0], fixed[1], lines
    variable = schedule(spec["schedule"]).fee(amount)
    if "fraction" in spec:
        frac = Fraction(spec["fraction"])
        variable = variable * frac.numerator / frac.denominator
    if "cap" in spec:
        variable = min(variable, Decimal(spec["cap"]))
    if spec.get("fixed_only_without_amount"):
        fixed, lines = [Decimal(0), Decimal(0)], []
    lines.append(f"{name}涉及金额{_yuan(amount)}元，按比例分段累计计算：{_yuan(variable)}元。")
    return fixed[0] + variable, fixed[1] + variable, lines


def _range_zh(low: Decimal, high: Decimal) -> str:
    if low == high:
        return "不交案件受理费" if low == 0 else f"每件{_yuan(low)}元"
    return f"每件{_yuan(low)}元至{_yuan(high)}元"


def _halve(
    spec: dict[str, Any],
    low: Decimal,
    high: Decimal,
    lines: list[str],
    basis: list[tuple[str, str]],
    law: str,
) -> tuple[Decimal, Decimal]:
    if not spec["acceptance_fee"]:
        lines.append("简易程序减半只适用于案件受理费，这项申请费不减半。")
        return low, high
    lines.append(f"适用简易程序，案件受理费减半（《{law}》第十六条）。")
    basis.append((law, "第十六条"))
    return low / 2, high / 2


def _relief_note(case_type: str, law: str, *, brief: bool = False) -> str:
    general = (f"交费确有困难的，可以向法院申请缓交、减交或者免交（司法救助，《{law}》第四十四条），"
               "起诉或上诉时提交书面申请和经济困难证明（第四十八条）。")
    groups = ("追索赡养费、扶养费、抚育费、抚恤金，低保等无其他收入的，残疾人无固定生活来源的，应当准予免交"
              "（第四十五条）；交通事故、医疗事故、工伤事故等人身伤害的受害人，正在接受法律援助的，可以缓交"
              "（第四十七条）。")
    labor = "追索劳动报酬的案件可以不预交案件受理费（第二十条）。" if case_type == "labor" else ""
    if brief:  # for an answer: the route in one line (the full note stays in the risk panel)
        return f"交不起的可以向法院申请缓交、减交或免交（《{law}》第四十四条）。" + labor
    return general + groups + labor


def fee_relief_options(situations: set[str]) -> list[Reason]:
    """Judicial-relief routes (免交/减交/缓交) for the given situation keys.

    Keys are the ``key`` values of ``fees.json`` → ``relief`` (see :func:`relief_situations`).
    """
    law = fee_table()["law_key"]
    return [
        Reason(f"{r['key']}：可以申请{r['form']}诉讼费用。", law, r["article"])
        for r in fee_table()["relief"]
        if r["key"] in situations
    ]


def relief_situations() -> tuple[str, ...]:
    return tuple(r["key"] for r in fee_table()["relief"])


__all__ = [
    "FeeEstimate",
    "Schedule",
    "case_types",
    "estimate_fee",
    "fee_relief_options",
    "fee_table",
    "relief_situations",
    "schedule",
]
