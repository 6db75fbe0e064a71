"""Did-you-mean suggestions for misspelt names."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate nearest to `word`, if one is near enough to be a likely typo."""
    matches = get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """`"did you mean 'serving'?"` or None."""
    match = closest(word, candidates)
    return f"did you mean '{match}'?" if match else None
