"""/api/v1/alerts: what is new in the store; an analyst acknowledges what they have seen."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from warnline.analyse.alerts import AlertView, acknowledge_alert, list_alerts
from warnline.serve.auth import Caller, Reader, require
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, RowId, coded
from warnline.serve.schemas import AUTH_RESPONSES, Page

router = APIRouter(prefix="/api/v1", tags=["alerts"], responses=AUTH_RESPONSES)


@router.get("/alerts", summary="List alerts, newest first")
def api_alerts(
    session: SessionDep,
    _caller: Reader,
    page: PagingDep,
    rule: Annotated[str | None, Query(description="Only this rule's alerts.")] = None,
    unacknowledged: Annotated[bool, Query(description="Only those not acknowledged.")] = False,
) -> Page[AlertView]:
    """Alerts with the evidence that raised them: a first sighting in a province, a new actor,
    a new alliance, a spike of events, a watched name."""
    alerts = list_alerts(session, rule=rule, unacknowledged=unacknowledged)
    return Page(
        items=alerts[page.offset : page.offset + page.limit],
        total=len(alerts),
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/alerts/{alert_id}/ack", summary="Acknowledge an alert")
def api_ack(
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require("acknowledge"))],
    alert_id: RowId,
) -> AlertView:
    """Mark an alert as seen (a second acknowledgement keeps the first time); 404 (E222)."""
    with coded():
        return acknowledge_alert(session, alert_id)
