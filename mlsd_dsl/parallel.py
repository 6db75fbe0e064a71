"""Running one function over many files on every core, with results in the order of the inputs.

`mlsd check`, `render` and `gallery` hand their per-file work to `ordered_map`: the output of a
parallel run is byte for byte the output of a serial one, because results are collected in input
order and printed by the calling process only. One item, or one job, runs in-process.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
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


def ordered_map(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> Iterator[Result]:
    """`function(item)` for each item, in order, computed by up to `jobs` worker processes; each
    result is yielded as soon as it and those before it are done.

    `function` must be picklable (a module-level function, or a `functools.partial` of one).
    Workers ignore Ctrl-C: the main process stops, and cancels the work not yet started.
    """
    workers = min(jobs, len(items))
    if workers <= 1:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_ignore_interrupts)
    try:
        yield from pool.map(function, items, chunksize=chunk)
    finally:
        pool.shutdown(cancel_futures=True)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> BaseContext:
    """fork where there is one: workers start at once with mlsd already imported; else the default."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
