"""``legalaid train-embedder``: train the compact legal embedder offline from the knowledge pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.config import Settings
from knowledge.errors import DataMissingError

HELP = "Train a small Chinese legal embedder from the knowledge pack (offline, a few minutes on CPU)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="output model folder")
    parser.add_argument("--epochs", type=int, default=3, help="passes over the pairs (default 3)")
    parser.add_argument("--dim", type=int, default=256, help="embedding width (default 256)")
    parser.add_argument(
        "--max-minutes", type=float, default=15.0,
        help="stop training at this wall-clock budget and still save (default 15)",
    )
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--heldout", type=int, default=200,
        help="LawBench-consult/LexRAG dev pairs kept out of training for the recall@10 check",
    )
    parser.add_argument(
        "--include-stard", action="store_true",
        help="also train on STARD dev pairs (off by default: STARD is the retrieval benchmark)",
    )
    parser.add_argument(
        "--pairs-only", type=Path, metavar="FILE.jsonl",
        help="write the mined training pairs to FILE.jsonl and stop (no training)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.train_embedder import TrainConfig, load_pack_inputs, train_from_pack, write_pairs

    data_dir = settings.data_dir
    if not (data_dir / "eval/statute_corpus/corpus.jsonl").is_file():
        raise DataMissingError(f"statute corpus not found under {data_dir}")
    if args.epochs < 1 or args.dim < 8 or args.max_minutes <= 0:
        print("错误：--epochs 至少为 1，--dim 至少为 8，--max-minutes 必须大于 0。")
        return 2
    if args.pairs_only:
        inputs = load_pack_inputs(
            data_dir, include_stard=args.include_stard, heldout=args.heldout, seed=args.seed
        )
        write_pairs(args.pairs_only, inputs)
        print(f"wrote {len(inputs.train)} training + {len(inputs.heldout)} held-out pairs "
              f"to {args.pairs_only}")
        return 0
    config = TrainConfig(
        dim=args.dim, epochs=args.epochs, max_minutes=args.max_minutes, seed=args.seed
    )
    report = train_from_pack(
        data_dir, args.out, config=config, include_stard=args.include_stard, heldout=args.heldout
    )
    print(f"saved {args.out} (training.json: {report['seconds']['total']:.0f}s, "
          f"held-out recall@10 {report['heldout_recall_at_10']:.3f})")
    return 0
