"""Plain text and Markdown reports: YAML front matter, titles, and what goes wrong with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from warnline.errors import WarnlineError
from warnline.ingest import Defaults
from warnline.ingest.text import read_text, split_front_matter
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]

BODY = (
    "MOGADISHU, SOMALIA – A drone strike killed three fighters near Jilib on Monday, "
    "officials said.\n\n"
    "The command said no civilians were hurt.\n"
)
FRONT = (
    "---\n"
    'title: "US drone strike kills three near Jilib"\n'
    'source: "Horn Wire"\n'
    "published: 2024-02-20\n"
    'url: "https://example.org/horn-wire/jilib"\n'
    "---\n"
)
EXAMPLE_REPORTS = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.md"))


def _one_report(results: list[Report | Failure]) -> Report:
    assert len(results) == 1, results
    assert isinstance(results[0], Report), results[0]
    return results[0]


# --- plain text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".text", ".TXT"])
def test_plain_text_is_read_whole(read: Read, write: Write, suffix: str) -> None:
    path = write(f"report{suffix}", BODY)
    report = _one_report(read([path]))
    assert report.text == BODY
    assert report.origin == str(path)
    assert report.url is None
    assert report.source is None
    assert report.published is None
    assert report.warnings == ()


def test_plain_text_takes_source_and_date_from_defaults(read: Read, write: Write) -> None:
    path = write("report.txt", BODY)
    defaults = Defaults(source="Horn Wire", published=dt.date(2024, 2, 20))
    report = _one_report(read([path], defaults=defaults))
    assert report.source == "Horn Wire"
    assert report.published == dt.date(2024, 2, 20)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"line one\r\nline two\r\n", "line one\nline two\n"),
        (b"line one\rline two\r", "line one\nline two\n"),
        (b"line one\r\n\r\nline two", "line one\n\nline two"),
    ],
)
def test_line_endings_become_newlines(read: Read, write: Write, data: bytes, text: str) -> None:
    assert _one_report(read([write("report.txt", data)])).text == text


# --- titles of plain files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "title"),
    [
        # The first short line that does not end a sentence is the headline.
        (
            "Drone strike kills three near Jilib\n\n" + BODY,
            None,
            "Drone strike kills three near Jilib",
        ),
        ("  Drone strike kills three  \n" + BODY, None, "Drone strike kills three"),
        ("\n\n\nDrone strike kills three\n" + BODY, None, "Drone strike kills three"),
        ("Is Jilib next?\n" + BODY, None, "Is Jilib next?"),
        # A first line naming the --source is skipped.
        ("Horn Wire\nDrone strike kills three\n\n" + BODY, "Horn Wire", "Drone strike kills three"),
        ("HORN WIRE\nDrone strike kills three\n\n" + BODY, "Horn Wire", "Drone strike kills three"),
        # ... but only when it is the source: otherwise it is the title.
        ("Horn Wire\nDrone strike kills three\n\n" + BODY, "Other Wire", "Horn Wire"),
        ("Horn Wire\nDrone strike kills three\n\n" + BODY, None, "Horn Wire"),
        # A first line that is a sentence, or too long for a headline, gives no title.
        (BODY, None, None),
        ('He said "we will fight."\n' + BODY, None, None),
        ("“We will fight,” he said”\n" + BODY, None, None),
        ("A" * 201 + "\n" + BODY, None, None),
        ("Horn Wire\n" + BODY, "Horn Wire", None),
        # One line only: there is no separate headline.
        ("Drone strike kills three near Jilib", None, None),
        ("Horn Wire\n\n", "Horn Wire", None),
    ],
)
def test_title_of_a_plain_file(
    read: Read, write: Write, text: str, source: str | None, title: str | None
) -> None:
    path = write("report.txt", text)
    report = _one_report(read([path], defaults=Defaults(source=source)))
    assert report.title == title
    assert report.text == text


def test_a_title_of_200_characters_is_still_a_title(read: Read, write: Write) -> None:
    headline = "B" * 200
    report = _one_report(read([write("report.txt", f"{headline}\n{BODY}")]))
    assert report.title == headline


# --- front matter --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_front_matter_gives_metadata_and_is_not_text(read: Read, write: Write, suffix: str) -> None:
    path = write(f"report{suffix}", FRONT + BODY)
    report = _one_report(read([path]))
    assert report.title == "US drone strike kills three near Jilib"
    assert report.source == "Horn Wire"
    assert report.published == dt.date(2024, 2, 20)
    assert report.url == "https://example.org/horn-wire/jilib"
    assert report.text == BODY
    assert "---" not in report.text
    assert "title:" not in report.text
    assert report.origin == str(path)
    assert report.warnings == ()


def test_front_matter_wins_over_defaults(read: Read, write: Write) -> None:
    defaults = Defaults(source="Command Line Source", published=dt.date(2020, 1, 1))
    report = _one_report(read([write("report.md", FRONT + BODY)], defaults=defaults))
    assert report.source == "Horn Wire"
    assert report.published == dt.date(2024, 2, 20)


def test_defaults_fill_what_front_matter_leaves_out(read: Read, write: Write) -> None:
    text = "---\ntitle: Strike near Jilib\n---\n" + BODY
    defaults = Defaults(source="Horn Wire", published=dt.date(2024, 2, 21))
    report = _one_report(read([write("report.md", text)], defaults=defaults))
    assert report.title == "Strike near Jilib"
    assert report.source == "Horn Wire"
    assert report.published == dt.date(2024, 2, 21)
    assert report.url is None


def test_without_a_front_matter_title_the_body_gives_one(read: Read, write: Write) -> None:
    text = "---\nsource: Horn Wire\n---\nHorn Wire\nStrike near Jilib\n\n" + BODY
    report = _one_report(read([write("report.md", text)]))
    # The source from the front matter is skipped just like --source.
    assert report.title == "Strike near Jilib"
    assert report.text == "Horn Wire\nStrike near Jilib\n\n" + BODY


@pytest.mark.parametrize(
    ("data", "meta"),
    [
        # Windows line endings, a UTF-8 BOM, an empty block, extra keys.
        ((FRONT + BODY).replace("\n", "\r\n").encode(), "Horn Wire"),
        (b"\xef\xbb\xbf" + (FRONT + BODY).encode(), "Horn Wire"),
        (("---\n---\n" + BODY).encode(), None),
        (
            (
                "---\nsource: Horn Wire\ntags: [somalia, drones]\nauthor: Staff\n---\n" + BODY
            ).encode(),
            "Horn Wire",
        ),
    ],
)
def test_front_matter_variants(read: Read, write: Write, data: bytes, meta: str | None) -> None:
    report = _one_report(read([write("report.md", data)]))
    assert report.source == meta
    assert report.text == BODY


@pytest.mark.parametrize(
    "text",
    [
        "----\ntitle: x\n---\n" + BODY,  # not the fence
        " ---\ntitle: x\n---\n" + BODY,  # not at the start
        "Intro line\n---\ntitle: x\n---\n" + BODY,
        "---\ntitle: never closed\n" + BODY,
    ],
)
def test_text_without_a_front_matter_fence_is_all_text(read: Read, write: Write, text: str) -> None:
    report = _one_report(read([write("report.md", text)]))
    assert report.text == text
    assert report.url is None


def test_a_rule_in_the_body_is_kept(read: Read, write: Write) -> None:
    body = "First part.\n\n---\n\nSecond part after a rule.\n"
    report = _one_report(read([write("report.md", FRONT + body)]))
    assert report.text == body


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ("2024-02-20", dt.date(2024, 2, 20)),
        ('"2024-02-20"', dt.date(2024, 2, 20)),
        ("2024-02-20T10:15:00Z", dt.date(2024, 2, 20)),
        ("2024-02-20 23:59:00", dt.date(2024, 2, 20)),
        ('"2024-02-20T10:15:00+03:00"', dt.date(2024, 2, 20)),
        ("''", None),
        ("", None),
    ],
)
def test_front_matter_published_forms(
    read: Read, write: Write, value: str, published: dt.date | None
) -> None:
    text = f"---\npublished: {value}\n---\n{BODY}"
    report = _one_report(read([write("report.md", text)]))
    assert report.published == published
    assert report.warnings == ()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("yesterday", "yesterday"),
        ("20 Feb 2024", "20 Feb 2024"),
        ('"2024/02/20"', "2024/02/20"),
        ("2024-2-3x", "2024-2-3x"),
        # YAML reads these as dates that cannot exist; they must not stop the batch either.
        ("2024-13-45", "2024-13-45"),
        ("2024-02-30", "2024-02-30"),
    ],
)
def test_unparseable_front_matter_date_is_a_notice(
    read: Read, write: Write, expect_failure: ExpectFailure, good_text: str, value: str, shown: str
) -> None:
    path = write("report.md", f"---\ntitle: Strike\npublished: {value}\n---\n{BODY}")
    other = write("other.txt", good_text)
    results = read([path, other], defaults=Defaults(published=dt.date(2024, 1, 1)))
    assert len(results) == 2, results
    report = results[0]
    assert isinstance(report, Report)
    assert report.text == BODY
    assert report.title == "Strike"
    # The notice is kept with the report; --published fills the date it could not give.
    assert report.published == dt.date(2024, 1, 1)
    assert len(report.warnings) == 1
    expect_failure(report.warnings[0], "W151", str(path))
    assert shown in report.warnings[0].message
    assert isinstance(results[1], Report)


def test_unparseable_front_matter_date_leaves_published_empty(read: Read, write: Write) -> None:
    report = _one_report(read([write("report.md", f"---\npublished: soon\n---\n{BODY}")]))
    assert report.published is None
    assert [w.code for w in report.warnings] == ["W151"]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Strike near Jilib\n---\n",
        "---\ntitle: Strike near Jilib\n---\n\n   \n\t\n",
        "---\n---\n\n",
        # A front matter closed at the very end of the file, with no newline after it.
        "---\ntitle: Strike near Jilib\n---",
    ],
)
def test_front_matter_without_body_is_e106(
    read: Read, write: Write, expect_failure: ExpectFailure, good_text: str, text: str
) -> None:
    path = write("report.md", text)
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E106", str(path))
    assert isinstance(results[1], Report)


@pytest.mark.parametrize(
    "block",
    [
        "title: [unclosed\n",
        "title: 'unclosed\n",
        "title: a\n  bad: indent\n",
        "key: value\nkey2: {a: b\n",
        "- just\n- a list\n",
        "just a string\n",
        "42\n",
    ],
)
def test_front_matter_that_is_not_a_yaml_mapping_is_e107(
    read: Read, write: Write, expect_failure: ExpectFailure, good_text: str, block: str
) -> None:
    path = write("report.md", f"---\n{block}---\n{BODY}")
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E107", str(path))
    assert isinstance(results[1], Report)


@pytest.mark.parametrize("example", EXAMPLE_REPORTS, ids=lambda p: p.name)
def test_example_reports(read: Read, example: Path) -> None:
    raw = example.read_text(encoding="utf-8")
    _, block, body = raw.split("---\n", 2)
    meta = yaml.safe_load(block)
    report = _one_report(read([example]))
    assert report.title == meta["title"]
    assert report.source == meta["source"]
    assert report.published == meta["published"]
    assert report.url == meta["url"]
    assert report.text == body
    assert report.text.strip()
    assert not report.text.startswith("---")


# --- split_front_matter on any text --------------------------------------------------------------

_plain = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "Zs"), exclude_characters="\x85"),
    max_size=30,
)
_keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
_bodies = st.text(max_size=200).filter(lambda s: s.strip() != "")


@given(text=st.text(max_size=300).filter(lambda s: not s.startswith("---\n")))
def test_split_without_fence_changes_nothing(text: str) -> None:
    assert split_front_matter(text, "r.md") == ({}, text)


@given(meta=st.dictionaries(_keys, _plain, max_size=5), body=_bodies)
def test_split_returns_what_was_written(meta: dict[str, str], body: str) -> None:
    block = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    assert split_front_matter(f"---\n{block}---\n{body}", "r.md") == (meta, body)


@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=40).map(lambda s: s.replace("\n", " ")),
            st.builds(lambda k, v: f"{k}: {v}", _keys, st.text(max_size=20)),
            st.builds(
                lambda k, y, m, d: f"{k}: {y:04d}-{m:02d}-{d:02d}",
                _keys,
                st.integers(0, 9999),
                st.integers(0, 99),
                st.integers(0, 99),
            ),
        ),
        max_size=6,
    ),
    body=st.text(max_size=80),
)
def test_split_only_ever_fails_with_a_coded_error(lines: list[str], body: str) -> None:
    text = "---\n" + "".join(f"{line}\n" for line in lines) + "---\n" + body
    outcome = _split_or_error(text)
    if isinstance(outcome, WarnlineError):
        assert outcome.code.name in {"E106", "E107"}
        assert "\n" not in outcome.line()
        assert outcome.line().startswith(f"{outcome.code.name} r.md: ")
    else:
        meta, rest = outcome
        assert isinstance(meta, dict)
        assert rest.strip()
        assert text.endswith(rest)


def _split_or_error(text: str) -> tuple[dict[str, object], str] | WarnlineError:
    """What split_front_matter gives, or the coded error it raises; anything else escapes."""
    try:
        return split_front_matter(text, "r.md")
    except WarnlineError as err:
        return err


@given(body=_bodies)
def test_read_text_keeps_the_body(body: str) -> None:
    report = read_text(FRONT + body, "r.md", Defaults(), [])
    assert report.text == body
    assert report.source == "Horn Wire"
