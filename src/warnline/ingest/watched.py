"""What a watched directory or feed holds now, each item with a key that names its version.

A file's key changes when the file does (its size or mtime), so an edited file is a new item; a
feed item's key is its id (guid), else its link, else a hash of its content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from warnline.errors import Errors, WarnlineError
from warnline.ingest.discover import ReadLimits, plan_inputs
from warnline.ingest.feed import read_feed
from warnline.ingest.fetch import fetch_url
from warnline.ingest.metadata import Defaults
from warnline.records import Failure, Report

# The width of watched_items.item_key: a longer key is replaced by its hash.
MAX_KEY_CHARS = 200


@dataclass(frozen=True)
class FileItem:
    """One file under a watched directory, as it is now."""

    path: Path
    key: str
    label: str


@dataclass(frozen=True)
class FeedItem:
    """One item of a watched feed: its key and what the feed reader made of it."""

    key: str
    result: Report | Failure


def is_feed_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def bounded_key(key: str) -> str:
    """The key itself when it fits the column, else a hash of it (still unique in practice)."""
    if len(key) <= MAX_KEY_CHARS:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def directory_items(directory: Path) -> list[FileItem]:
    """Every readable file under the directory (as `warnline ingest` would read it), keyed."""
    items: list[FileItem] = []
    for planned in plan_inputs([str(directory)], []):
        path = Path(planned.location)
        try:
            stat = path.stat()
        except OSError:
            # Gone between listing and looking: the next pass sees whatever replaced it.
            continue
        relative = path.relative_to(directory).as_posix()
        key = bounded_key(f"{relative}|{stat.st_size}|{stat.st_mtime_ns}")
        items.append(FileItem(path=path, key=key, label=relative))
    return items


def feed_items(target: str, defaults: Defaults, limits: ReadLimits) -> list[FeedItem]:
    """Every item of the feed at a URL or in a file, in feed order; raises on an unreadable feed.

    An empty feed is not an error here: a watched feed may have nothing in it yet.
    """
    data = _feed_bytes(target, limits)
    keys = [_entry_key(entry) for entry in feedparser.parse(data).entries]
    if not keys:
        try:
            list(read_feed(data, target, defaults))
        except WarnlineError as err:
            if err.code is not Errors.E121:
                raise
        return []
    # read_feed gives exactly one report or failure per entry, in the order feedparser lists them.
    results = list(read_feed(data, target, defaults))
    return [FeedItem(key=key, result=result) for key, result in zip(keys, results, strict=True)]


def _feed_bytes(target: str, limits: ReadLimits) -> bytes:
    if is_feed_url(target):
        return fetch_url(target, timeout=limits.http_timeout, max_bytes=limits.max_bytes).data
    path = Path(target)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise WarnlineError(Errors.E104, target, size=size, limit=limits.max_bytes)
        return path.read_bytes()
    except FileNotFoundError as err:
        raise WarnlineError(Errors.E101, target) from err
    except OSError as err:
        raise WarnlineError(Errors.E105, target, detail=err.strerror or str(err)) from err


def _entry_key(entry: Any) -> str:
    for field in ("id", "link"):
        value = entry.get(field)
        if isinstance(value, str) and value.strip():
            return bounded_key(f"{field}:{value.strip()}")
    # Neither id nor link: the item is known by what it says.
    content = "\n".join(str(entry.get(field) or "") for field in ("title", "summary", "published"))
    return "sha256:" + hashlib.sha256(content.encode("utf-8")).hexdigest()
