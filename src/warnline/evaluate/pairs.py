"""Pairing gold items with predictions one to one, the best candidate first."""

from __future__ import annotations

from collections.abc import Iterable

# How good a candidate pair is: lower sorts first (e.g. (different sub-type, -overlap)).
Rank = tuple[float, ...]


def one_to_one(candidates: Iterable[tuple[Rank, int, int]]) -> dict[int, int]:
    """Gold index -> prediction index from (rank, gold index, prediction index) candidates:
    the best rank first, then text order; each gold item and each prediction pairs once."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _rank, g_index, p_index in sorted(candidates):
        if g_index not in pairs and p_index not in taken:
            pairs[g_index] = p_index
            taken.add(p_index)
    return pairs
