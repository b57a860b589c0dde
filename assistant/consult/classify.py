"""Question classification: which of the twelve categories (or out of scope) a question is about.

Two kinds of evidence are combined log-linearly:

* a character 1–3-gram TF-IDF + logistic-regression model trained at first use on the knowledge
  pack (case title/facts/holding with their category, category keywords and descriptions,
  lexicon phrases, statute articles of single-category laws), the synthetic questions in
  ``data/training_questions.tsv`` (about 205 per category, written from DESIGN.md's category
  boundaries and the law-to-category rules without sight of any evaluation data) and weakly
  labelled retrieval dev questions;
* keyword evidence: taxonomy keywords, lexicon category votes and paired context/event words
  (an injury + a work setting) found in the text.

``score(c) = log p_model(c) + KEYWORD_WEIGHT * keywords(c)``, softmaxed into a confidence. Earlier
user turns add their scores with a lower weight. "Out of scope" is only answered when the
out-of-scope keywords are found and outweigh the in-scope ones; otherwise the best in-scope
category is returned with a lowered confidence, since a wrong referral costs the citizen more
than a cautious in-scope answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.models import Classification
from knowledge.corpus import Article, Case, law_key, load_cases, load_statutes
from knowledge.devsets import DATASETS, dataset_path, load_queries
from knowledge.lexicon import Lexicon, load_lexicon
from knowledge.numerals import cn_to_int
from knowledge.taxonomy import CATEGORY_CODES, OUT_OF_SCOPE, Category, get_category, load_categories

DEFAULT_QUESTIONS_PATH = Path(__file__).resolve().parent / "data" / "training_questions.tsv"
LABELS: tuple[str, ...] = (*CATEGORY_CODES, OUT_OF_SCOPE)

KEYWORD_WEIGHT = 1.0  # log-odds added per unit of keyword evidence
HISTORY_WEIGHT = 0.5  # weight of the most recent earlier turn; older turns decay geometrically
HISTORY_DECAY = 0.6
SECONDARY_RATIO = 0.35  # a secondary category has at least this share of the top probability
UNSURE_CAP = 0.4  # confidence ceiling when out-of-scope was overruled for lack of evidence
OUT_OF_SCOPE_BOOST = 1.5  # specialist words (专利, 股权) say more than everyday ones (公司, 起诉)
# Specialist terms of the out-of-scope fields beyond the taxonomy's keywords (foreign-invested
# enterprises, shipping, IP litigation, corporate governance).
EXTRA_OUT_OF_SCOPE_TERMS: tuple[str, ...] = (
    "外商", "外资", "中外合资", "合资公司", "独资企业", "集装箱", "船员", "港口", "码头", "货轮",
    "远洋", "报关", "专利权", "商标权", "侵害专利", "董事会", "股东会", "股权激励", "期权", "融资",
    "绿卡", "入籍", "国籍",
)
# DESIGN.md files an injury suffered while working (or on the way to and from work) under work
# injury, whoever is asked to pay; the words for the two halves are rarely adjacent
# ("在工地干活从架子上摔下来"), so single keywords miss it. (category, context, event, evidence).
PAIRED_EVIDENCE: tuple[tuple[str, re.Pattern[str], re.Pattern[str], float], ...] = (
    ("work_injury",
     re.compile(r"工地|上班|下班|车间|厂里|工厂|包工头|工头|干活时|工作中|工作时|在单位"),
     re.compile(r"受伤|摔|骨折|砸|伤残|烫伤|烧伤|截肢|身亡|死亡|脱位|压伤|夹伤|割伤"), 1.0),
)
OUT_OF_SCOPE_MARGIN = 1.0  # in-scope keyword evidence this much above out-of-scope vetoes a referral
CASE_CHARS = 400  # case text is long and formal; its opening carries the topic
# Cases labelled with the cross-cutting procedure hint say little about a citizen's topic.
SKIPPED_CASE_CATEGORIES = frozenset({"procedure_mediation_legal_aid"})
SAMPLE_WEIGHTS = {"question": 4.0, "case": 1.0, "keyword": 1.0, "lexicon": 1.0, "description": 2.0,
                  "statute": 0.2, "devset": 2.0}
# Real layperson questions of the retrieval dev splits (knowledge.devsets.DATASETS: STARD,
# LawBench consult, LexRAG), weakly labelled by the laws of their gold articles. LawBench topic
# questions (the classification benchmark) are never used.
STATUTE_CHARS = 150
# 民法典 serves several categories; its books (编) say which.
CIVIL_CODE_BOOKS = {
    "第三编": "contract_debt",
    "第二编": "housing_property_neighbor",
    "第四编": "personal_injury_tort_medical",  # 人格权
    "第五编": "marriage_family_inheritance",
    "第六编": "marriage_family_inheritance",  # 继承
    "第七编": "personal_injury_tort_medical",  # 侵权责任
}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    source: str  # question | case | keyword | lexicon | description | statute


# ---------------------------------------------------------------- training data


def read_questions(path: Path = DEFAULT_QUESTIONS_PATH) -> list[Example]:
    """Synthetic questions: ``category<TAB>question`` lines after a header, ``#`` comments."""
    out: list[Example] = []
    header_seen = False
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cols) != 2 or cols[0] not in LABELS or not cols[1].strip():
            raise ValueError(f"{path}:{line_no}: expected 'category<TAB>question' with a known code")
        out.append(Example(cols[1].strip(), cols[0], "question"))
    return out


def case_examples(cases: Iterable[Case]) -> list[Example]:
    out: list[Example] = []
    for case in cases:
        if not case.category or case.category in SKIPPED_CASE_CATEGORIES:
            continue
        try:
            label = get_category(case.category).code
        except ValueError:
            continue
        body = "\n".join(p for p in (case.facts, case.holding) if p)[:CASE_CHARS]
        out.append(Example(f"{case.title}\n{body}", label, "case"))
    return out


def taxonomy_examples(categories: Iterable[Category], lexicon: Lexicon) -> list[Example]:
    out: list[Example] = []
    for c in categories:
        out.append(Example(f"{c.name_zh} {c.description_zh}", c.code, "description"))
        out.extend(Example(k, c.code, "keyword") for k in c.keywords)
    for e in lexicon.entries:
        text = " ".join((e.colloquial, *e.statutory))
        out.extend(Example(text, code, "lexicon") for code in e.categories)
    return out


def _statute_label(article: Article, owners: dict[str, list[str]]) -> str | None:
    key = law_key(article.law)
    if key == "民法典":
        return CIVIL_CODE_BOOKS.get(article.chapter.split(" ", 1)[0])
    codes = owners.get(key, [])
    return codes[0] if len(codes) == 1 else None


def statute_examples(articles: Iterable[Article], categories: Iterable[Category]) -> list[Example]:
    """Articles of laws that belong to exactly one category (民法典 by book)."""
    owners: dict[str, list[str]] = {}
    for c in categories:
        for key in c.key_laws:
            owners.setdefault(key, []).append(c.code)
    out: list[Example] = []
    for a in articles:
        label = _statute_label(a, owners)
        if label is not None:
            out.append(Example(a.text[:STATUTE_CHARS], label, "statute"))
    return out


def devset_examples(data_dir: Path, articles: Iterable[Article],
                    categories: Iterable[Category], *, exclude: frozenset[str] = frozenset()
                    ) -> list[Example]:
    """Dev-split questions labelled by the category owning their gold articles' laws, kept only
    when those articles agree on one category; questions whose ID is in ``exclude`` (an
    evaluation's held-out fold) are left out."""
    owners: dict[str, list[str]] = {}
    for c in categories:
        for key in c.key_laws:
            owners.setdefault(key, []).append(c.code)
    by_key = {a.key: a for a in articles}
    out: list[Example] = []
    for name in DATASETS:
        path = dataset_path(data_dir, name)
        if not path.exists():
            continue
        for q in load_queries(name, path):
            if q.id in exclude:
                continue
            labels = {label for g in q.gold if g in by_key
                      if (label := _statute_label(by_key[g], owners)) is not None}
            if len(labels) == 1:
                out.append(Example(" ".join([*q.history, q.text]), labels.pop(), "devset"))
    return out


def training_examples(data_dir: Path, *, questions_path: Path = DEFAULT_QUESTIONS_PATH,
                      exclude: frozenset[str] = frozenset()) -> list[Example]:
    """Everything the model learns from: knowledge pack, synthetic questions and weakly
    labelled retrieval dev questions (never the classification benchmark's items)."""
    statutes = load_statutes(data_dir / "statutes")
    return [
        *case_examples(load_cases(data_dir / "cases")),
        *taxonomy_examples(load_categories(), load_lexicon()),
        *statute_examples(statutes, load_categories()),
        *devset_examples(data_dir, statutes, load_categories(), exclude=exclude),
        *read_questions(questions_path),
    ]


# ---------------------------------------------------------------- special groups

_CN_NUM = "零一二两三四五六七八九十百"
_AGE_RE = re.compile(rf"(?:今年|已经|年满|都|我|他|她|孩子|儿子|女儿|才|刚)?([0-9]{{1,3}}|[{_CN_NUM}]{{1,4}})"
                     r"(?:周岁|岁|多岁|来岁|了)")
_GROUP_PATTERNS: dict[str, re.Pattern[str]] = {
    "未成年人": re.compile(
        r"未成年|未满十八|未满18|不满十八|不满18|孩子|小孩|儿童|幼儿|学生|小学|初中|高中生|中学生"
        r"|婴儿|宝宝|留守|校园欺凌|少年|娃"),
    "老年人": re.compile(r"老人|老年|年迈|退休|养老|赡养|爷爷|奶奶|外公|外婆|姥姥|姥爷|老父亲|老母亲"
                      r"|老伴|独居老|孤寡"),
    "妇女": re.compile(r"妇女|女职工|女工|孕|产假|哺乳|流产|我是女|女性|我老公|我丈夫|我前夫|被老公"
                     r"|老公打我|丈夫打我|性骚扰|嫁|军嫂"),
    "残疾人": re.compile(r"残疾(?!赔偿)|残疾人|残疾证|残废|瘫痪|盲人|失明|聋哑|聋人|哑巴|智障|智力障碍"
                      r"|坐轮椅|截肢|精神病"),
    "农民工": re.compile(r"农民工|民工|工地|包工头|工头|进城务工|外出务工|务工|建筑工人|搬砖"
                      r"|(?:出来|外出|进城|在外|外地)打工"),
    "军人": re.compile(r"军人|退役|退伍|军嫂|军属|现役|部队|当兵|服役|军官|士兵|烈士|武警|复员|转业"),
}
GROUP_ORDER: tuple[str, ...] = tuple(_GROUP_PATTERNS)
MINOR_AGE = 18
ELDERLY_AGE = 60


def _ages(text: str) -> list[int]:
    out: list[int] = []
    for m in _AGE_RE.finditer(text):
        raw = m.group(1).replace("多", "")
        try:
            out.append(cn_to_int(raw))
        except ValueError:
            continue
    return out


def detect_groups(text: str) -> list[str]:
    """Special-group tags (法律援助 and special protection) named or implied in ``text``."""
    found = {g for g, pattern in _GROUP_PATTERNS.items() if pattern.search(text)}
    ages = [a for a in _ages(text) if 0 < a < 130]
    if any(a < MINOR_AGE for a in ages) and re.search(r"岁", text):
        found.add("未成年人")
    if any(a >= ELDERLY_AGE for a in ages):
        found.add("老年人")
    return [g for g in GROUP_ORDER if g in found]


# ---------------------------------------------------------------- the classifier


@dataclass(frozen=True)
class _Model:
    vectorizer: Any  # sklearn TfidfVectorizer
    coef: np.ndarray  # (n_labels, n_features), rows in LABELS order
    intercept: np.ndarray


def train_model(examples: Sequence[Example]) -> _Model:
    """Fit TF-IDF + logistic regression (log-loss SGD: seconds on 2 CPUs where lbfgs takes
    half a minute); deterministic through the fixed ``random_state``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True,
                                 min_df=1, max_features=120_000, dtype=np.float32)
    x = vectorizer.fit_transform([e.text for e in examples])
    y = np.array([LABELS.index(e.label) for e in examples])
    weights = np.array([SAMPLE_WEIGHTS[e.source] for e in examples])
    clf = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=10, tol=None, random_state=0,
                        class_weight="balanced")
    clf.fit(x, y, sample_weight=weights)
    coef = np.zeros((len(LABELS), x.shape[1]), dtype=np.float64)
    intercept = np.full(len(LABELS), -1e3)  # a label absent from training is never chosen
    for row, cls in enumerate(clf.classes_):
        coef[int(cls)] = clf.coef_[row]
        intercept[int(cls)] = clf.intercept_[row]
    return _Model(vectorizer, coef, intercept)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


class Classifier:
    """Text → :class:`Classification`. Build with :func:`load_classifier`."""

    def __init__(self, model: _Model, *, categories: Sequence[Category], lexicon: Lexicon) -> None:
        self._model = model
        self._lexicon = lexicon
        oos = LABELS.index(OUT_OF_SCOPE)
        self._keywords: list[tuple[str, int]] = [
            (k, LABELS.index(c.code)) for c in categories for k in c.keywords
        ] + [(k, oos) for k in EXTRA_OUT_OF_SCOPE_TERMS]

    def keyword_evidence(self, text: str) -> np.ndarray:
        """Per-label keyword evidence: taxonomy keywords (longer = stronger) + lexicon votes."""
        ev = np.zeros(len(LABELS))
        for keyword, idx in self._keywords:
            if keyword in text:
                ev[idx] += 1.0 if len(keyword) >= 3 else 0.6
        for code, votes in self._lexicon.category_votes(text).items():
            ev[LABELS.index(code)] += 0.5 * votes
        for code, context, event, weight in PAIRED_EVIDENCE:
            if context.search(text) and event.search(text):
                ev[LABELS.index(code)] += weight
        ev[LABELS.index(OUT_OF_SCOPE)] *= OUT_OF_SCOPE_BOOST
        return ev

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(model log-probabilities, keyword evidence), one row per text."""
        x = self._model.vectorizer.transform(list(texts))
        logp = _log_softmax(np.asarray(x @ self._model.coef.T) + self._model.intercept)
        ev = np.vstack([self.keyword_evidence(t) for t in texts])
        return logp, ev

    def classify(self, text: str, *, history: Sequence[str] = ()) -> Classification:
        """Category of ``text``; earlier user turns in ``history`` (oldest first) weigh less."""
        texts = [text, *reversed(history)]
        weights = np.array([1.0] + [HISTORY_WEIGHT * HISTORY_DECAY**i for i in range(len(history))])
        logp, ev = self.scores(texts)
        total = (weights[:, None] * (logp + KEYWORD_WEIGHT * ev)).sum(axis=0) / weights.sum()
        ev_total = (weights[:, None] * ev).sum(axis=0)
        probs = np.exp(_log_softmax(total))
        groups = detect_groups(" ".join(texts))
        return _decide(probs, ev_total, groups)


def _decide(probs: np.ndarray, evidence: np.ndarray, groups: list[str]) -> Classification:
    oos = LABELS.index(OUT_OF_SCOPE)
    in_scope = np.delete(np.arange(len(LABELS)), oos)
    best_in = int(in_scope[np.argmax(probs[in_scope])])
    oos_ev, in_ev = evidence[oos], evidence[in_scope].max()
    top = int(np.argmax(probs))
    # Out of scope needs the combined vote and at least one specialist out-of-scope word, with
    # in-scope words not clearly stronger; or several out-of-scope words and nothing in scope.
    referral = ((top == oos and oos_ev > 0 and in_ev < oos_ev + OUT_OF_SCOPE_MARGIN)
                or (oos_ev >= 2.0 and in_ev == 0))
    if referral:
        return Classification(category=OUT_OF_SCOPE, confidence=_round(probs[oos]),
                              secondary=[], groups=groups)
    confidence = probs[best_in] / probs[in_scope].sum() if top == oos else probs[best_in]
    if top == oos:
        confidence = min(confidence, UNSURE_CAP)
    secondary = [LABELS[i] for i in in_scope[np.argsort(-probs[in_scope])]
                 if i != best_in and probs[i] >= SECONDARY_RATIO * probs[best_in]][:2]
    return Classification(category=LABELS[best_in], confidence=_round(confidence),
                          secondary=secondary, groups=groups)


def _round(x: float) -> float:
    return round(float(min(max(x, 0.0), 1.0)), 4)


@lru_cache(maxsize=8)
def _load(data_dir: Path, questions_path: Path, exclude: frozenset[str]) -> Classifier:
    model = train_model(training_examples(data_dir, questions_path=questions_path,
                                          exclude=exclude))
    return Classifier(model, categories=load_categories(), lexicon=load_lexicon())


def load_classifier(data_dir: Path, *, questions_path: Path = DEFAULT_QUESTIONS_PATH,
                    exclude: frozenset[str] = frozenset()) -> Classifier:
    """A classifier trained on the pack at ``data_dir`` (cases from ``data_dir/"cases"``);
    trained once per process and cached (a few seconds on a 2-core CPU). ``exclude``: dev
    question IDs to leave out of training (cross-validated evaluations)."""
    return _load(data_dir.resolve(), questions_path.resolve(), exclude)
