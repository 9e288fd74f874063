"""RSS 2.0 and Atom feeds: a report per item, with its link, date and title; the feed's title is
the source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from warnline.ingest import Defaults
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]
Feed = Callable[..., str]

FEED = Path(__file__).resolve().parents[2] / "examples" / "feed.xml"
ATOM_DATE = "2024-06-04T07:30:00Z"


def _reports(results: list[Report | Failure]) -> list[Report]:
    assert all(isinstance(r, Report) for r in results), results
    return [r for r in results if isinstance(r, Report)]


# --- the example feed ----------------------------------------------------------------------------


def test_example_feed(read: Read) -> None:
    reports = _reports(read([FEED]))
    assert [r.origin for r in reports] == [f"{FEED}#item1", f"{FEED}#item2", f"{FEED}#item3"]
    assert [r.title for r in reports] == [
        "Chad vows pursuit after Boko Haram raid on Lake Chad island base",
        "Damascus church bombing: government blames Islamic State, obscure group claims it",
        "JNIM claims massacre of trench-diggers near Barsalogho, Burkina Faso",
    ]
    assert [r.url for r in reports] == [
        "https://example.org/frontline-digest/chad-barkaram-base-attack",
        "https://example.org/frontline-digest/damascus-church-bombing-claims",
        "https://example.org/frontline-digest/barsalogho-attack-jnim-claim",
    ]
    assert [r.published for r in reports] == [
        dt.date(2024, 10, 29),
        dt.date(2025, 6, 24),
        dt.date(2024, 8, 26),
    ]
    assert {r.source for r in reports} == {"Frontline Digest – Conflict Briefs"}
    assert reports[0].text.startswith("N'DJAMENA, CHAD – Around 40 soldiers were killed")
    assert reports[0].text.endswith("a raid at Bohoma killed nearly 100 soldiers.")
    assert reports[2].text.startswith("KAYA, BURKINA FASO – Jama'at Nusrat al-Islam")
    assert all(r.warnings == () for r in reports)


def test_feed_title_wins_over_defaults_source(read: Read) -> None:
    reports = _reports(read([FEED], defaults=Defaults(source="Command Line")))
    assert {r.source for r in reports} == {"Frontline Digest – Conflict Briefs"}


# --- feeds written here --------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "suffix"), [("rss", ".xml"), ("rss", ".rss"), ("atom", ".atom")])
def test_each_item_is_a_report(
    read: Read,
    write: Write,
    rss: Feed,
    atom: Feed,
    item: Any,
    kind: str,
    suffix: str,
) -> None:
    if kind == "rss":
        dates = ["Mon, 03 Jun 2024 07:30:00 +0000", "Tue, 04 Jun 2024 23:59:59 GMT"]
        text = rss
    else:
        dates = ["2024-06-03T07:30:00Z", "2024-06-04T23:59:59+00:00"]
        text = atom
    items = [
        item(
            title="Convoy attacked near Gao",
            link="https://example.org/gazette/gao",
            date=dates[0],
            description="GAO, MALI – Gunmen attacked a convoy.",
        ),
        item(
            title="Border post raided near Menaka",
            link="https://example.org/gazette/menaka",
            date=dates[1],
            description="MENAKA, MALI – Fighters raided a border post.",
        ),
    ]
    path = write(f"briefs{suffix}", text(items))
    reports = _reports(read([path]))
    assert [r.origin for r in reports] == [f"{path}#item1", f"{path}#item2"]
    assert [r.title for r in reports] == [
        "Convoy attacked near Gao",
        "Border post raided near Menaka",
    ]
    assert [r.url for r in reports] == [
        "https://example.org/gazette/gao",
        "https://example.org/gazette/menaka",
    ]
    assert [r.published for r in reports] == [dt.date(2024, 6, 3), dt.date(2024, 6, 4)]
    assert [r.text for r in reports] == [
        "GAO, MALI – Gunmen attacked a convoy.",
        "MENAKA, MALI – Fighters raided a border post.",
    ]
    assert {r.source for r in reports} == {"The Border Gazette – Briefs"}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_item_html_becomes_paragraphs(
    read: Read, write: Write, rss: Feed, atom: Feed, item: Any, kind: str
) -> None:
    html = (
        "<p>GAO, MALI &ndash; Gunmen <b>attacked</b> a convoy on Tuesday.</p>\n"
        "<p>&ldquo;They came at dawn,&rdquo; a driver said.<br/>Two trucks burned.</p>"
        "<ul><li>Four killed</li><li>Two missing</li></ul>"
    )
    feed = (rss if kind == "rss" else atom)([item(description=html, date=None)])
    (report,) = _reports(read([write(f"briefs.{kind}", feed)]))
    assert report.text == (
        "GAO, MALI – Gunmen attacked a convoy on Tuesday.\n\n"
        "“They came at dawn,” a driver said.\n\n"
        "Two trucks burned.\n\n"
        "Four killed\n\n"
        "Two missing"
    )


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_full_content_is_preferred_to_the_summary(
    read: Read, write: Write, rss: Feed, atom: Feed, item: Any, kind: str
) -> None:
    entry = item(
        description="A short summary.",
        content="<p>The full report, first paragraph.</p><p>Second paragraph.</p>",
    )
    (report,) = _reports(read([write(f"briefs.{kind}", (rss if kind == "rss" else atom)([entry]))]))
    assert report.text == "The full report, first paragraph.\n\nSecond paragraph."


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_missing_item_fields_fall_back(
    read: Read, write: Write, rss: Feed, atom: Feed, item: Any, kind: str
) -> None:
    feed = (rss if kind == "rss" else atom)([item(title=None, link=None, date=None)], title=None)
    defaults = Defaults(source="Command Line", published=dt.date(2024, 6, 1))
    (report,) = _reports(read([write(f"briefs.{kind}", feed)], defaults=defaults))
    assert report.title is None
    assert report.url is None
    assert report.source == "Command Line"
    assert report.published == dt.date(2024, 6, 1)
    assert report.text == "GAO, MALI – Gunmen attacked a supply convoy on Tuesday."


@pytest.mark.parametrize("guid", ["abc-123", "gazette:2024:gao", "urn:uuid:1b4e28ba-2fa1-11d2"])
def test_a_guid_that_is_not_a_web_address_is_not_the_url(
    read: Read, write: Write, rss: Feed, item: Any, guid: str
) -> None:
    # <guid> without isPermaLink="false" is taken as the link by feedparser; a report's url
    # must still be a web address (it is fetched with --fetch-items), so there is none here.
    (report,) = _reports(read([write("briefs.xml", rss([item(link=None, guid=guid)]))]))
    assert report.url is None
    assert report.text == "GAO, MALI – Gunmen attacked a supply convoy on Tuesday."


def test_a_permalink_guid_is_the_url(read: Read, write: Write, rss: Feed, item: Any) -> None:
    entry = item(link=None, guid="https://example.org/gazette/gao-convoy")
    (report,) = _reports(read([write("briefs.xml", rss([entry]))]))
    assert report.url == "https://example.org/gazette/gao-convoy"


def test_item_date_wins_over_defaults(read: Read, write: Write, rss: Feed, item: Any) -> None:
    defaults = Defaults(published=dt.date(2024, 6, 1))
    (report,) = _reports(read([write("briefs.xml", rss([item()]))], defaults=defaults))
    assert report.published == dt.date(2024, 6, 4)


def test_rss_1_feed(read: Read, write: Write) -> None:
    feed = (
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '<channel rdf:about="https://example.org/"><title>Old Wire</title>'
        "<link>https://example.org/</link><description>d</description></channel>\n"
        '<item rdf:about="https://example.org/1"><title>Raid near Gao</title>'
        "<link>https://example.org/1</link><dc:date>2024-06-04</dc:date>"
        "<description>GAO, MALI – Gunmen raided a post.</description></item>\n"
        "</rdf:RDF>\n"
    )
    (report,) = _reports(read([write("old.rdf.xml", feed)]))
    assert (report.title, report.url, report.source) == (
        "Raid near Gao",
        "https://example.org/1",
        "Old Wire",
    )
    assert report.published == dt.date(2024, 6, 4)
    assert report.text == "GAO, MALI – Gunmen raided a post."


def test_feed_in_another_encoding(read: Read, write: Write, rss: Feed, item: Any) -> None:
    entry = item(title="Raid near Ségou", description="SÉGOU, MALI: gunmen raided a post.")
    feed = rss([entry], title="Gazette du Mali").replace(
        'encoding="UTF-8"', 'encoding="ISO-8859-1"'
    )
    (report,) = _reports(read([write("briefs.xml", feed.encode("latin-1"))]))
    assert report.title == "Raid near Ségou"
    assert report.text == "SÉGOU, MALI: gunmen raided a post."
    assert report.source == "Gazette du Mali"


# --- bad feeds -----------------------------------------------------------------------------------

MALFORMED = [
    "this is not a feed at all",
    "{not a feed}",
    "<<<>>>",
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Briefs</ti',
    "<html><head><title>A web page</title></head><body><p>Not a feed.</p></body></html>",
    '<?xml version="1.0"?><note><to>Someone</to><body>Plain XML, not a feed.</body></note>',
]


@pytest.mark.parametrize("content", MALFORMED)
def test_malformed_feed_is_e120(
    read: Read, write: Write, expect_failure: ExpectFailure, good_text: str, content: str
) -> None:
    path = write("briefs.xml", content)
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E120", str(path))
    assert isinstance(results[1], Report)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_without_items_is_e121(
    read: Read,
    write: Write,
    expect_failure: ExpectFailure,
    good_text: str,
    rss: Feed,
    atom: Feed,
    kind: str,
) -> None:
    path = write(f"briefs.{kind}", (rss if kind == "rss" else atom)([]))
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E121", str(path))
    assert isinstance(results[1], Report)


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("description", [None, "", "<p> </p><br/>", "<img src='x.jpg'/>"])
def test_item_without_text_is_e122_and_the_others_are_read(
    read: Read,
    write: Write,
    expect_failure: ExpectFailure,
    rss: Feed,
    atom: Feed,
    item: Any,
    kind: str,
    description: str | None,
) -> None:
    items = [item(title="First"), item(title="Empty", description=description), item(title="Third")]
    path = write(f"briefs.{kind}", (rss if kind == "rss" else atom)(items))
    results = read([path])
    assert len(results) == 3, results
    assert isinstance(results[0], Report)
    assert results[0].title == "First"
    expect_failure(results[1], "E122", f"{path}#item2")
    assert isinstance(results[2], Report)
    assert results[2].title == "Third"
    assert results[2].origin == f"{path}#item3"


@pytest.mark.parametrize("date", ["not a date", "32 Foo 2024 99:99:99"])
def test_unparseable_item_date_is_a_notice(
    read: Read, write: Write, expect_failure: ExpectFailure, rss: Feed, item: Any, date: str
) -> None:
    path = write("briefs.xml", rss([item(date=date)]))
    (report,) = _reports(read([path], defaults=Defaults(published=dt.date(2024, 6, 1))))
    assert report.published == dt.date(2024, 6, 1)
    assert len(report.warnings) == 1
    expect_failure(report.warnings[0], "W151", f"{path}#item1")
    assert date in report.warnings[0].message
