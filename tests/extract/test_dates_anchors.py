"""The anchor-event catalogue: it loads and validates, holds the events reports date things by,
and every name it lists is found in running text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from warnline.catalogue.anchors import AnchorCatalogue, anchor_key, load_anchors, load_anchors_from
from warnline.extract.date_anchors import find_anchored
from warnline.extract.date_grammar import longest_first
from warnline.extract.date_rule import Context

D = dt.date


def test_catalogue_loads_with_enough_events() -> None:
    catalogue = load_anchors()
    assert len(catalogue.events) >= 25
    assert len({event.id for event in catalogue.events}) == len(catalogue.events)
    assert all(event.source.startswith("https://") for event in catalogue.events)


@pytest.mark.parametrize(
    ("anchor_id", "start", "end"),
    [
        ("september-11-attacks", D(2001, 9, 11), None),
        ("fall-of-kabul-2021", D(2021, 8, 15), None),
        ("us-withdrawal-from-afghanistan", D(2021, 8, 30), None),
        ("doha-agreement", D(2020, 2, 29), None),
        ("fall-of-mosul", D(2014, 6, 10), None),
        ("liberation-of-raqqa", D(2017, 10, 17), None),
        ("fall-of-baghuz", D(2019, 3, 23), None),
        ("mali-coup-2020", D(2020, 8, 18), None),
        ("mali-coup-2021", D(2021, 5, 24), None),
        ("burkina-faso-coup-january-2022", D(2022, 1, 24), None),
        ("burkina-faso-coup-september-2022", D(2022, 9, 30), None),
        ("niger-coup-2023", D(2023, 7, 26), None),
        ("westgate-mall-attack", D(2013, 9, 21), D(2013, 9, 24)),
        ("garissa-university-attack", D(2015, 4, 2), None),
        ("chibok-kidnapping", D(2014, 4, 14), None),
        ("houthi-takeover-of-sanaa", D(2014, 9, 21), None),
        ("saudi-led-intervention-in-yemen", D(2015, 3, 26), None),
        ("fall-of-the-assad-regime", D(2024, 12, 8), None),
        ("october-7-attack", D(2023, 10, 7), None),
        ("kabul-airport-bombing", D(2021, 8, 26), None),
        ("killing-of-osama-bin-laden", D(2011, 5, 2), None),
        ("killing-of-abu-bakr-al-baghdadi", D(2019, 10, 26), None),
        ("killing-of-zawahiri", D(2022, 7, 31), None),
        ("army-public-school-peshawar-attack", D(2014, 12, 16), None),
        ("mumbai-attacks-2008", D(2008, 11, 26), D(2008, 11, 29)),
        ("sri-lanka-easter-bombings", D(2019, 4, 21), None),
        ("marawi-siege", D(2017, 5, 23), D(2017, 10, 23)),
    ],
)
def test_well_known_events_and_their_days(
    anchor_id: str, start: dt.date, end: dt.date | None
) -> None:
    event = load_anchors().get(anchor_id)
    assert (event.start, event.end) == (start, end)


def _every_name() -> list[tuple[str, str]]:
    return [(event.id, name) for event in load_anchors().events for name in event.names]


@pytest.mark.parametrize(("anchor_id", "name"), _every_name())
def test_every_name_anchors_its_own_event(anchor_id: str, name: str) -> None:
    event = load_anchors().get(anchor_id)
    text = f"Things changed two days after {name}, witnesses said."
    found = longest_first(find_anchored(text, Context(published=D(2025, 6, 1))))
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == f"two days after {name}"
    resolution = found[0].resolution
    assert resolution is not None
    assert resolution.start == event.last_day + dt.timedelta(days=2)


@pytest.mark.parametrize(
    ("variant", "anchor_id"),
    [
        ("the withdrawal of US and NATO troops from Afghanistan", "us-withdrawal-from-afghanistan"),
        ("The Fall Of Kabul", "fall-of-kabul-2021"),
        ("the Houthis’ seizure of Sanaa", "houthi-takeover-of-sanaa"),
        ("the Mumbai attack", "mumbai-attacks-2008"),
        ("the United States-Taliban deal", "doha-agreement"),
        ("the Saudi led intervention", "saudi-led-intervention-in-yemen"),
    ],
)
def test_names_match_loosely(variant: str, anchor_id: str) -> None:
    event = load_anchors().lookup(variant)
    assert event is not None
    assert event.id == anchor_id


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The U.S.-Taliban Deal", "us taliban deal"),
        ("the Houthis’ seizure of Sana'a", "houthis seizure of sanaa"),
        ("  the   fall of   Kabul ", "fall of kabul"),
    ],
)
def test_anchor_key(text: str, key: str) -> None:
    assert anchor_key(text) == key


ENTRY = """
- id: {id}
  name: {name}
  aliases: [{alias}]
  start: {start}
  end: {end}
  source: https://example.org/source
"""


def _write(tmp_path: Path, *entries: dict[str, str]) -> Path:
    defaults = {
        "id": "some-event",
        "name": "the event",
        "alias": "the thing",
        "start": "2020-01-02",
    }
    text = "".join(ENTRY.format(**{**defaults, "end": "null", **entry}) for entry in entries)
    path = tmp_path / "anchors.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entries", "complaint"),
    [
        ([{"id": "Not A Slug"}], "slug"),
        ([{"end": "2019-12-31"}], "before start"),
        ([{"start": "someday"}], "date"),
        ([{}, {"name": "another"}], "duplicate anchor id"),
        ([{}, {"id": "other-event", "name": "The Thing"}], "share the name"),
    ],
)
def test_invalid_catalogues_are_refused(
    tmp_path: Path, entries: list[dict[str, str]], complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint) as raised:
        load_anchors_from(_write(tmp_path, *entries))
    assert "anchors.yaml" in str(raised.value)


def test_a_valid_file_loads(tmp_path: Path) -> None:
    catalogue = load_anchors_from(_write(tmp_path, {"end": "2020-01-05"}))
    assert isinstance(catalogue, AnchorCatalogue)
    event = catalogue.get("some-event")
    assert (event.start, event.last_day) == (D(2020, 1, 2), D(2020, 1, 5))


def test_a_file_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anchors.yaml"
    path.write_text("id: lonely\n", encoding="utf-8")
    with pytest.raises(ValueError, match="list of anchor events"):
        load_anchors_from(path)
