"""What the `warnline` commands share: consoles, the --format option, the store session."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError
from warnline.render import to_jsonable
from warnline.settings import get_settings
from warnline.store import Store, open_store

out = Console()
# Soft wrap: a coded message stays on one line, however long the path it names.
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"


def _format_choice(value: str) -> Format:
    """--format as a coded error (E151) rather than the option parser's own box."""
    try:
        return Format(value)
    except ValueError as error:
        choices = ", ".join(f.value for f in Format)
        raise WarnlineError(
            Errors.E151, "--format", option="--format", value=value, choices=choices
        ) from error


FormatOption = Annotated[
    str,
    typer.Option(
        "--format", "-f", callback=_format_choice, help="table for people, json for scripts."
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(help="Publication date (YYYY-MM-DD) where an input does not give one."),
]
SourceOption = Annotated[
    str | None, typer.Option(help="Source (outlet) name where an input does not give one.")
]
SEVERITIES = ("error", "warning")
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise WarnlineError(Errors.E150, "--published", value=value) from error


def open_configured_store() -> Store:
    return open_store(get_settings().db_url)


@contextmanager
def store_session() -> Iterator[Session]:
    """A session on the configured store, which is closed afterwards."""
    store = open_configured_store()
    try:
        with store.session() as session:
            yield session
    finally:
        store.close()


def print_listing(rows: Sequence[BaseModel], table: Table, output_format: str) -> None:
    if output_format == Format.json:
        print_json([row.model_dump(mode="json") for row in rows])
    else:
        out.print(table)


def print_json(data: Any) -> None:
    out.print_json(json.dumps(to_jsonable(data), ensure_ascii=False))
