"""Webhooks: alerts delivered as JSON to the addresses the analyst registered (stub)."""

from __future__ import annotations

from collections.abc import Sequence

from warnline.store import Store


def deliver_alerts(store: Store, alert_ids: Sequence[int]) -> None:
    """POST each alert to every active webhook, with retries; every attempt is logged."""
