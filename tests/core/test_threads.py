"""The core is re-entrant: compiling from many threads at once gives what a serial run gives."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mlsd_dsl.compiler import Compilation, compile_file, compile_text

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.mlsd"))
INLINE = {
    "comments.mlsd": '# one\nsystem s "S" {  # two\n  model m: xgboost { loss: logloss }  # three\n}\n# four\n',
    "missing_colon.mlsd": "system s {\n  model m: xgboost { loss focal }\n  serving api online\n}\n",
    "unterminated.mlsd": 'system s {\n  model m "unterminated\n  serving api: online\n}\n',
    "unclosed.mlsd": "# a comment before the error\nsystem s {\n  model m {\n",
    "literal.mlsd": "# latency\nsystem s {\n  requirements { latency_p99: 5xs  users: 3m }\n}\n",
    "keyword_name.mlsd": "system s {\n  model group: xgboost  # a keyword as a name\n}\n",
}
ROUNDS = 4  # each input is compiled this many times, concurrently
WORKERS = 8

Outcome = tuple[str | None, list[str]]


def outcome(compilation: Compilation) -> Outcome:
    spec = compilation.spec.model_dump_json() if compilation.spec else None
    return spec, [diagnostic.model_dump_json() for diagnostic in compilation.diagnostics]


def jobs() -> dict[str, Callable[[], Compilation]]:
    found: dict[str, Callable[[], Compilation]] = {
        path.name: (lambda path=path: compile_file(path)) for path in SPECS
    }
    found.update({name: (lambda name=name: compile_text(INLINE[name], name)) for name in INLINE})
    return found


@pytest.fixture
def frequent_thread_switches() -> Iterator[None]:
    """Switch threads every microsecond, so that shared state is caught mid-parse."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def test_the_inputs_cover_comments_imports_and_every_diagnostic_path() -> None:
    serial = {name: outcome(job()) for name, job in jobs().items()}
    assert len(SPECS) >= 8
    assert any('"comments":[{' in spec for spec, _ in serial.values() if spec)
    assert any('"imports":[{' in spec for spec, _ in serial.values() if spec)
    codes = {diagnostic.split('"code":"')[1][:4] for _, diagnostics in serial.values() for diagnostic in diagnostics}
    assert {"E001", "E003", "E004", "E005"} <= codes
    assert serial["keyword_name.mlsd"][0] is not None


@pytest.mark.usefixtures("frequent_thread_switches")
def test_threads_give_the_serial_results() -> None:
    work = jobs()
    serial = {name: outcome(job()) for name, job in work.items()}
    with ThreadPoolExecutor(WORKERS) as pool:
        running = [(name, pool.submit(job)) for _ in range(ROUNDS) for name, job in work.items()]
        concurrent = [(name, outcome(future.result())) for name, future in running]
    differing = sorted({name for name, result in concurrent if result != serial[name]})
    assert differing == []
