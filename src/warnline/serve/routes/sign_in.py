"""Signing in to the web UI with an API token, and out again."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warnline.serve.auth import SESSION_TOKEN, caller_of, check_csrf, csrf_token
from warnline.serve.deps import SessionDep
from warnline.serve.templating import TEMPLATES

router = APIRouter(tags=["sign-in"], include_in_schema=False)


def _local(target: str) -> str:
    """Only a path on this site: never send a signed-in user elsewhere."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return TEMPLATES.TemplateResponse(
        request, "login.html", {"csrf": csrf_token(request), "next": _local(next), "error": None}
    )


@router.post("/login", response_model=None)
def login(
    request: Request,
    session: SessionDep,
    token: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    check_csrf(request, csrf)
    if caller_of(session, token.strip()) is None:
        context = {"csrf": csrf_token(request), "next": _local(next), "error": "unknown token"}
        return TEMPLATES.TemplateResponse(request, "login.html", context, status_code=401)
    request.session.clear()
    request.session[SESSION_TOKEN] = token.strip()
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> RedirectResponse:
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
