"""`warnline clusters` (events, claims, rebuild) and `warnline sources` (list, grade)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.table import Table

from warnline.analyse.cluster_views import (
    ClaimClusterView,
    EventClusterView,
    list_claim_clusters,
    list_event_clusters,
)
from warnline.analyse.credibility import SourceGrade, grade_source, list_sources
from warnline.analyse.event_clusters import rebuild_clusters
from warnline.cli_support import Format, FormatOption, out, print_json, print_listing, store_session

clusters_app = typer.Typer(
    help="Clusters: one real event, or one proposition, told by many reports.",
    no_args_is_help=True,
)
sources_app = typer.Typer(help="Sources and their reliability grades (A–F).", no_args_is_help=True)


@clusters_app.command(name="events")
def events_command(
    min_sources: Annotated[
        int, typer.Option("--min-sources", help="Only events told by this many sources.")
    ] = 1,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List event clusters with each source's account and tolls.

    Example: warnline clusters events --min-sources 2
    """
    with store_session() as session:
        rows = list_event_clusters(session, min_sources=min_sources)
    print_listing(rows, _events_table(rows), output_format)


@clusters_app.command(name="claims")
def claims_command(
    status: Annotated[
        str | None,
        typer.Option("--status", help="single_source, corroborated or contested."),
    ] = None,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List claim clusters with each side's claims, status and credibility with its reason.

    Example: warnline clusters claims --status contested
    """
    with store_session() as session:
        rows = list_claim_clusters(session, status=status)
    print_listing(rows, _claims_table(rows), output_format)


@clusters_app.command(name="rebuild")
def rebuild_command() -> None:
    """Recompute every event and claim cluster from scratch.

    Example: warnline clusters rebuild
    """
    with store_session() as session:
        made = rebuild_clusters(session)
    out.print(f"{made} event clusters rebuilt, and the claim clusters with them")


@sources_app.command(name="list")
def sources_list_command(output_format: FormatOption = Format.table.value) -> None:
    """List sources with their reliability grade.

    Example: warnline sources list --format json
    """
    with store_session() as session:
        rows = list_sources(session)
    print_listing(rows, _sources_table(rows), output_format)


@sources_app.command(name="grade")
def sources_grade_command(name: str, grade: str) -> None:
    """Set a source's Admiralty reliability (A–F); its claims' credibility is recomputed.

    Example: warnline sources grade "Sahel Monitor" B
    """
    with store_session() as session:
        row = grade_source(session, name, grade)
    print_json(row.model_dump(mode="json"))


def _events_table(rows: Sequence[EventClusterView]) -> Table:
    table = Table("id", "date", "event", "place", "sources", "killed", "accounts", "toll basis")
    for row in rows:
        accounts = "\n".join(
            f"{a.source}: killed {(a.killed or {}).get('best', '-')}" for a in row.accounts
        )
        table.add_row(
            str(row.id),
            str(row.date_start or ""),
            f"{row.type} / {row.sub_type}",
            row.location or "",
            str(row.sources),
            _toll(row.killed),
            accounts,
            row.toll_basis or "",
        )
    return table


def _claims_table(rows: Sequence[ClaimClusterView]) -> Table:
    table = Table("id", "status", "credibility", "proposition", "claims")
    for row in rows:
        claims = "\n".join(
            f"{c.stance}: {c.source} ({c.reliability}) {c.speaker or ''}: {c.content[:80]}"
            for c in row.claims
        )
        table.add_row(
            str(row.id),
            row.status,
            f"{row.credibility}: {row.credibility_reason or ''}",
            row.proposition[:100],
            claims,
        )
    return table


def _sources_table(rows: Sequence[SourceGrade]) -> Table:
    table = Table("source", "grade", "meaning", "reports")
    for row in rows:
        table.add_row(row.name, row.reliability, row.meaning, str(row.reports))
    return table


def _toll(toll: dict[str, int | None] | None) -> str:
    if not toll:
        return ""
    return f"{toll.get('best')} ({toll.get('low')}–{toll.get('high')})"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(clusters_app, name="clusters")
    app.add_typer(sources_app, name="sources")
