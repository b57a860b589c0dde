"""``legalaid serve`` — the HTTP service (API, docs, and the kiosk when mounted) on one port."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.config import Settings

HELP = "启动服务 — serve the REST API (OpenAPI docs at /docs); several workers share the database"

FACTORY = "legalaid.server:app_from_env"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=1,
                   help="worker processes (default 1); use PostgreSQL for several hosts")
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1",
                   help="proxies trusted for X-Forwarded-For (the rate limit keys on client IP)")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    p.add_argument("--graceful-shutdown-s", type=float, default=10.0,
                   help="seconds to let open connections finish on shutdown (default 10; an "
                        "open kiosk page keeps a connection open for as long as it is shown)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from assistant.api.middleware import configure_logging
    from assistant.db.migrate import upgrade_to_head

    configure_logging(args.log_level.upper())
    _check_index(settings)
    # Migrate once here, before the workers start, so they never race to create the tables.
    upgrade_to_head(settings.database.url)
    uvicorn.run(
        FACTORY,
        factory=True,
        host=args.host,
        port=args.port,
        workers=max(1, args.workers),
        log_config=None,  # keep our masked JSON logging
        access_log=False,  # our middleware logs paths without query strings (they may hold PII)
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
        timeout_graceful_shutdown=args.graceful_shutdown_s,
    )
    return 0


def _check_index(settings: Settings) -> None:
    """Refuse to start on a missing, mismatched or damaged index: the CLI prints the Chinese
    message with the rebuild command and exits 2, instead of serving 503s (or crashing in
    every worker's lifespan). Costs one extra index load in the parent process."""
    import logging

    from assistant.app import load_knowledge
    from assistant.errors import USER_ERRORS

    try:
        load_knowledge(settings)
    except USER_ERRORS as e:
        logging.getLogger("legalaid.serve").error("index not usable: %s", e)
        raise
