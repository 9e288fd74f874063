"""HTML pages: the article body (not the page around it) and the page's own metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from warnline.ingest import Defaults
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]
Page = Callable[..., str]

PAGE = Path(__file__).resolve().parents[2] / "examples" / "page.html"
PAGE_PARAGRAPHS = (
    "IDLIB, SYRIA – A US air strike in north-western Syria killed a senior official of Hurras "
    "al-Din, an al-Qaeda-aligned faction,",
    "In a statement, CENTCOM said the man it targeted had been responsible",
    "Residents of a village west of Idlib city said a missile struck a car",
    "Hurras al-Din was set up in 2018 by fighters who refused to follow",
    "Analysts say Hurras al-Din has only a few hundred members left",
)


def _one_report(results: list[Report | Failure]) -> Report:
    assert len(results) == 1, results
    assert isinstance(results[0], Report), results[0]
    return results[0]


def _paragraphs(text: str) -> list[str]:
    parts = text.split("\n\n")
    # Paragraphs are separated by exactly one blank line and hold no line breaks of their own.
    assert all(part and part == part.strip() and "\n" not in part for part in parts), parts
    return parts


# --- the example page ----------------------------------------------------------------------------


def test_example_page_metadata(read: Read) -> None:
    report = _one_report(read([PAGE]))
    # og:title, not the <title> with the site's name after a bar.
    assert report.title == "US strike in Idlib kills senior Hurras al-Din official, CENTCOM says"
    assert report.source == "Levant Brief"
    assert report.published == dt.date(2025, 2, 16)
    assert report.url == "https://example.org/levant-brief/2025/02/idlib-strike-hurras-al-din"
    assert report.origin == str(PAGE)
    assert report.warnings == ()


def test_example_page_body_is_the_article_in_paragraphs(read: Read) -> None:
    report = _one_report(read([PAGE]))
    paragraphs = _paragraphs(report.text)
    for start in PAGE_PARAGRAPHS:
        assert sum(p.startswith(start) for p in paragraphs) == 1, start
    assert paragraphs[-1].endswith("against remnants of the Islamic State.")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Newsletter",  # navigation
        "Lebanon",
        "Related",  # aside
        "Islamic State names fifth",
        "Example page created for the warnline project",  # footer
        "Privacy",
        "<p>",  # markup
        "&copy;",
    ],
)
def test_example_page_body_leaves_out_the_page_around_it(read: Read, boilerplate: str) -> None:
    assert boilerplate not in _one_report(read([PAGE])).text


# --- a page written here -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_page_body_and_metadata(
    read: Read,
    write: Write,
    article_page: Page,
    paragraphs: tuple[str, ...],
    suffix: str,
) -> None:
    path = write(f"gazette/raid{suffix}", article_page())
    report = _one_report(read([path]))
    assert report.title == "Raid on a border post kills four"
    assert report.source == "The Border Gazette"
    assert report.published == dt.date(2024, 6, 2)
    assert report.url is None
    assert report.origin == str(path)
    found = _paragraphs(report.text)
    for paragraph in paragraphs:
        assert paragraph in found
    # The article's paragraphs, in order, one blank line apart.
    assert "\n\n".join(paragraphs) in report.text
    for boilerplate in ("Home", "World", "Copyright", "All rights reserved"):
        assert boilerplate not in report.text


def test_title_from_title_element_without_og_title(
    read: Read, write: Write, article_page: Page
) -> None:
    report = _one_report(read([write("raid.html", article_page(og_title=False))]))
    assert report.title is not None
    assert report.title.startswith("Raid on a border post kills four")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-06-02T08:00:00Z", dt.date(2024, 6, 2)),
        ("2024-06-02", dt.date(2024, 6, 2)),
        ("2023-12-31T23:30:00+00:00", dt.date(2023, 12, 31)),
    ],
)
def test_published_from_page_metadata(
    read: Read, write: Write, article_page: Page, published: str, expected: dt.date
) -> None:
    defaults = Defaults(published=dt.date(2000, 1, 1))
    path = write("raid.html", article_page(published=published))
    assert _one_report(read([path], defaults=defaults)).published == expected


def test_published_from_a_time_element(read: Read, write: Write, article_page: Page) -> None:
    page = article_page(published=None).replace(
        "<h1>", '<p class="byline"><time datetime="2024-05-30">30 May 2024</time></p>\n<h1>'
    )
    assert _one_report(read([write("raid.html", page)])).published == dt.date(2024, 5, 30)


@pytest.mark.parametrize("defaults_date", [None, dt.date(2024, 6, 3)])
def test_page_without_a_date_takes_the_defaults_date(
    read: Read, write: Write, article_page: Page, defaults_date: dt.date | None
) -> None:
    # The footer's copyright year is not a publication date: with nothing in the page's
    # metadata, the date is --published (or nothing), never a guess like 2024-01-01.
    path = write("raid.html", article_page(published=None))
    report = _one_report(read([path], defaults=Defaults(published=defaults_date)))
    assert report.published == defaults_date


@pytest.mark.parametrize(
    ("site_name", "defaults_source", "source"),
    [
        ("The Border Gazette", None, "The Border Gazette"),
        ("The Border Gazette", "Command Line", "The Border Gazette"),
        (None, "Command Line", "Command Line"),
    ],
)
def test_source_from_site_name_or_defaults(
    read: Read,
    write: Write,
    article_page: Page,
    site_name: str | None,
    defaults_source: str | None,
    source: str | None,
) -> None:
    path = write("raid.html", article_page(site_name=site_name))
    report = _one_report(read([path], defaults=Defaults(source=defaults_source)))
    assert report.source == source


def test_page_with_a_canonical_url(read: Read, write: Write, article_page: Page) -> None:
    page = article_page().replace(
        "</head>", '<link rel="canonical" href="https://example.org/gazette/raid">\n</head>'
    )
    report = _one_report(read([write("raid.html", page)]))
    assert report.url == "https://example.org/gazette/raid"


def test_entities_and_inline_markup_become_plain_text(
    read: Read, write: Write, article_page: Page
) -> None:
    page = article_page(
        paragraphs=(
            "GAO, MALI &ndash; Gunmen <em>attacked</em> a <a href='/gao'>border post</a> north of "
            "Gao on Saturday night and killed four gendarmes, officials said on Sunday.",
            "The attackers &ldquo;came on motorcycles&rdquo;, an official said, before "
            "withdrawing towards the desert &amp; the border with Niger.",
        )
    )
    report = _one_report(read([write("raid.html", page)]))
    assert "GAO, MALI – Gunmen attacked a border post north of Gao" in report.text
    assert "“came on motorcycles”" in report.text
    assert "desert & the border" in report.text
    assert "<" not in report.text
    assert "&" not in report.text.replace("desert & the", "")


# --- pages with no article -----------------------------------------------------------------------

EMPTY_PAGES = [
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "<!DOCTYPE html><html><head><title>Script only</title></head>"
    "<body><script>var app = 1;</script><style>p { color: red }</style></body></html>",
    "<html><body><img src='photo.jpg' alt=''></body></html>",
    "<html><body>   \n  </body></html>",
    "<html><body><!-- nothing but a comment --></body></html>",
    "<!DOCTYPE html>\n<html></html>",
    "<html><head><meta name='description' content='A description only.'></head>"
    "<body><div></div></body></html>",
    # A page that is nothing but navigation and a footer (a script-rendered app shell).
    "<!DOCTYPE html><html><head><title>Loading… | Daily Wire Service</title></head><body>"
    '<header><a href="/">Daily Wire Service</a></header><nav><ul><li><a href="/world">World</a>'
    '</li><li><a href="/africa">Africa</a></li><li><a href="/asia">Asia</a></li></ul></nav>'
    '<div id="root"></div><script src="/app.js"></script><footer><p><a href="/about">About us'
    '</a> · <a href="/privacy">Privacy</a></p></footer></body></html>',
    "<html><head><title>t</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
    "<li><a href='/a'>About</a></li></ul></nav><footer>Copyright</footer></body></html>",
]


@pytest.mark.parametrize("page", EMPTY_PAGES)
def test_page_without_article_text_is_e110(
    read: Read, write: Write, expect_failure: ExpectFailure, good_text: str, page: str
) -> None:
    path = write("empty.html", page)
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E110", str(path))
    assert isinstance(results[1], Report)
