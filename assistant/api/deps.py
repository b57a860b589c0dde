"""FastAPI dependencies shared by the routes."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Request

from assistant.app import Services, services_of
from assistant.screening.hub import Hub


def get_services(request: Request) -> Services:
    return services_of(request.app.state)


ServicesDep = Annotated[Services, Depends(get_services)]


def get_hub(services: ServicesDep) -> Hub:
    return services.screening


def get_today(services: ServicesDep) -> date:
    """Today in China, from the service's clock (tests fix it)."""
    return services.clock()


HubDep = Annotated[Hub, Depends(get_hub)]
TodayDep = Annotated[date, Depends(get_today)]
