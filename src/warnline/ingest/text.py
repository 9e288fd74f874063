"""Plain text and Markdown reports, with optional YAML front matter (title, source, published,
url)."""

from __future__ import annotations

from typing import Any

import yaml

from warnline.errors import Errors, WarnlineError
from warnline.ingest.metadata import (
    Defaults,
    optional_str,
    published_or_notice,
    title_from_text,
)
from warnline.records import Failure, Report

_FENCE = "---"


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay strings and go through parse_date."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split_front_matter(text: str, subject: str) -> tuple[dict[str, Any], str]:
    """Split `---\\nYAML\\n---\\n` from the start of a text; no fence gives no metadata."""
    if not text.startswith(_FENCE + "\n"):
        return {}, text
    end = text.find("\n" + _FENCE + "\n", len(_FENCE))
    if end < 0 and text.endswith("\n" + _FENCE):
        end = len(text) - len(_FENCE) - 1
    if end < 0:
        return {}, text
    block = text[len(_FENCE) + 1 : end]
    body = text[end + len(_FENCE) + 2 :]
    try:
        meta = yaml.load(block, Loader=_Loader) or {}
    except yaml.YAMLError as err:
        raise WarnlineError(Errors.E107, subject, detail=str(err).splitlines()[0]) from err
    if not isinstance(meta, dict):
        raise WarnlineError(Errors.E107, subject, detail="it is not a mapping of keys to values")
    if not body.strip():
        raise WarnlineError(Errors.E106, subject)
    return meta, body


def read_text(text: str, origin: str, defaults: Defaults, warnings: list[Failure]) -> Report:
    """A report from decoded plain text."""
    meta, body = split_front_matter(text, origin)
    source = optional_str(meta.get("source")) or defaults.source
    published = published_or_notice(meta.get("published"), origin, warnings) or defaults.published
    return Report(
        text=body,
        title=optional_str(meta.get("title")) or title_from_text(body, source),
        source=source,
        url=optional_str(meta.get("url")),
        published=published,
        origin=origin,
        warnings=tuple(warnings),
    )
