"""Lawyer roster (CSV or Excel import, all or nothing) and matching: three proposals with reasons.

A roster file is parsed and checked completely before anything is written; one bad row rejects
the whole file with every bad row listed (row numbers as the spreadsheet shows them, header =
row 1), so a centre never ends up with half a roster.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from assistant.db.models import as_utc
from assistant.screening.auth import Principal
from assistant.screening.errors import (
    NotFoundError,
    ReasonRequiredError,
    RosterInvalidError,
    TransitionError,
)
from assistant.screening.models import ApplicationIn, Assignment, Lawyer, LawyerCandidate
from assistant.screening.rules import age_on, basis
from assistant.screening.store import (
    ScreeningStore,
    move_to_assigned,
    new_id,
    utcnow,
    write_audit,
)
from assistant.screening.tables import ApplicationRow, AssignmentRow, LawyerRow
from knowledge.rules.common import CATEGORY_CODES, DATA_DIR
from knowledge.rules.legal_aid import LIFE_OR_DEATH_SENTENCE, MINOR

MAX_ROWS = 5000
GENERAL_SPECIALTIES = ("民事", "行政", "刑事", "未成年人")
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "firm": ("律所", "律师事务所", "firm"),
    "specialties": ("专长", "业务专长", "specialties"),
    "region": ("地区", "所在地区", "region"),
    "languages": ("语言", "工作语言", "languages"),
    "caseload": ("在办案件数", "在办案件", "caseload"),
    "available": ("可接案", "是否可接案", "available"),
    "years_in_practice": ("执业年限", "years"),
}
OPTIONAL = frozenset({"years_in_practice"})
_YES = frozenset({"是", "可", "可以", "可接案", "y", "yes", "true", "1"})
_NO = frozenset({"否", "不可", "暂停", "不可接案", "暂不接案", "n", "no", "false", "0"})
_LANGUAGE_ALIASES = {
    "蒙语": "蒙古语", "蒙古语": "蒙古语", "蒙古文": "蒙古语", "mongolian": "蒙古语", "mn": "蒙古语",
    "汉语": "汉语", "普通话": "汉语", "中文": "汉语", "mandarin": "汉语", "zh": "汉语",
}
_SEPARATORS = str.maketrans({c: "、" for c in ",，;；/| "})


@lru_cache(maxsize=1)
def category_names() -> dict[str, str]:
    data = json.loads((DATA_DIR / "categories.json").read_text(encoding="utf-8"))
    return {c["code"]: c["name_zh"] for c in data["categories"] if c["code"] in CATEGORY_CODES}


def _specialty(token: str) -> str | None:
    """Canonical specialty: a general field in Chinese or one of the twelve category codes."""
    if token in GENERAL_SPECIALTIES or token in CATEGORY_CODES:
        return token
    return next((code for code, zh in category_names().items() if zh == token), None)


def specialty_zh(s: str) -> str:
    return category_names().get(s, s)


def _split(value: str) -> list[str]:
    return [t for t in value.translate(_SEPARATORS).split("、") if t]


# ---------------------------------------------------------------- reading files


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """Rows of cells (strings) from a CSV (UTF-8 or GB18030) or an .xlsx file."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # Excel on Chinese Windows saves CSV this way
        except UnicodeDecodeError as e:
            raise RosterInvalidError([(0, "文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 Excel 文件。")]) from e
    if "\x00" in text:
        raise RosterInvalidError([(0, "文件不是 CSV 文本，请上传 CSV 或 Excel（.xlsx）文件。")])
    try:
        return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as e:  # e.g. a bare carriage return inside a field
        raise RosterInvalidError([(0, "CSV 文件格式有误，请用 Excel 另存为 CSV（UTF-8）后重新上传。")]) from e


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise RosterInvalidError([(0, "Excel 文件已损坏或不是 .xlsx 格式，请重新保存后再导入。")]) from e
    try:
        ws = wb.worksheets[0]
        return [["" if v is None else str(v).strip() for v in row]
                for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


# ---------------------------------------------------------------- checking rows


@dataclass(frozen=True, slots=True)
class RosterEntry:
    name: str
    firm: str
    specialties: tuple[str, ...]
    region: str
    languages: tuple[str, ...]
    caseload: int
    available: bool
    years_in_practice: int | None


def parse_roster(rows: list[list[str]]) -> list[RosterEntry]:
    """Checked entries, or ``RosterInvalidError`` listing every bad row (nothing partial)."""
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise RosterInvalidError([(0, "文件是空的，没有表头和数据。")])
    columns, errors = _columns(rows[0])
    if errors:
        raise RosterInvalidError(errors)
    if len(rows) == 1:
        raise RosterInvalidError([(0, "文件只有表头，没有律师数据。")])
    if len(rows) - 1 > MAX_ROWS:
        raise RosterInvalidError([(0, f"一次最多导入{MAX_ROWS}名律师。")])
    entries: list[RosterEntry] = []
    seen: dict[tuple[str, str], int] = {}
    for n, cells in enumerate(rows[1:], start=2):
        entry, problems = _entry({k: cells[i] if i < len(cells) else ""
                                  for k, i in columns.items()})
        if entry is not None and (entry.name, entry.firm) in seen:
            problems.append(f"与第{seen[(entry.name, entry.firm)]}行重复（同一律所同名律师）")
        errors += [(n, p) for p in problems]
        if entry is not None and not problems:
            seen[(entry.name, entry.firm)] = n
            entries.append(entry)
    if errors:
        raise RosterInvalidError(errors)
    return entries


def _columns(header: list[str]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    index = {h.strip().lower(): i for i, h in enumerate(header)}
    columns: dict[str, int] = {}
    missing = []
    for key, names in HEADERS.items():
        i = next((index[n.lower()] for n in names if n.lower() in index), None)
        if i is not None:
            columns[key] = i
        elif key not in OPTIONAL:
            missing.append(names[0])
    if missing:
        return columns, [(1, f"表头缺少列：{'、'.join(missing)}")]
    return columns, []


def _entry(cell: dict[str, str]) -> tuple[RosterEntry | None, list[str]]:
    problems: list[str] = []
    name, firm, region = cell["name"], cell["firm"], cell["region"]
    for label, value, limit in (("姓名", name, 50), ("律所", firm, 100), ("地区", region, 50)):
        if not value:
            problems.append(f"{label}不能为空")
        elif len(value) > limit:
            problems.append(f"{label}太长（最多{limit}字）")
    specialties = _split(cell["specialties"])
    unknown = [s for s in specialties if _specialty(s) is None]
    if not specialties:
        problems.append("专长不能为空")
    if unknown:
        problems.append(f"专长“{'、'.join(unknown)}”不在可选范围内（民事、行政、刑事、未成年人或十二类案件类别）")
    languages = [_LANGUAGE_ALIASES.get(x.lower(), x) for x in _split(cell["languages"])] or ["汉语"]
    caseload = _int(cell["caseload"], "在办案件数", problems, upper=1000)
    years = _int(cell.get("years_in_practice", ""), "执业年限", problems, upper=80,
                 optional=True)
    available = cell["available"].strip().lower()
    if available not in _YES | _NO:
        problems.append(f"可接案“{cell['available']}”应填“是”或“否”")
    if problems:
        return None, problems
    return RosterEntry(name, firm, tuple(dict.fromkeys(_specialty(s) or s for s in specialties)),
                       region, tuple(dict.fromkeys(languages)), caseload or 0,
                       available in _YES, years), []


def _int(value: str, label: str, problems: list[str], *, upper: int,
         optional: bool = False) -> int | None:
    v = value.strip().removesuffix(".0")  # Excel hands integers back as 3.0
    if not v and optional:
        return None
    if not v.isdigit() or int(v) > upper:
        problems.append(f"{label}“{value}”应为0到{upper}之间的整数")
        return None
    return int(v)


# ---------------------------------------------------------------- persistence and matching


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int


class LawyerRoster:
    """Roster and assignments over the screening store's engine."""

    def __init__(self, store: ScreeningStore) -> None:
        self.store = store

    def import_file(self, data: bytes, filename: str, *, who: Principal) -> ImportResult:
        entries = parse_roster(read_rows(data, filename))
        created = updated = 0
        with self.store.session.begin() as db:
            for e in entries:
                row = db.scalars(select(LawyerRow).where(
                    LawyerRow.name == e.name, LawyerRow.firm == e.firm)).first()
                if row is None:
                    row = LawyerRow(id=new_id(), name=e.name, firm=e.firm)
                    db.add(row)
                    created += 1
                else:
                    updated += 1
                row.specialties, row.region = list(e.specialties), e.region
                row.languages, row.caseload = list(e.languages), e.caseload
                row.available, row.years_in_practice = e.available, e.years_in_practice
                row.updated_at = utcnow()
            write_audit(db, who, "roster_imported", "lawyers",
                        detail={"file": filename[-100:], "created": created, "updated": updated})
        return ImportResult(created, updated)

    def all(self) -> list[Lawyer]:
        with self.store.session() as db:
            return [_lawyer(r) for r in db.scalars(select(LawyerRow).order_by(LawyerRow.name))]

    def candidates(self, app_id: str, *, today: date) -> list[LawyerCandidate]:
        app = self.store.app_input(app_id)
        return match_lawyers(app, [lw for lw in self.all() if lw.available], today=today)

    def assign(self, app_id: str, lawyer_id: str, *, who: Principal, today: date,
               reason: str = "") -> Assignment:
        """Record the staff member's choice; a pick outside the three proposed needs a reason."""
        proposed = [c.lawyer.id for c in self.candidates(app_id, today=today)]
        rank = proposed.index(lawyer_id) + 1 if lawyer_id in proposed else None
        if rank is None and len(reason.strip()) < 2:
            raise ReasonRequiredError("pick outside the proposals", message="选择的律师不在推荐的三位之中，请填写理由。")
        now = utcnow()
        with self.store.session.begin() as db:
            lawyer = db.get(LawyerRow, lawyer_id)
            app = db.get(ApplicationRow, app_id)
            if lawyer is None or app is None:
                raise NotFoundError(f"lawyer {lawyer_id} / application {app_id}")
            if not lawyer.available:
                raise TransitionError("lawyer unavailable", message="这位律师目前不接案。")
            if app.status == "assigned":  # a change of lawyer: the status stays, a reason is due
                _reassign(db, app, lawyer_id, reason=reason)
            else:
                move_to_assigned(db, app, who=who,
                                 reason=reason.strip() or f"指派律师（推荐第{rank}位）")
            app.lawyer_id = lawyer_id
            lawyer.caseload += 1
            db.add(AssignmentRow(application_id=app_id, lawyer_id=lawyer_id, proposed=proposed,
                                 chosen_rank=rank, actor=who.username, at=now, reason=reason))
            write_audit(db, who, "lawyer_assigned", f"application:{app_id}", reason=reason,
                        detail={"lawyer": lawyer_id, "proposed": proposed, "chosen_rank": rank})
        return Assignment(application_id=app_id, lawyer_id=lawyer_id, proposed=proposed,
                          chosen_rank=rank, actor=who.username, at=now, reason=reason)

    def assignments(self, app_id: str) -> list[Assignment]:
        with self.store.session() as db:
            rows = db.scalars(select(AssignmentRow).where(
                AssignmentRow.application_id == app_id).order_by(AssignmentRow.id)).all()
            return [Assignment(application_id=r.application_id, lawyer_id=r.lawyer_id,
                               proposed=list(r.proposed), chosen_rank=r.chosen_rank,
                               actor=r.actor, at=as_utc(r.at), reason=r.reason) for r in rows]


def _reassign(db: Any, app: Any, lawyer_id: str, *, reason: str) -> None:
    if app.lawyer_id == lawyer_id:
        raise TransitionError("same lawyer", message="已经指派给这位律师了。")
    if len(reason.strip()) < 2:
        raise ReasonRequiredError("reassign without reason", message="更换律师请填写理由。")
    previous = db.get(LawyerRow, app.lawyer_id) if app.lawyer_id else None
    if previous is not None:
        previous.caseload = max(0, previous.caseload - 1)


def _lawyer(r: LawyerRow) -> Lawyer:
    return Lawyer(id=r.id, name=r.name, firm=r.firm, specialties=list(r.specialties),
                  region=r.region, languages=list(r.languages), caseload=r.caseload,
                  available=r.available, years_in_practice=r.years_in_practice)


def _field(category: str) -> str:
    return {"criminal": "刑事", "administrative": "行政"}.get(category, "民事")


def match_lawyers(app: ApplicationIn, lawyers: list[Lawyer], *, today: date,
                  k: int = 3) -> list[LawyerCandidate]:
    """The ``k`` best available lawyers for ``app``: specialty, region, language, load."""
    age = age_on(app.applicant.id_number, today)
    minor = MINOR in app.applicant.groups or (age is not None and age < 18)
    life = LIFE_OR_DEATH_SENTENCE in app.case.matter_tags
    max_load = max((lw.caseload for lw in lawyers), default=0)
    scored = []
    for lw in lawyers:
        if life and lw.years_in_practice is not None and lw.years_in_practice < 3:
            continue  # 法律援助法第二十六条: at least three years of relevant practice
        score, reasons = _score(app, lw, minor=minor, life=life, max_load=max_load)
        scored.append(LawyerCandidate(lawyer=lw, score=round(score, 2), reasons=reasons))
    scored.sort(key=lambda c: (-c.score, c.lawyer.caseload, c.lawyer.name))
    return scored[:k]


def _score(app: ApplicationIn, lw: Lawyer, *, minor: bool, life: bool,
           max_load: int) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    cat = app.case.category
    if cat in lw.specialties:
        score += 3
        reasons.append(f"专长：{specialty_zh(cat)}（与本案类别一致）")
    elif _field(cat) in lw.specialties:
        score += 2
        reasons.append(f"专长：{_field(cat)}案件")
    if minor:
        b = basis("minor_lawyer")
        if "未成年人" in lw.specialties:
            score += 3
            reasons.append(f"熟悉未成年人案件（{b.law}{b.article}要求指派熟悉未成年人身心特点的律师）")
        else:
            score -= 3
            reasons.append("名册未登记未成年人专长，申请人是未成年人")
    if life:
        b = basis("major_life_sentence")
        if lw.years_in_practice is None:
            score -= 2
            reasons.append(f"执业年限未登记（{b.law}{b.article}要求三年以上相关执业经历）")
        else:
            reasons.append(f"执业{lw.years_in_practice}年（{b.law}{b.article}要求三年以上）")
    region = app.applicant.region
    if region and lw.region == region:
        score += 2
        reasons.append(f"地区：同在{region}")
    need = app.applicant.language.strip()
    need = _LANGUAGE_ALIASES.get(need.lower(), need)
    if need and need != "汉语":
        if need in lw.languages:
            score += 2
            reasons.append(f"语言：会{need}（申请人需要）")
        else:
            score -= 2
            reasons.append(f"语言：不会{need}（申请人需要）")
    score += 2 * (1 - lw.caseload / (max_load + 1))
    reasons.append(f"负担：在办{lw.caseload}件（名册中最多{max_load}件）")
    return score, reasons
