"""Cleaning NER spans into mention spans: no leading article, no possessive, no trailing 's Noun."""

from __future__ import annotations

import re

Span = tuple[int, int]

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)(?:\s+|$)")
# "Al-Qaeda’s" and "Al-Qaeda’s Expansion": the mention is the part before the possessive.
_POSSESSIVE = re.compile(r"['’]s\b.*$", re.DOTALL)
_EDGE_PUNCT = " \t\n\"'“”‘’()[],;:–—-"


def clean_mention(text: str, start: int) -> tuple[str, Span] | None:
    """The trimmed mention text and its span, or None when nothing is left."""
    stripped_start = start
    match = _LEADING_ARTICLE.match(text)
    if match:
        text = text[match.end() :]
        stripped_start += match.end()
    text = _POSSESSIVE.sub("", text)
    left = len(text) - len(text.lstrip(_EDGE_PUNCT))
    text = text.strip(_EDGE_PUNCT)
    if not text:
        return None
    begin = stripped_start + left
    return text, (begin, begin + len(text))


def name_key(text: str) -> str:
    """Mentions with the same key are one name: case and spacing do not matter."""
    return " ".join(text.replace("’", "'").split()).casefold()


def preferred_form(forms: dict[str, int]) -> str:
    """The name to show for a group of mentions: not all capitals (a dateline's KABUL) if it
    can be, then the most used form, then the longest."""
    return max(forms, key=lambda form: (not form.isupper(), forms[form], len(form)))
