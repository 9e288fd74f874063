"""GET /api/v1/health: the one route that needs no token."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from warnline import __version__
from warnline.serve.deps import SessionDep
from warnline.store.reads import count_reports

router = APIRouter(prefix="/api/v1", tags=["health"])


class Health(BaseModel):
    status: str
    version: str
    reports: int


@router.get("/health")
def health(session: SessionDep) -> Health:
    return Health(status="ok", version=__version__, reports=count_reports(session))
