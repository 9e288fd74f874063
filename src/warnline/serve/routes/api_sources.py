"""/api/v1/sources: who publishes the reports, with the reliability grade an analyst gave."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from warnline.analyse.credibility import SourceGrade, grade_source, list_sources
from warnline.serve.auth import Caller, Reader, require
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, coded
from warnline.serve.schemas import AUTH_RESPONSES, GradeRequest, Page

router = APIRouter(prefix="/api/v1", tags=["sources"], responses=AUTH_RESPONSES)


@router.get("/sources", summary="List sources with their grades")
def api_sources(session: SessionDep, _caller: Reader, page: PagingDep) -> Page[SourceGrade]:
    """Every source by name, with its Admiralty grade (A–F; F until graded) and report count."""
    sources = list_sources(session)
    return Page(
        items=sources[page.offset : page.offset + page.limit],
        total=len(sources),
        limit=page.limit,
        offset=page.offset,
    )


@router.put("/sources/{name}/grade", summary="Grade a source's reliability")
def api_grade(
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require("grade"))],
    name: Annotated[str, Path(description="The source's name, as listed.")],
    body: GradeRequest,
) -> SourceGrade:
    """Set the grade (A–F) and re-rate the claims the source speaks in; 404 (E210) for an
    unknown source, 422 (E211) for a grade that is not one."""
    with coded():
        return grade_source(session, name, body.grade)
