"""Shrinking a failing input: delete ranges (halves, quarters, … single characters) while it still fails."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

Data = TypeVar("Data", str, bytes)


def shrink(data: Data, still_fails: Callable[[Data], bool], *, max_tries: int, max_seconds: float) -> Data:
    """The smallest variant of `data` found (within the budget) that `still_fails`."""
    deadline = time.monotonic() + max_seconds
    tries = 0
    current = data
    chunk = max(1, len(current) // 2)
    while chunk >= 1:
        progressed = False
        start = 0
        while start < len(current):
            if tries >= max_tries or time.monotonic() > deadline:
                return current
            candidate = current[:start] + current[start + chunk :]
            tries += 1
            if still_fails(candidate):
                current = candidate
                progressed = True
            else:
                start += chunk
        if not progressed:
            if chunk == 1:
                break
            chunk //= 2
        else:
            chunk = min(chunk, max(1, len(current) // 2))
    return current
