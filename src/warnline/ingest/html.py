"""HTML pages: the article body and its metadata, extracted by trafilatura."""

from __future__ import annotations

import trafilatura

from warnline.errors import Errors, WarnlineError
from warnline.ingest.metadata import Defaults, optional_str, published_or_notice
from warnline.records import Failure, Report


def read_html(
    html: str, origin: str, defaults: Defaults, warnings: list[Failure], url: str | None = None
) -> Report:
    """A report from an article page; E110 when the page has no article text."""
    doc = trafilatura.bare_extraction(
        html,
        url=None,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False},
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise WarnlineError(Errors.E110, origin)
    # trafilatura puts one paragraph on each line; a blank line keeps paragraphs apart for
    # the extractors that look for paragraph starts (datelines, quotes running over paragraphs).
    text = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    return Report(
        text=text,
        title=optional_str(getattr(doc, "title", None)),
        source=optional_str(getattr(doc, "sitename", None)) or defaults.source,
        url=url or optional_str(getattr(doc, "url", None)),
        published=published_or_notice(getattr(doc, "date", None), origin, warnings)
        or defaults.published,
        origin=origin,
        warnings=tuple(warnings),
    )
