"""The catalogue of actors: armed groups, state forces, governments and organisations, as data.

The entries live in YAML files under `actors/` (one file per region, schema in README.md). They
are read and validated by `load_catalogue_from`; `load_catalogue` does it once per process for
the files shipped with warnline. A `Catalogue` finds an actor by any of its names
(`Catalogue.lookup`) and gives spaCy EntityRuler patterns for all of them (`Catalogue.patterns`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ActorKind = Literal["armed_group", "state_force", "government", "organization"]
AcledCategory = Literal[
    "state_forces", "rebel_group", "political_militia", "identity_militia", "external_other"
]
DesignationList = Literal["UNSC", "US-FTO"]
# The bodies of a state a report can name without naming the country: "the army", "the
# government", "the police" (extract/state_bodies.py resolves them).
StateBody = Literal["government", "military", "police"]

ACTORS_FOLDER = "actors"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_UN_REF = re.compile(r"^[A-Z]{2}e\.\d{3}$")  # entity refs: QDe.004, TAe.012, SOe.001
_APOSTROPHES = str.maketrans("", "", "'’‘`ʼ")
_DASHES = re.compile(r"[-‐‑‒–_]+")
_SPACES = re.compile(r"\s+")
_ACRONYM_MAX_LETTERS = 5
_ACRONYM_MIN_CAPITALS = 2
# Faster C parser when PyYAML was built with libyaml; same results as SafeLoader.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Designation(BaseModel):
    """One listing of an actor on a public sanctions or terrorism list."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    list_: DesignationList = Field(alias="list")
    ref: str = Field(description="UN reference number (QDe.004) or US-FTO designation date.")
    source: str

    @model_validator(mode="after")
    def _check_ref(self) -> Designation:
        if self.list_ == "UNSC" and not _UN_REF.match(self.ref):
            raise ValueError(f"UNSC reference {self.ref!r} is not like QDe.004")
        if self.list_ == "US-FTO":
            try:
                dt.date.fromisoformat(self.ref)
            except ValueError as err:
                raise ValueError(f"US-FTO reference {self.ref!r} is not a date") from err
        return self


class StateRole(BaseModel):
    """That an actor is a country's government, military or police, over a period."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str
    body: StateBody
    since: dt.date | None = None
    until: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether the role is held on `day` (today's holder when the day is unknown)."""
        if day is None:
            return self.until is None
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


class Actor(BaseModel):
    """One catalogue entry: an actor with its names, family links, countries and listings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    kind: ActorKind
    acled_category: AcledCategory
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    affiliates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    designations: tuple[Designation, ...] = ()
    stands_for: tuple[StateRole, ...] = ()
    source: str

    @model_validator(mode="after")
    def _check(self) -> Actor:
        if not _SLUG.match(self.id):
            raise ValueError(f"id {self.id!r} is not a lower-case slug like 'al-qaeda'")
        if self.parent == self.id or self.id in self.affiliates:
            raise ValueError(f"{self.id} names itself as its parent or affiliate")
        for code in (*self.countries, *(role.country for role in self.stands_for)):
            if not re.fullmatch(r"[A-Z]{2}", code) or pycountry.countries.get(alpha_2=code) is None:
                raise ValueError(f"{self.id}: {code!r} is not an ISO 3166-1 alpha-2 code")
        return self

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def normalise_name(text: str) -> str:
    """The key names are compared on: case, apostrophes, hyphens, spacing and "the" ignored."""
    key = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    key = _SPACES.sub(" ", _DASHES.sub(" ", key)).strip()
    return key.removeprefix("the ")


def is_acronym(name: str) -> bool:
    """True for a short acronym (AQ, IS, UN, ISIS-K, LeT, FAMa): it matches only as written.

    Short means at most five letters; an acronym is written in capitals, or with at least two
    capitals among lower-case ones ("LeT"), so that "is", "un", "us" or "let" never match.
    """
    letters = [c for c in name if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if not 0 < len(letters) <= _ACRONYM_MAX_LETTERS:
        return False
    return capitals == len(letters) or capitals >= _ACRONYM_MIN_CAPITALS


class Catalogue:
    """Validated actors with lookup by name, family links and EntityRuler patterns."""

    def __init__(self, actors: Iterable[Actor], by_file: dict[str, tuple[str, ...]]) -> None:
        self.actors: tuple[Actor, ...] = tuple(actors)
        self.by_file = by_file
        self._by_id: dict[str, Actor] = {}
        self._by_key: dict[str, Actor] = {}
        self._by_acronym: dict[str, Actor] = {}
        for actor in self.actors:
            if actor.id in self._by_id:
                raise ValueError(f"duplicate actor id {actor.id!r}")
            self._by_id[actor.id] = actor
        for actor in self.actors:
            for linked in (actor.parent, *actor.affiliates):
                if linked is not None and linked not in self._by_id:
                    raise ValueError(f"{actor.id} links to unknown actor id {linked!r}")
        for actor in self.actors:
            self._check_no_cycle(actor)
            for name in actor.names:
                self._index(actor, name)
        self._index_state_roles()
        for acronym, actor in self._by_acronym.items():
            other = self._by_key.get(normalise_name(acronym))
            if other is not None and other.id != actor.id:
                raise ValueError(f"alias {acronym!r} of {actor.id} collides with {other.id}")

    def _index_state_roles(self) -> None:
        """Who holds each country's body, and when; no two actors at the same time."""
        self._state_roles: dict[tuple[str, str], list[tuple[Actor, StateRole]]] = {}
        for actor in self.actors:
            for role in actor.stands_for:
                held = self._state_roles.setdefault((role.country, role.body), [])
                for other, theirs in held:
                    if _overlap(role, theirs):
                        raise ValueError(
                            f"{actor.id} and {other.id} both stand for the {role.body} of "
                            f"{role.country} over the same period"
                        )
                held.append((actor, role))

    def state_body(self, country: str, body: str, day: dt.date | None) -> Actor | None:
        """The actor that is `country`'s `body` on `day`, or None when the catalogue has none."""
        holders = self._state_roles.get((country, body), [])
        return next((actor for actor, role in holders if role.holds_on(day)), None)

    def _check_no_cycle(self, actor: Actor) -> None:
        seen = {actor.id}
        for ancestor in self.ancestors(actor.id):
            if ancestor.id in seen:
                raise ValueError(f"parent links of {actor.id} form a cycle")
            seen.add(ancestor.id)

    def _index(self, actor: Actor, name: str) -> None:
        index, key = (
            (self._by_acronym, name) if is_acronym(name) else (self._by_key, normalise_name(name))
        )
        if not key:
            raise ValueError(f"{actor.id} has an empty name or alias")
        other = index.setdefault(key, actor)
        if other.id != actor.id:
            raise ValueError(f"alias {name!r} of {actor.id} collides with {other.id}")

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def get(self, actor_id: str) -> Actor:
        """The actor with this id; KeyError when there is none."""
        return self._by_id[actor_id]

    def lookup(self, text: str) -> Actor | None:
        """The actor named exactly `text` (normalised; short acronyms only as written), or None."""
        stripped = text.strip()
        for written in (stripped, stripped.removeprefix("the ").removeprefix("The ")):
            if written in self._by_acronym:
                return self._by_acronym[written]
        return self._by_key.get(normalise_name(stripped))

    def ancestors(self, actor_id: str) -> tuple[Actor, ...]:
        """The parent chain of an actor, nearest first (empty for a top-level actor)."""
        chain: list[Actor] = []
        parent = self.get(actor_id).parent
        while parent is not None and len(chain) <= len(self.actors):
            chain.append(self._by_id[parent])
            parent = chain[-1].parent
        return tuple(chain)

    def phrase_patterns(self) -> dict[str, list[dict[str, Any]]]:
        """EntityRuler phrase patterns (label ORG, id = actor id), by the token attribute they
        match on: "ORTH" for short acronyms written as they are (AQ, LeT), "LOWER" for names.

        Phrase patterns go through spaCy's PhraseMatcher, several times faster than the same
        names as token patterns."""
        by_attr: dict[str, list[dict[str, Any]]] = {"ORTH": [], "LOWER": []}
        seen: set[tuple[str, str, str]] = set()
        for actor in self.actors:
            for name in actor.names:
                for variant in _written_variants(name):
                    attr = "ORTH" if is_acronym(name) else "LOWER"
                    if (actor.id, attr, variant) in seen:
                        continue
                    seen.add((actor.id, attr, variant))
                    by_attr[attr].append({"label": "ORG", "pattern": variant, "id": actor.id})
        return by_attr

    def patterns(self) -> list[dict[str, Any]]:
        """spaCy EntityRuler token patterns (label ORG, id = actor id) for every name and alias."""
        import spacy  # slow import, only needed here

        tokenizer = spacy.blank("en").tokenizer
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str, tuple[str, ...]]] = set()
        for actor in self.actors:
            for name in actor.names:
                for variant in _written_variants(name):
                    attr = "TEXT" if is_acronym(name) else "LOWER"
                    tokens = tuple(
                        t.text if attr == "TEXT" else t.lower_ for t in tokenizer(variant)
                    )
                    if (actor.id, attr, tokens) in seen:
                        continue
                    seen.add((actor.id, attr, tokens))
                    pattern = [{attr: token} for token in tokens]
                    patterns.append({"label": "ORG", "pattern": pattern, "id": actor.id})
        return patterns


def _overlap(one: StateRole, other: StateRole) -> bool:
    starts = max(one.since or dt.date.min, other.since or dt.date.min)
    ends = min(one.until or dt.date.max, other.until or dt.date.max)
    return starts < ends


def _written_variants(name: str) -> tuple[str, ...]:
    """A name as written, and with curly apostrophes when it has straight ones."""
    return (name, name.replace("'", "’")) if "'" in name else (name,)


def _read_file(path: Traversable) -> list[Actor]:
    """The actors of one YAML file; a ValueError naming the file when it is not valid."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, list):
        raise ValueError(f"catalogue file {path.name} is not a list of actors")
    try:
        return [Actor.model_validate(entry) for entry in data]
    except ValidationError as err:
        raise ValueError(f"catalogue file {path.name}: {err}") from err


def load_catalogue_from(folder: Traversable | Path) -> Catalogue:
    """Read and validate every *.yaml file in `folder` (ValueError on the first problem)."""
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    actors: list[Actor] = []
    by_file: dict[str, tuple[str, ...]] = {}
    for path in files:
        entries = _read_file(path)
        by_file[path.name.removesuffix(".yaml")] = tuple(a.id for a in entries)
        actors.extend(entries)
    return Catalogue(actors, by_file)


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The catalogue shipped with warnline, read and validated once per process."""
    return load_catalogue_from(resources.files(__package__).joinpath(ACTORS_FOLDER))
