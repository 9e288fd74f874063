"""`warnline actors` (list, show, merge, split, rebuild): actors across reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.table import Table

from warnline.analyse.actor_edits import (
    ActorDetail,
    ActorSummary,
    list_actors,
    merge_actors,
    show_actor,
    split_actor,
)
from warnline.analyse.event_clusters import rebuild_clusters
from warnline.analyse.resolution import rebuild_actors
from warnline.cli_support import Format, FormatOption, out, print_json, print_listing, store_session

actors_app = typer.Typer(
    help="Actors: the entities of many reports resolved to one.", no_args_is_help=True
)
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, kept with the decision.")]


@actors_app.command(name="list")
def list_command(
    name: Annotated[
        str | None, typer.Option("--name", help="Only actors with a name containing this.")
    ] = None,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List actors, the most reported first.

    Example: warnline actors list --name qaeda --format json
    """
    with store_session() as session:
        rows = list_actors(session, name=name)
    print_listing(rows, _actors_table(rows), output_format)


@actors_app.command(name="show")
def show_command(actor_id: int, output_format: FormatOption = Format.table.value) -> None:
    """Show one actor and every report entity linked to it, with the score and the reason.

    Example: warnline actors show 12
    """
    with store_session() as session:
        detail = show_actor(session, actor_id)
    _print_detail(detail, output_format)


@actors_app.command(name="merge")
def merge_command(
    actor_id: int,
    other_id: int,
    note: NoteOption = None,
    output_format: FormatOption = Format.table.value,
) -> None:
    """Merge OTHER_ID into ACTOR_ID; the decision survives re-analysis.

    Example: warnline actors merge 12 40 --note "same commander, other spelling"
    """
    with store_session() as session:
        detail = merge_actors(session, actor_id, other_id, note=note)
    _print_detail(detail, output_format)


@actors_app.command(name="split")
def split_command(
    actor_id: int,
    name: str,
    note: NoteOption = None,
    output_format: FormatOption = Format.table.value,
) -> None:
    """The actor's entities named NAME leave it and form an actor of their own; the decision
    survives re-analysis.

    Example: warnline actors split 7 "Massoud"
    """
    with store_session() as session:
        detail = split_actor(session, actor_id, name, note=note)
    _print_detail(detail, output_format)


@actors_app.command(name="rebuild")
def rebuild_command() -> None:
    """Resolve every stored entity again, applying the analyst's merges and splits; the event
    and claim clusters, which compare actors, are rebuilt after.

    Example: warnline actors rebuild
    """
    with store_session() as session:
        count = rebuild_actors(session)
        clusters = rebuild_clusters(session)
    out.print(f"{count} actors, {clusters} event clusters")


def _actors_table(rows: Sequence[ActorSummary]) -> Table:
    table = Table("id", "name", "kind", "catalogue", "reports", "entities", "aliases")
    for row in rows:
        aliases = ", ".join(row.aliases[:6]) + (" …" if len(row.aliases) > 6 else "")
        table.add_row(
            str(row.id),
            row.name,
            row.kind,
            row.catalogue_id or "",
            str(row.reports),
            str(row.entities),
            aliases,
        )
    return table


def _print_detail(detail: ActorDetail, output_format: str) -> None:
    if output_format == Format.json:
        print_json(detail.model_dump(mode="json"))
        return
    out.print(_actors_table([detail]))
    table = Table("entity", "report", "name", "score", "reason")
    for linked in detail.linked:
        score = f"{linked.score:.2f}" if linked.score is not None else ""
        title = linked.report_title or linked.report_id[:15]
        table.add_row(str(linked.entity_id), title, linked.name, score, linked.reason or "")
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.add_typer(actors_app, name="actors")
