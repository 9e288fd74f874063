"""The web UI's pages: the map (home), the reports and one report with its spans highlighted.

A visitor who is not signed in is sent to /login. The other pages are in pages_*.py.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

import xstatic.pkg.leaflet  # type: ignore[import-untyped]
import xstatic.pkg.leaflet_markercluster  # type: ignore[import-untyped]
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from warnline.analyse.actor_edits import actor_names
from warnline.errors import Errors, WarnlineError
from warnline.serve.auth import Caller, bearer_or_session, caller_of, csrf_token
from warnline.serve.deps import SessionDep
from warnline.serve.outlines import outlines_geojson
from warnline.serve.templating import TEMPLATES
from warnline.serve.views import highlighted_text
from warnline.settings import Settings
from warnline.store import list_reports, load_analysis
from warnline.store.reads import count_reports
from warnline.vocab import load_event_types

router = APIRouter(tags=["pages"], include_in_schema=False)

# One colour per ACLED event type, in the vocabulary's order (the map's markers and legend).
TYPE_COLOURS = ("#c0392b", "#e67e22", "#8e44ad", "#2980b9", "#16a085", "#7f8c8d")
TILE_TEMPLATE = re.compile(r"^https?://\S*\{z\}\S*\{x\}\S*\{y\}\S*$")


def mount_static(app: FastAPI, settings: Settings) -> None:
    """Our own scripts and styles, and Leaflet's from its installed packages (no CDN)."""
    if settings.map_tiles and not TILE_TEMPLATE.match(settings.map_tiles):
        raise WarnlineError(Errors.E271, "WARNLINE_MAP_TILES", value=settings.map_tiles)
    app.state.map_tiles = settings.map_tiles
    app.state.map_attribution = settings.map_attribution
    for path, directory in (
        ("/static/leaflet", xstatic.pkg.leaflet.BASE_DIR),
        ("/static/markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
        ("/static", str(resources.files("warnline.serve") / "static")),
    ):
        app.mount(path, StaticFiles(directory=directory), name=path.strip("/"))


def signed_in(request: Request, session: SessionDep) -> Caller | None:
    """Who is signed in (None: nobody)."""
    return caller_of(session, bearer_or_session(request))


def to_login(request: Request) -> RedirectResponse:
    """Off to sign in, and back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def render(
    request: Request, caller: Caller, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """A page with the layout's caller, CSRF token and current section."""
    full = {**context, "caller": caller, "csrf": csrf_token(request)}
    return TEMPLATES.TemplateResponse(request, template, full, status_code=status)


def filter_form(
    actor: str = "",
    type: str = "",
    country: str = "",
    admin1: str = "",
    since: str = "",
    until: str = "",
) -> dict[str, str]:
    """The event filters of the map and the timeline, as the address gives them (the map's
    script and the timeline's parse_filters check them)."""
    return {"actor": actor, "type": type, "country": country, "admin1": admin1} | {
        "since": since,
        "until": until,
    }


FilterForm = Annotated[dict[str, str], Depends(filter_form)]


@router.get("/", response_class=HTMLResponse, response_model=None)
def map_page(request: Request, session: SessionDep, filters: FilterForm) -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    types = list(load_event_types())
    context = {
        "section": "map",
        "filters": filters,
        "legend": list(zip(types, TYPE_COLOURS, strict=True)),
        "event_types": load_event_types(),
        "actor_names": actor_names(session),
        "tiles": request.app.state.map_tiles,
        "attribution": request.app.state.map_attribution,
        # The stored reports below the map: where a new store's first look goes.
        "reports": list_reports(session, limit=500),
        "total": count_reports(session),
    }
    return render(request, caller, "map.html", context)


@router.get("/outlines.geojson", response_model=None)
def outlines(request: Request, session: SessionDep) -> Response:
    if signed_in(request, session) is None:
        return to_login(request)
    return Response(
        outlines_geojson(),
        media_type="application/geo+json",
        headers={"Cache-Control": "private, max-age=86400"},
    )


@router.get("/reports", response_class=HTMLResponse, response_model=None)
def reports_page(request: Request, session: SessionDep) -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    rows = list_reports(session, limit=500)
    context = {"section": "reports", "reports": rows, "total": count_reports(session)}
    return render(request, caller, "reports.html", context)


@router.get("/reports/{report_id}", response_class=HTMLResponse, response_model=None)
def report_page(request: Request, session: SessionDep, report_id: str) -> Response:
    caller = signed_in(request, session)
    if caller is None:
        return to_login(request)
    try:
        summary, analysis, text = load_analysis(session, report_id)
    except WarnlineError as error:
        raise HTTPException(status_code=404, detail=error.line()) from error
    context = {
        "section": "reports",
        "report": summary,
        "analysis": analysis,
        "segments": highlighted_text(analysis, text),
    }
    return render(request, caller, "report.html", context)
