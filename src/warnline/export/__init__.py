"""Exports in the formats analysts use: ACLED CSV, GeoJSON, STIX 2.1 and JSON Lines.

Each `export_<format>(session, filters, out)` writes to a text stream (a file, or an API
response); `export_to_path` writes a file whole or not at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError
from warnline.export.acled import export_acled
from warnline.export.filters import ExportFilters, parse_filters
from warnline.export.geojson import export_geojson
from warnline.export.jsonl import export_jsonl
from warnline.export.rows import ExportSummary
from warnline.export.stix import export_stix

Exporter = Callable[[Session, ExportFilters, TextIO], ExportSummary]
EXPORTERS: dict[str, Exporter] = {
    "acled": export_acled,
    "geojson": export_geojson,
    "stix": export_stix,
    "jsonl": export_jsonl,
}

__all__ = [
    "EXPORTERS",
    "ExportFilters",
    "ExportSummary",
    "export_acled",
    "export_geojson",
    "export_jsonl",
    "export_stix",
    "export_to_path",
    "parse_filters",
]


def exporter(name: str) -> Exporter:
    """The export function of a format name (acled, geojson, stix, jsonl): E151 otherwise."""
    try:
        return EXPORTERS[name.strip().casefold()]
    except KeyError as error:
        choices = ", ".join(EXPORTERS)
        raise WarnlineError(
            Errors.E151, "--format", option="--format", value=name, choices=choices
        ) from error


def export_to_path(
    session: Session, format_name: str, filters: ExportFilters, path: Path
) -> ExportSummary:
    """Export to a file: written beside it first and moved into place, so a failed export
    never leaves half a file; an unwritable path is E246."""
    write = exporter(format_name)
    try:
        handle, name = tempfile.mkstemp(
            dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise WarnlineError(Errors.E246, str(path), detail=_reason(error)) from error
    temporary = Path(name)
    try:
        # newline="" lets the csv module write RFC 4180 line ends itself.
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            summary = write(session, filters, out)
        # mkstemp makes the file private; give it the mode any new file of the user's gets.
        temporary.chmod(0o666 & ~_umask())
        temporary.replace(path)
    except OSError as error:
        raise WarnlineError(Errors.E246, str(path), detail=_reason(error)) from error
    finally:
        temporary.unlink(missing_ok=True)
    return summary


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
