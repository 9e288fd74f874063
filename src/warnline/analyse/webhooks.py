"""Webhooks: alerts delivered as JSON to the addresses the analyst registered.

Each alert is POSTed to every active webhook as one JSON object (`alert_payload`); a receiver
that fails or answers other than 2xx is tried again with exponential backoff (tenacity), and
every attempt is written to the delivery log (webhook_deliveries). Delivery never raises: a
failing receiver must not fail the ingest that raised the alert.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

import httpx
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session
from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from warnline.analyse.alert_rules import DeliveryPolicy, load_alert_config
from warnline.analyse.alerts import alert_view
from warnline.errors import Errors, WarnlineError
from warnline.store import Store
from warnline.store.schema import AlertRow, WebhookDeliveryRow, WebhookRow

log = logging.getLogger(__name__)
PAYLOAD_FIELDS = ("id", "rule", "key", "severity", "title", "evidence", "raised_at")


class WebhookView(BaseModel):
    id: int
    url: str
    active: bool
    created_at: dt.datetime


class DeliveryView(BaseModel):
    """One attempt in the delivery log."""

    id: int
    webhook_id: int
    alert_id: int
    attempt: int
    status_code: int | None
    error: str | None
    ok: bool
    attempted_at: dt.datetime


class _RefusedError(Exception):
    """The receiver answered, but not with a 2xx status."""


def alert_payload(row: AlertRow) -> dict[str, Any]:
    """The JSON object POSTed for an alert: id, rule, key, severity, title, evidence (report,
    claim, event or entity ids with their spans) and raised_at (ISO 8601, UTC)."""
    view = alert_view(row).model_dump(mode="json")
    return {field: view[field] for field in PAYLOAD_FIELDS}


def deliver_alerts(
    store: Store, alert_ids: Sequence[int], *, policy: DeliveryPolicy | None = None
) -> None:
    """POST each alert to every active webhook, with retries; every attempt is logged."""
    if not alert_ids:
        return
    policy = policy or load_alert_config().webhooks
    with store.session() as session:
        hooks = [(h.id, h.url) for h in session.scalars(_active_hooks())]
        payloads = [alert_payload(row) for row in _alerts(session, alert_ids)]
    if not hooks:
        return
    with httpx.Client(timeout=policy.timeout_seconds) as client:
        for payload in payloads:
            for hook_id, url in hooks:
                _deliver_one(store, client, policy, hook_id, url, payload)


def _active_hooks() -> Any:
    return select(WebhookRow).where(WebhookRow.active.is_(True)).order_by(WebhookRow.id)


def _alerts(session: Session, alert_ids: Sequence[int]) -> list[AlertRow]:
    query = select(AlertRow).where(AlertRow.id.in_(alert_ids)).order_by(AlertRow.id)
    return list(session.scalars(query))


def _deliver_one(
    store: Store,
    client: httpx.Client,
    policy: DeliveryPolicy,
    hook_id: int,
    url: str,
    payload: dict[str, Any],
) -> bool:
    """One alert to one receiver, tried up to `policy.attempts` times; whether it arrived."""
    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait_exponential(multiplier=policy.backoff_base_seconds, max=policy.max_wait_seconds),
        retry=retry_if_exception_type((httpx.HTTPError, _RefusedError)),
    )
    try:
        for attempt in retrying:
            with attempt:
                number = attempt.retry_state.attempt_number
                _post(store, client, hook_id, url, payload, number)
    except RetryError:
        log.warning("webhook %s gave up on alert %s", url, payload["id"])
        return False
    return True


def _post(
    store: Store,
    client: httpx.Client,
    hook_id: int,
    url: str,
    payload: dict[str, Any],
    number: int,
) -> None:
    """One attempt, logged whatever happens; raises to ask tenacity for another."""
    status: int | None = None
    error: str | None = None
    try:
        response = client.post(url, json=payload)
        status = response.status_code
        if not response.is_success:
            error = f"HTTP {status}"
    except (httpx.HTTPError, httpx.InvalidURL) as failure:
        # InvalidURL is not an HTTPError: an address httpx cannot use is logged like any other.
        error = f"{type(failure).__name__}: {failure}"
    with store.session() as session:
        session.add(
            WebhookDeliveryRow(
                webhook_id=hook_id,
                alert_id=payload["id"],
                attempt=number,
                status_code=status,
                error=error,
                ok=error is None,
            )
        )
    if error is not None:
        raise _RefusedError(error)


def add_webhook(session: Session, url: str) -> WebhookView:
    """Register an address that every new alert is POSTed to."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise WarnlineError(Errors.E142, url) from error
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise WarnlineError(Errors.E142, url)
    row = WebhookRow(url=url, active=True)
    session.add(row)
    session.flush()
    return _webhook_view(row)


def list_webhooks(session: Session) -> list[WebhookView]:
    """Every registered webhook, oldest first."""
    rows = session.scalars(select(WebhookRow).order_by(WebhookRow.id))
    return [_webhook_view(row) for row in rows]


def remove_webhook(session: Session, webhook_id: int) -> WebhookView:
    """Forget a webhook, and its delivery log with it."""
    row = session.get(WebhookRow, webhook_id)
    if row is None:
        raise WarnlineError(Errors.E223, f"webhook {webhook_id}", value=webhook_id)
    view = _webhook_view(row)
    session.delete(row)
    session.flush()
    return view


def delivery_log(session: Session, *, limit: int = 200) -> list[DeliveryView]:
    """The latest delivery attempts, newest first."""
    query = (
        select(WebhookDeliveryRow)
        .order_by(WebhookDeliveryRow.attempted_at.desc(), WebhookDeliveryRow.id.desc())
        .limit(limit)
    )
    return [
        DeliveryView(
            id=row.id,
            webhook_id=row.webhook_id,
            alert_id=row.alert_id,
            attempt=row.attempt,
            status_code=row.status_code,
            error=row.error,
            ok=row.ok,
            attempted_at=row.attempted_at,
        )
        for row in session.scalars(query)
    ]


def _webhook_view(row: WebhookRow) -> WebhookView:
    return WebhookView(id=row.id, url=row.url, active=row.active, created_at=row.created_at)
