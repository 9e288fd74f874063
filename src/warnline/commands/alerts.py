"""`warnline alerts` (list, ack, rebuild) and `warnline webhooks` (add, list, remove, log)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.table import Table

from warnline.analyse.alert_rules import RULE_NAMES, load_alert_config
from warnline.analyse.alerts import AlertView, acknowledge_alert, list_alerts, rebuild_alerts
from warnline.analyse.webhooks import (
    DeliveryView,
    WebhookView,
    add_webhook,
    deliver_alerts,
    delivery_log,
    list_webhooks,
    remove_webhook,
)
from warnline.cli_support import (
    Format,
    FormatOption,
    open_configured_store,
    out,
    print_json,
    print_listing,
    store_session,
)
from warnline.errors import Errors, WarnlineError

alerts_app = typer.Typer(help="Alerts: what is new in the store.", no_args_is_help=False)
webhooks_app = typer.Typer(help="Webhooks: where new alerts are POSTed.", no_args_is_help=True)


def _rule_choice(value: str | None) -> str | None:
    if value is not None and value not in RULE_NAMES:
        choices = ", ".join(RULE_NAMES)
        raise WarnlineError(Errors.E151, "--rule", option="--rule", value=value, choices=choices)
    return value


RuleOption = Annotated[
    str | None, typer.Option("--rule", callback=_rule_choice, help="Only this rule's alerts.")
]
UnackedOption = Annotated[
    bool, typer.Option("--unacknowledged", help="Only alerts not yet acknowledged.")
]


@alerts_app.callback(invoke_without_command=True)
def alerts_main(
    context: typer.Context,
    rule: RuleOption = None,
    unacknowledged: UnackedOption = False,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List alerts, newest first (the same as `warnline alerts list`).

    Example: warnline alerts --rule first_in_admin1 --unacknowledged
    """
    if context.invoked_subcommand is None:
        list_command(rule, unacknowledged, output_format)


@alerts_app.command(name="list")
def list_command(
    rule: RuleOption = None,
    unacknowledged: UnackedOption = False,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List alerts, newest first.

    Example: warnline alerts list --format json
    """
    with store_session() as session:
        rows = list_alerts(session, rule=rule, unacknowledged=unacknowledged)
    print_listing(rows, _alerts_table(rows), output_format)


@alerts_app.command(name="ack")
def ack_command(alert_id: Annotated[int, typer.Argument(help="The alert's id.")]) -> None:
    """Acknowledge an alert: an analyst has seen it.

    Example: warnline alerts ack 12
    """
    with store_session() as session:
        view = acknowledge_alert(session, alert_id)
    out.print(f"acknowledged {view.id}: {view.title}", markup=False, highlight=False)


@alerts_app.command(name="rebuild")
def rebuild_command() -> None:
    """Run the alert rules over every stored report again; only new alerts are raised.

    Example: warnline alerts rebuild
    """
    store = open_configured_store()
    try:
        with store.session() as session:
            raised = rebuild_alerts(session)
        deliver_alerts(store, raised)
    finally:
        store.close()
    out.print(f"{len(raised)} new alert(s)", markup=False, highlight=False)


@alerts_app.command(name="rules")
def rules_command(output_format: FormatOption = Format.table.value) -> None:
    """Show the alert rules in force (the packaged ones with WARNLINE_ALERT_RULES put in).

    Example: WARNLINE_ALERT_RULES=my-rules.yaml warnline alerts rules
    """
    config = load_alert_config().model_dump(mode="json")
    if output_format == Format.json:
        print_json(config)
        return
    table = Table("rule", "enabled", "severity", "settings")
    for name, rule in config["rules"].items():
        settings = ", ".join(
            f"{k}={v}" for k, v in rule.items() if k not in ("enabled", "severity")
        )
        table.add_row(name, "yes" if rule["enabled"] else "no", rule["severity"], settings)
    out.print(table)


def _alerts_table(rows: Sequence[AlertView]) -> Table:
    table = Table("id", "rule", "severity", "title", "raised", "ack")
    for row in rows:
        acked = "yes" if row.acknowledged_at else ""
        raised = row.raised_at.strftime("%Y-%m-%d %H:%M")
        table.add_row(str(row.id), row.rule, row.severity, row.title, raised, acked)
    return table


@webhooks_app.command(name="add")
def webhooks_add(url: Annotated[str, typer.Argument(help="An http(s) address.")]) -> None:
    """Register an address that every new alert is POSTed to as JSON.

    Example: warnline webhooks add https://hooks.example.org/warnline
    """
    with store_session() as session:
        view = add_webhook(session, url)
    out.print(f"webhook {view.id}: {view.url}", markup=False, highlight=False)


@webhooks_app.command(name="list")
def webhooks_list(output_format: FormatOption = Format.table.value) -> None:
    """List registered webhooks.

    Example: warnline webhooks list --format json
    """
    with store_session() as session:
        rows = list_webhooks(session)
    print_listing(rows, _webhooks_table(rows), output_format)


@webhooks_app.command(name="remove")
def webhooks_remove(webhook_id: Annotated[int, typer.Argument(help="The webhook's id.")]) -> None:
    """Forget a webhook and its delivery log.

    Example: warnline webhooks remove 1
    """
    with store_session() as session:
        view = remove_webhook(session, webhook_id)
    out.print(f"removed webhook {view.id}: {view.url}", markup=False, highlight=False)


@webhooks_app.command(name="log")
def webhooks_log(
    limit: Annotated[int, typer.Option(help="At most this many attempts.")] = 200,
    output_format: FormatOption = Format.table.value,
) -> None:
    """Show the delivery log: every attempt to deliver an alert, newest first.

    Example: warnline webhooks log --format json
    """
    with store_session() as session:
        rows = delivery_log(session, limit=limit)
    print_listing(rows, _log_table(rows), output_format)


def _webhooks_table(rows: Sequence[WebhookView]) -> Table:
    table = Table("id", "url", "active", "added")
    for row in rows:
        added = row.created_at.strftime("%Y-%m-%d %H:%M")
        table.add_row(str(row.id), row.url, "yes" if row.active else "no", added)
    return table


def _log_table(rows: Sequence[DeliveryView]) -> Table:
    table = Table("id", "webhook", "alert", "attempt", "status", "ok", "error", "at")
    for row in rows:
        table.add_row(
            str(row.id),
            str(row.webhook_id),
            str(row.alert_id),
            str(row.attempt),
            "" if row.status_code is None else str(row.status_code),
            "yes" if row.ok else "no",
            row.error or "",
            row.attempted_at.strftime("%Y-%m-%d %H:%M:%S"),
        )
    return table


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(webhooks_app, name="webhooks")
