"""FastAPI dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.services import EngineUnavailableError, Services


def get_services(request: Request) -> Services:
    services: Services | None = getattr(request.app.state, "services", None)
    if services is None:  # only between process start and the end of the lifespan startup
        raise EngineUnavailableError("services not built yet")
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
