"""Text from small HTML fragments (feed item summaries), keeping paragraph breaks."""

from __future__ import annotations

import html
import re

_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/blockquote)\s*>")
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block ends become paragraph breaks, tags go, entities decode.

    Feed summaries are short, already sanitised snippets; a full article extractor would
    throw most of them away as boilerplate, so this keeps every text node.
    """
    text = _BLOCK_END.sub("\n\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    text = _SPACES.sub(" ", text)
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text)]
    return "\n\n".join(p for p in paragraphs if p)
