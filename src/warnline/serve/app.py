"""The FastAPI app: the web UI (signed in with an API token) and the REST API under /api/v1/.

Routes live in serve/routes/, one module per resource; every route but the health check needs
a token whose role allows it (serve/auth.py).
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from warnline import __version__
from warnline.serve.auth import session_key
from warnline.serve.routes import (
    api_alerts,
    api_claims,
    api_entities,
    api_events,
    api_exports,
    api_reports,
    api_search,
    api_sources,
    api_tokens,
    api_webhooks,
    health,
    pages,
    pages_analysis,
    sign_in,
)
from warnline.settings import Settings, get_settings
from warnline.store import Store


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The app, serving one store."""
    settings = settings or get_settings()
    app = FastAPI(title="warnline", version=__version__, docs_url="/docs")
    app.state.store = store
    app.state.settings = settings
    # Lax: a link from elsewhere opens a page signed in, but no other site can post our forms.
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_key(settings),
        session_cookie="warnline_session",
        same_site="lax",
        https_only=False,  # served on 127.0.0.1 by default; put TLS in front to serve wider
    )
    for module in (
        health,
        api_reports,
        api_entities,
        api_events,
        api_claims,
        api_alerts,
        api_sources,
        api_webhooks,
        api_tokens,
        api_search,
        api_exports,
        sign_in,
        pages,
        pages_analysis,
    ):
        app.include_router(module.router)
    pages.mount_static(app, settings)
    return app
