"""What the user names, expanded into inputs: directories, suffixes, sniffing, limits, and that
one bad input never stops the others."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from warnline.ingest import Defaults, Input, ReadLimits, plan_inputs, read_input
from warnline.records import Failure, Report

Read = Callable[..., list[Report | Failure]]
Write = Callable[[str, str | bytes], Path]
ExpectFailure = Callable[[object, str, str], None]
Page = Callable[..., str]
Feed = Callable[..., str]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXT = "Raid near Gao\n\nGAO, MALI – Gunmen raided a border post on Sunday, officials said.\n"


def _reports(results: list[Report | Failure]) -> list[Report]:
    """The results, every one of which must be a report."""
    assert all(isinstance(r, Report) for r in results), results
    return [r for r in results if isinstance(r, Report)]


# --- directories ---------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path, write: Write, article_page: Page, rss: Feed, item: type) -> Path:
    """A folder of reports of every kind, with things that must be left out."""
    root = tmp_path / "reports"
    write("reports/b.txt", TEXT)
    write("reports/a.md", "---\ntitle: A\n---\n" + TEXT)
    write("reports/sub/c.html", article_page())
    write("reports/sub/deeper/d.xml", rss([item(title="D1"), item(title="D2")]))
    write("reports/sub/e.jsonl", json.dumps({"text": "E."}) + "\n")
    write("reports/UPPER.TXT", TEXT)
    write("reports/f.ndjson", json.dumps({"text": "F."}) + "\n")
    write("reports/g.htm", article_page())
    write("reports/h.rss", rss([item()]))
    write("reports/i.atom", rss([item()]))
    write("reports/j.text", TEXT)
    # Left out: hidden files and folders, unknown suffixes, files without a suffix.
    write("reports/.hidden.txt", TEXT)
    write("reports/.git/HEAD.txt", TEXT)
    write("reports/sub/.cache/k.md", TEXT)
    write("reports/scan.pdf", b"%PDF-1.7\n\x00\x00binary")
    write("reports/photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write("reports/notes.docx", b"PK\x03\x04\x00\x00")
    write("reports/data.json", json.dumps({"text": "not a jsonl suffix"}))
    write("reports/README", TEXT)
    write("reports/report.txt.bak", TEXT)
    (root / "empty-folder").mkdir()
    (root / "folder.txt").mkdir()  # a folder with a known suffix is still a folder
    return root


EXPECTED = [
    "UPPER.TXT",
    "a.md",
    "b.txt",
    "f.ndjson",
    "g.htm",
    "h.rss",
    "i.atom",
    "j.text",
    "sub/c.html",
    "sub/deeper/d.xml",
    "sub/e.jsonl",
]


def test_directory_is_planned_recursively_in_sorted_order(tree: Path) -> None:
    planned = plan_inputs([str(tree)], [])
    assert [Path(i.location).relative_to(tree).as_posix() for i in planned] == EXPECTED
    assert all(not i.is_url for i in planned)


def test_directory_is_read_recursively(read: Read, tree: Path) -> None:
    results = _reports(read([tree]))
    origins = [Path(r.origin.split("#")[0]).relative_to(tree).as_posix() for r in results]
    # d.xml has two items; every other file one report.
    assert origins == [*EXPECTED[:-2], "sub/deeper/d.xml", "sub/deeper/d.xml", "sub/e.jsonl"]
    assert [r.origin for r in results if "d.xml" in r.origin] == [
        f"{tree}/sub/deeper/d.xml#item1",
        f"{tree}/sub/deeper/d.xml#item2",
    ]


@pytest.mark.parametrize(
    "left_out",
    [".hidden.txt", ".git", ".cache", "scan.pdf", "photo.png", "notes.docx", "data.json", "README"],
)
def test_directory_leaves_out(tree: Path, left_out: str) -> None:
    assert not [i for i in plan_inputs([str(tree)], []) if left_out in i.location]


def test_a_folder_inside_a_hidden_folder_is_read_when_named(tmp_path: Path, write: Write) -> None:
    # Only what is hidden below the named folder is skipped.
    write(".config/reports/a.txt", TEXT)
    planned = plan_inputs([str(tmp_path / ".config" / "reports")], [])
    assert [Path(i.location).name for i in planned] == ["a.txt"]


def test_empty_directory_plans_nothing(tmp_path: Path, read: Read) -> None:
    (tmp_path / "nothing").mkdir()
    assert plan_inputs([str(tmp_path / "nothing")], []) == []
    assert read([tmp_path / "nothing"]) == []


def test_plan_keeps_the_order_given_and_urls_last(tmp_path: Path, write: Write) -> None:
    write("z.txt", TEXT)
    write("dir/b.txt", TEXT)
    write("dir/a.txt", TEXT)
    planned = plan_inputs(
        [str(tmp_path / "z.txt"), str(tmp_path / "dir"), str(tmp_path / "missing.txt")],
        ["https://example.org/one", "http://example.org/two"],
    )
    assert planned == [
        Input(str(tmp_path / "z.txt")),
        Input(str(tmp_path / "dir" / "a.txt")),
        Input(str(tmp_path / "dir" / "b.txt")),
        Input(str(tmp_path / "missing.txt")),
        Input("https://example.org/one", is_url=True),
        Input("http://example.org/two", is_url=True),
    ]


def test_examples_folder(read: Read) -> None:
    results = _reports(read([EXAMPLES]))
    md = sorted(EXAMPLES.glob("*.md"))
    # 15 Markdown reports, the page, 3 feed items and 3 wire lines; docs are not in the folder.
    assert len(results) == len(md) + 1 + 3 + 3
    assert [r.origin for r in results][: len(md)] == [str(p) for p in md]


# --- files named one by one ----------------------------------------------------------------------


@pytest.mark.parametrize("name", [".hidden.txt", "scan.pdf", "notes", "report.txt.bak"])
def test_a_file_named_explicitly_is_read_whatever_its_name(
    read: Read, write: Write, name: str
) -> None:
    path = write(name, TEXT)
    (report,) = read([path])
    assert isinstance(report, Report)
    assert report.text == TEXT
    assert report.title == "Raid near Gao"


@pytest.mark.parametrize("suffix", [".dat", ".pdf", ".png", ""])
def test_unknown_suffix_is_sniffed(
    read: Read,
    write: Write,
    article_page: Page,
    rss: Feed,
    item: type,
    suffix: str,
) -> None:
    text_path = write(f"plain{suffix}", TEXT)
    html_path = write(f"page/page{suffix}", article_page())
    xhtml_path = write(
        f"xhtml/page{suffix}",
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + article_page().replace("<!DOCTYPE html>\n", ""),
    )
    feed_path = write(f"feed/feed{suffix}", rss([item(title="One"), item(title="Two")]))
    bom_feed_path = write(f"bomfeed/feed{suffix}", b"\xef\xbb\xbf\n  " + rss([item()]).encode())
    jsonl_path = write(f"jsonl/wire{suffix}", json.dumps({"text": "Wire."}) + "\n")
    results = _reports(
        read([text_path, html_path, xhtml_path, feed_path, bom_feed_path, jsonl_path])
    )
    assert [r.origin for r in results] == [
        str(text_path),
        str(html_path),
        str(xhtml_path),
        f"{feed_path}#item1",
        f"{feed_path}#item2",
        f"{bom_feed_path}#item1",
        f"{jsonl_path}#L1",
    ]
    # Read as what they are: text whole, the page's article only, each feed item.
    assert results[0].text == TEXT
    assert results[1].source == results[2].source == "The Border Gazette"
    assert "Home" not in results[1].text
    assert [r.title for r in results[3:5]] == ["One", "Two"]
    assert results[6].text == "Wire."


@pytest.mark.parametrize(
    "content",
    [
        "<p>A fragment of HTML that is not a page starts like text.</p>",
        "Plain words mentioning <html> later on.",
        "[1, 2, 3] is not a JSON Lines report.",
    ],
)
def test_sniffing_falls_back_to_text(read: Read, write: Write, content: str) -> None:
    (report,) = read([write("odd.dat", content)])
    assert isinstance(report, Report)
    assert report.text == content


# --- missing, unreadable and oversized inputs ----------------------------------------------------


@pytest.mark.parametrize(
    "name", ["missing.txt", "no/such/folder/report.md", "missing-folder", "report.txt/child.txt"]
)
def test_missing_path_is_e101(
    tmp_path: Path, read: Read, write: Write, expect_failure: ExpectFailure, name: str
) -> None:
    write("report.txt", TEXT)
    missing = tmp_path / name
    before = write("before.txt", TEXT)
    after = write("after.md", TEXT)
    results = read([before, missing, after])
    assert len(results) == 3, results
    assert isinstance(results[0], Report)
    expect_failure(results[1], "E101", str(missing))
    assert isinstance(results[2], Report)


def test_a_broken_link_is_e101(tmp_path: Path, read: Read, expect_failure: ExpectFailure) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (failure,) = read([link])
    expect_failure(failure, "E101", str(link))


@pytest.fixture
def socket_file(tmp_path: Path) -> Iterator[Path]:
    """A path that exists but cannot be opened as a file: a Unix socket."""
    path = tmp_path / "report.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    try:
        yield path
    finally:
        server.close()


def test_unreadable_file_is_e105(
    read: Read, write: Write, expect_failure: ExpectFailure, socket_file: Path
) -> None:
    other = write("other.txt", TEXT)
    results = read([socket_file, other])
    assert len(results) == 2, results
    expect_failure(results[0], "E105", str(socket_file))
    assert isinstance(results[1], Report)


@pytest.mark.parametrize(("size", "ok"), [(99, True), (100, True), (101, False), (5000, False)])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".xml", ".jsonl", ".bin"])
def test_size_limit(
    read: Read,
    write: Write,
    expect_failure: ExpectFailure,
    size: int,
    ok: bool,
    suffix: str,
) -> None:
    path = write(f"report{suffix}", "x" * size)
    limits = ReadLimits(max_bytes=100, http_timeout=5.0)
    if ok:
        # Within the limit, the file is read (whatever its reader then makes of it).
        assert all(r.code != "E104" for r in read([path], limits=limits) if isinstance(r, Failure))
        return
    other = write("small.txt", "short text")
    results = read([path, other], limits=limits)
    assert len(results) == 2, results
    expect_failure(results[0], "E104", str(path))
    assert isinstance(results[0], Failure)
    assert f"{size} bytes" in results[0].message
    assert "100-byte limit" in results[0].message
    assert isinstance(results[1], Report)


def test_oversized_file_in_a_directory(
    tmp_path: Path, read: Read, write: Write, expect_failure: ExpectFailure
) -> None:
    write("dir/a.txt", "small")
    big = write("dir/b.txt", "y" * 500)
    write("dir/c.txt", "small too")
    results = read([tmp_path / "dir"], limits=ReadLimits(max_bytes=100, http_timeout=5.0))
    assert len(results) == 3
    assert isinstance(results[0], Report)
    expect_failure(results[1], "E104", str(big))
    assert isinstance(results[2], Report)


def test_read_input_one_at_a_time(write: Write, limits: ReadLimits) -> None:
    path = write("a.txt", TEXT)
    (report,) = read_input(Input(str(path)), Defaults(source="S"), limits)
    assert isinstance(report, Report)
    assert report.source == "S"
    (failure,) = read_input(Input(str(path) + ".missing"), Defaults(), limits)
    assert isinstance(failure, Failure)
    assert failure.code == "E101"
