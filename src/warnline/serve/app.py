"""The FastAPI app: a page listing stored reports, one report's page, and the first API routes.

Issue 6 adds access control, the map, the claims board and the full API; until then this
serves on 127.0.0.1 only by default.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from warnline import __version__
from warnline.errors import WarnlineError
from warnline.records import StoredReport
from warnline.serve.deps import SessionDep
from warnline.store import Store, list_reports, load_analysis
from warnline.store.reads import count_reports

_TEMPLATES = Jinja2Templates(directory=str(resources.files("warnline.serve") / "templates"))


class Health(BaseModel):
    status: str
    version: str
    reports: int


class ReportPage(BaseModel):
    items: list[StoredReport]
    total: int
    limit: int
    offset: int


def create_app(store: Store) -> FastAPI:
    """The app, serving one store."""
    app = FastAPI(title="warnline", version=__version__, docs_url="/docs")
    app.state.store = store

    @app.get("/api/v1/health")
    def health(session: SessionDep) -> Health:
        return Health(status="ok", version=__version__, reports=count_reports(session))

    @app.get("/api/v1/reports")
    def api_reports(
        session: SessionDep,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> ReportPage:
        items = list_reports(session, limit=limit, offset=offset)
        return ReportPage(items=items, total=count_reports(session), limit=limit, offset=offset)

    @app.get("/api/v1/reports/{report_id}")
    def api_report(session: SessionDep, report_id: str) -> dict[str, object]:
        try:
            _summary, analysis, _text = load_analysis(session, report_id)
        except WarnlineError as error:
            raise HTTPException(status_code=404, detail=error.line()) from error
        return analysis.to_dict()

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, session: SessionDep) -> HTMLResponse:
        rows = list_reports(session, limit=500)
        return _TEMPLATES.TemplateResponse(
            request, "reports.html", {"reports": rows, "total": count_reports(session)}
        )

    @app.get("/reports/{report_id}", response_class=HTMLResponse)
    def report_page(request: Request, session: SessionDep, report_id: str) -> HTMLResponse:
        try:
            summary, analysis, text = load_analysis(session, report_id)
        except WarnlineError as error:
            raise HTTPException(status_code=404, detail=error.line()) from error
        return _TEMPLATES.TemplateResponse(
            request,
            "report.html",
            {"report": summary, "analysis": analysis, "text": text},
        )

    return app
