"""Report metadata shared by the readers: defaults from the command line, dates, titles."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from warnline.errors import Errors, notice
from warnline.records import Failure

_MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class Defaults:
    """What the user said on the command line; used where an input does not say."""

    source: str | None = None
    published: dt.date | None = None
    fetch_items: bool = False


def parse_date(value: object) -> dt.date | None:
    """A date from YYYY-MM-DD, an ISO timestamp, a date or a struct_time; None if it is none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError as err:
        raise ValueError(text) from err


def published_or_notice(value: object, subject: str, warnings: list[Failure]) -> dt.date | None:
    """Parse a published date from an input; an unreadable one becomes a W151 notice."""
    try:
        return parse_date(value)
    except ValueError:
        warnings.append(notice(Errors.W151, subject, value=str(value)))
        return None


def title_from_text(text: str, source: str | None) -> str | None:
    """The headline of a plain-text report: its first short line that is not the source's name."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    for line in lines[:2]:
        if source and line.casefold() == source.casefold():
            continue
        if len(line) <= _MAX_TITLE_CHARS and not line.endswith((".", "”", '"')):
            return line
        return None
    return None


def optional_str(value: object) -> str | None:
    """A stripped string, or None for missing and empty values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
