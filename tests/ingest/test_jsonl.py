"""JSON Lines: a report per line with `text` and optional `title`, `url`, `published`, `source`;
a bad line is a failure naming its line, and the other lines are still read."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warnline.ingest import Defaults
from warnline.ingest.jsonl import read_jsonl
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]

WIRE = Path(__file__).resolve().parents[2] / "examples" / "wire.jsonl"


def _line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _lines(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def test_example_wire(read: Read) -> None:
    expected = [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines()]
    results = read([WIRE])
    assert len(results) == len(expected) == 3
    for number, (report, item) in enumerate(zip(results, expected, strict=True), start=1):
        assert isinstance(report, Report)
        assert report.origin == f"{WIRE}#L{number}"
        assert report.text == item["text"]
        assert report.title == item["title"]
        assert report.url == item["url"]
        assert report.source == item["source"]
        assert report.published == dt.date.fromisoformat(item["published"][:10])
        assert report.warnings == ()


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".JSONL"])
def test_every_field_is_read(read: Read, write: Write, suffix: str) -> None:
    content = _lines(
        _line(
            text="GAO, MALI – Gunmen attacked a convoy.\n\nTwo drivers were killed.",
            title="Convoy attacked near Gao",
            url="https://example.org/wire/gao",
            published="2024-06-04",
            source="Sahel Wire",
        ),
        _line(text="MENAKA, MALI – A border post was raided."),
    )
    path = write(f"wire{suffix}", content)
    results = read([path], defaults=Defaults(source="Command Line"))
    assert len(results) == 2, results
    first, second = results
    assert first == Report(
        text="GAO, MALI – Gunmen attacked a convoy.\n\nTwo drivers were killed.",
        title="Convoy attacked near Gao",
        url="https://example.org/wire/gao",
        published=dt.date(2024, 6, 4),
        source="Sahel Wire",
        origin=f"{path}#L1",
    )
    assert second == Report(
        text="MENAKA, MALI – A border post was raided.",
        source="Command Line",
        origin=f"{path}#L2",
    )


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-06-04", dt.date(2024, 6, 4)),
        ("2024-06-04T23:10:00Z", dt.date(2024, 6, 4)),
        ("2024-06-04T23:10:00+05:30", dt.date(2024, 6, 4)),
        ("2024-06-04 08:00", dt.date(2024, 6, 4)),
        ("20240604", dt.date(2024, 6, 4)),
        ("", dt.date(2000, 1, 1)),
        (None, dt.date(2000, 1, 1)),
    ],
)
def test_published_forms(
    read: Read, write: Write, published: str | None, expected: dt.date
) -> None:
    path = write("wire.jsonl", _lines(_line(text="A report.", published=published)))
    (report,) = read([path], defaults=Defaults(published=dt.date(2000, 1, 1)))
    assert isinstance(report, Report)
    assert report.published == expected
    assert report.warnings == ()


@pytest.mark.parametrize(
    "published", ["yesterday", "04/06/2024", "2024-13-01", 20240632, True, [1]]
)
def test_unparseable_published_is_a_notice(
    read: Read, write: Write, expect_failure: ExpectFailure, published: object
) -> None:
    path = write(
        "wire.jsonl",
        _lines(_line(text="First report.", published=published), _line(text="Second report.")),
    )
    results = read([path])
    assert len(results) == 2, results
    first, second = results
    assert isinstance(first, Report)
    assert first.text == "First report."
    assert first.published is None
    assert len(first.warnings) == 1
    expect_failure(first.warnings[0], "W151", f"{path}#L1")
    assert isinstance(second, Report)
    assert second.warnings == ()


def test_line_numbers_count_blank_lines(read: Read, write: Write) -> None:
    content = "\n" + _line(text="Line two.") + "\n\n   \n" + _line(text="Line five.") + "\n\n"
    path = write("wire.jsonl", content)
    results = read([path])
    assert [r.origin for r in results if isinstance(r, Report)] == [f"{path}#L2", f"{path}#L5"]


def test_windows_line_endings(read: Read, write: Write) -> None:
    content = _line(text="One.") + "\r\n" + _line(text="Two.\r\nStill two.") + "\r\n"
    path = write("wire.jsonl", content)
    results = read([path])
    assert [r.text for r in results if isinstance(r, Report)] == ["One.", "Two.\nStill two."]
    assert [r.origin for r in results if isinstance(r, Report)] == [f"{path}#L1", f"{path}#L2"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "  Padded title  ", "Padded title"),
        ("title", "", None),
        ("title", "   ", None),
        ("title", None, None),
        ("url", "", None),
        ("source", "", "Command Line"),
        ("source", None, "Command Line"),
        ("source", " Sahel Wire ", "Sahel Wire"),
    ],
)
def test_empty_fields_are_missing(
    read: Read, write: Write, field: str, value: str | None, expected: str | None
) -> None:
    path = write("wire.jsonl", _lines(_line(text="A report.", **{field: value})))
    (report,) = read([path], defaults=Defaults(source="Command Line"))
    assert isinstance(report, Report)
    assert getattr(report, field) == expected


# --- bad lines -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        '{"text": "unterminated',
        "{'text': 'single quotes'}",
        '{"text": "trailing comma",}',
        "not json at all",
        '{"text": "two objects"} {"text": "on one line"}',
        "[" * 50_000 + "]" * 50_000,  # nested too deep for the JSON decoder
    ],
)
def test_malformed_line_is_e130_with_its_number(
    read: Read, write: Write, expect_failure: ExpectFailure, bad: str
) -> None:
    content = _lines(_line(text="Line one."), bad, _line(text="Line three."))
    path = write("wire.jsonl", content)
    results = read([path])
    assert len(results) == 3, results
    first, failure, third = results
    assert isinstance(first, Report)
    assert first.origin == f"{path}#L1"
    expect_failure(failure, "E130", str(path))
    assert isinstance(failure, Failure)
    assert "line 2 " in failure.message
    assert isinstance(third, Report)
    assert third.origin == f"{path}#L3"


@pytest.mark.parametrize(
    "bad",
    [
        _line(title="No text here"),
        _line(text=""),
        _line(text="   \n "),
        _line(text=None),
        _line(text=42),
        _line(text=["a", "list"]),
        _line(body="The wrong key."),
        json.dumps(["text", "an array"]),
        json.dumps("just a string"),
        "42",
        "null",
    ],
)
def test_line_without_text_is_e131_with_its_number(
    read: Read, write: Write, expect_failure: ExpectFailure, bad: str
) -> None:
    path = write("wire.jsonl", _lines(_line(text="One."), _line(text="Two."), bad))
    results = read([path])
    assert len(results) == 3, results
    assert all(isinstance(r, Report) for r in results[:2])
    expect_failure(results[2], "E131", str(path))
    assert isinstance(results[2], Failure)
    assert "line 3 " in results[2].message
    assert '"text"' in results[2].message


def test_a_file_of_bad_lines_gives_one_failure_per_line(
    read: Read, write: Write, expect_failure: ExpectFailure, good_text: str
) -> None:
    path = write("wire.jsonl", _lines("{", _line(title="t"), "]"))
    other = write("other.txt", good_text)
    results = read([path, other])
    assert len(results) == 4, results
    for failure, code, number in zip(results[:3], ("E130", "E131", "E130"), (1, 2, 3), strict=True):
        expect_failure(failure, code, str(path))
        assert isinstance(failure, Failure)
        assert f"line {number} " in failure.message
    assert isinstance(results[3], Report)


def test_file_starting_with_a_brace_is_sniffed_as_jsonl(read: Read, write: Write) -> None:
    path = write("export.dat", _lines(_line(text="One."), _line(text="Two.")))
    results = read([path])
    assert [r.origin for r in results if isinstance(r, Report)] == [f"{path}#L1", f"{path}#L2"]


# --- any text ------------------------------------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)
_objects = st.fixed_dictionaries(
    {},
    optional={
        "text": _json_values,
        "title": _json_values,
        "url": _json_values,
        "published": _json_values,
        "source": _json_values,
    },
)


@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=40).map(lambda s: s.replace("\n", " ")),
            _objects.map(json.dumps),
            _json_values.map(json.dumps),
        ),
        max_size=8,
    )
)
def test_read_jsonl_yields_a_result_per_non_blank_line(lines: list[str]) -> None:
    results = list(read_jsonl("\n".join(lines), "wire.jsonl", Defaults()))
    numbered = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert len(results) == len(numbered)
    for result, number in zip(results, numbered, strict=True):
        if isinstance(result, Report):
            assert result.origin == f"wire.jsonl#L{number}"
            assert result.text.strip()
            assert all(w.code == "W151" for w in result.warnings)
        else:
            assert result.code in {"E130", "E131"}
            assert result.message.startswith(f"{result.code} wire.jsonl: line {number} ")
            assert "\n" not in result.message
