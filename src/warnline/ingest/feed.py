"""RSS and Atom feeds: each item is a report with its link, date and title."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from warnline.errors import Errors, WarnlineError
from warnline.ingest.markup import fragment_to_text
from warnline.ingest.metadata import Defaults, optional_str, published_or_notice
from warnline.records import Failure, Report

FetchPage = Callable[[str, Defaults], Report]


def read_feed(
    data: bytes, origin: str, defaults: Defaults, fetch_page: FetchPage | None = None
) -> Iterator[Report | Failure]:
    """Yield a report (or a failure) for each item; fetch the item's page only when asked."""
    parsed = feedparser.parse(data)
    entries: list[Any] = list(parsed.entries)
    if parsed.get("bozo") and not entries:
        detail = str(parsed.get("bozo_exception") or "unknown format").splitlines()[0]
        raise WarnlineError(Errors.E120, origin, detail=detail)
    if not parsed.get("version") and not entries:
        raise WarnlineError(Errors.E120, origin, detail="no RSS or Atom root element")
    if not entries:
        raise WarnlineError(Errors.E121, origin)
    feed_title = optional_str(parsed.feed.get("title"))
    for number, entry in enumerate(entries, start=1):
        item_origin = f"{origin}#item{number}"
        try:
            yield _read_item(entry, item_origin, defaults, feed_title, fetch_page)
        except WarnlineError as err:
            yield err.to_failure()


def _read_item(
    entry: Any,
    origin: str,
    defaults: Defaults,
    feed_title: str | None,
    fetch_page: FetchPage | None,
) -> Report:
    link = optional_str(entry.get("link"))
    if link and not link.lower().startswith(("http://", "https://")):
        link = None
    warnings: list[Failure] = []
    published = published_or_notice(
        entry.get("published_parsed")
        or entry.get("updated_parsed")
        or entry.get("published")
        or entry.get("updated"),
        origin,
        warnings,
    )
    source = feed_title or defaults.source
    title = optional_str(entry.get("title"))
    if defaults.fetch_items and link and fetch_page is not None:
        page = fetch_page(link, Defaults(source=source, published=published or defaults.published))
        return page.model_copy(
            update={
                "title": title or page.title,
                "origin": origin,
                "warnings": (*warnings, *page.warnings),
            }
        )
    text = fragment_to_text(_item_html(entry))
    if not text:
        raise WarnlineError(Errors.E122, origin)
    return Report(
        text=text,
        title=title,
        source=source,
        url=link,
        published=published or defaults.published,
        origin=origin,
        warnings=tuple(warnings),
    )


def _item_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return str(contents[0].get("value") or "")
    return str(entry.get("summary") or entry.get("description") or "")
