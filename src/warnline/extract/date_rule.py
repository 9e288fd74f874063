"""What a date rule is: a pattern, the function that resolves its matches, and what it returns.

A rule's `pattern` is tried with `fullmatch` on a candidate span (a spaCy DATE entity, the
inside of a range) and, unless `scan` is off, searched over the whole text; `finder` replaces it
for the search when a bare form needs context there ("in March", not any "March"). `needs` are
words one of which every match of the search contains: a text with none of them is not searched
(a word in lower case is looked for in any case, one with capitals as written).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from warnline.extract.date_calendar import Bounds
from warnline.extract.date_calendar import Precision as Precision

Basis = Literal["absolute", "relative", "anchored", "range"]

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True)
class Resolution:
    """Where a date expression falls: first and last day, how precise, and what it rests on."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision | None
    basis: Basis | None

    @classmethod
    def of(cls, bounds: Bounds, precision: Precision, basis: Basis) -> Resolution:
        """A resolution covering `bounds`."""
        return cls(bounds[0], bounds[1], precision, basis)

    @classmethod
    def pending(cls, precision: Precision | None, basis: Basis = "relative") -> Resolution:
        """Known kind, unknown days: the expression needs a publication date that is missing."""
        return cls(None, None, precision, basis)


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the match: the publication date, and whether the
    report is about a country that uses the Solar Hijri calendar (Afghanistan, Iran)."""

    published: dt.date | None
    solar_country: bool = False


Handler = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True)
class Rule:
    """One form of date expression."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    finder: re.Pattern[str] | None = None
    scan: bool = True
    needs: tuple[str, ...] = ()

    @property
    def scanner(self) -> re.Pattern[str] | None:
        """The pattern searched over whole texts, or None for a rule used only on candidates."""
        if not self.scan:
            return None
        return self.finder or self.pattern

    def may_occur(self, text: str, folded: str) -> bool:
        """Whether the search can find anything in `text` (`folded` is `fold_for_needs(text)`)."""
        if not self.needs:
            return True
        lower, cased = _needs_patterns(self.needs)
        return bool(
            (lower is not None and lower.search(folded))
            or (cased is not None and cased.search(text))
        )


@lru_cache(maxsize=256)
def _needs_patterns(
    needs: tuple[str, ...],
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The lower-case words and the others, each as one case-sensitive alternation (which the
    regex engine searches for by their first letters, much faster than word by word)."""

    def alternation(words: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(map(re.escape, words))) if words else None

    return (
        alternation([word for word in needs if word.islower()]),
        alternation([word for word in needs if not word.islower()]),
    )


# The letters other than A-Z that a case-insensitive pattern takes for a-z: the dotted and
# dotless i, the long s and the Kelvin sign.
_CASE_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_for_needs(text: str) -> str:
    """A text in lower case, where a rule's lower-case `needs` are looked for: every letter a
    case-insensitive pattern reads as one of a-z is that letter here."""
    return text.translate(_CASE_FOLDS).lower()


def make_rule(
    name: str,
    source: str,
    handler: Handler,
    *,
    finder: str | None = None,
    guard: str = "",
    scan: bool = True,
    needs: Iterable[str] = (),
) -> Rule:
    """A rule from pattern sources (compiled case-insensitively).

    `guard` is a lookahead put in front of the searched pattern: a cheap test of how a match
    can begin, which makes searching a long text several times faster.
    """
    scanned = guard + (finder or source)
    return Rule(
        name=name,
        pattern=re.compile(source, re.IGNORECASE),
        handler=handler,
        finder=re.compile(scanned, re.IGNORECASE) if scanned != source else None,
        scan=scan,
        needs=tuple(needs),
    )


def embeddable(source: str) -> str:
    """A pattern source with its named groups made plain, to embed in a larger pattern."""
    return _NAMED_GROUP.sub("(?:", source)


def group(match: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the group did not take part (or does not exist)."""
    if name not in match.re.groupindex:
        return None
    return match.group(name)
