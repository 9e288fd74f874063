"""Gold reports: `NAME.md` (a report with front matter) and `NAME.yaml` (what it should yield).

The annotation format is described in tests/gold/README.md. Everything is checked on load: the
fields and their vocabularies, ISO 3166 codes, date order, the actors that roles and relations
name, and that every text the annotation quotes is in the report. A bad file stops the
evaluation with one coded line naming the file and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from warnline.errors import Errors, WarnlineError
from warnline.evaluate.normalise import name_key, place_key
from warnline.flow import limits_from
from warnline.ingest import Defaults, Input, read_input
from warnline.records import EntityKind, Failure, Report
from warnline.settings import Settings, get_settings
from warnline.vocab import load_event_types, load_vocab

REPORT_SUFFIX = ".md"
ANNOTATION_SUFFIX = ".yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Claim snippets must be long enough to find one place in the report.
_MIN_SNIPPET_WORDS = 3


class GoldVocab(BaseModel):
    """The closed lists of the annotation format (gold_vocab.yaml)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    predicates: dict[str, str]
    symmetric: tuple[str, ...]
    qualifiers: dict[str, str]

    @model_validator(mode="after")
    def _symmetric_known(self) -> GoldVocab:
        unknown = set(self.symmetric) - set(self.predicates)
        if unknown:
            raise ValueError(f"symmetric predicates {sorted(unknown)} are not predicates")
        return self


@lru_cache(maxsize=1)
def gold_vocab() -> GoldVocab:
    """Read and validate gold_vocab.yaml (once per process)."""
    text = resources.files(__package__).joinpath("gold_vocab.yaml").read_text(encoding="utf-8")
    return GoldVocab.model_validate(yaml.safe_load(text))


@lru_cache(maxsize=1)
def _subdivision_codes() -> frozenset[str]:
    """Every ISO 3166-2 code pycountry knows."""
    return frozenset(str(subdivision.code) for subdivision in pycountry.subdivisions)


class GoldRecord(BaseModel):
    """Base of the annotation records: immutable, no unknown fields, no empty strings."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_min_length=1)


class GoldActor(GoldRecord):
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    catalogue: str | None = None

    @field_validator("catalogue")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and not _SLUG.match(value):
            raise ValueError(f"{value!r} is not a catalogue id (lower-case words joined by '-')")
        return value

    @model_validator(mode="after")
    def _aliases_differ_from_name(self) -> GoldActor:
        keys = [name_key(alias) for alias in self.aliases]
        if name_key(self.name) in keys:
            raise ValueError(f"an alias of {self.name!r} is the name itself; leave it out")
        if len(set(keys)) != len(keys):
            raise ValueError(f"{self.name!r} lists the same alias twice")
        return self


class GoldRole(GoldRecord):
    person: str
    title: str
    of: str | None = None


class GoldPlace(GoldRecord):
    text: str
    country: str | None
    admin1: str | None
    precision: int | None = Field(default=None, ge=1, le=3)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is not None and pycountry.countries.get(alpha_2=value) is None:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        return value

    @model_validator(mode="after")
    def _admin1(self) -> GoldPlace:
        if self.admin1 is None:
            return self
        if self.admin1 not in _subdivision_codes():
            raise ValueError(f"{self.admin1!r} is not an ISO 3166-2 code")
        if self.country is None or not self.admin1.startswith(self.country + "-"):
            raise ValueError(f"admin1 {self.admin1!r} is not in country {self.country!r}")
        return self


class GoldDate(GoldRecord):
    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    vague: bool = False

    @model_validator(mode="after")
    def _resolved(self) -> GoldDate:
        if not self.vague and (self.start is None or self.end is None):
            raise ValueError(f"date {self.text!r} needs start and end (or vague: true)")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"date {self.text!r} ends before it starts")
        return self


class GoldQuantity(GoldRecord):
    text: str
    value: float | None
    qualifier: str

    @model_validator(mode="after")
    def _qualified(self) -> GoldQuantity:
        if self.qualifier not in gold_vocab().qualifiers:
            choices = ", ".join(gold_vocab().qualifiers)
            raise ValueError(f"qualifier {self.qualifier!r} is not one of {choices}")
        if self.value is None and self.qualifier != "vague":
            raise ValueError(f"quantity {self.text!r} has no value; only vague ones may")
        return self


class GoldClaim(GoldRecord):
    speaker: str | None
    act: str
    content: str
    quote: Literal["direct", "indirect", "mixed"]
    self_interest: bool
    hedged: bool = False

    @model_validator(mode="after")
    def _known_act(self) -> GoldClaim:
        acts = load_vocab().acts
        if self.act not in acts:
            raise ValueError(f"claim act {self.act!r} is not one of {', '.join(acts)}")
        if len(self.content.split()) < _MIN_SNIPPET_WORDS:
            raise ValueError(f"claim content {self.content!r} is shorter than 3 words")
        return self


class GoldToll(GoldRecord):
    best: int | None = Field(default=None, ge=0)
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> GoldToll:
        if self.best is None and self.low is None and self.high is None:
            raise ValueError("a toll needs best, low or high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"toll low {self.low} is above high {self.high}")
        return self


class GoldEvent(GoldRecord):
    type: str
    sub_type: str
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    killed: GoldToll | None = None
    injured: GoldToll | None = None
    killed_or_injured: GoldToll | None = None
    evidence: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _acled(self) -> GoldEvent:
        types = load_event_types()
        if self.type not in types:
            raise ValueError(f"event type {self.type!r} is not one of ACLED's: {', '.join(types)}")
        if self.sub_type not in types[self.type]:
            choices = ", ".join(types[self.type])
            raise ValueError(f"{self.sub_type!r} is not a sub-type of {self.type!r}: {choices}")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"event {self.sub_type!r} ends before it starts")
        return self


class Annotation(GoldRecord):
    """One report's gold annotation: what a careful analyst codes from its text."""

    actors: tuple[GoldActor, ...] = ()
    roles: tuple[GoldRole, ...] = ()
    relations: tuple[tuple[str, str, str], ...] = ()
    places: tuple[GoldPlace, ...] = ()
    dates: tuple[GoldDate, ...] = ()
    quantities: tuple[GoldQuantity, ...] = ()
    not_actors: tuple[str, ...] = ()
    # None: the layer is not annotated for this report (left out of its scores).
    claims: tuple[GoldClaim, ...] | None = None
    events: tuple[GoldEvent, ...] | None = None

    @model_validator(mode="before")
    @classmethod
    def _empty_layers(cls, data: Any) -> Any:
        """A layer left empty in YAML (`relations:`) is an empty list, not an error; an absent
        `claims` or `events` layer stays None (not annotated)."""
        if isinstance(data, dict):
            return {key: [] if value is None else value for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Annotation:
        _check_actor_keys(self.actors)
        names = {actor.name for actor in self.actors}
        _check_relations(self.relations, names)
        _check_roles(self.roles, self.relations, names)
        _check_unique([place_key(p.text) for p in self.places], "places")
        _check_unique([d.text for d in self.dates], "dates")
        _check_unique([q.text for q in self.quantities], "quantities")
        for claim in self.claims or ():
            if claim.speaker is not None:
                _check_named(names, claim.speaker, "claims: speaker")
        places = {place_key(p.text) for p in self.places}
        for event in self.events or ():
            for actor in (event.actor1, event.actor2):
                if actor is not None:
                    _check_named(names, actor, "events: actor")
            if event.place is not None and place_key(event.place) not in places:
                raise ValueError(f"events: place {event.place!r} is not a place of the annotation")
        return self


def _check_relations(relations: tuple[tuple[str, str, str], ...], names: set[str]) -> None:
    predicates = gold_vocab().predicates
    for subject, predicate, obj in relations:
        if predicate not in predicates:
            choices = ", ".join(predicates)
            raise ValueError(f"relation predicate {predicate!r} is not one of {choices}")
        _check_named(names, subject, "relations: subject")
        _check_named(names, obj, "relations: object")


def _check_roles(
    roles: tuple[GoldRole, ...], relations: tuple[tuple[str, str, str], ...], names: set[str]
) -> None:
    """Roles name actors, and a role of a named body comes with a relation between the two."""
    linked = {frozenset((subject, obj)) for subject, _predicate, obj in relations}
    for role in roles:
        _check_named(names, role.person, "roles: person")
        if role.of is None:
            continue
        _check_named(names, role.of, "roles: of")
        if frozenset((role.person, role.of)) not in linked:
            raise ValueError(f"role of {role.person!r} in {role.of!r} has no relation to match")


def _check_actor_keys(actors: tuple[GoldActor, ...]) -> None:
    """Each name and alias points at one actor, or matching would be a coin toss."""
    owner: dict[str, str] = {}
    for actor in actors:
        for text in (actor.name, *actor.aliases):
            key = name_key(text)
            if owner.setdefault(key, actor.name) != actor.name:
                raise ValueError(f"{text!r} names both {owner[key]!r} and {actor.name!r}")


def _check_named(names: set[str], name: str, where: str) -> None:
    if name not in names:
        raise ValueError(f"{where} {name!r} is not the name of an actor in the annotation")


def _check_unique(texts: list[str], layer: str) -> None:
    seen: set[str] = set()
    for text in texts:
        if text in seen:
            raise ValueError(f"{layer} lists {text!r} twice; list each distinct text once")
        seen.add(text)


@dataclass(frozen=True)
class GoldReport:
    """A gold report: the report as ingest reads it, and its annotation."""

    name: str
    path: Path
    report: Report
    annotation: Annotation


def gold_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """The (report, annotation) files of a gold directory, by name; README.md is not a report."""
    if not directory.exists():
        raise WarnlineError(Errors.E101, str(directory))
    if not directory.is_dir():
        raise WarnlineError(Errors.E160, str(directory))
    reports = {p.stem: p for p in directory.glob("*" + REPORT_SUFFIX) if p.stem != "README"}
    annotations = {p.stem: p for p in directory.glob("*" + ANNOTATION_SUFFIX)}
    for stem in sorted(reports.keys() ^ annotations.keys()):
        present = reports.get(stem) or annotations[stem]
        missing = stem + (ANNOTATION_SUFFIX if stem in reports else REPORT_SUFFIX)
        raise WarnlineError(Errors.E161, str(present), missing=missing, present=present.name)
    if not reports:
        raise WarnlineError(Errors.E160, str(directory))
    return [(reports[stem], annotations[stem]) for stem in sorted(reports)]


def load_gold_dir(directory: Path, settings: Settings | None = None) -> list[GoldReport]:
    """Every gold report in a directory, each read and checked."""
    return [load_gold(report, annotation, settings) for report, annotation in gold_pairs(directory)]


def load_gold(
    report_path: Path, annotation_path: Path, settings: Settings | None = None
) -> GoldReport:
    """One gold report: its text through the real reader, its annotation validated against it."""
    report = read_gold_report(report_path, settings or get_settings())
    annotation = read_annotation(annotation_path)
    check_texts(annotation, report.text, str(annotation_path))
    return GoldReport(report_path.stem, report_path, report, annotation)


def read_gold_report(path: Path, settings: Settings) -> Report:
    """The report as `warnline ingest` would read it; it must carry its publication date."""
    results = list(read_input(Input(str(path)), Defaults(), limits_from(settings)))
    reports = [r for r in results if isinstance(r, Report)]
    failures = [r for r in results if isinstance(r, Failure)]
    if len(reports) != 1:
        detail = failures[0].message if failures else "not exactly one report"
        raise WarnlineError(Errors.E165, str(path), detail=detail)
    report = reports[0]
    if report.published is None:
        raise WarnlineError(Errors.E165, str(path), detail="no published date")
    return report


def read_annotation(path: Path) -> Annotation:
    """Parse and validate one annotation file."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise WarnlineError(Errors.E162, str(path), detail=_first_line(err)) from err
    if not isinstance(data, dict):
        raise WarnlineError(Errors.E163, str(path), detail="it is not a mapping of layers")
    try:
        return Annotation.model_validate(data)
    except ValidationError as err:
        raise WarnlineError(Errors.E163, str(path), detail=_validation_detail(err)) from err


def check_texts(annotation: Annotation, text: str, subject: str) -> None:
    """Every quoted text is in the report: exactly, or ignoring case for places."""
    quoted = [
        *((f"aliases of {a.name!r}", alias) for a in annotation.actors for alias in a.aliases),
        *(("dates: text", d.text) for d in annotation.dates),
        *(("quantities: text", q.text) for q in annotation.quantities),
        *(("not_actors", s) for s in annotation.not_actors),
        *(("claims: content", c.content) for c in annotation.claims or ()),
        *(("events: evidence", e) for event in annotation.events or () for e in event.evidence),
    ]
    for field, value in quoted:
        if value not in text:
            raise WarnlineError(Errors.E164, subject, field=field, value=value)
        if field.startswith(("claims", "events")) and text.count(value) > 1:
            raise WarnlineError(
                Errors.E163, subject, detail=f"{field} {value!r} occurs twice; quote more words"
            )
    folded = text.casefold()
    for place in annotation.places:
        if place.text.casefold() not in folded:
            raise WarnlineError(Errors.E164, subject, field="places: text", value=place.text)


def _validation_detail(err: ValidationError) -> str:
    """The first problem, as `where: what`, on one line."""
    first = err.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return _first_line(f"{where}: {message}" if where else message)


def _first_line(value: object) -> str:
    return str(value).strip().splitlines()[0]
