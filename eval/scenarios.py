"""``legalaid eval scenarios``: citizen scenarios played through the engine, final reply graded.

Format: ``eval/data/SCENARIOS.md``. Each scenario's turns are fed in order as the user's
messages to a fresh conversation (the engine's own clock set to the scenario's ``today``); the
final reply is scored on:

- ``category_accuracy`` — the reply's category (``out_of_scope`` for a referral);
- ``route_accuracy`` — answer / emergency / out_of_scope as expected;
- ``key_article_hit_rate`` — any key article among the articles the reply cites;
- ``key_article_share`` — share of the articles quoted under 法律依据 that are key articles (a
  lower bound on "key or relevant": relevance beyond the key list needs a reader);
- ``fact_accuracy`` — expected facts understood, micro-averaged over every fact item;
- ``deadline_accuracy`` — the first time limit the reply states, where the scenario has one
  (``null``: the reply must state none);
- ``forbidden_violations`` — ``must_not_contain`` phrases found in the reply;
- sizes (``answer_chars_median``, ``first_screen_chars_median``, ``quoted_articles_mean``),
  ``citation_validity`` and ``latency_ms_p95`` of the final turn.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.config import Settings
from eval import metrics as m
from eval.output import new_figure, save_figure, write_json
from knowledge.corpus import law_key

PRIMARY = "key_article_hit_rate"
HELP = "情景评测 — citizen scenarios (multi-turn): category, facts, key articles, deadlines, size"
DEFAULT_FILE = Path(__file__).parent / "data" / "scenarios_dev.jsonl"
CATEGORIES = {"marriage_family_inheritance", "labor_wages", "work_injury", "contract_debt",
              "traffic_accident", "consumer_rights", "housing_property_neighbor",
              "rural_land_grassland", "personal_injury_tort_medical", "vulnerable_groups_dv",
              "criminal", "administrative", "out_of_scope"}


@dataclass(frozen=True)
class Scenario:
    id: str
    category: str
    turns: tuple[str, ...]
    key_articles: tuple[tuple[str, str], ...] = ()
    expect: dict[str, Any] = field(default_factory=dict)
    today: date | None = None


def load_scenarios(path: Path) -> list[Scenario]:
    """Parse and check the file (line numbers in the errors)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            category = raw["category"]
            if category not in CATEGORIES:
                raise ValueError(f"unknown category {category!r}")
            turns = tuple(raw["turns"])
            if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                raise ValueError("turns must be non-empty strings")
            arts = tuple((law_key(a["law_key"]), a["article"]) for a in raw.get("key_articles", ()))
            today = date.fromisoformat(raw["today"]) if raw.get("today") else None
            out.append(Scenario(str(raw["id"]), category, turns, arts,
                                dict(raw.get("expect") or {}), today))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{path.name}:{n}: {e}") from e
    return out


# ----------------------------------------------------------------------------- scoring


def _span(value: Any) -> tuple[date, date]:
    if isinstance(value, str):
        d = date.fromisoformat(value)
        return d, d
    return date.fromisoformat(value["from"]), date.fromisoformat(value["to"])


def date_ok(expected: Any, got: Any) -> bool:
    """An understood date fits when its span lies within the expected one (an exact expected
    day: the understood span is that day, or contains it when the user was vague)."""
    if got is None:
        return False
    lo, hi = _span(expected)
    first, last = got.first, got.last
    if lo == hi:
        return first <= lo <= last and (last - first).days <= 31
    return lo <= first <= hi and (last <= hi or (last - first).days <= 31)


def fact_checks(expected: dict[str, Any], facts: Any) -> list[tuple[str, bool]]:
    """``(fact name, understood right)`` for every expected fact item."""
    out: list[tuple[str, bool]] = []
    if facts is None:
        from assistant.models import Facts

        facts = Facts()
    for key, want in expected.items():
        if key == "role":
            out.append(("role", facts.role == want))
        elif key == "age":
            out.append(("age", facts.age == want))
        elif key == "amounts":
            for kind, value in want.items():
                got = facts.amounts.get(kind)
                ok = got is not None and abs(got.value - Decimal(str(value))) <= \
                    Decimal(str(value)) * Decimal("0.01")
                out.append((f"amounts.{kind}", ok))
        elif key == "dates":
            out += [(f"dates.{kind}", date_ok(want_d, facts.dates.get(kind)))
                    for kind, want_d in want.items()]
        elif key == "evidence_held":
            out += [(f"held.{e}", e in facts.evidence_held) for e in want]
        elif key == "evidence_missing":
            out += [(f"missing.{e}", e in facts.evidence_missing) for e in want]
        elif isinstance(want, bool):
            out.append((key, facts.signals.get(key) is want))
    return out


def deadline_ok(expected: Any, reply: Any) -> bool:
    deadlines = [d for d in (reply.risk.deadlines if reply.risk else []) if d.deadline]
    if expected is None:
        return not deadlines
    if not deadlines:
        return False
    lo, hi = _span(expected)
    d = deadlines[0]
    return any(x is not None and lo <= x <= hi for x in (d.deadline, d.extended_to))


def route_of(reply: Any) -> str:
    return {"emergency": "emergency", "out_of_scope": "out_of_scope"}.get(reply.kind, "answer")


def score(sc: Scenario, reply: Any, corpus: Any, resolver: Any) -> dict[str, Any]:
    """The grades of one scenario's final reply."""
    quoted = [c for c in reply.citations if c.source in ("situation", "search")]
    cited_keys = {_key(c, corpus) for c in reply.citations}
    quoted_keys = [_key(c, corpus) for c in quoted]
    category = reply.classification.category if reply.classification else None
    if reply.kind == "out_of_scope":
        category = "out_of_scope"
    expect = sc.expect
    row: dict[str, Any] = {
        "id": sc.id, "category_ok": category == sc.category,
        "route_ok": route_of(reply) == expect.get("route", "answer"),
        "kind": reply.kind, "situations": list(reply.situations),
        "key_hit": bool(set(sc.key_articles) & cited_keys) if sc.key_articles else None,
        "quoted": len(quoted),
        "quoted_key": sum(k in set(sc.key_articles) for k in quoted_keys),
        "facts": fact_checks(expect.get("facts") or {}, reply.facts),
        "deadline_ok": deadline_ok(expect["deadline"], reply) if "deadline" in expect else None,
        "forbidden": [p for p in expect.get("must_not_contain", []) if p in reply.text],
        "chars": len(reply.text), "first_screen_chars": len(reply.first_screen or reply.text),
        "valid": all(_valid(c, corpus, resolver) for c in reply.citations),
    }
    return row


def _key(c: Any, corpus: Any) -> tuple[str, str]:
    article = corpus.get(c.article_id)
    return (article.law_key, c.article) if article is not None else (law_key(c.law), c.article)


def _valid(c: Any, corpus: Any, resolver: Any) -> bool:
    article = corpus.get(c.article_id)
    if article is None or article.text != c.text:
        return False
    res = resolver.resolve_one(article.law, article.article)
    return bool(res.status == "ok" and res.article is not None and res.article.id == article.id)


def summarise(rows: Sequence[dict[str, Any]], latencies: Sequence[float]) -> dict[str, Any]:
    def share(values: Sequence[bool]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    facts = [ok for r in rows for _, ok in r["facts"]]
    keyed = [r["key_hit"] for r in rows if r["key_hit"] is not None]
    deadlines = [r["deadline_ok"] for r in rows if r["deadline_ok"] is not None]
    quoted = sum(r["quoted"] for r in rows)
    return {
        "scenarios": len(rows),
        "category_accuracy": share([r["category_ok"] for r in rows]),
        "route_accuracy": share([r["route_ok"] for r in rows]),
        "key_article_hit_rate": share(keyed),
        "key_article_share": round(sum(r["quoted_key"] for r in rows) / quoted, 4) if quoted else 0.0,
        "fact_accuracy": share(facts),
        "fact_items": len(facts),
        "deadline_accuracy": share(deadlines),
        "deadline_scenarios": len(deadlines),
        "forbidden_violations": sum(len(r["forbidden"]) for r in rows),
        "answer_chars_median": statistics.median(r["chars"] for r in rows) if rows else 0,
        "first_screen_chars_median": statistics.median(r["first_screen_chars"] for r in rows)
        if rows else 0,
        "quoted_articles_mean": round(quoted / len(rows), 2) if rows else 0.0,
        "citation_validity": share([r["valid"] for r in rows]),
        **m.latency_summary(latencies),
    }


# ----------------------------------------------------------------------------- running


def evaluate(make_engine: Any, scenarios: Sequence[Scenario], corpus: Any, resolver: Any, *,
             today: date | None = None) -> dict[str, Any]:
    """Play every scenario through ``make_engine(today)`` (a fresh engine clock per scenario
    date) and grade the final replies; ``rows`` holds the per-scenario grades."""
    from assistant.models import SessionState

    rows, latencies = [], []
    engines: dict[date, Any] = {}
    for sc in scenarios:
        day = today or sc.today or date.today()
        if day not in engines:
            engines[day] = make_engine(day)
        engine = engines[day]
        state = SessionState(session_id=f"scenario-{sc.id}"[:64].ljust(8, "x"))
        reply = None
        for text in sc.turns:
            t0 = time.perf_counter()
            reply = engine.respond(state, text)
            latencies.append((time.perf_counter() - t0) * 1000)
        assert reply is not None
        rows.append(score(sc, reply, corpus, resolver) | {"reply": reply.text})
    return summarise(rows, latencies) | {"rows": rows}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", type=Path, default=DEFAULT_FILE, help="scenarios JSONL")
    p.add_argument("--today", type=date.fromisoformat,
                   help="the date the citizens speak (default: each scenario's own)")
    p.add_argument("--json", type=Path, help="write the figures (and every row) here")
    p.add_argument("--plot", type=Path, help="bar chart PNG (default <results_dir>/scenarios.png)")


def plot(result: dict[str, Any], path: Path) -> None:
    keys = ["category_accuracy", "route_accuracy", "key_article_hit_rate", "key_article_share",
            "fact_accuracy", "deadline_accuracy", "citation_validity"]
    fig, ax = new_figure(figsize=(7, 3.5))
    ax.barh(keys, [result[k] for k in keys])
    ax.set_xlim(0, 1)
    ax.set_title(f"{result['scenarios']} scenarios")
    save_figure(fig, path)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.app import build_engine, build_resolver, load_knowledge
    from assistant.clock import fixed

    scenarios = load_scenarios(args.file)
    kb = load_knowledge(settings)
    result = evaluate(lambda day: build_engine(kb, settings, today=fixed(day)), scenarios,
                      kb.corpus, build_resolver(kb.corpus), today=args.today)
    result["file"] = str(args.file)
    for key, value in result.items():
        if key != "rows":
            print(f"{key:>28}: {value}")
    plot(result, args.plot or settings.results_dir / "scenarios.png")
    write_json(args.json, result)
    return 0
