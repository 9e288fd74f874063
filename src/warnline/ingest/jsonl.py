"""JSON Lines: a report per line, with `text` and optional `title`, `url`, `published`, `source`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from warnline.errors import Errors, WarnlineError
from warnline.ingest.metadata import Defaults, optional_str, published_or_notice
from warnline.records import Failure, Report


def read_jsonl(text: str, origin: str, defaults: Defaults) -> Iterator[Report | Failure]:
    """Yield a report for each good line and a failure for each bad one; blank lines are skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _read_line(line, number, origin, defaults)
        except WarnlineError as err:
            yield err.to_failure()


def _read_line(line: str, number: int, origin: str, defaults: Defaults) -> Report:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        raise WarnlineError(Errors.E130, origin, line=number, detail=err.msg) from err
    except RecursionError as err:
        raise WarnlineError(Errors.E130, origin, line=number, detail="nested too deeply") from err
    text = item.get("text") if isinstance(item, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise WarnlineError(Errors.E131, origin, line=number)
    item_origin = f"{origin}#L{number}"
    warnings: list[Failure] = []
    return Report(
        text=text.replace("\r\n", "\n"),
        title=optional_str(item.get("title")),
        source=optional_str(item.get("source")) or defaults.source,
        url=optional_str(item.get("url")),
        published=published_or_notice(item.get("published"), item_origin, warnings)
        or defaults.published,
        origin=item_origin,
        warnings=tuple(warnings),
    )
