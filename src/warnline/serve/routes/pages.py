"""The web UI's pages; a visitor who is not signed in is sent to /login."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warnline.errors import WarnlineError
from warnline.serve.auth import Caller, bearer_or_session, caller_of, csrf_token
from warnline.serve.deps import SessionDep
from warnline.serve.templating import TEMPLATES
from warnline.store import list_reports, load_analysis
from warnline.store.reads import count_reports

router = APIRouter(tags=["pages"], include_in_schema=False)


def _signed_in(request: Request, session: SessionDep) -> Caller | None:
    return caller_of(session, bearer_or_session(request))


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


@router.get("/", response_class=HTMLResponse, response_model=None)
def index(request: Request, session: SessionDep) -> Response:
    caller = _signed_in(request, session)
    if caller is None:
        return _to_login(request)
    rows = list_reports(session, limit=500)
    context = {"reports": rows, "total": count_reports(session), "caller": caller}
    context["csrf"] = csrf_token(request)
    return TEMPLATES.TemplateResponse(request, "reports.html", context)


@router.get("/reports/{report_id}", response_class=HTMLResponse, response_model=None)
def report_page(request: Request, session: SessionDep, report_id: str) -> Response:
    caller = _signed_in(request, session)
    if caller is None:
        return _to_login(request)
    try:
        summary, analysis, text = load_analysis(session, report_id)
    except WarnlineError as error:
        raise HTTPException(status_code=404, detail=error.line()) from error
    context = {"report": summary, "analysis": analysis, "text": text, "caller": caller}
    context["csrf"] = csrf_token(request)
    return TEMPLATES.TemplateResponse(request, "report.html", context)
