"""What one layer of one report scored: true positives, and the misses as readable lines."""

from __future__ import annotations

from dataclasses import dataclass, field


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
