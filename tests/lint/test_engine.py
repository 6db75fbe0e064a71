"""The engine: modules, imported components, ordering, and the coverage summary."""

from __future__ import annotations

import json
from pathlib import Path

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.lint import LintConfig, coverage, lint_spec

from .helpers import compile_spec, lint

MODULE = """\
# shared data platform
dataset shared_train { label: "clicked" }
storage unused_archive: gcs
"""
SYSTEM = """\
import "platform.mlsd"
system s {
  dataset own { label: "clicked" }
}
"""


def _lint_file(path: Path) -> list[tuple[str, int, str]]:
    compilation = compile_file(path)
    assert compilation.spec is not None
    return [(Path(d.file).name, d.span.line, d.code) for d in lint_spec(compilation.spec)]


def test_module_files_get_only_component_rules_and_systems_skip_imported_findings(tmp_path: Path) -> None:
    (tmp_path / "platform.mlsd").write_text(MODULE)
    (tmp_path / "system.mlsd").write_text(SYSTEM)
    assert _lint_file(tmp_path / "platform.mlsd") == [("platform.mlsd", 2, "DATA006")]
    found = _lint_file(tmp_path / "system.mlsd")
    assert ("system.mlsd", 3, "DATA006") in found
    assert all(file == "system.mlsd" for file, _, _ in found)


def test_findings_are_sorted_by_position_then_code() -> None:
    diagnostics = lint("system s {\n  serving api: online\n}\n")
    keys = [(d.span.line, d.span.column, d.code) for d in diagnostics]
    assert keys == sorted(keys)


def test_coverage_summary_is_json_able_and_exact() -> None:
    spec = compile_spec("""\
        system s {
          requirements { goal: "g" users: 1M }
          source events: kafka
          serving api: batch
          events -> api
        }
    """)
    # The rules are named so that rules added later cannot change the summary this test pins.
    rules = ("REQ", "FRAME001", "DATA001", "MODEL001", "EVAL001", "SERVE001", "SERVE002", "MON001")
    summary = json.loads(json.dumps(coverage(spec, lint_spec(spec, LintConfig(select=rules))).to_json()))
    assert summary["system"] == "s"
    assert [(step["prefix"], step["status"], step["findings"]) for step in summary["steps"]] == [
        ("REQ", "covered", []),
        ("FRAME", "missing", ["FRAME001"]),
        ("DATA", "covered", []),
        ("MODEL", "missing", ["MODEL001"]),
        ("EVAL", "missing", ["EVAL001"]),
        ("SERVE", "covered", []),
        ("MON", "missing", ["MON001"]),
    ]
    assert (summary["covered"], summary["partial"], summary["missing"]) == (3, 0, 4)
