"""/api/v1/reports: stored reports, and one with its analysis."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from warnline.errors import WarnlineError
from warnline.records import StoredReport
from warnline.serve.auth import Reader
from warnline.serve.deps import SessionDep
from warnline.store import list_reports, load_analysis
from warnline.store.reads import count_reports

router = APIRouter(prefix="/api/v1", tags=["reports"])


class ReportPage(BaseModel):
    items: list[StoredReport]
    total: int
    limit: int
    offset: int


@router.get("/reports")
def api_reports(
    session: SessionDep,
    _caller: Reader,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ReportPage:
    items = list_reports(session, limit=limit, offset=offset)
    return ReportPage(items=items, total=count_reports(session), limit=limit, offset=offset)


@router.get("/reports/{report_id}")
def api_report(session: SessionDep, _caller: Reader, report_id: str) -> dict[str, object]:
    try:
        _summary, analysis, _text = load_analysis(session, report_id)
    except WarnlineError as error:
        raise HTTPException(status_code=404, detail=error.line()) from error
    return analysis.to_dict()
