"""Anchor events as data: well-known events that reports date other things by.

"Two days before the September 11 attacks" and "since the fall of Kabul" are dates only once
the event is known. The events live in `anchors.yaml` beside this module (its header gives the
schema); `load_anchors` reads and validates them once per process, `load_anchors_from` reads any
file of the same shape. An `AnchorCatalogue` finds an event by any of its names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ANCHORS_FILE = "anchors.yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_APOSTROPHES = str.maketrans("", "", "'’‘`ʼ")
_UNITED_STATES = re.compile(r"\bu\.s\.?(?=\s|-|$)|\bunited states\b")
_DASHES = re.compile(r"[-‐‑‒–—]+")
_SPACES = re.compile(r"\s+")
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AnchorEvent(BaseModel):
    """One well-known event: its names, the days it happened, and where the dates come from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str = Field(min_length=2)
    aliases: tuple[str, ...] = ()
    start: dt.date
    end: dt.date | None = Field(default=None, description="Last day; None for a one-day event.")
    source: str = Field(min_length=5)

    @model_validator(mode="after")
    def _check(self) -> AnchorEvent:
        if not _SLUG.match(self.id):
            raise ValueError(f"id {self.id!r} is not a lower-case slug like 'fall-of-kabul'")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"{self.id}: end {self.end} is before start {self.start}")
        if any(not alias.strip() for alias in self.aliases):
            raise ValueError(f"{self.id}: an alias is empty")
        return self

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    @property
    def last_day(self) -> dt.date:
        """The day the event ended (its start for a one-day event)."""
        return self.end or self.start


def anchor_key(text: str) -> str:
    """The key event names are compared on: case, apostrophes, "U.S."/"US", hyphens, spacing
    and a leading "the" do not matter."""
    key = unicodedata.normalize("NFKC", text).casefold()
    key = _UNITED_STATES.sub("us", key).translate(_APOSTROPHES)
    key = _SPACES.sub(" ", _DASHES.sub(" ", key)).strip()
    return key.removeprefix("the ")


class AnchorCatalogue:
    """Validated anchor events with lookup by any of their names."""

    def __init__(self, events: Iterable[AnchorEvent]) -> None:
        self.events: tuple[AnchorEvent, ...] = tuple(events)
        self._by_id: dict[str, AnchorEvent] = {}
        self._by_key: dict[str, AnchorEvent] = {}
        for event in self.events:
            if event.id in self._by_id:
                raise ValueError(f"duplicate anchor id {event.id!r}")
            self._by_id[event.id] = event
            for name in event.names:
                self._index(event, name)

    def _index(self, event: AnchorEvent, name: str) -> None:
        key = anchor_key(name)
        other = self._by_key.get(key)
        if other is not None and other.id != event.id:
            raise ValueError(f"{event.id} and {other.id} share the name {name!r}")
        self._by_key[key] = event

    def get(self, anchor_id: str) -> AnchorEvent:
        """The event with this id (KeyError when there is none)."""
        return self._by_id[anchor_id]

    def lookup(self, name: str) -> AnchorEvent | None:
        """The event a name refers to, allowing a plural or singular last word, or None."""
        key = anchor_key(name)
        for candidate in (key, key.removesuffix("s"), key + "s"):
            event = self._by_key.get(candidate)
            if event is not None:
                return event
        return None


def _read_entries(source: Path | Traversable) -> list[Any]:
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, list):
        raise ValueError(f"{source.name}: expected a list of anchor events")
    return data


def load_anchors_from(source: Path | Traversable) -> AnchorCatalogue:
    """Read and validate one anchor file; ValueError names the file and the entry at fault."""
    events: list[AnchorEvent] = []
    for number, entry in enumerate(_read_entries(source), start=1):
        try:
            events.append(AnchorEvent.model_validate(entry))
        except ValidationError as err:
            label = entry.get("id", f"entry {number}") if isinstance(entry, dict) else number
            raise ValueError(f"{source.name}: {label}: {err}") from err
    try:
        return AnchorCatalogue(events)
    except ValueError as err:
        raise ValueError(f"{source.name}: {err}") from err


@lru_cache(maxsize=1)
def load_anchors() -> AnchorCatalogue:
    """The anchor events shipped with warnline, read and validated once per process."""
    return load_anchors_from(resources.files("warnline.catalogue").joinpath(ANCHORS_FILE))
