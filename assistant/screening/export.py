"""Applications as CSV (UTF-8 with BOM, so Excel opens it) or XLSX, for staff reports.

ID and phone numbers are masked: a report leaves the building more easily than the database.
Cells that a spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from typing import Literal

from assistant.screening.lawyers import specialty_zh
from assistant.screening.models import RECOMMENDATION_ZH, ApplicationOut

COLUMNS = ("编号", "受理时间", "状态", "申请人", "身份证号", "电话", "案件类别", "优先级",
           "最近期限", "审查决定", "决定方式", "指派律师")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RANK_ZH = {0: "紧急（期限不足七日）", 1: "优先", 2: "一般"}
_KIND_ZH = {"confirmed": "确认建议", "overridden": "修改建议"}


def mask_id(id_number: str) -> str:
    return id_number[:6] + "*" * 8 + id_number[-4:] if len(id_number) == 18 else "*" * 6


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else "*" * 6


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rows(apps: list[ApplicationOut], *, lawyer_names: dict[str, str]) -> list[list[str]]:
    out = []
    for a in apps:
        out.append([
            a.id, a.received_at.strftime("%Y-%m-%d %H:%M"), a.status_zh, a.applicant.name,
            mask_id(a.applicant.id_number), mask_phone(a.applicant.phone),
            specialty_zh(a.case.category), _RANK_ZH.get(a.priority_rank, ""),
            a.nearest_deadline.isoformat() if a.nearest_deadline else "",
            RECOMMENDATION_ZH.get(a.decision or "", ""), _KIND_ZH.get(a.decision_kind or "", ""),
            lawyer_names.get(a.lawyer_id or "", ""),
        ])
    return [[_safe(c) for c in r] for r in out]


def render(apps: list[ApplicationOut], *, lawyer_names: dict[str, str],
           fmt: Literal["csv", "xlsx"]) -> tuple[bytes, str]:
    """(file bytes, media type)."""
    table = rows(apps, lawyer_names=lawyer_names)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(COLUMNS)
        writer.writerows(table)
        return buf.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("法律援助申请")
    ws.append(list(COLUMNS))
    for r in table:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), XLSX_TYPE

