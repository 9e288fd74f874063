"""Coded errors as users see them: one line, `CODE subject: reason (fix: …)`; and a batch of bad
inputs read side by side with good ones, each failure its own record."""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from warnline.errors import Errors, WarnlineError, format_line, notice
from warnline.ingest import Defaults, ReadLimits
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]
Page = Callable[..., str]
Feed = Callable[..., str]

INGEST_CODES = [
    "E101", "E102", "E103", "E104", "E105", "E106", "E107",
    "E110", "E120", "E121", "E122", "E130", "E131", "E140", "E141", "E142",
    "W105", "W151",
]  # fmt: skip


def _details(code: Errors) -> dict[str, object]:
    """A value for every placeholder in a code's message and fix."""
    names = {
        field
        for template in (code.value.message, code.value.fix)
        for _, field, _, _ in string.Formatter().parse(template)
        if field
    }
    return {name.split("!")[0]: f"<{name}>" for name in names}


# --- the one-line format -------------------------------------------------------------------------


def test_line_format() -> None:
    err = WarnlineError(Errors.E101, "reports/x.txt")
    assert err.line() == "E101 reports/x.txt: no such file or directory (fix: check the path)"
    assert str(err) == err.line()
    assert err.reason == "no such file or directory"
    assert err.fix == "check the path"


@pytest.mark.parametrize(
    ("code", "detail", "line"),
    [
        (
            Errors.E104,
            {"size": 2048, "limit": 1024},
            "E104 big.txt: the file is 2048 bytes, over the 1024-byte limit "
            "(fix: split it, or raise WARNLINE_MAX_BYTES)",
        ),
        (
            Errors.E130,
            {"line": 7, "detail": "Expecting value"},
            "E130 big.txt: line 7 is not valid JSON: Expecting value "
            "(fix: fix or remove that line)",
        ),
        (
            Errors.E141,
            {"status": 404},
            "E141 big.txt: the server answered HTTP 404 (fix: check the address)",
        ),
        (
            Errors.W105,
            {"count": 3},
            "W105 big.txt: not valid UTF-8: 3 bytes could not be decoded and were replaced "
            "(fix: re-save the file as UTF-8 if the text looks wrong)",
        ),
        (
            Errors.W151,
            {"value": "soon"},
            "W151 big.txt: published date 'soon' is not a date and was left empty "
            "(fix: give dates as YYYY-MM-DD)",
        ),
    ],
)
def test_line_with_details(code: Errors, detail: dict[str, object], line: str) -> None:
    err = WarnlineError(code, "big.txt", **detail)
    assert err.line() == line
    assert format_line(code, "big.txt", err.reason, err.fix) == line


@pytest.mark.parametrize("code", list(Errors), ids=lambda c: c.name)
def test_every_code_makes_one_line(code: Errors) -> None:
    err = WarnlineError(code, "some/input.txt", **_details(code))
    line = err.line()
    assert "\n" not in line
    assert line.startswith(f"{code.name} some/input.txt: ")
    assert line.endswith(f" (fix: {err.fix})")
    assert err.reason
    assert err.fix
    failure = err.to_failure()
    assert failure == Failure(
        subject="some/input.txt",
        code=code.name,
        severity="warning" if code.name.startswith("W") else "error",
        message=line,
    )
    assert code.severity == failure.severity


@pytest.mark.parametrize("code", INGEST_CODES)
def test_ingest_codes_exist(code: str) -> None:
    assert Errors[code].severity == ("warning" if code.startswith("W") else "error")


def test_notice_is_a_warning_record() -> None:
    record = notice(Errors.W151, "wire.jsonl#L3", value="soon")
    assert record.severity == "warning"
    assert record.code == "W151"
    assert record.subject == "wire.jsonl#L3"
    assert record.message.startswith("W151 wire.jsonl#L3: published date 'soon'")


# --- one batch, every bad input ------------------------------------------------------------------


@pytest.fixture
def batch(
    tmp_path: Path,
    write: Write,
    good_text: str,
    article_page: Page,
    rss: Feed,
    item: Any,
) -> list[tuple[Path, str]]:
    """(path, what it must give) in the order given; a good file after each bad one."""
    bad: list[tuple[str, str | bytes, str]] = [
        ("empty.txt", b"", "E102"),
        ("blank.md", b"  \n\t\n", "E102"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "E103"),
        ("nuls.md", b"some words\x00\x00\x00 and NULs", "E103"),
        ("big.txt", "word " * 1000, "E104"),
        ("no-body.md", "---\ntitle: Only a title\n---\n", "E106"),
        ("bad-yaml.md", "---\ntitle: [unclosed\n---\nBody.\n", "E107"),
        ("empty.html", "<html><body></body></html>", "E110"),
        ("broken.xml", "this is not a feed", "E120"),
        ("no-items.xml", rss([]), "E121"),
        ("latin1.txt", b"Raid near S\xe9gou\n\nGunmen raided a post.", "W105"),
        ("undated.md", "---\npublished: soon\n---\nBody.\n", "W151"),
    ]
    planned: list[tuple[Path, str]] = [(tmp_path / "missing.txt", "E101")]
    for number, (name, content, code) in enumerate(bad):
        planned.append((write(f"{number:02d}-{name}", content), code))
        planned.append((write(f"{number:02d}-good.txt", good_text), "report"))
    planned.append((write("page.html", article_page()), "report"))
    planned.append((write("feed.xml", rss([item(), item(description=None), item()])), "feed"))
    wire = "\n".join([json.dumps({"text": "One."}), "{broken", json.dumps({"title": "no text"})])
    planned.append((write("wire.jsonl", wire), "jsonl"))
    return planned


def test_every_bad_input_is_a_failure_and_the_batch_goes_on(
    read: Read, expect_failure: ExpectFailure, batch: list[tuple[Path, str]]
) -> None:
    results = read([p for p, _ in batch], limits=ReadLimits(max_bytes=4000, http_timeout=5.0))
    expected: list[tuple[str, str]] = []
    for path, outcome in batch:
        if outcome == "feed":
            expected += [("report", f"{path}#item1"), ("E122", f"{path}#item2")]
            expected += [("report", f"{path}#item3")]
        elif outcome == "jsonl":
            expected += [("report", f"{path}#L1"), ("E130", str(path)), ("E131", str(path))]
        else:
            expected.append((outcome, str(path)))
    assert len(results) == len(expected), results
    for result, (outcome, subject) in zip(results, expected, strict=True):
        if outcome == "report":
            assert isinstance(result, Report), result
            assert result.origin == subject
            assert result.warnings == ()
        elif outcome.startswith("W"):
            # A notice keeps its report.
            assert isinstance(result, Report), result
            assert result.origin == subject
            (warning,) = result.warnings
            expect_failure(warning, outcome, subject)
        else:
            expect_failure(result, outcome, subject)


def test_a_failure_names_the_input_as_the_user_gave_it(
    tmp_path: Path, read: Read, expect_failure: ExpectFailure, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("reports").mkdir()
    Path("reports/empty.txt").write_bytes(b"")
    (failure,) = read(["reports/empty.txt"])
    expect_failure(failure, "E102", "reports/empty.txt")
    (failure,) = read(["reports/none.txt"])
    expect_failure(failure, "E101", "reports/none.txt")
    (failure,) = read(["reports"], defaults=Defaults())
    expect_failure(failure, "E102", "reports/empty.txt")
