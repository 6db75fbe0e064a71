"""Running one function over many files on every core, with results in the order of the inputs.

`mlsd check`, `render` and `gallery` hand their per-file work to `ordered_map`: the output of a
parallel run is byte for byte the output of a serial one, because results are collected in input
order and printed by the calling process only. One item, or one job, runs in-process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNKS_PER_WORKER = 4  # several chunks per worker even out specs of different sizes


def default_jobs() -> int:
    """The number of processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ordered_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """`[function(item) for item in items]`, spread over up to `jobs` worker processes.

    `function` must be picklable (a module-level function, or a `functools.partial` of one).
    """
    workers = min(jobs, len(items))
    if workers <= 1:
        return [function(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        return list(pool.map(function, items, chunksize=chunk))


def _context() -> BaseContext:
    """fork where there is one: workers start at once with mlsd already imported; else the default."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
