"""`warnline watch`: new files and feed items only, each once, across passes and restarts."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import func, select

from warnline.errors import WarnlineError
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import Settings
from warnline.store import Store, open_store
from warnline.store.schema import FailureRow, ReportRow, WatchedItemRow
from warnline.watch import (
    ItemOutcome,
    PassSummary,
    check_targets,
    parse_every,
    record_item,
    seen_keys,
    watch,
)

Run = Callable[..., subprocess.CompletedProcess[str]]

TEXTS = {
    "kabul.md": "Gunmen attacked a checkpoint in Kabul on Monday, killing two police officers.",
    "jilib.md": "A drone strike near Jilib killed three al-Shabaab fighters on Tuesday.",
    "sebba.md": "Militants attacked an army post in Sebba on Friday, wounding four soldiers.",
    "later.md": "Security forces arrested five suspects in Herat on Sunday after a raid.",
}


def write_report(directory: Path, name: str, text: str | None = None) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text or TEXTS[Path(name).name]
    path.write_text(
        f'---\ntitle: "{name}"\nsource: "Test Wire"\npublished: 2024-05-01\n---\n{body}\n',
        encoding="utf-8",
    )
    return path


def once(targets: list[str], store: Store, **options: object) -> PassSummary:
    """One pass, returning its summary."""
    passes: list[PassSummary] = []
    watch(targets, store, 60, once=True, on_pass=passes.append, **options)  # type: ignore[arg-type]
    assert len(passes) == 1
    return passes[0]


def statuses(summary: PassSummary) -> dict[str, str]:
    return {item.label: item.status for item in summary.items}


def count(store: Store, table: type[ReportRow] | type[WatchedItemRow]) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


@pytest.mark.parametrize(
    ("text", "seconds"), [("30s", 30), ("10m", 600), ("1h", 3600), (" 2M ", 120)]
)
def test_every_reads_seconds_minutes_and_hours(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["10", "5x", "0s", "-1m", "1.5h", "ten minutes", ""])
def test_a_bad_every_is_a_coded_error_naming_the_value(text: str) -> None:
    with pytest.raises(WarnlineError) as caught:
        parse_every(text)
    assert caught.value.code.name == "E231"
    assert repr(text) in caught.value.line()


def test_targets_must_exist_before_the_loop_starts(tmp_path: Path) -> None:
    with pytest.raises(WarnlineError) as caught:
        check_targets([str(tmp_path), str(tmp_path / "missing")])
    assert (caught.value.code.name, caught.value.subject) == ("E230", str(tmp_path / "missing"))
    with pytest.raises(WarnlineError) as nothing:
        check_targets([])
    assert nothing.value.code.name == "E232"
    check_targets([str(tmp_path), "https://example.org/feed.xml"])


def test_a_directory_is_taken_item_by_item_once_across_passes_and_restarts(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    inbox = tmp_path / "inbox"
    write_report(inbox, "kabul.md")
    write_report(inbox, "deep/jilib.md")
    (inbox / "empty.md").write_text("", encoding="utf-8")
    (inbox / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (inbox / "notes.pdf").write_bytes(b"not a known kind")

    first = once([str(inbox)], store)
    assert statuses(first) == {
        "kabul.md": "stored",
        "deep/jilib.md": "stored",
        "empty.md": "failed",
        "blob.txt": "failed",
    }
    failed = {item.label: item.failures[0].code for item in first.items if item.failures}
    assert failed == {"empty.md": "E102", "blob.txt": "E103"}
    with store.session() as session:
        recorded = set(session.scalars(select(FailureRow.code)))
    assert {"E102", "E103"} <= recorded

    # Nothing new: the bad files are not retried either.
    assert once([str(inbox)], store).items == []

    write_report(inbox, "sebba.md")
    assert statuses(once([str(inbox)], store)) == {"sebba.md": "stored"}

    # A new watcher on a new connection to the same store: nothing twice, the new file once.
    (inbox / "later.md").write_text(TEXTS["later.md"], encoding="utf-8")
    restarted = open_store(settings.db_url)
    try:
        given = Defaults(source="Inbox Wire", published=dt.date(2024, 6, 2))
        later = once([str(inbox)], restarted, defaults=given)
        assert statuses(later) == {"later.md": "stored"}
        assert once([str(inbox)], restarted).items == []
    finally:
        restarted.close()
    assert count(store, ReportRow) == 4
    assert count(store, WatchedItemRow) == 6
    with store.session() as session:
        published = session.get(ReportRow, later.items[0].report_id)
        assert published is not None
        assert published.published == dt.date(2024, 6, 2)


def test_a_changed_file_is_a_new_item_and_the_same_text_is_no_new_report(
    tmp_path: Path, store: Store
) -> None:
    inbox = tmp_path / "inbox"
    empty = inbox / "kabul.md"
    inbox.mkdir()
    empty.write_text("", encoding="utf-8")
    assert statuses(once([str(inbox)], store)) == {"kabul.md": "failed"}

    # The failed file gets its text: it changed, so it is taken again, and stored.
    write_report(inbox, "kabul.md")
    stat = empty.stat()
    os.utime(empty, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = once([str(inbox)], store)
    assert statuses(second) == {"kabul.md": "stored"}

    # Touched but the same text: a new item, which the store's dedup calls a duplicate.
    os.utime(empty, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    third = once([str(inbox)], store)
    assert statuses(third) == {"kabul.md": "duplicate"}
    assert third.items[0].report_id == second.items[0].report_id
    assert count(store, ReportRow) == 1


def test_an_item_stored_before_a_crash_is_redone_as_a_duplicate(
    tmp_path: Path, store: Store
) -> None:
    inbox = tmp_path / "inbox"
    path = write_report(inbox, "jilib.md")
    # As if a watcher stored the report and died before recording the item.
    stored = ingest([str(path)], [], Defaults(), store).stored[0]
    summary = once([str(inbox)], store)
    assert [(i.status, i.report_id) for i in summary.items] == [("duplicate", stored.report_id)]
    assert count(store, ReportRow) == 1


def feed_xml(items: list[tuple[str, str, str]]) -> str:
    """An RSS feed of (guid, title, text) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>"
        for guid, title, text in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Frontier Wire</title><link>https://wire.example</link>{entries}"
        "</channel></rss>"
    )


def test_a_feed_over_http_gives_only_its_new_items(httpserver: HTTPServer, store: Store) -> None:
    first_items = [
        ("wire-1", "Kabul checkpoint", TEXTS["kabul.md"]),
        ("wire-2", "Empty item", ""),
    ]
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(
        feed_xml(first_items), content_type="application/rss+xml"
    )
    url = httpserver.url_for("/feed.xml")
    first = once([url], store)
    assert statuses(first) == {"Kabul checkpoint": "stored", f"{url}#item2": "failed"}
    assert first.items[1].failures[0].code == "E122"

    newer = [("wire-3", "Jilib strike", TEXTS["jilib.md"]), *first_items]
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(
        feed_xml(newer), content_type="application/rss+xml"
    )
    second = once([url], store)
    assert statuses(second) == {"Jilib strike": "stored"}
    httpserver.check_assertions()
    with store.session() as session:
        sources = set(session.scalars(select(ReportRow.title)))
    assert sources == {"Kabul checkpoint", "Jilib strike"}


def test_an_unreachable_feed_fails_the_pass_not_the_loop(
    httpserver: HTTPServer, tmp_path: Path, store: Store
) -> None:
    httpserver.expect_request("/gone.xml").respond_with_data("", status=404)
    feed_file = tmp_path / "wire.xml"
    feed_file.write_text(feed_xml([("only", "No text", "")]), encoding="utf-8")
    summary = once([httpserver.url_for("/gone.xml"), str(feed_file)], store)
    assert [f.code for f in summary.target_failures] == ["E141"]
    assert statuses(summary) == {f"{feed_file}#item1": "failed"}
    # The unreachable feed is tried again next pass; its failed item is not.
    again = once([httpserver.url_for("/gone.xml"), str(feed_file)], store)
    assert (len(again.target_failures), again.items) == (1, [])


def test_an_empty_feed_is_nothing_new_but_a_broken_one_is_a_failure(
    tmp_path: Path, store: Store
) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_text(feed_xml([]), encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text("no feed here, only words", encoding="utf-8")
    summary = once([str(empty), str(broken)], store)
    assert summary.items == []
    assert [(f.code, f.subject) for f in summary.target_failures] == [("E120", str(broken))]


def test_an_item_another_watcher_recorded_first_is_not_an_error(store: Store) -> None:
    item = ItemOutcome("/srv/inbox", "a.md|10|1", "a.md", "failed", None)
    record_item(store, item)
    record_item(store, item)
    assert seen_keys(store, "/srv/inbox") == {"a.md|10|1"}


def test_a_stop_request_ends_the_loop_after_the_current_item(tmp_path: Path, store: Store) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (inbox / name).write_text("", encoding="utf-8")
    stop = threading.Event()

    def stop_after_first(_item: ItemOutcome) -> None:
        stop.set()

    totals = watch([str(inbox)], store, 3600, stop=stop, on_item=stop_after_first)
    assert (totals.passes, totals.new) == (1, 1)
    # What the stopped run did not reach, the next run takes.
    assert [item.label for item in once([str(inbox)], store).items] == ["b.md", "c.md"]


def test_the_loop_passes_again_until_stopped(tmp_path: Path, store: Store) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    stop = threading.Event()
    seen: list[int] = []

    def on_pass(summary: PassSummary) -> None:
        seen.append(summary.number)
        if summary.number == 1:
            (inbox / "late.md").write_text("", encoding="utf-8")
        else:
            stop.set()

    totals = watch([str(inbox)], store, 0.05, stop=stop, on_pass=on_pass)
    assert seen == [1, 2]
    assert (totals.passes, totals.new, totals.failed) == (2, 1, 1)


def test_the_command_runs_a_pass_and_reports_it(tmp_path: Path, warnline: Run) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.md").write_text("", encoding="utf-8")
    result = warnline("watch", str(inbox), "--once")
    assert result.returncode == 1
    assert "failed    -" in result.stdout
    assert "pass 1: 1 new, 0 stored, 0 duplicate, 1 failed" in result.stdout
    assert "E102" in result.stderr
    quiet = warnline("watch", str(inbox), "--once", "--quiet")
    assert (quiet.returncode, quiet.stdout.strip()) == (
        0,
        "pass 1: 0 new, 0 stored, 0 duplicate, 0 failed",
    )
    bad = warnline("watch", str(inbox), "--every", "5x")
    assert bad.returncode == 2
    assert bad.stderr.startswith("E231 --every:")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_command_cleanly(
    tmp_path: Path, settings: Settings, signum: signal.Signals
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {**os.environ, "WARNLINE_DB": settings.db_url, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "warnline", "watch", str(inbox), "--every", "1h"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        first_line = child.stdout.readline()
        child.send_signal(signum)
        returncode = child.wait(timeout=60)
    assert first_line.startswith("pass 1: 0 new")
    assert returncode == 0
