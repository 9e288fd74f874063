"""The web UI's pages over what the store knows across reports: the timeline, the claims
board, actors, and alerts (with the analyst's Acknowledge button)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from warnline.analyse.actor_edits import actor_names, list_actors
from warnline.analyse.alerts import acknowledge_alert, list_alerts
from warnline.analyse.cluster_views import STATUSES, list_claim_clusters
from warnline.analyse.credibility import load_credibility_vocab
from warnline.errors import WarnlineError
from warnline.serve.auth import Caller, check_csrf, require
from warnline.serve.deps import SessionDep
from warnline.serve.query import RowId
from warnline.serve.routes.pages import FilterForm, render, signed_in, to_login
from warnline.serve.views_actors import actor_page
from warnline.serve.views_events import parse_filters, weekly_counts
from warnline.store.schema import ReportRow
from warnline.vocab import load_event_types

router = APIRouter(tags=["pages"], include_in_schema=False)

Acknowledger = Annotated[Caller, Depends(require("acknowledge"))]


@router.get("/timeline", response_class=HTMLResponse, response_model=None)
def timeline_page(request: Request, session: SessionDep, form: FilterForm) -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    context: dict[str, object] = {
        "section": "timeline",
        "filters": form,
        "event_types": load_event_types(),
        "actor_names": actor_names(session),
    }
    try:
        timeline = weekly_counts(session, parse_filters(**form))
    except WarnlineError as error:
        context |= {"error": error.line(), "timeline": None, "most": 1}
        return render(request, caller, "timeline.html", context, status=400)
    most = max((week.events for week in timeline.weeks), default=0)
    context |= {"error": None, "timeline": timeline, "most": max(most, 1)}
    return render(request, caller, "timeline.html", context)


@router.get("/claims", response_class=HTMLResponse, response_model=None)
def claims_page(request: Request, session: SessionDep, status: str = "contested") -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    if status not in (*STATUSES, "all"):
        status = "contested"
    clusters = list_claim_clusters(session, None if status == "all" else status)
    report_ids = {voice.report_id for cluster in clusters for voice in cluster.claims}
    rows = session.execute(
        select(ReportRow.id, ReportRow.title).where(ReportRow.id.in_(report_ids))
    )
    titles = {row[0]: row[1] for row in rows}
    context = {
        "section": "claims",
        "status": status,
        "statuses": (*STATUSES, "all"),
        "clusters": clusters,
        "credibility": load_credibility_vocab().credibility,
        "titles": titles,
    }
    return render(request, caller, "claims.html", context)


@router.get("/actors", response_class=HTMLResponse, response_model=None)
def actors_page(request: Request, session: SessionDep, name: str = "") -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    actors = list_actors(session, name.strip() or None)
    context = {"section": "actors", "actors": actors, "name": name}
    return render(request, caller, "actors.html", context)


@router.get("/actors/{actor_id}", response_class=HTMLResponse, response_model=None)
def actor_detail_page(request: Request, session: SessionDep, actor_id: RowId) -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    try:
        page = actor_page(session, actor_id)
    except WarnlineError as error:
        raise HTTPException(status_code=404, detail=error.line()) from error
    return render(request, caller, "actor.html", {"section": "actors", "page": page})


@router.get("/alerts", response_class=HTMLResponse, response_model=None)
def alerts_page(request: Request, session: SessionDep, show: str = "open") -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    alerts = list_alerts(session, unacknowledged=show != "all")
    context = {"section": "alerts", "alerts": alerts, "show": "all" if show == "all" else "open"}
    return render(request, caller, "alerts.html", context)


@router.post("/alerts/{alert_id}/acknowledge", response_model=None)
def acknowledge_page(
    request: Request,
    session: SessionDep,
    _caller: Acknowledger,
    alert_id: RowId,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    check_csrf(request, csrf)
    try:
        acknowledge_alert(session, alert_id)
    except WarnlineError as error:
        raise HTTPException(status_code=404, detail=error.line()) from error
    return RedirectResponse(f"/alerts#alert-{alert_id}", status_code=303)
