"""Liveness and readiness."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from assistant.app import Services

router = APIRouter(tags=["health"])
log = logging.getLogger(__name__)

MODELS = ("embedder", "whisper", "llm", "tts")


@router.get("/healthz", summary="存活检查")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="就绪检查：索引、数据库、模型")
def readyz(request: Request) -> JSONResponse:
    """200 when the index is loaded and the database answers, else 503; always lists which
    optional models are present, so a deployment without weights says so plainly."""
    services: Services | None = getattr(request.app.state, "services", None)
    if services is None:
        return JSONResponse({"ready": False, "index": {"loaded": False}}, status_code=503)
    index = _index_status(services)
    database = _database_status(services)
    models = {name: _component(services, name) for name in MODELS}
    models["whisper"] |= _voice_status(services)
    ready = bool(index["loaded"] and services.engine is not None and database["ok"])
    body = {"ready": ready, "index": index, "database": database, "models": models}
    return JSONResponse(body, status_code=200 if ready else 503)


def _index_status(services: Services) -> dict[str, Any]:
    if services.kb is None:
        err = services.kb_error
        return {"loaded": False, "error": err.code if err else "not_loaded",
                "message": err.message if err else ""}
    m = services.kb.manifest
    return {"loaded": True, "corpus": m.corpus, "n_articles": m.n_articles, "n_cases": m.n_cases,
            "built_at": m.built_at, "embedder": m.embedder, "tokenizer": m.tokenizer,
            "engine": services.engine is not None, "mode": services.kb.mode,
            "vectors": _vector_status(services)}


def _vector_status(services: Services) -> dict[str, Any] | None:
    """The background dense-vector build, if one was started (hybrid retrieval follows it)."""
    b = services.vectors
    if b is None:
        return None
    return {"state": b.state, "embedder": b.embedder, "done": min(b.done, b.total),
            "total": b.total, "seconds": b.seconds, "detail": b.detail}


def _database_status(services: Services) -> dict[str, Any]:
    backend = services.store.engine.dialect.name
    try:
        services.store.ping()
    except Exception as e:  # any driver error means "not reachable"; details to the log only
        log.error("database not reachable: %s", e)
        return {"ok": False, "backend": backend}
    return {"ok": True, "backend": backend}


def _voice_status(services: Services) -> dict[str, Any]:
    """``ready`` and ``state`` (loading / ready / failed / off) of voice input; a recogniser
    without a status (a test fake) counts as ready."""
    status = getattr(services.transcriber, "status", None)
    if services.transcriber is None:
        return {"ready": False, "state": "off"}
    if status is None:
        return {"ready": True, "state": "ready"}
    out: dict[str, Any] = status().as_dict()
    return out


def _component(services: Services, name: str) -> dict[str, Any]:
    component = services.components.get(name)
    if name == "whisper":
        status = getattr(services.transcriber, "status", None)
        present = services.transcriber is not None and (status is None or status().ready)
    elif name == "tts":
        present = services.speaker is not None
    else:
        present = bool(component and component.present)
    return {"present": present, "detail": component.detail if component else "not configured"}
