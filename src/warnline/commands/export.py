"""`warnline export`: the store's events in ACLED CSV, GeoJSON, STIX 2.1 or JSON Lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warnline.cli_support import out, store_session
from warnline.export import export_to_path, parse_filters


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="export")(export_command)


def export_command(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="acled, geojson, stix or jsonl.")
    ],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    actor: Annotated[
        str | None, typer.Option("--actor", help="An actor's name (any case).")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="An ACLED event or sub-event type.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2, e.g. BF.")] = None,
    admin1: Annotated[str | None, typer.Option(help="ISO 3166-2, e.g. BF-12.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Events starting on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events starting on or before this day (YYYY-MM-DD).")
    ] = None,
    bbox: Annotated[
        str | None, typer.Option(help="minlon,minlat,maxlon,maxlat in degrees.")
    ] = None,
) -> None:
    """Export events (and their reports) for analysts' tools.

    Example: warnline export --format acled --country BF --since 2024-01-01 --out bf.csv
    """
    filters = parse_filters(
        actor=actor,
        event_type=event_type,
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        bbox=bbox,
    )
    with store_session() as session:
        summary = export_to_path(session, output_format, filters, out_path)
    left_out = (
        f" ({summary.left_out} events left out: {summary.left_out_reason})"
        if summary.left_out
        else ""
    )
    noun = "record" if summary.written == 1 else "records"
    out.print(
        f"{summary.written} {noun} written to {out_path}{left_out}", markup=False, soft_wrap=True
    )
