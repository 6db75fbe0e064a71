"""The library changes no process-wide state: the garbage collector is left as the caller set it.

Only the command line, which owns its process, tunes the collector.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from mlsd_dsl.cli import main as main_module
from mlsd_dsl.compiler import compile_text
from mlsd_dsl.parser import parse_source

CALLERS_THRESHOLD = (1234, 7, 3)
GcState = tuple[bool, tuple[int, int, int]]


def gc_state() -> GcState:
    return gc.isenabled(), gc.get_threshold()


def large_spec(models: int) -> str:
    model = "  model m{}: xgboost {{ loss: logloss  baseline: true }}  # model {}"
    declarations = [model.format(i, i) for i in range(models)]
    edges = [f"  m{i} -> m{i + 1}" for i in range(models - 1)]
    return "system s {\n" + "\n".join(declarations + edges) + "\n}\n"


VALID = large_spec(500)
INVALID = VALID.replace("loss: logloss", "loss logloss", 1).replace("baseline: true", "baseline: 5xs", 1)


class StateWatcher(threading.Thread):
    """Samples the collector's settings from another thread until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: set[GcState] = set()
        self.samples = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.seen.add(gc_state())
            self.samples += 1


@pytest.fixture
def callers_settings() -> Iterator[GcState]:
    """A caller's own collector settings, and frequent thread switches so the watcher sees the run."""
    before, interval = gc_state(), sys.getswitchinterval()
    gc.enable()
    gc.set_threshold(*CALLERS_THRESHOLD)
    sys.setswitchinterval(1e-5)
    try:
        yield gc_state()
    finally:
        sys.setswitchinterval(interval)
        gc.set_threshold(*before[1])
        (gc.enable if before[0] else gc.disable)()


def states_while(action: Callable[[], object]) -> set[GcState]:
    watcher = StateWatcher()
    watcher.start()
    try:
        action()
    finally:
        watcher.done.set()
        watcher.join()
    assert watcher.samples > 1
    return watcher.seen


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(lambda: parse_source(VALID, "valid.mlsd"), id="parse"),
        pytest.param(lambda: compile_text(VALID, "valid.mlsd"), id="compile"),
        pytest.param(lambda: compile_text(INVALID, "invalid.mlsd"), id="compile-with-errors"),
    ],
)
def test_parsing_and_compiling_leave_the_collector_alone(
    callers_settings: GcState, action: Callable[[], object]
) -> None:
    assert states_while(action) == {callers_settings}
    assert gc_state() == callers_settings


def test_the_inputs_exercise_both_parsers() -> None:
    assert parse_source(VALID, "valid.mlsd").file is not None
    codes = {d.code for d in compile_text(INVALID, "invalid.mlsd").diagnostics}
    assert codes == {"E001", "E005"}


def test_the_command_line_turns_the_collector_off_and_restores_it(
    callers_settings: GcState, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[GcState] = []

    def command(*_args: object, **_kwargs: object) -> None:
        during.append(gc_state())
        raise SystemExit(0)

    monkeypatch.setattr(main_module.cli, "main", command)
    with pytest.raises(SystemExit):
        main_module.main()
    assert during == [(False, CALLERS_THRESHOLD)]
    assert gc_state() == callers_settings
