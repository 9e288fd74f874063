"""/api/v1/webhooks: addresses every new alert is POSTed to, and the delivery log (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from warnline.analyse.webhooks import (
    DeliveryView,
    WebhookView,
    add_webhook,
    delivery_log,
    list_webhooks,
    remove_webhook,
)
from warnline.serve.auth import Caller, require
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, RowId, coded
from warnline.serve.schemas import AUTH_RESPONSES, Page, WebhookRequest

router = APIRouter(prefix="/api/v1", tags=["webhooks"], responses=AUTH_RESPONSES)

Webhooks = Annotated[Caller, Depends(require("webhooks"))]
LOG_LIMIT = 1000


@router.get("/webhooks", summary="List webhooks")
def api_webhooks(session: SessionDep, _caller: Webhooks, page: PagingDep) -> Page[WebhookView]:
    """Every registered webhook, oldest first."""
    hooks = list_webhooks(session)
    return Page(
        items=hooks[page.offset : page.offset + page.limit],
        total=len(hooks),
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/webhooks", status_code=201, summary="Register a webhook")
def api_add_webhook(session: SessionDep, _caller: Webhooks, body: WebhookRequest) -> WebhookView:
    """Every new alert will be POSTed (JSON) to this http(s) address; 422 (E142) otherwise."""
    with coded():
        return add_webhook(session, body.url)


@router.get("/webhooks/log", summary="Webhook delivery attempts, newest first")
def api_webhook_log(session: SessionDep, _caller: Webhooks, page: PagingDep) -> Page[DeliveryView]:
    """The latest delivery attempts (the newest 1,000 are kept in view) and how each went."""
    attempts = delivery_log(session, limit=LOG_LIMIT)
    return Page(
        items=attempts[page.offset : page.offset + page.limit],
        total=len(attempts),
        limit=page.limit,
        offset=page.offset,
    )


@router.delete("/webhooks/{webhook_id}", summary="Remove a webhook")
def api_remove_webhook(session: SessionDep, _caller: Webhooks, webhook_id: RowId) -> WebhookView:
    """Forget a webhook and its delivery log; 404 (E223) when there is none with this id."""
    with coded():
        return remove_webhook(session, webhook_id)
