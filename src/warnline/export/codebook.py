"""ACLED's export format and the country table (vocab/acled.yaml), loaded and checked once."""

from __future__ import annotations

from functools import lru_cache

import pycountry
from pydantic import BaseModel, ConfigDict, model_validator

from warnline.vocab import load_event_types, read_vocab

ACLED_COLUMNS = 31
# STIX 2.1 region-ov: the regions a STIX location may name.
STIX_REGIONS = frozenset(
    {
        "africa", "eastern-africa", "middle-africa", "northern-africa", "southern-africa",
        "western-africa", "americas", "latin-america-caribbean", "south-america", "caribbean",
        "central-america", "northern-america", "asia", "central-asia", "eastern-asia",
        "southern-asia", "south-eastern-asia", "western-asia", "europe", "eastern-europe",
        "northern-europe", "southern-europe", "western-europe", "oceania", "antarctica",
        "australia-new-zealand", "melanesia", "micronesia", "polynesia",
    }
)  # fmt: skip


class CountryEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    region: str
    stix_region: str
    name: str | None = None


class AcledCodebook(BaseModel):
    """What vocab/acled.yaml holds: columns, disorder types, and countries' regions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    columns: tuple[str, ...]
    disorder_types: dict[str, str]
    disorder_sub_types: dict[str, str]
    countries: dict[str, CountryEntry]

    @model_validator(mode="after")
    def _check(self) -> AcledCodebook:
        if len(self.columns) != ACLED_COLUMNS or len(set(self.columns)) != ACLED_COLUMNS:
            raise ValueError(f"vocab/acled.yaml needs {ACLED_COLUMNS} distinct columns")
        event_types = load_event_types()
        if set(self.disorder_types) != set(event_types):
            raise ValueError(f"disorder_types must cover exactly {sorted(event_types)}")
        sub_types = {sub for subs in event_types.values() for sub in subs}
        unknown = set(self.disorder_sub_types) - sub_types
        if unknown:
            raise ValueError(f"disorder_sub_types: {sorted(unknown)} are not ACLED sub-types")
        for code, entry in self.countries.items():
            if pycountry.countries.get(alpha_2=code) is None:
                raise ValueError(f"countries: {code!r} is not an ISO 3166-1 alpha-2 code")
            if entry.stix_region not in STIX_REGIONS:
                raise ValueError(f"countries.{code}: {entry.stix_region!r} is not a STIX region")
        return self

    def disorder_type(self, event_type: str, sub_type: str) -> str:
        """ACLED's disorder type of an event (Political violence, Demonstrations, …)."""
        return self.disorder_sub_types.get(sub_type) or self.disorder_types.get(event_type, "")

    def country_name(self, alpha_2: str) -> str:
        """ACLED's name for a country, or pycountry's common name where ACLED's is the same."""
        entry = self.countries.get(alpha_2)
        if entry is not None and entry.name is not None:
            return entry.name
        country = pycountry.countries.get(alpha_2=alpha_2)
        if country is None:
            return alpha_2
        return str(getattr(country, "common_name", None) or country.name)

    def region(self, alpha_2: str) -> str:
        """ACLED's region of a country; empty for a country the table does not list."""
        entry = self.countries.get(alpha_2)
        return entry.region if entry is not None else ""

    def stix_region(self, alpha_2: str) -> str | None:
        entry = self.countries.get(alpha_2)
        return entry.stix_region if entry is not None else None


@lru_cache(maxsize=1)
def load_acled_codebook() -> AcledCodebook:
    """Read and validate vocab/acled.yaml (once per process)."""
    return read_vocab("acled.yaml", AcledCodebook)
