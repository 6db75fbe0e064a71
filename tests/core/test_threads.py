"""The core is re-entrant: compiling and linting from many threads at once gives what a serial run gives."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file, compile_text
from mlsd_dsl.lint import lint_spec

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.mlsd"))
INLINE = {
    "comments.mlsd": '# one\nsystem s "S" {  # two\n  model m: xgboost { loss: logloss }  # 3\n}\n# four\n',
    "missing_colon.mlsd": "system s {\n  model m: xgboost { loss focal }\n  serving api online\n}\n",
    "unterminated.mlsd": 'system s {\n  model m "unterminated\n  serving api: online\n}\n',
    "unclosed.mlsd": "# a comment before the error\nsystem s {\n  model m {\n",
    "unfinished.mlsd": "# a comment before the error\nmodel m:\n",
    "literal.mlsd": "# latency\nsystem s {\n  requirements { latency_p99: 5xs  users: 3m }\n}\n",
    "keyword_name.mlsd": "system s {\n  model group: xgboost  # a keyword as a name\n}\n",
}
ROUNDS = 4  # each input is compiled this many times, concurrently
WORKERS = 8

Outcome = tuple[str | None, list[str]]
NAMES = [path.name for path in SPECS] + list(INLINE)


def outcome(name: str) -> Outcome:
    """The spec as JSON (comments included) and every diagnostic: the compiler's, then the linter's."""
    path = SPECS[0].parent / name
    compilation = compile_text(INLINE[name], name) if name in INLINE else compile_file(path)
    spec = compilation.spec
    diagnostics = compilation.diagnostics + (lint_spec(spec) if spec else [])
    return spec.model_dump_json() if spec else None, [d.model_dump_json() for d in diagnostics]


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
    serial = {name: outcome(name) for name in NAMES}
    assert len(SPECS) >= 8
    assert any('"comments":[{' in spec for spec, _ in serial.values() if spec)
    assert any('"imports":[{' in spec for spec, _ in serial.values() if spec)
    codes = {json.loads(d)["code"] for _, diagnostics in serial.values() for d in diagnostics}
    assert {"E001", "E003", "E004", "E005", "E007"} <= codes
    assert any(not code.startswith("E") for code in codes)  # lint findings
    assert serial["keyword_name.mlsd"][0] is not None


@pytest.mark.usefixtures("frequent_thread_switches")
def test_threads_give_the_serial_results() -> None:
    serial = {name: outcome(name) for name in NAMES}
    with ThreadPoolExecutor(WORKERS) as pool:
        running = [(name, pool.submit(outcome, name)) for _ in range(ROUNDS) for name in NAMES]
        concurrent = [(name, future.result()) for name, future in running]
    differing = sorted({name for name, result in concurrent if result != serial[name]})
    assert differing == []
