"""Metadata helpers shared by the readers: dates, titles, empty values, HTML fragments."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warnline.ingest.markup import fragment_to_text
from warnline.ingest.metadata import (
    optional_str,
    parse_date,
    published_or_notice,
    title_from_text,
)
from warnline.records import Failure


@pytest.mark.parametrize(
    ("value", "date"),
    [
        (None, None),
        ("", None),
        ("2024-02-20", dt.date(2024, 2, 20)),
        ("  2024-02-20  ", dt.date(2024, 2, 20)),
        ("2024-02-20T10:15:00Z", dt.date(2024, 2, 20)),
        ("2024-02-20T23:59:59.123456+05:30", dt.date(2024, 2, 20)),
        ("2024-02-20 08:00", dt.date(2024, 2, 20)),
        ("20240220", dt.date(2024, 2, 20)),
        (dt.date(2024, 2, 20), dt.date(2024, 2, 20)),
        (dt.datetime(2024, 2, 20, 23, 0, tzinfo=dt.UTC), dt.date(2024, 2, 20)),
        (time.strptime("2024-02-20 07:30", "%Y-%m-%d %H:%M"), dt.date(2024, 2, 20)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date(value: object, date: dt.date | None) -> None:
    assert parse_date(value) == date


@pytest.mark.parametrize(
    "value",
    ["yesterday", "20 February 2024", "2024/02/20", "2023-02-29", "2024-13-01", "24-02-20", 42],
)
def test_parse_date_refuses(value: object) -> None:
    with pytest.raises(ValueError, match=str(value)):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "date", "codes"),
    [
        ("2024-02-20", dt.date(2024, 2, 20), []),
        (None, None, []),
        ("", None, []),
        ("soon", None, ["W151"]),
        ("2024-02-30", None, ["W151"]),
    ],
)
def test_published_or_notice(value: object, date: dt.date | None, codes: list[str]) -> None:
    warnings: list[Failure] = []
    assert published_or_notice(value, "wire.jsonl#L2", warnings) == date
    assert [w.code for w in warnings] == codes
    for warning in warnings:
        assert warning.subject == "wire.jsonl#L2"
        assert warning.message.startswith(f"W151 wire.jsonl#L2: published date {value!r} ")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        ("", None),
        ("   \n", None),
        ("  Horn Wire ", "Horn Wire"),
        (42, "42"),
        (0, "0"),
    ],
)
def test_optional_str(value: object, text: str | None) -> None:
    assert optional_str(value) == text


@pytest.mark.parametrize(
    ("text", "source", "title"),
    [
        ("Headline\nBody sentence.", None, "Headline"),
        ("Headline", None, None),
        ("", None, None),
        ("Horn Wire\nHeadline\nBody.", "horn wire", "Headline"),
        ("Horn Wire\nBody sentence.\nMore.", "Horn Wire", None),
        ("First sentence.\nSecond line", None, None),
        ("Ends with a quote”\nBody.", None, None),
        ('Ends with a quote"\nBody.', None, None),
        ("Headline: with a colon, and a comma\nBody.", None, "Headline: with a colon, and a comma"),
        ("x" * 200 + "\nBody.", None, "x" * 200),
        ("x" * 201 + "\nBody.", None, None),
    ],
)
def test_title_from_text(text: str, source: str | None, title: str | None) -> None:
    assert title_from_text(text, source) == title


@given(text=st.text(max_size=400), source=st.none() | st.text(max_size=20))
def test_title_is_one_of_the_first_lines(text: str, source: str | None) -> None:
    title = title_from_text(text, source)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title is None:
        return
    assert title in lines[:2]
    assert len(title) <= 200
    assert not title.endswith((".", "”", '"'))
    assert source is None or title.casefold() != source.casefold()
    assert len(lines) >= 2


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("Plain text.", "Plain text."),
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<P>One.</P>\n<P>Two.</P>", "One.\n\nTwo."),
        ("Line one<br>Line two<br/>Line three<br />", "Line one\n\nLine two\n\nLine three"),
        ("<div><h2>Heading</h2>Body</div>", "Heading\n\nBody"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<blockquote>“Quoted”</blockquote>after", "“Quoted”\n\nafter"),
        ("A &amp; B &ndash; C &#8220;D&#8221;", "A & B – C “D”"),
        ("<b>bold</b> and <a href='x'>link</a>", "bold and link"),
        ("  spaced \t out\u00a0words  ", "spaced out words"),
        ("<p> </p><p>\n</p><br><br>", ""),
        ("", ""),
    ],
)
def test_fragment_to_text(fragment: str, text: str) -> None:
    assert fragment_to_text(fragment) == text


@given(
    paragraphs=st.lists(
        st.text(alphabet="abcdefghij ,.;:!?'\"-", min_size=1, max_size=30).filter(str.strip),
        min_size=1,
        max_size=6,
    )
)
def test_fragment_paragraphs_survive(paragraphs: list[str]) -> None:
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    expected = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    assert fragment_to_text(html) == expected
