"""Places: one record per distinct place name, geocoded with the report's context.

Mentions come from the dateline, spaCy's entities and the gazetteer (`place_mentions`) and from
vague-region phrases (`place_regions`); mentions with the same name are one place ("Kabul" and
"KABUL"). Each name is then geocoded (`geocode.resolve`) in two passes: first with the
dateline's country alone, then with the report's main country (the country its places are most
often in) and the places named in the same sentences.

What a record's fields mean:

- a town: its GeoNames id and coordinates, its country and ISO 3166-2 province; precision 1,
  or 2 when every mention is "near"/"outside" it;
- a district: precision 2; a province or a natural feature named after one ("Panjshir Valley"):
  precision 3, with the coordinates of the unit's main town (ACLED's convention for precision
  3); a valley or river has no GeoNames id of its own here;
- a country (or a demonym used as a place): the country only, precision 3, no point;
- a curated natural feature ("Sambisa Forest", "Lake Chad"): its country and unit if it lies in
  one, the unit's main town as its point, precision 3;
- a vague region ("the northern provinces"): its country (from the phrase or the report's main
  country) and province if named, precision 3, never a point; a region spanning several
  countries ("the Sahel") has no country;
- no answer: every geo field empty, when the gazetteer has nothing that fits or the name is
  too ambiguous. Weak mentions (not tagged as places) without an answer are dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warnline.catalogue.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from warnline.catalogue.gazetteer_data import FeatureWord, GazetteerKind, load_place_data
from warnline.extract.doc_text import doc_text
from warnline.extract.geocode import Context, NameQuery, Resolution, resolve
from warnline.extract.place_mentions import (
    PlaceMention,
    dateline_mentions,
    entity_mentions,
    nationality_votes,
    person_words,
    sentence_of,
    sentence_starts,
)
from warnline.extract.place_regions import RegionMention, find_regions, region_cover
from warnline.extract.spans import Span, name_key, preferred_form
from warnline.records import Place
from warnline.vocab import load_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc

_DATELINE_VOTES = 2
_ACRONYM_LETTERS = 5
_UNIT_KINDS: frozenset[GazetteerKind] = frozenset({"country", "admin1"})


@dataclass
class _Group:
    """The mentions of one name."""

    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[PlaceMention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.span[0] for m in self.mentions)

    @property
    def dateline_part(self) -> int | None:
        parts = [m.dateline_part for m in self.mentions if m.dateline_part is not None]
        return min(parts) if parts else None

    @property
    def feature(self) -> FeatureWord | None:
        return next((m.feature for m in self.mentions if m.feature is not None), None)

    def query(
        self,
        group: int,
        kinds: frozenset[GazetteerKind] | None = None,
        persons: frozenset[str] = frozenset(),
    ) -> NameQuery:
        """What to ask the geocoder; a name that is also a person's counts as weak."""
        names = [m.text for m in self.mentions] + [m.lookup for m in self.mentions]
        person = all(w.casefold() in persons for w in preferred_form(self.forms).split())
        return NameQuery(
            group=group,
            names=tuple(dict.fromkeys(names)),
            sentences=frozenset(m.sentence for m in self.mentions),
            strong=any(m.strong for m in self.mentions) and not person,
            cued=any(m.cued for m in self.mentions),
            feature=self.feature,
            kinds=kinds,
            acronym_only=self.dateline_part is None and all(_short_capitals(f) for f in self.forms),
        )


@dataclass
class _RegionGroup:
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[RegionMention] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)


def extract_places(doc: Doc, extra: tuple[tuple[str, Span], ...] = ()) -> tuple[Place, ...]:
    """One geocoded place per distinct name, with all its spans; `extra` adds mentions found
    otherwise (the dateline's parts: its city first)."""
    gazetteer = load_gazetteer()
    starts = sentence_starts(doc)
    dateline = dateline_mentions(extra, starts)
    regions = [
        r
        for r in find_regions(doc_text(doc), gazetteer)
        if not _overlaps(dateline, r.span) and not _inside_other_name(doc, r.span)
    ]
    taken = [m.span for m in dateline] + [s for r in regions for s in region_cover(r)]
    groups = _group(dateline + entity_mentions(doc, taken, gazetteer))
    region_groups = _group_regions(regions, starts)
    persons = person_words(doc)
    context = _dateline_context(gazetteer, groups)
    first = [resolve(gazetteer, g.query(n, persons=persons), context) for n, g in enumerate(groups)]
    votes = nationality_votes(doc, gazetteer)
    context = _report_context(gazetteer, context, groups, first, region_groups, votes)
    final = [resolve(gazetteer, g.query(n, persons=persons), context) for n, g in enumerate(groups)]
    records = [
        (g.first, _place_record(g, r))
        for g, r in zip(groups, final, strict=True)
        if r.entry is not None or _kept_without_answer(g, persons)
    ]
    records += [
        (min(m.span[0] for m in g.mentions), _region_record(gazetteer, g, context))
        for g in region_groups
    ]
    records.sort(key=lambda item: item[0])
    return tuple(
        place.model_copy(update={"id": f"P{n}"}) for n, (_, place) in enumerate(records, start=1)
    )


def _short_capitals(text: str) -> bool:
    letters = text.replace(".", "").replace(" ", "")
    return 0 < len(letters) <= _ACRONYM_LETTERS and letters.isupper()


def _overlaps(mentions: list[PlaceMention], span: Span) -> bool:
    return any(span[0] < m.span[1] and m.span[0] < span[1] for m in mentions)


def _inside_other_name(doc: Doc, span: Span) -> bool:
    """True when an entity that is not a place runs past the span: "West Africa" inside
    "Islamic State West Africa Province", "Levant" inside "Levant Policy Institute"."""
    labels = load_vocab().place_labels
    return any(
        ent.label_ not in labels
        and ent.start_char < span[1]
        and span[0] < ent.end_char
        and (ent.start_char < span[0] or ent.end_char > span[1])
        for ent in doc.ents
    )


def _kept_without_answer(group: _Group, persons: frozenset[str]) -> bool:
    """A name the tagger called a place stays as a place with no answer, unless it is a word
    of a person's name ("Yerima"), a bare direction ("the East") or starts like an operation's
    name ("Operation Herof")."""
    if not any(m.strong for m in group.mentions):
        return False
    words = [w.casefold() for w in preferred_form(group.forms).split()]
    if all(w in persons for w in words):
        return False
    data = load_place_data()
    directions = {w for forms in data.directions.values() for w in forms}
    if len(words) == 1 and words[0] in directions:
        return False
    return words[0] not in data.not_place_heads


def _group(mentions: list[PlaceMention]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for mention in mentions:
        group = groups.setdefault(name_key(mention.text), _Group())
        group.forms[mention.text] += 1
        group.mentions.append(mention)
    return sorted(groups.values(), key=lambda g: g.first)


def _group_regions(regions: list[RegionMention], starts: list[int]) -> list[_RegionGroup]:
    groups: dict[str, _RegionGroup] = {}
    for region in regions:
        group = groups.setdefault(name_key(region.text), _RegionGroup())
        group.forms[region.text] += 1
        group.mentions.append(region)
        group.sentences.add(sentence_of(starts, region.span[0]))
    return list(groups.values())


def _dateline_context(gazetteer: Gazetteer, groups: list[_Group]) -> Context:
    """The dateline's country and province: from its later parts ("KABUL, AFGHANISTAN"), else
    from its city."""
    country: str | None = None
    admin1: str | None = None
    parts = sorted(
        ((g.dateline_part, n, g) for n, g in enumerate(groups) if g.dateline_part is not None),
        key=lambda item: item[0] or 0,
    )
    for part, n, group in parts:
        if part == 0:
            continue
        entry = resolve(gazetteer, group.query(n, _UNIT_KINDS), Context()).entry
        if entry is not None and country is None:
            country = entry.country
            admin1 = entry.admin1 if entry.kind == "admin1" else None
    city = next((g for part, n, g in parts if part == 0), None)
    if city is not None:
        n = groups.index(city)
        entry = resolve(gazetteer, city.query(n), Context(dateline_country=country)).entry
        if entry is not None and (country is None or entry.country == country):
            country = entry.country
            admin1 = admin1 or entry.admin1
    return Context(dateline_country=country, dateline_admin1=admin1)


def _report_context(
    gazetteer: Gazetteer,
    context: Context,
    groups: list[_Group],
    first: list[Resolution],
    regions: list[_RegionGroup],
    nationalities: Counter[str],
) -> Context:
    """The dateline's context, plus the main country and the places of each sentence."""
    votes: Counter[str] = Counter(nationalities)
    sentence_places: dict[int, list[tuple[int, str | None, str | None]]] = {}
    for n, (group, resolution) in enumerate(zip(groups, first, strict=True)):
        entry = resolution.entry
        if entry is None or entry.country is None:
            continue
        votes[entry.country] += len(group.mentions)
        for sentence in {m.sentence for m in group.mentions}:
            sentence_places.setdefault(sentence, []).append((n, entry.country, entry.admin1))
    for region in regions:
        country, _ = _region_country(gazetteer, region, context)
        if country is not None:
            votes[country] += len(region.mentions)
    if context.dateline_country is not None:
        votes[context.dateline_country] += _DATELINE_VOTES
    main = _main_country(votes, context.dateline_country)
    named = {
        r.entry.country
        for r in first
        if r.entry is not None and r.entry.kind == "country" and r.entry.country
    }
    return Context(
        dateline_country=context.dateline_country,
        dateline_admin1=context.dateline_admin1,
        main_country=main,
        sentence_places={s: tuple(p) for s, p in sentence_places.items()},
        named_countries=frozenset(named),
    )


def _main_country(votes: Counter[str], dateline: str | None) -> str | None:
    """The most mentioned country; the dateline's on a tie, else none."""
    if not votes:
        return None
    top = max(votes.values())
    leaders = [c for c, v in votes.items() if v == top]
    if len(leaders) == 1:
        return leaders[0]
    return dateline if dateline in leaders else None


def _place_record(group: _Group, resolution: Resolution) -> Place:
    name = preferred_form(group.forms)
    mentions = tuple(sorted({m.span for m in group.mentions}))
    entry = resolution.entry
    if entry is None:
        return Place(id="P0", name=name, mentions=mentions)
    feature = group.feature if group.feature is not None and group.feature.keep else None
    near = all(m.near for m in group.mentions)
    country_only = entry.kind == "country"
    return Place(
        id="P0",
        name=name,
        mentions=mentions,
        country=entry.country,
        admin1=None if country_only else entry.admin1,
        admin1_name=None if country_only else entry.admin1_name,
        lat=None if country_only else entry.lat,
        lon=None if country_only else entry.lon,
        geonames_id=_geonames_id(entry, feature),
        feature=_feature_name(entry, feature),
        precision=_precision(entry, near),
    )


def _feature_name(entry: GazetteerEntry, feature: FeatureWord | None) -> str:
    if entry.feature is not None:
        return entry.feature
    return feature.feature if feature is not None else entry.kind


def _geonames_id(entry: GazetteerEntry, feature: FeatureWord | None) -> int | None:
    """The feature's own id; none for a valley or river known only by the unit it names."""
    if feature is not None and entry.kind != "populated_place":
        return None
    return entry.geonames_id


def _precision(entry: GazetteerEntry, near: bool) -> int:
    """ACLED geo_precision: 1 the named town, 2 near it or a district, 3 a province or more."""
    if entry.kind == "populated_place":
        return 2 if near else 1
    return 2 if entry.kind == "admin2" else 3


def _region_country(
    gazetteer: Gazetteer, region: _RegionGroup, context: Context
) -> tuple[str | None, GazetteerEntry | None]:
    """The country a vague region lies in, and the country or province it names if any."""
    mention = region.mentions[0]
    if mention.countries is not None:
        # A region of several countries ("the Sahel") is in none of them in particular.
        return (mention.countries[0] if len(mention.countries) == 1 else None), None
    if mention.within is not None:
        query = NameQuery(
            group=-1,
            names=(mention.within,),
            sentences=frozenset(region.sentences),
            kinds=_UNIT_KINDS,
        )
        entry = resolve(gazetteer, query, context).entry
        return (entry.country if entry else None), entry
    return context.main_country or context.dateline_country, None


def _region_record(gazetteer: Gazetteer, region: _RegionGroup, context: Context) -> Place:
    country, named = _region_country(gazetteer, region, context)
    admin1 = named if named is not None and named.kind == "admin1" else None
    return Place(
        id="P0",
        name=preferred_form(region.forms),
        mentions=tuple(sorted({m.span for m in region.mentions})),
        country=country,
        admin1=admin1.admin1 if admin1 else None,
        admin1_name=admin1.admin1_name if admin1 else None,
        feature="region",
        precision=3,
    )
