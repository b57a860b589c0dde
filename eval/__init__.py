"""Datasets, metrics and benchmark runners (``legalaid eval TASK``).

Every runner module has the same small contract: ``HELP`` (one line), ``PRIMARY`` (the key of
its headline figure), ``add_arguments(parser)``, ``evaluate(...) -> dict`` (the figures, with
``PRIMARY`` among them) and ``run(args, settings) -> int`` (prints, writes ``--json`` and a
plot). Latencies are summarised by ``eval.metrics.latency_summary`` everywhere.
"""
