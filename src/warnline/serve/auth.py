"""Who is calling, and whether their token's role allows what the route does.

The API takes `Authorization: Bearer <token>`; the web UI keeps the token it was signed in
with in a signed session cookie. Either way the token is checked against the store on every
request, so a revoked token stops working at once. No token (or an unknown or revoked one) is
401; a token whose role lacks the route's permission is 403.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from warnline.serve.deps import SessionDep
from warnline.settings import Settings
from warnline.store.tokens import role_may, verify_token

SESSION_TOKEN = "token"
SESSION_CSRF = "csrf"


@dataclass(frozen=True)
class Caller:
    token_id: int
    name: str
    role: str


def bearer_or_session(request: Request) -> str | None:
    """The token the request carries: its Authorization header, else the signed-in session."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if "session" in request.scope:
        token = request.session.get(SESSION_TOKEN)
        return token if isinstance(token, str) else None
    return None


def caller_of(session: Session, token: str | None) -> Caller | None:
    if token is None:
        return None
    info = verify_token(session, token)
    return None if info is None else Caller(token_id=info.id, name=info.name, role=info.role)


def require(permission: str) -> Callable[[Request, Session], Caller]:
    """A dependency: the caller, if their token's role has `permission`; else 401 or 403."""

    def dependency(request: Request, session: SessionDep) -> Caller:
        caller = caller_of(session, bearer_or_session(request))
        if caller is None:
            raise HTTPException(
                status_code=401,
                detail="a valid API token is needed (Authorization: Bearer <token>)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not role_may(caller.role, permission):
            raise HTTPException(
                status_code=403, detail=f"a {caller.role} token may not {permission}"
            )
        return caller

    return dependency


Reader = Annotated[Caller, Depends(require("read"))]
Analyst = Annotated[Caller, Depends(require("ingest"))]
Admin = Annotated[Caller, Depends(require("tokens"))]


def csrf_token(request: Request) -> str:
    """The session's token for forms (made once per session): a form posted without it, from
    another site, is refused."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get(SESSION_CSRF)
    if (
        not isinstance(expected, str)
        or not submitted
        or not secrets.compare_digest(expected, submitted)
    ):
        raise HTTPException(status_code=403, detail="the form is stale or not ours: reload it")


def session_key(settings: Settings) -> str:
    """WARNLINE_SECRET_KEY, else a random key kept beside the data (made once, owner-only)."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / "session.key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key, encoding="utf-8")
    return key
