"""Train a compact Chinese legal embedder offline from the knowledge pack.

The model is a sentence-transformers ``StaticEmbedding`` (a bag of learned token vectors,
mean-pooled) over a Unigram vocabulary trained on the corpus itself, so it yields multi-character
legal terms (用人单位, 劳动合同) and keeps single characters for everything else. Token vectors
start from latent semantic analysis of the corpus (IDF-weighted SVD of the article × token
matrix) and are then tuned with in-batch negatives (MultipleNegativesRankingLoss; van den Oord
et al. 2018, "Representation Learning with Contrastive Predictive Coding") on pairs mined from
the pack only — article ↔ title, article sentence ↔ rest of article, case ↔ cited article,
lexicon, and the LawBench/LexRAG dev splits (STARD only on request); see
:func:`load_pack_inputs`. The whole run takes a few minutes on two CPU cores.
"""

from __future__ import annotations

import json
import math
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from knowledge.corpus import Article, Case, Corpus, law_key

if TYPE_CHECKING:
    from tokenizers import Tokenizer

SOURCES = ("article_title", "article_cloze", "case", "lexicon", "lawbench_consult", "lexrag", "stard")
# Pair sources whose anchors are lay language (or close to it); oversampled in each epoch.
LAY_SOURCES = frozenset({"case", "lexicon", "lawbench_consult", "lexrag", "stard"})
_CASE_ANCHOR_CHARS = 400
_TOKENIZER_CHAR_BUDGET = 3_000_000
_SENTENCE_END = re.compile(r"(?<=[。；！？\n])")
_MIN_SENTENCE = 8


@dataclass(frozen=True, slots=True)
class TrainingPair:
    """A (query-like anchor, article-like positive) pair; ``group`` ties pairs of one query."""

    anchor: str
    positive: str
    source: str
    group: str
    article_id: str = ""


@dataclass(frozen=True, slots=True)
class TrainConfig:
    dim: int = 256
    vocab_size: int = 30_000
    epochs: int = 3
    batch_size: int = 1024
    learning_rate: float = 0.02
    scale: float = 20.0
    max_minutes: float = 15.0
    seed: int = 20240601
    # Lay pairs are few (thousands) beside ~58k article/title pairs: repeat them so they weigh.
    lay_share: float = 0.3
    max_lay_repeats: int = 6
    progress: bool = True


@dataclass(frozen=True, slots=True)
class TrainResult:
    out_dir: Path
    pairs_per_source: dict[str, int]
    vocab_size: int
    dim: int
    seed: int
    epochs_completed: float
    steps: int
    stopped_by_time_limit: bool
    seconds: dict[str, float] = field(default_factory=dict)


def passage(article: Article) -> str:
    """The text an article is embedded as, in training and in the index: law name + text."""
    return f"{article.law_key} {article.text}"


# ---------------------------------------------------------------- pair mining


def article_title_pairs(corpus: Corpus) -> list[TrainingPair]:
    """Article text ↔ "law + chapter" title (text only: the title must not be in the passage)."""
    return [
        TrainingPair(
            f"{a.law} {a.chapter}".strip(), a.text, "article_title", f"t:{a.id}", a.id
        )
        for a in corpus
        if a.text
    ]


def article_cloze_pairs(corpus: Corpus, *, seed: int) -> list[TrainingPair]:
    """One sentence of an article ↔ the rest of it (inverse cloze task; Lee et al. 2019, ORQA).

    Titles alone only teach which law an article belongs to; this teaches the model to tell
    articles of one law apart, which retrieval among ~58k articles needs most.
    """
    rng = random.Random(seed)
    out = []
    for a in corpus:
        sentences = [s for s in _SENTENCE_END.split(a.text) if len(s.strip()) >= _MIN_SENTENCE]
        if len(sentences) < 2:
            continue
        i = rng.randrange(len(sentences))
        rest = "".join(sentences[:i] + sentences[i + 1:])
        out.append(TrainingPair(
            sentences[i].strip(), f"{a.law_key} {rest}", "article_cloze", f"i:{a.id}", a.id
        ))
    return out


def case_pairs(cases: Iterable[Case], corpus: Corpus) -> list[TrainingPair]:
    """Case title + holding + facts ↔ each cited article present in the corpus."""
    out = []
    for case in cases:
        anchor = " ".join(p for p in (case.title, case.holding, case.facts) if p)
        anchor = anchor[:_CASE_ANCHOR_CHARS]
        for ref in case.cited_refs:
            a = corpus.find(ref.law, ref.article_no)
            if a is not None and anchor:
                out.append(TrainingPair(anchor, passage(a), "case", f"c:{case.id}", a.id))
    return out


def lexicon_pairs() -> list[TrainingPair]:
    """Colloquial phrase ↔ statutory term(s), when the lexicon module is available."""
    try:
        from knowledge.lexicon import load_lexicon
    except ImportError:
        return []
    return [
        TrainingPair(e.colloquial, " ".join(e.statutory), "lexicon", f"l:{e.colloquial}")
        for e in load_lexicon().entries
        if e.statutory
    ]


def _gold_pairs(
    query: str, gold: Iterable[dict[str, Any]], corpus: Corpus, source: str, group: str
) -> list[TrainingPair]:
    out = []
    for g in gold:
        a = corpus.by_key((g.get("law_key") or law_key(g["law"]), g["article"]))
        if a is not None and query:
            out.append(TrainingPair(query, passage(a), source, group, a.id))
    return out


def eval_pairs(
    records: Iterable[dict[str, Any]], corpus: Corpus, *, source: str
) -> list[TrainingPair]:
    """Pairs from an evaluation dev split (``lawbench_consult``, ``lexrag`` or ``stard``).

    LexRAG turns are conversational ("那可能被处罚吗？"), so a turn's anchor is the user's
    earlier turns plus the turn itself — what a retriever sees in a dialogue.
    """
    out: list[TrainingPair] = []
    for r in records:
        if source == "lexrag":
            history: list[str] = []
            for t in r["turns"]:
                history.append(t["user"])
                group = f"{r['id']}#{t['turn']}"
                out += _gold_pairs(" ".join(history), t["gold_articles"], corpus, source, group)
        else:
            field_name = "cited_articles_heuristic" if source == "lawbench_consult" else "gold_articles"
            out += _gold_pairs(r["query"], r[field_name], corpus, source, r["id"])
    return out


def split_heldout(
    pairs: Sequence[TrainingPair], *, n: int, sources: Iterable[str], seed: int
) -> tuple[list[TrainingPair], list[TrainingPair]]:
    """Hold out whole query groups of ``sources`` until at least ``n`` pairs are held out."""
    wanted = set(sources)
    groups = sorted({p.group for p in pairs if p.source in wanted})
    random.Random(seed).shuffle(groups)
    size: dict[str, int] = {}
    for p in pairs:
        size[p.group] = size.get(p.group, 0) + 1
    held: set[str] = set()
    count = 0
    for g in groups:
        if count >= n:
            break
        held.add(g)
        count += size[g]
    return [p for p in pairs if p.group not in held], [p for p in pairs if p.group in held]


def count_by_source(pairs: Iterable[TrainingPair]) -> dict[str, int]:
    counts = {s: 0 for s in SOURCES}
    for p in pairs:
        counts[p.source] = counts.get(p.source, 0) + 1
    return counts


# ---------------------------------------------------------------- tokenizer and init


def train_tokenizer(texts: Sequence[str], *, vocab_size: int) -> Tokenizer:
    """Unigram vocabulary over Chinese runs (punctuation splits runs; pieces up to 4 chars)."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"[^\p{Han}a-z0-9]+"), behavior="removed"),
        pre_tokenizers.Digits(individual_digits=False),
    ])
    trainer = trainers.UnigramTrainer(
        vocab_size=vocab_size,
        max_piece_length=4,
        unk_token="[UNK]",
        special_tokens=["[UNK]"],
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer)
    return tok


def _sample_texts(texts: Sequence[str], *, budget: int, seed: int) -> list[str]:
    """A seeded sample of ``texts`` of about ``budget`` characters (Unigram training is O(chars))."""
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    out, used = [], 0
    for i in order:
        if used >= budget:
            break
        out.append(texts[i])
        used += len(texts[i])
    return out


def lsa_init(tok: Tokenizer, docs: Sequence[str], *, dim: int, seed: int) -> np.ndarray:
    """Token vectors ``idf(t) · V[t]`` from a truncated SVD of the IDF-weighted doc × token matrix.

    Mean-pooling these gives each text its LSA coordinates (Deerwester et al. 1990), a far
    better start than random vectors. Tokens absent from ``docs`` get small random vectors.
    """
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    vocab = tok.get_vocab_size()
    ids = [e.ids for e in tok.encode_batch(list(docs), add_special_tokens=False)]
    indptr = np.cumsum([0] + [len(x) for x in ids])
    cols = np.fromiter((i for x in ids for i in x), dtype=np.int64, count=int(indptr[-1]))
    counts = csr_matrix(
        (np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(docs), vocab)
    )
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=vocab)
    idf = (np.log((len(docs) + 1) / (df + 1)) + 1.0).astype(np.float32)
    rng = np.random.default_rng(seed)
    weights = rng.normal(0.0, 1e-3, size=(vocab, dim)).astype(np.float32)
    k = min(dim, len(docs) - 1, vocab - 1)
    if k >= 1:
        svd = TruncatedSVD(n_components=k, n_iter=5, random_state=seed)
        svd.fit(normalize(counts.multiply(idf[None, :]).tocsr()))
        seen = df > 0
        weights[seen, :k] = (svd.components_.T * idf[:, None])[seen]
    return weights


# ---------------------------------------------------------------- training


def epoch_batches(
    pairs: Sequence[TrainingPair], *, batch_size: int, rng: random.Random
) -> Iterator[list[TrainingPair]]:
    """Shuffled batches with no repeated anchor or positive text (in-batch negatives must differ).

    A pair clashing with the current batch waits for a later one; leftovers that cannot fill a
    quarter batch are dropped this epoch (a big law under one title) and come back reshuffled.
    """
    pending = list(pairs)
    rng.shuffle(pending)
    smallest = max(2, min(batch_size // 4, len(pending) // 2))
    while len(pending) >= smallest:
        batch: list[TrainingPair] = []
        texts: set[str] = set()
        rest: list[TrainingPair] = []
        for p in pending:
            if len(batch) < batch_size and p.anchor not in texts and p.positive not in texts:
                batch.append(p)
                texts.update((p.anchor, p.positive))
            else:
                rest.append(p)
        if len(batch) < smallest:
            return
        yield batch
        pending = rest


def _epoch_pairs(pairs: Sequence[TrainingPair], config: TrainConfig) -> list[TrainingPair]:
    lay = [p for p in pairs if p.source in LAY_SOURCES]
    other = [p for p in pairs if p.source not in LAY_SOURCES]
    if not lay or not other:
        return list(pairs)
    target = config.lay_share / (1 - config.lay_share) * len(other)
    repeats = max(1, min(config.max_lay_repeats, round(target / len(lay))))
    return other + lay * repeats


def _build_model(tok: Tokenizer, weights: np.ndarray) -> Any:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding

    static = StaticEmbedding(tok, embedding_weights=weights)
    return SentenceTransformer(modules=[static], device="cpu")


def _fit(
    model: Any, pairs: Sequence[TrainingPair], config: TrainConfig, deadline: float
) -> tuple[float, int, bool]:
    """Train in place until ``config.epochs`` or ``deadline``; (epochs done, steps, timed out)."""
    import torch
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from tqdm import tqdm

    torch.manual_seed(config.seed)
    loss_fn = MultipleNegativesRankingLoss(
        model, scale=config.scale, directions=("query_to_doc", "doc_to_query")
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    rng = random.Random(config.seed)
    epoch_pairs = _epoch_pairs(pairs, config)
    steps_per_epoch = max(1, math.ceil(len(epoch_pairs) / config.batch_size))
    steps = 0
    model.train()
    for epoch in range(config.epochs):
        bar = tqdm(
            epoch_batches(epoch_pairs, batch_size=config.batch_size, rng=rng),
            total=steps_per_epoch, desc=f"epoch {epoch + 1}/{config.epochs}",
            disable=not config.progress, leave=False, mininterval=5.0,
        )
        for i, batch in enumerate(bar):
            if time.monotonic() >= deadline:
                return epoch + i / steps_per_epoch, steps, True
            anchors = model.preprocess([p.anchor for p in batch])
            positives = model.preprocess([p.positive for p in batch])
            loss = loss_fn([anchors, positives], torch.empty(0))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            steps += 1
            bar.set_postfix(loss=f"{loss.item():.3f}")
    return float(config.epochs), steps, False


def train_static_embedder(
    *,
    documents: Sequence[str],
    pairs: Sequence[TrainingPair],
    out_dir: Path,
    config: TrainConfig,
    log: Callable[[str], None] = print,
) -> TrainResult:
    """Train on ``pairs`` with a vocabulary and LSA start from ``documents``; save to ``out_dir``.

    ``out_dir`` becomes a normal sentence-transformers folder plus ``training.json``.
    Training stops cleanly at ``config.max_minutes`` (counted from the call) and still saves.
    """
    start = time.monotonic()
    deadline = start + config.max_minutes * 60
    seconds: dict[str, float] = {}
    # Lay anchors always join the sample: their everyday words (怎么, 孩子) are rare in statutes.
    texts = _sample_texts(documents, budget=_TOKENIZER_CHAR_BUDGET, seed=config.seed)
    texts += [p.anchor for p in pairs if p.source in LAY_SOURCES]
    tok = train_tokenizer(texts, vocab_size=config.vocab_size)
    seconds["tokenizer"] = time.monotonic() - start
    log(f"tokenizer: {tok.get_vocab_size()} pieces in {seconds['tokenizer']:.0f}s")
    weights = lsa_init(tok, documents, dim=config.dim, seed=config.seed)
    seconds["init"] = time.monotonic() - start - seconds["tokenizer"]
    log(f"LSA start: {weights.shape} in {seconds['init']:.0f}s")
    model = _build_model(tok, weights)
    t0 = time.monotonic()
    epochs, steps, timed_out = _fit(model, pairs, config, deadline)
    seconds["train"] = time.monotonic() - t0
    log(f"trained {epochs:.2f} epochs, {steps} steps in {seconds['train']:.0f}s"
        + (" (stopped at the time limit)" if timed_out else ""))
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir), create_model_card=False)
    (out_dir / "training.json").unlink(missing_ok=True)  # never mix in a previous run's record
    seconds["total"] = time.monotonic() - start
    result = TrainResult(
        out_dir=out_dir, pairs_per_source=count_by_source(pairs),
        vocab_size=tok.get_vocab_size(), dim=config.dim, seed=config.seed,
        epochs_completed=round(epochs, 3), steps=steps, stopped_by_time_limit=timed_out,
        seconds={k: round(v, 1) for k, v in seconds.items()},
    )
    write_training_json(out_dir, result, config=config)
    return result


def write_training_json(
    out_dir: Path, result: TrainResult, *, config: TrainConfig, extra: dict[str, Any] | None = None
) -> None:
    """``training.json``: what the model was trained on, how long it took, and any metrics."""
    import sentence_transformers

    path = out_dir / "training.json"
    record: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else {}
    record.update({
        **{k: v for k, v in asdict(result).items() if k != "out_dir"},
        "config": {k: v for k, v in asdict(config).items() if k != "progress"},
        "model": "StaticEmbedding (Unigram vocabulary, LSA start) + MultipleNegativesRankingLoss",
        "sentence_transformers": sentence_transformers.__version__,
        **(extra or {}),
    })
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- sanity metric


def recall_at_k(
    embedder: Any, documents: Sequence[str], queries: Sequence[tuple[str, int]], *, k: int = 10
) -> float:
    """Share of ``(query, gold row)`` pairs whose gold document ranks in the top ``k``."""
    return recall_at(embedder, documents, queries, ks=(k,))[k]


def recall_at(
    embedder: Any, documents: Sequence[str], queries: Sequence[tuple[str, int]],
    *, ks: Sequence[int] = (10, 100),
) -> dict[int, float]:
    """:func:`recall_at_k` for several cut-offs from one exact search over ``documents``."""
    from knowledge.dense import DenseIndex

    if not queries:
        return {k: 0.0 for k in ks}
    index = DenseIndex.build(embedder.encode(list(documents), batch_size=1024))
    _, rows = index.search(embedder.encode([q for q, _ in queries]), max(ks))
    ranks = [
        r.tolist().index(gold) if gold in r else len(documents)
        for (_, gold), r in zip(queries, rows, strict=True)
    ]
    return {k: sum(rank < k for rank in ranks) / len(queries) for k in ks}


# ---------------------------------------------------------------- the knowledge-pack pipeline


@dataclass(frozen=True, slots=True)
class PackInputs:
    corpus: Corpus
    train: list[TrainingPair]
    heldout: list[TrainingPair]


def load_pack_inputs(
    data_dir: Path, *, include_stard: bool = False, heldout: int = 200, seed: int = 20240601
) -> PackInputs:
    """Corpus (full national corpus, latest versions, merged with the curated statutes) and pairs.

    ``heldout`` pairs of LawBench-consult and LexRAG dev queries never enter training; STARD
    dev pairs enter only with ``include_stard`` because STARD is the retrieval benchmark.
    """
    from knowledge.corpus import (
        load_cases,
        load_statute_corpus,
        load_statutes,
        merge_corpora,
        read_jsonl,
    )

    full = load_statute_corpus(data_dir / "eval/statute_corpus/corpus.jsonl")
    corpus = Corpus(tuple(merge_corpora(full, load_statutes(data_dir / "statutes"))))
    evals = data_dir / "eval"
    lay = [
        *eval_pairs(read_jsonl(evals / "lawbench_consult/dev.jsonl"), corpus,
                    source="lawbench_consult"),
        *eval_pairs(read_jsonl(evals / "lexrag/dev.jsonl"), corpus, source="lexrag"),
    ]
    train, held = split_heldout(lay, n=heldout, sources=("lawbench_consult", "lexrag"), seed=seed)
    train += article_title_pairs(corpus)
    train += article_cloze_pairs(corpus, seed=seed)
    train += case_pairs(load_cases(data_dir / "cases"), corpus)
    train += lexicon_pairs()
    if include_stard:
        train += eval_pairs(read_jsonl(evals / "stard/dev.jsonl"), corpus, source="stard")
    return PackInputs(corpus, train, held)


def write_pairs(path: Path, inputs: PackInputs) -> None:
    """All mined pairs as JSONL (held-out ones marked) for inspection; nothing is trained."""
    with path.open("w", encoding="utf-8") as fh:
        for held, pairs in ((False, inputs.train), (True, inputs.heldout)):
            for p in pairs:
                fh.write(json.dumps({**asdict(p), "heldout": held}, ensure_ascii=False) + "\n")


def train_from_pack(
    data_dir: Path, out_dir: Path, *, config: TrainConfig, include_stard: bool = False,
    heldout: int = 200, log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Mine pairs, train, then measure recall@10 of held-out pairs over the whole corpus."""
    from knowledge.dense import load_embedder

    inputs = load_pack_inputs(
        data_dir, include_stard=include_stard, heldout=heldout, seed=config.seed
    )
    log(f"corpus: {len(inputs.corpus)} articles; pairs: {count_by_source(inputs.train)}; "
        f"held out: {len(inputs.heldout)}")
    documents = [passage(a) for a in inputs.corpus]
    result = train_static_embedder(
        documents=documents, pairs=inputs.train, out_dir=out_dir, config=config, log=log
    )
    t0 = time.monotonic()
    queries = [(p.anchor, inputs.corpus.index_of(p.article_id)) for p in inputs.heldout]
    recall = recall_at(load_embedder(out_dir), documents, queries, ks=(10, 100))
    metrics = {
        "heldout_pairs": len(queries),
        "heldout_sources": count_by_source(inputs.heldout),
        "heldout_recall_at_10": round(recall[10], 4),
        "heldout_recall_at_100": round(recall[100], 4),
        "corpus_articles": len(inputs.corpus),
        "corpus_fingerprint": inputs.corpus.fingerprint(),
        "include_stard": include_stard,
        "metric_seconds": round(time.monotonic() - t0, 1),
    }
    write_training_json(out_dir, result, config=config, extra=metrics)
    log(f"held-out recall@10 / @100 over {len(inputs.corpus)} articles: "
        f"{recall[10]:.3f} / {recall[100]:.3f} ({len(queries)} pairs)")
    return {**asdict(result), **metrics}
