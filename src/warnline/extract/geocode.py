"""Geocoding one place name with the report's context: which gazetteer feature it names, if any.

Every candidate the gazetteer has for the name gets points (`score_candidate`, whose `detail`
says why), and the best wins unless it is too close to a candidate elsewhere:

- what it is: a country named outright wins; then a first-level unit or a curated natural
  feature (40), a district (24), a populated place by population (6 per tenfold: 1,000 -> 18,
  4 million -> 40; a national capital +12; a town known by that name only as an alternate
  name -5);
- where the report is: in the dateline's country (+35), the report's main country (+25), a
  country or province other places in the same sentence are in (+20, +15), the dateline
  city's province (+10); a capital or a city of five million outside those countries is known
  the world over (+25, as if it were in them);
- what the text says it is: "Kunar province" prefers the province, "Kandahar city" the city,
  "Panjshir Valley" the unit the valley is named after (+40).

A town and the unit named after it ("Kabul" and Kabul province) are one name: the town is
meant unless the text says "province" or "district". A weak mention (one the tagger did not
call a place) needs, in a country the report is about, a province, or a district or town of
20,000, or any place when the words around it say it is one ("in Chibok"); with no country
known at all, it must be a province. A mention far from the report's countries needs a
province, a capital or a city of 100,000 known by that very name. When the best two candidates
lie in different places and are less than 5 points apart, there is no answer: a report's
geography is never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from warnline.catalogue.gazetteer import Gazetteer, GazetteerEntry
from warnline.catalogue.gazetteer_data import FeatureWord, GazetteerKind
from warnline.catalogue.gazetteer_names import fold

KIND_POINTS: dict[GazetteerKind, float] = {
    "country": 60.0,
    "admin1": 40.0,
    "admin2": 24.0,
    "feature": 40.0,
}
POINTS_PER_TENFOLD = 6.0
UNKNOWN_POPULATION_POINTS = 12.0
CAPITAL_POINTS = 12.0
WELL_KNOWN_POINTS = 25.0
WELL_KNOWN_POPULATION = 5_000_000
ALIAS_POINTS = -5.0
DATELINE_COUNTRY_POINTS = 35.0
MAIN_COUNTRY_POINTS = 25.0
SENTENCE_COUNTRY_POINTS = 20.0
SENTENCE_ADMIN1_POINTS = 15.0
DATELINE_ADMIN1_POINTS = 10.0
FEATURE_POINTS = 40.0
NATURAL_FEATURE_ADMIN2_POINTS = 30.0
MARGIN = 5.0
NAMESAKE_MIN_POPULATION = 20_000
WEAK_MIN_POPULATION = 20_000
NO_CONTEXT_MIN_POPULATION = 20_000
FOREIGN_MIN_POPULATION = 100_000
FUZZY_CUTOFF = 88.0
_UNITS = ("admin1", "feature")
_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ")


@dataclass(frozen=True)
class Context:
    """What the report says about where it is.

    `sentence_places` maps a sentence to the (group, country, admin1) of places resolved in it,
    so a name's neighbours count but the name itself does not.
    """

    dateline_country: str | None = None
    dateline_admin1: str | None = None
    main_country: str | None = None
    sentence_places: Mapping[int, tuple[tuple[int, str | None, str | None], ...]] = field(
        default_factory=dict
    )
    # Countries the report names outright: their places are plausible (not favoured).
    named_countries: frozenset[str] = frozenset()

    def neighbours(self, group: int, sentences: Iterable[int]) -> tuple[set[str], set[str]]:
        """Countries and provinces of other places in these sentences."""
        countries: set[str] = set()
        provinces: set[str] = set()
        for sentence in sentences:
            for other, country, admin1 in self.sentence_places.get(sentence, ()):
                if other != group:
                    countries.update([country] if country else [])
                    provinces.update([admin1] if admin1 else [])
        return countries, provinces

    def report_countries(self, *, named: bool = True) -> set[str]:
        """The dateline's and the main country, and (by default) every country named."""
        found = {c for c in (self.dateline_country, self.main_country) if c}
        return found | self.named_countries if named else found


@dataclass(frozen=True)
class NameQuery:
    """One distinct place name of a report, and what its mentions say about it."""

    group: int
    names: tuple[str, ...]
    sentences: frozenset[int]
    strong: bool = True
    cued: bool = False
    feature: FeatureWord | None = None
    kinds: frozenset[GazetteerKind] | None = None
    # Written in short capitals outside the dateline ("JAS"): only an acronym ("US") fits.
    acronym_only: bool = False


@dataclass(frozen=True)
class Scored:
    """A candidate with its points and the reasons for them."""

    entry: GazetteerEntry
    score: float
    detail: str


@dataclass(frozen=True)
class Resolution:
    """The feature a name resolves to (None: no answer), and why."""

    entry: GazetteerEntry | None
    detail: str
    score: float = 0.0


def resolve(gazetteer: Gazetteer, query: NameQuery, context: Context) -> Resolution:
    """The gazetteer feature the name most likely names in this report, or no answer."""
    candidates = find_candidates(gazetteer, query)
    countries, provinces = context.neighbours(query.group, query.sentences)
    known = context.report_countries(named=query.strong) | countries
    if not candidates and (query.strong or query.cued):
        candidates = fuzzy_candidates(gazetteer, query, known)
    accepted = fold_namesakes([e for e in candidates if acceptable(e, query, known)], query.feature)
    if not accepted:
        why = "not in the gazetteer" if not candidates else "no candidate fits the report"
        return Resolution(None, why)
    named_country = [e for e in accepted if e.kind == "country" and e.matched != "demonym"]
    if named_country and (query.feature is None or query.feature.prefer == "country"):
        return Resolution(named_country[0], "a country's name")
    ranked = sorted(
        (score_candidate(e, query, context, countries, provinces) for e in accepted),
        key=lambda s: (-s.score, s.entry.feature_id),
    )
    return _decide(ranked)


def _decide(ranked: list[Scored]) -> Resolution:
    best = ranked[0]
    where = (best.entry.country, best.entry.admin1)
    for other in ranked[1:]:
        if (other.entry.country, other.entry.admin1) != where and best.score - other.score < MARGIN:
            return Resolution(
                None,
                f"ambiguous: {_label(best.entry)} ({best.score:.0f}) or "
                f"{_label(other.entry)} ({other.score:.0f})",
            )
    return Resolution(best.entry, best.detail, best.score)


def _label(entry: GazetteerEntry) -> str:
    return f"{entry.name} {entry.admin1 or entry.country or ''}".strip()


def find_candidates(gazetteer: Gazetteer, query: NameQuery) -> list[GazetteerEntry]:
    """The gazetteer's features for the first of the query's names that has any (also tried
    with and without an Arabic article), one per feature."""
    found: list[GazetteerEntry] = []
    for name in query.names:
        found = list(gazetteer.lookup(name)) or _article_variants(gazetteer, name)
        if query.kinds is not None:
            found = [e for e in found if e.kind in query.kinds]
        if query.acronym_only:
            # Short capitals name a country or a province ("US", "KP"); GeoNames' capitals
            # for towns are mostly airport codes ("SDF").
            found = [e for e in found if e.matched == "acronym" and e.kind in ("country", "admin1")]
        if found:
            break
    unique: dict[int, GazetteerEntry] = {}
    for entry in found:
        unique.setdefault(entry.feature_id, entry)
    return list(unique.values())


def _article_variants(gazetteer: Gazetteer, name: str) -> list[GazetteerEntry]:
    key = fold(name)
    for article in _ARTICLES:
        if key.startswith(article):
            return list(gazetteer.lookup(key[len(article) :]))
    return list(gazetteer.lookup("al " + key))


def fold_namesakes(
    candidates: list[GazetteerEntry], feature: FeatureWord | None
) -> list[GazetteerEntry]:
    """Drop a unit named after a town in it ("Kabul" the province, "Jilib" the district) unless
    the text asks for the unit; a province gives way only to a town of 20,000 or more."""
    prefer = feature.prefer if feature is not None else None
    towns = [e for e in candidates if e.kind == "populated_place"]

    def namesake(unit: GazetteerEntry) -> bool:
        if unit.kind not in ("admin1", "admin2") or prefer in ("admin1", "admin2"):
            return False
        if feature is not None and feature.keep and prefer != "populated_place":
            return False
        return any(
            t.country == unit.country
            and t.admin1 == unit.admin1
            and (unit.kind == "admin2" or t.population >= NAMESAKE_MIN_POPULATION)
            for t in towns
        )

    return [e for e in candidates if not namesake(e)]


def fuzzy_candidates(
    gazetteer: Gazetteer, query: NameQuery, countries: set[str]
) -> list[GazetteerEntry]:
    """For a name the gazetteer does not know, a unit or town of 20,000 in the report's
    countries spelt nearly the same way ("Nangarahar"), when exactly one fits."""
    key = fold(query.names[-1]) if query.names else ""
    if not key or not countries:
        return []
    close: list[tuple[float, tuple[GazetteerEntry, ...]]] = []
    shape = (key[:1], len(key.split()))
    for country in sorted(countries):
        # Only names of the key's shape are kept from the five nearest: when none of them is
        # near enough, none can be kept, and the country's whole list need not be scored.
        alike = _spellings_by_shape(gazetteer, country).get(shape, ())
        if process.extractOne(key, alike, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) is None:
            continue
        spellings = gazetteer.spellings(country, WEAK_MIN_POPULATION)
        for name, score, _ in process.extract(
            key, list(spellings), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
        ):
            if name[:1] == key[:1] and len(name.split()) == len(key.split()):
                close.append((score, spellings[name]))
    if not close:
        return []
    best = max(score for score, _ in close)
    fits = {e.feature_id: e for score, entries in close if score >= best - 2 for e in entries}
    # A town and the district named after it are one answer.
    folded = fold_namesakes(list(fits.values()), query.feature)
    return [replace(folded[0], matched="near")] if len(folded) == 1 else []


@lru_cache(maxsize=64)
def _spellings_by_shape(gazetteer: Gazetteer, country: str) -> dict[tuple[str, int], list[str]]:
    """A country's spellings (`fuzzy_candidates`) by first letter and number of words."""
    shapes: dict[tuple[str, int], list[str]] = {}
    for name in gazetteer.spellings(country, WEAK_MIN_POPULATION):
        shapes.setdefault((name[:1], len(name.split())), []).append(name)
    return shapes


def acceptable(entry: GazetteerEntry, query: NameQuery, countries: set[str]) -> bool:
    """Whether a candidate can be meant at all, before any points are counted."""
    if entry.matched == "demonym":
        return query.strong and entry.kind == "country"
    if entry.kind == "country":
        return True
    if not query.strong:
        return _acceptable_weak(entry, query, countries)
    if not countries:
        # Nothing says where the report is: a unit by its name, or a town of some size.
        units = entry.kind in _UNITS or entry.kind == "admin2"
        return units or entry.population >= NO_CONTEXT_MIN_POPULATION
    if entry.country in countries or entry.kind in _UNITS or entry.capital:
        return True
    # Far from the report's countries, a town must be large and go by this very name.
    return (
        entry.kind == "populated_place"
        and entry.population >= FOREIGN_MIN_POPULATION
        and (entry.matched == "name" or entry.population >= WELL_KNOWN_POPULATION)
    )


def _acceptable_weak(entry: GazetteerEntry, query: NameQuery, countries: set[str]) -> bool:
    """A name the tagger did not call a place: a province with no country known; in a country
    the report is about, anything when the words around it say it is a place ("in Chibok"),
    else a province or a district or town of 20,000."""
    if not countries:
        return entry.kind in _UNITS
    if entry.country not in countries:
        return False
    if query.cued or entry.kind in _UNITS:
        return True
    return entry.population >= WEAK_MIN_POPULATION


def score_candidate(
    entry: GazetteerEntry,
    query: NameQuery,
    context: Context,
    countries: set[str],
    provinces: set[str],
) -> Scored:
    """The points of one candidate, with the reasons."""
    points, reasons = _prominence(entry)
    bonuses = (
        (entry.country == context.dateline_country, DATELINE_COUNTRY_POINTS, "dateline country"),
        (entry.country == context.main_country, MAIN_COUNTRY_POINTS, "report's main country"),
        (entry.country in countries, SENTENCE_COUNTRY_POINTS, "country of places beside it"),
        (entry.admin1 in provinces, SENTENCE_ADMIN1_POINTS, "province of places beside it"),
        (
            entry.admin1 is not None and entry.admin1 == context.dateline_admin1,
            DATELINE_ADMIN1_POINTS,
            "dateline province",
        ),
    )
    for applies, bonus, reason in bonuses:
        if applies:
            points += bonus
            reasons.append(f"{reason} +{bonus:.0f}")
    home = context.report_countries(named=False)
    if _well_known(entry) and home and entry.country not in home:
        # Known the world over: as likely meant as a place in the report's own country.
        points += WELL_KNOWN_POINTS
        reasons.append(f"well known +{WELL_KNOWN_POINTS:.0f}")
    feature_bonus = _feature_points(entry, query.feature)
    if feature_bonus:
        points += feature_bonus
        reasons.append(f"feature word +{feature_bonus:.0f}")
    return Scored(entry, points, f"{_label(entry)}: " + ", ".join(reasons))


def _prominence(entry: GazetteerEntry) -> tuple[float, list[str]]:
    if entry.kind != "populated_place":
        return KIND_POINTS[entry.kind], [f"{entry.kind} {KIND_POINTS[entry.kind]:.0f}"]
    points = (
        POINTS_PER_TENFOLD * math.log10(entry.population)
        if entry.population > 0
        else UNKNOWN_POPULATION_POINTS
    )
    reasons = [f"town of {entry.population:,} {points:.0f}"]
    if entry.capital:
        points += CAPITAL_POINTS
        reasons.append(f"capital +{CAPITAL_POINTS:.0f}")
    if entry.matched != "name":
        points += ALIAS_POINTS
        how = "spelt nearly so" if entry.matched == "near" else "by another name"
        reasons.append(f"{how} {ALIAS_POINTS:.0f}")
    return points, reasons


def _well_known(entry: GazetteerEntry) -> bool:
    return entry.kind == "populated_place" and (
        entry.capital or entry.population >= WELL_KNOWN_POPULATION
    )


def _feature_points(entry: GazetteerEntry, feature: FeatureWord | None) -> float:
    if feature is None:
        return 0.0
    if entry.kind == feature.prefer:
        return FEATURE_POINTS
    natural = feature.keep and feature.prefer == "admin1"
    return NATURAL_FEATURE_ADMIN2_POINTS if natural and entry.kind == "admin2" else 0.0
