"""Rich tables and JSON-ready dicts for the CLI: how records look at the edge."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from rich.table import Table

from warnline.records import Analysis, Event, StoredFailure, StoredReport

if TYPE_CHECKING:
    from warnline.flow import IngestSummary

_SHORT_ID_DIGITS = 12


def short_id(report_id: str) -> str:
    """The first hex digits of an id: enough for `warnline show`, which takes a prefix."""
    return report_id.removeprefix("sha256:")[:_SHORT_ID_DIGITS]


def to_jsonable(value: Any) -> Any:
    """Records, dataclasses and dates to plain JSON values."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def reports_table(rows: Sequence[StoredReport], title: str = "Stored reports") -> Table:
    table = Table(title=title)
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    for column in ("source", "title", "lang", "E/P/D", "note"):
        table.add_column(column, overflow="fold")
    for row in rows:
        note = ", ".join(row.flags)
        if row.near_duplicate_of:
            note = (note + "; " if note else "") + (
                f"copy of {short_id(row.near_duplicate_of)} ({row.near_duplicate_score:.2f})"
            )
        table.add_row(
            short_id(row.id),
            row.published.isoformat() if row.published else "",
            row.source or "",
            row.title or "",
            row.language or "?",
            f"{row.entities}/{row.places}/{row.dates}",
            note,
        )
    return table


def failures_table(rows: Sequence[StoredFailure]) -> Table:
    table = Table(title="Failures and notices")
    for column in ("when", "code", "severity", "input", "message"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.occurred_at.strftime("%Y-%m-%d %H:%M:%S"),
            row.code,
            row.severity,
            row.subject,
            row.message.split(": ", 1)[-1],
        )
    return table


def analysis_tables(analysis: Analysis) -> list[Table]:
    """The document and each layer (entities, places, dates, quantities, claims, events) as
    tables."""
    doc = analysis.document
    head = Table(title="Document", show_header=False)
    head.add_column("field")
    head.add_column("value", overflow="fold")
    for field, value in (
        ("id", doc.id),
        ("title", doc.title),
        ("source", doc.source),
        ("published", doc.published.isoformat() if doc.published else None),
        ("language", doc.language),
        ("dateline", doc.dateline.text if doc.dateline else None),
        ("flags", ", ".join(doc.flags)),
        ("extractor", f"{analysis.extractor.version} ({analysis.extractor.model})"),
    ):
        head.add_row(field, value or "")
    entities = Table(title=f"Entities ({len(analysis.entities)})")
    for column in ("id", "name", "kind", "aliases", "mentions"):
        entities.add_column(column, overflow="fold")
    for entity in analysis.entities:
        entities.add_row(
            entity.id, entity.name, entity.kind, ", ".join(entity.aliases), _spans(entity.mentions)
        )
    places = Table(title=f"Places ({len(analysis.places)})")
    for column in ("id", "name", "country", "admin1", "mentions"):
        places.add_column(column, overflow="fold")
    for place in analysis.places:
        places.add_row(
            place.id, place.name, place.country or "", place.admin1 or "", _spans(place.mentions)
        )
    dates = Table(title=f"Dates ({len(analysis.dates)})")
    for column in ("text", "span", "start", "end"):
        dates.add_column(column, overflow="fold")
    for date in analysis.dates:
        dates.add_row(
            date.text,
            _spans((date.span,)),
            date.start.isoformat() if date.start else "",
            date.end.isoformat() if date.end else "",
        )
    return [
        head,
        entities,
        places,
        dates,
        _quantities_table(analysis),
        *_claim_event_tables(analysis),
    ]


def _quantities_table(analysis: Analysis) -> Table:
    table = Table(title=f"Quantities ({len(analysis.quantities)})")
    for column in ("text", "value", "low", "high", "qualifier", "counts"):
        table.add_column(column, overflow="fold")
    for quantity in analysis.quantities:
        table.add_row(
            quantity.text,
            _number(quantity.value),
            _number(quantity.low),
            _number(quantity.high),
            quantity.qualifier or "",
            quantity.counts or "",
        )
    return table


def _claim_event_tables(analysis: Analysis) -> list[Table]:
    names = {e.id: e.name for e in analysis.entities} | {p.id: p.name for p in analysis.places}
    claims = Table(title=f"Claims ({len(analysis.claims)})")
    for column in ("id", "speaker", "act", "quote", "self-interest", "hedges"):
        claims.add_column(column, overflow="fold", max_width=18)
    claims.add_column("content", overflow="fold", min_width=30, ratio=1)
    for claim in analysis.claims:
        claims.add_row(
            claim.id,
            names.get(claim.speaker or "", "—"),
            claim.act,
            claim.quote,
            "yes" if claim.self_interest else "",
            ", ".join(claim.hedges),
            claim.content,
        )
    events = Table(title=f"Events ({len(analysis.events)})")
    for column in ("id", "type / sub-type", "actor1", "actor2", "place", "date", "tolls", "claim"):
        events.add_column(column, overflow="fold")
    for event in analysis.events:
        date = event.date
        events.add_row(
            event.id,
            f"{event.type} / {event.sub_type}",
            names.get(event.actor1 or "", ""),
            names.get(event.actor2 or "", ""),
            names.get(event.place or "", ""),
            f"{date.start or ''}–{date.end or ''}" if date else "",
            _tolls(event),
            event.claim or "",
        )
    return [claims, events]


def _tolls(event: Event) -> str:
    parts = []
    for label, toll in (
        ("killed", event.killed),
        ("injured", event.injured),
        ("killed or injured", event.killed_or_injured),
    ):
        if toll is not None:
            figures = ", ".join(
                f"{name} {value}"
                for name, value in (("best", toll.best), ("low", toll.low), ("high", toll.high))
                if value is not None
            )
            parts.append(f"{label}: {figures}")
    return "; ".join(parts)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _spans(spans: Sequence[tuple[int, int]]) -> str:
    return " ".join(f"{start}-{end}" for start, end in spans)


def ingest_summary_table(summary: IngestSummary) -> Table:
    table = Table(title="Ingest summary")
    table.add_column("outcome")
    table.add_column("reports", justify="right")
    for label, count in _summary_counts(summary).items():
        table.add_row(label.replace("_", " "), str(count))
    return table


def ingest_summary_dict(summary: IngestSummary) -> dict[str, Any]:
    return {
        "counts": _summary_counts(summary),
        "stored": [o.model_dump(mode="json") for o in summary.stored],
        "duplicates": [o.report_id for o in summary.duplicates],
        "failures": [f.model_dump(mode="json") for f in summary.failures],
        "notices": [f.model_dump(mode="json") for f in summary.notices],
    }


def _summary_counts(summary: IngestSummary) -> dict[str, int]:
    return {
        "stored": len(summary.stored),
        "near_duplicates": len(summary.near_duplicates),
        "already_stored": len(summary.duplicates),
        "notices": len(summary.notices),
        "failed": len(summary.failures),
    }
