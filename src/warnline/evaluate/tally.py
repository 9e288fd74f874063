"""What one layer of one report scored: true positives, and the misses as readable lines."""

from __future__ import annotations

from dataclasses import dataclass, field

# Longer predicted texts are cut in the misses, so each miss stays one readable line.
_EXCERPT_CHARS = 60


@dataclass
class Tally:
    """True positives counted; false negatives and false positives each described."""

    tp: int = 0
    fn: list[str] = field(default_factory=list)
    fp: list[str] = field(default_factory=list)

    def hit(self) -> None:
        """One gold item found."""
        self.tp += 1

    def missed(self, what: str) -> None:
        """One gold item not found (FN)."""
        self.fn.append(what)

    def invented(self, what: str) -> None:
        """One prediction that is not in the gold (FP)."""
        self.fp.append(what)


@dataclass
class Checks:
    """Attributes compared on matched pairs: per attribute, how many were right of how many,
    and each wrong one described."""

    attributes: tuple[str, ...]
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)

    def check(self, attribute: str, ok: bool, what: str) -> None:
        """One attribute of one matched pair; `what` says how it is wrong, when it is."""
        self.total[attribute] = self.total.get(attribute, 0) + 1
        if ok:
            self.right[attribute] = self.right.get(attribute, 0) + 1
        else:
            self.wrong.append(what)


def excerpt(text: str) -> str:
    """A predicted text as shown in a miss: on one line, cut after 60 characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 1].rstrip() + "…"
