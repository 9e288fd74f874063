"""Reading --url addresses from a real web server on 127.0.0.1, and feeds that fetch their items'
pages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from warnline.ingest import Defaults, ReadLimits
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]
Page = Callable[..., str]
Feed = Callable[..., str]

TEXT = "Raid near Gao\n\nGAO, MALI – Gunmen raided a border post on Sunday, officials said.\n"
PAGE = Path(__file__).resolve().parents[2] / "examples" / "page.html"


def _one_report(results: list[Report | Failure]) -> Report:
    assert len(results) == 1, results
    assert isinstance(results[0], Report), results[0]
    return results[0]


def _reports(results: list[Report | Failure]) -> list[Report]:
    """The results, every one of which must be a report."""
    assert all(isinstance(r, Report) for r in results), results
    return [r for r in results if isinstance(r, Report)]


# --- pages, text, feeds and wires by URL ---------------------------------------------------------


def test_html_page(read: Read, site: Any, article_page: Page, paragraphs: tuple[str, ...]) -> None:
    url = site.add("/world/raid.html", article_page())
    report = _one_report(read(urls=[url]))
    assert report.origin == url
    assert report.url == url
    assert report.title == "Raid on a border post kills four"
    assert report.source == "The Border Gazette"
    assert report.published == dt.date(2024, 6, 2)
    assert "\n\n".join(paragraphs) in report.text
    assert "Copyright" not in report.text
    assert report.warnings == ()
    assert site.fetched() == ["/world/raid.html"]


@pytest.mark.parametrize("source", ["Command Line", None])
def test_page_without_a_site_name_takes_the_defaults_source(
    read: Read, site: Any, article_page: Page, source: str | None
) -> None:
    # The page does not say who published it: --source says, not the server's host name.
    url = site.add("/raid.html", article_page(site_name=None))
    report = _one_report(read(urls=[url], defaults=Defaults(source=source)))
    assert report.title == "Raid on a border post kills four"
    assert report.source == source


def test_page_site_name_wins_over_defaults_source(
    read: Read, site: Any, article_page: Page
) -> None:
    url = site.add("/raid.html", article_page())
    report = _one_report(read(urls=[url], defaults=Defaults(source="Command Line")))
    assert report.source == "The Border Gazette"


def test_example_page(read: Read, site: Any) -> None:
    url = site.add("/idlib", PAGE.read_bytes())
    report = _one_report(read(urls=[url]))
    assert report.title == "US strike in Idlib kills senior Hurras al-Din official, CENTCOM says"
    assert report.published == dt.date(2025, 2, 16)
    # The address it was fetched from, not the one the page claims.
    assert report.url == url


def test_requests_name_warnline(read: Read, site: Any) -> None:
    read(urls=[site.add("/a.txt", TEXT, "text/plain")])
    ((_, agent),) = site.requests
    assert agent.startswith("warnline/")


@pytest.mark.parametrize("content_type", ["text/plain; charset=utf-8", "text/markdown", None])
def test_text_file(read: Read, site: Any, content_type: str | None) -> None:
    url = site.add("/reports/raid.txt", TEXT, content_type)
    report = _one_report(read(urls=[url], defaults=Defaults(source="Command Line")))
    assert report.text == TEXT
    assert report.title == "Raid near Gao"
    assert report.url == url
    assert report.origin == url
    assert report.source == "Command Line"


def test_markdown_front_matter_url_wins(read: Read, site: Any) -> None:
    body = "---\ntitle: Raid\nurl: https://example.org/canonical\n---\n" + TEXT
    report = _one_report(read(urls=[site.add("/raid.md", body, "text/markdown")]))
    assert report.url == "https://example.org/canonical"
    assert report.title == "Raid"
    assert report.text == TEXT


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml", "application/xml", "text/xml; charset=utf-8", "text/plain", None],
)
def test_rss_feed(read: Read, site: Any, rss: Feed, item: Any, content_type: str | None) -> None:
    items = [
        item(title="One", link="https://example.org/1"),
        item(title="Two", link="https://example.org/2", date="Wed, 05 Jun 2024 10:00:00 GMT"),
    ]
    url = site.add("/feed.xml", rss(items), content_type)
    results = _reports(read(urls=[url]))
    assert [r.origin for r in results] == [f"{url}#item1", f"{url}#item2"]
    assert [r.url for r in results] == [
        "https://example.org/1",
        "https://example.org/2",
    ]
    assert [r.published for r in results] == [
        dt.date(2024, 6, 4),
        dt.date(2024, 6, 5),
    ]
    assert {r.source for r in results} == {"The Border Gazette – Briefs"}
    assert site.fetched() == ["/feed.xml"]  # items are not fetched unless asked


def test_atom_feed(read: Read, site: Any, atom: Feed, item: Any) -> None:
    url = site.add("/atom", atom([item(date="2024-06-04T07:30:00Z")]), "application/atom+xml")
    report = _one_report(read(urls=[url]))
    assert report.origin == f"{url}#item1"
    assert report.url == "https://example.org/gazette/gao-convoy"
    assert report.published == dt.date(2024, 6, 4)


@pytest.mark.parametrize("content_type", ["application/x-ndjson", "application/json", None])
def test_json_lines(read: Read, site: Any, content_type: str | None) -> None:
    body = "".join(json.dumps({"text": t, "title": t}) + "\n" for t in ("One.", "Two."))
    url = site.add("/wire", body, content_type)
    results = _reports(read(urls=[url]))
    assert [r.origin for r in results] == [f"{url}#L1", f"{url}#L2"]
    assert [r.text for r in results] == ["One.", "Two."]


@pytest.mark.parametrize("content_type", ["application/octet-stream", None])
def test_page_without_a_useful_content_type_is_sniffed(
    read: Read, site: Any, article_page: Page, content_type: str | None
) -> None:
    report = _one_report(read(urls=[site.add("/page", article_page(), content_type)]))
    assert report.title == "Raid on a border post kills four"
    assert "<p>" not in report.text


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_is_followed(read: Read, site: Any, article_page: Page, status: int) -> None:
    final = site.add("/articles/raid.html", article_page())
    start = site.redirect("/r/raid", "/articles/raid.html", status)
    report = _one_report(read(urls=[start]))
    assert report.origin == start
    assert report.url == final
    assert report.title == "Raid on a border post kills four"
    assert site.fetched() == ["/r/raid", "/articles/raid.html"]


def test_redirect_chain_to_text(read: Read, site: Any) -> None:
    final = site.add("/c.txt", TEXT, "text/plain")
    site.redirect("/b", "/c.txt")
    start = site.redirect("/a", "/b")
    report = _one_report(read(urls=[start]))
    assert (report.url, report.text) == (final, TEXT)


def test_bad_utf8_page_is_kept_with_a_notice(
    read: Read, site: Any, article_page: Page, expect_failure: ExpectFailure
) -> None:
    data = article_page().encode().replace(b"Gunmen", b"Gunm\xe9n", 1)
    url = site.add("/latin1.html", data, "text/html")
    report = _one_report(read(urls=[url]))
    assert "Gunm\ufffdn" in report.text
    (notice,) = report.warnings
    expect_failure(notice, "W105", url)


# --- what cannot be fetched ----------------------------------------------------------------------


@pytest.mark.parametrize(("status", "path"), [(404, "/missing"), (410, "/gone"), (500, "/error")])
def test_http_error_is_e141(
    read: Read, site: Any, expect_failure: ExpectFailure, status: int, path: str
) -> None:
    good = site.add("/good.txt", TEXT, "text/plain")
    if status != 404:
        site.add(path, "<h1>Error</h1>", status=status)
    bad = site.url(path)
    results = read(urls=[bad, good])
    assert len(results) == 2, results
    expect_failure(results[0], "E141", bad)
    assert isinstance(results[0], Failure)
    assert f"HTTP {status}" in results[0].message
    assert isinstance(results[1], Report)


def test_redirect_to_a_missing_page_is_e141(
    read: Read, site: Any, expect_failure: ExpectFailure
) -> None:
    start = site.redirect("/moved", "/nowhere")
    (failure,) = read(urls=[start])
    expect_failure(failure, "E141", start)


def test_unreachable_address_is_e140(
    read: Read, site: Any, dead_url: str, expect_failure: ExpectFailure
) -> None:
    good = site.add("/good.txt", TEXT, "text/plain")
    results = read(urls=[dead_url, good])
    assert len(results) == 2, results
    expect_failure(results[0], "E140", dead_url)
    assert isinstance(results[1], Report)


def test_unknown_host_is_e140(read: Read, expect_failure: ExpectFailure) -> None:
    url = "http://warnline-test.invalid/report.html"  # .invalid never resolves
    (failure,) = read(urls=[url])
    expect_failure(failure, "E140", url)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/report.txt",
        "file:///etc/hostname",
        "example.org/report.html",
        "www.example.org",
        "mailto:desk@example.org",
        "report.html",
        "",
        # Looks like a web address but is not one: the port is cut short.
        "http://[::1",
    ],
)
def test_not_a_web_address_is_e142(
    read: Read, site: Any, expect_failure: ExpectFailure, url: str
) -> None:
    good = site.add("/good.txt", TEXT, "text/plain")
    results = read(urls=[url, good])
    assert len(results) == 2, results
    expect_failure(results[0], "E142", url)
    assert isinstance(results[1], Report)


def test_large_download_is_e104(read: Read, site: Any, expect_failure: ExpectFailure) -> None:
    url = site.add("/big.txt", "word " * 2000, "text/plain")
    good = site.add("/small.txt", "small", "text/plain")
    results = read(urls=[url, good], limits=ReadLimits(max_bytes=1000, http_timeout=5.0))
    assert len(results) == 2, results
    expect_failure(results[0], "E104", url)
    assert isinstance(results[0], Failure)
    assert "1000-byte limit" in results[0].message
    assert isinstance(results[1], Report)


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        (b"", "text/html", "E102"),
        (b"  \n ", "text/plain", "E102"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "E103"),
        (b"<html><body></body></html>", "text/html", "E110"),
        (b"<rss version='2.0'><channel><title>t</title></channel></rss>", "text/xml", "E121"),
        (b"<rss><channel><title>broken", "application/rss+xml", "E120"),
    ],
)
def test_bad_content_by_url(
    read: Read,
    site: Any,
    expect_failure: ExpectFailure,
    body: bytes,
    content_type: str,
    code: str,
) -> None:
    url = site.add("/bad", body, content_type)
    (failure,) = read(urls=[url])
    expect_failure(failure, code, url)


def test_files_and_urls_in_one_batch(
    read: Read,
    site: Any,
    write: Write,
    dead_url: str,
    tmp_path: Path,
    article_page: Page,
) -> None:
    page = site.add("/page.html", article_page())
    text = write("a.txt", TEXT)
    results = read(
        [text, tmp_path / "missing.txt"],
        [site.url("/missing"), dead_url, "ftp://example.org/x", page],
    )
    assert [r.code if isinstance(r, Failure) else "report" for r in results] == [
        "report",
        "E101",
        "E141",
        "E140",
        "E142",
        "report",
    ]


# --- feeds that fetch their items' pages ---------------------------------------------------------


@pytest.fixture
def item_pages(site: Any, article_page: Page) -> list[str]:
    """Two article pages on the site, the second one behind a redirect."""
    first = site.add(
        "/news/gao.html",
        article_page(
            title="Page title of the Gao raid",
            paragraphs=(
                "GAO, MALI – The full story of the raid on the border post, as published on the "
                "page itself, runs to several sentences and names the officials who spoke.",
                "A second paragraph of the page gives the toll and what the army said about it.",
            ),
            published="2024-06-02",
        ),
    )
    site.add(
        "/news/menaka.html",
        article_page(
            title="Page title of the Menaka ambush",
            paragraphs=(
                "MENAKA, MALI – The full story of the ambush near Menaka, as published on the page "
                "itself, runs to several sentences and quotes a local official at length.",
            ),
            site_name=None,
            published=None,
        ),
    )
    moved = site.redirect("/news/menaka", "/news/menaka.html", 301)
    return [first, moved]


def test_fetch_items_reads_each_items_page(
    read: Read, site: Any, rss: Feed, item: Any, item_pages: list[str]
) -> None:
    feed = rss(
        [
            item(title="Feed title: Gao", link=item_pages[0], description="Short Gao summary."),
            item(
                title="Feed title: Menaka",
                link=item_pages[1],
                date="Wed, 05 Jun 2024 10:00:00 GMT",
                description="Short Menaka summary.",
            ),
        ]
    )
    url = site.add("/feed.xml", feed, "application/rss+xml")
    results = read(urls=[url], defaults=Defaults(fetch_items=True))
    assert all(isinstance(r, Report) for r in results), results
    gao, menaka = (r for r in results if isinstance(r, Report))
    assert site.fetched() == ["/feed.xml", "/news/gao.html", "/news/menaka", "/news/menaka.html"]
    # The text is the page's article; the title, origin and date come from the feed.
    assert gao.text.startswith("Page title of the Gao raid\n\nGAO, MALI – The full story")
    assert "Short Gao summary." not in gao.text
    assert "A second paragraph of the page gives the toll" in gao.text
    assert gao.title == "Feed title: Gao"
    assert gao.origin == f"{url}#item1"
    assert gao.url == item_pages[0]
    assert gao.published == dt.date(2024, 6, 2)
    assert "MENAKA, MALI – The full story of the ambush" in menaka.text
    assert menaka.origin == f"{url}#item2"
    assert menaka.url == site.url("/news/menaka.html")  # where the redirect ended


def test_fetch_items_page_without_a_site_name_takes_the_feeds_title(
    read: Read, site: Any, rss: Feed, item: Any, item_pages: list[str]
) -> None:
    # The Menaka page names no site; the source is the feed's title, not the server's address.
    url = site.add("/feed.xml", rss([item(link=item_pages[1])]), "application/rss+xml")
    report = _one_report(read(urls=[url], defaults=Defaults(fetch_items=True)))
    assert "MENAKA, MALI – The full story of the ambush" in report.text
    assert report.source == "The Border Gazette – Briefs"


def test_fetch_items_page_without_a_date_takes_the_items_date(
    read: Read, site: Any, rss: Feed, item: Any, item_pages: list[str]
) -> None:
    # The Menaka page has no date in its metadata (only a copyright year in its footer).
    feed = rss([item(link=item_pages[1], date="Wed, 05 Jun 2024 10:00:00 GMT")])
    url = site.add("/feed.xml", feed, "application/rss+xml")
    report = _one_report(read(urls=[url], defaults=Defaults(fetch_items=True)))
    assert "MENAKA, MALI – The full story of the ambush" in report.text
    assert report.published == dt.date(2024, 6, 5)


def test_fetch_items_from_a_feed_file(
    read: Read, write: Write, site: Any, rss: Feed, item: Any, item_pages: list[str]
) -> None:
    path = write("feed.xml", rss([item(title=None, link=item_pages[0])]))
    report = _one_report(read([path], defaults=Defaults(fetch_items=True)))
    assert report.origin == f"{path}#item1"
    assert report.title == "Page title of the Gao raid"  # the item has none; the page's
    assert "GAO, MALI – The full story" in report.text
    assert site.fetched() == ["/news/gao.html"]


def test_without_fetch_items_pages_are_not_fetched(
    read: Read, site: Any, rss: Feed, item: Any, item_pages: list[str]
) -> None:
    feed = rss([item(link=item_pages[0], description="Short summary.")])
    url = site.add("/feed.xml", feed, "application/rss+xml")
    report = _one_report(read(urls=[url]))
    assert report.text == "Short summary."
    assert site.fetched() == ["/feed.xml"]


def test_fetch_items_with_a_missing_page(
    read: Read,
    site: Any,
    rss: Feed,
    item: Any,
    item_pages: list[str],
    dead_url: str,
    expect_failure: ExpectFailure,
) -> None:
    missing = site.url("/news/deleted.html")
    feed = rss(
        [
            item(title="A", link=item_pages[0]),
            item(title="B", link=missing),
            item(title="C", link=dead_url),
            item(title="D", link=item_pages[1]),
        ]
    )
    url = site.add("/feed.xml", feed, "application/rss+xml")
    results = read(urls=[url], defaults=Defaults(fetch_items=True))
    assert len(results) == 4, results
    assert isinstance(results[0], Report)
    expect_failure(results[1], "E141", missing)
    expect_failure(results[2], "E140", dead_url)
    assert isinstance(results[3], Report)
    assert results[3].origin == f"{url}#item4"


def test_fetch_items_page_with_bad_utf8_keeps_its_notice(
    read: Read,
    site: Any,
    rss: Feed,
    item: Any,
    article_page: Page,
    expect_failure: ExpectFailure,
) -> None:
    page = site.add("/latin1.html", article_page().encode().replace(b"Gunmen", b"Gunm\xe9n", 1))
    url = site.add("/feed.xml", rss([item(link=page)]), "application/rss+xml")
    report = _one_report(read(urls=[url], defaults=Defaults(fetch_items=True)))
    assert "Gunm\ufffdn" in report.text
    assert [w.code for w in report.warnings] == ["W105"]
    expect_failure(report.warnings[0], "W105", page)
