"""From what the user named (paths, directories, URLs) to reports, one input at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from warnline.errors import Errors, WarnlineError, notice
from warnline.ingest.decode import decode_bytes
from warnline.ingest.feed import FetchPage, read_feed
from warnline.ingest.fetch import fetch_url
from warnline.ingest.html import read_html
from warnline.ingest.jsonl import read_jsonl
from warnline.ingest.metadata import Defaults
from warnline.ingest.text import read_text
from warnline.records import Failure, Report

Kind = Literal["text", "html", "feed", "jsonl"]

KIND_BY_SUFFIX: dict[str, Kind] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_KIND_BY_CONTENT_TYPE: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
}


@dataclass(frozen=True)
class Input:
    """One thing to read: a file or a URL."""

    location: str
    is_url: bool = False


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int
    http_timeout: float


def plan_inputs(paths: Sequence[str], urls: Sequence[str]) -> list[Input]:
    """Expand directories (recursively, known suffixes only, hidden files skipped), keep order."""
    planned: list[Input] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            planned.extend(Input(str(p)) for p in _files_under(path))
        else:
            planned.append(Input(name))
    planned.extend(Input(url, is_url=True) for url in urls)
    return planned


def _files_under(directory: Path) -> list[Path]:
    found = [
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in KIND_BY_SUFFIX
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    ]
    return sorted(found)


def read_input(item: Input, defaults: Defaults, limits: ReadLimits) -> Iterator[Report | Failure]:
    """Every report in one input; a coded failure instead of whatever could not be read."""
    try:
        if item.is_url:
            yield from _read_url(item.location, defaults, limits)
        else:
            yield from _read_file(Path(item.location), defaults, limits)
    except WarnlineError as err:
        yield err.to_failure()


def read_inputs(
    paths: Sequence[str], urls: Sequence[str], defaults: Defaults, limits: ReadLimits
) -> Iterator[Report | Failure]:
    """Every report in every input, in order."""
    for item in plan_inputs(paths, urls):
        yield from read_input(item, defaults, limits)


def _read_file(path: Path, defaults: Defaults, limits: ReadLimits) -> Iterator[Report | Failure]:
    subject = str(path)
    if not path.exists():
        raise WarnlineError(Errors.E101, subject)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise WarnlineError(Errors.E104, subject, size=size, limit=limits.max_bytes)
        data = path.read_bytes()
    except OSError as err:
        raise WarnlineError(Errors.E105, subject, detail=err.strerror or str(err)) from err
    kind = KIND_BY_SUFFIX.get(path.suffix.lower()) or _sniff_kind(data)
    yield from _read_data(data, kind, subject, defaults, limits, url=None)


def _read_url(url: str, defaults: Defaults, limits: ReadLimits) -> Iterator[Report | Failure]:
    fetched = fetch_url(url, timeout=limits.http_timeout, max_bytes=limits.max_bytes)
    kind = _KIND_BY_CONTENT_TYPE.get(fetched.content_type) or _sniff_kind(fetched.data)
    yield from _read_data(fetched.data, kind, url, defaults, limits, url=fetched.url)


def _read_data(
    data: bytes,
    kind: Kind,
    subject: str,
    defaults: Defaults,
    limits: ReadLimits,
    url: str | None,
) -> Iterator[Report | Failure]:
    if kind == "feed":
        # feedparser reads the encoding from the XML declaration itself.
        if not data.lstrip(b"\xef\xbb\xbf\xff\xfe").strip(b" \t\r\n\x00\x0b\x0c"):
            raise WarnlineError(Errors.E102, subject)
        yield from read_feed(data, subject, defaults, _page_fetcher(limits))
        return
    decoded = decode_bytes(data, subject)
    warnings: list[Failure] = []
    if decoded.replaced_bytes:
        warnings.append(notice(Errors.W105, subject, count=decoded.replaced_bytes))
    if kind == "jsonl":
        for result in read_jsonl(decoded.text, subject, defaults):
            if isinstance(result, Report) and warnings:
                result = result.model_copy(update={"warnings": (*warnings, *result.warnings)})
            yield result
    elif kind == "html":
        yield read_html(decoded.text, subject, defaults, warnings, url=url)
    else:
        report = read_text(decoded.text, subject, defaults, warnings)
        yield report.model_copy(update={"url": report.url or url}) if url else report


def _page_fetcher(limits: ReadLimits) -> FetchPage:
    def fetch_page(link: str, defaults: Defaults) -> Report:
        fetched = fetch_url(link, timeout=limits.http_timeout, max_bytes=limits.max_bytes)
        decoded = decode_bytes(fetched.data, link)
        warnings = (
            [notice(Errors.W105, link, count=decoded.replaced_bytes)]
            if decoded.replaced_bytes
            else []
        )
        return read_html(decoded.text, link, defaults, warnings, url=fetched.url)

    return fetch_page


def _sniff_kind(data: bytes) -> Kind:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "html" if b"<html" in head else "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
