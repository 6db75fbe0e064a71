"""Attacks and careless inputs that once crashed, hung or blew up mlsd: each now gets a clear
error or a bounded, safe outcome."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.cli.text_report import SNIPPET_WIDTH, format_diagnostic
from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.model.span import Span


def test_many_findings_on_one_long_line_give_bounded_output(tmp_path: Path) -> None:
    edges = 3000
    spec = tmp_path / "dup.mlsd"
    spec.write_text("system s { model a  model b " + " ".join(["a -> b"] * edges) + " }\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-color", "check", str(spec)])
    assert result.exit_code == 1
    assert result.output.count("info[GRAPH005]") == edges - 1
    longest = max(len(line) for line in result.output.splitlines())
    assert longest < SNIPPET_WIDTH + 200, "a source line is shown as a window, not whole"
    assert len(result.output) < edges * 400


def test_the_caret_stays_under_the_reported_text_in_a_windowed_line() -> None:
    line = "x" * 500 + "TARGET" + "y" * 500
    diagnostic = Diagnostic(code="E001", severity=Severity.ERROR, message="m", file="f",
                            span=Span("f", 1, 501, 1, 507))
    text = click.unstyle(format_diagnostic(diagnostic, {"f": line}))
    source_row, caret_row = [row.split(" | ", 1)[1] for row in text.splitlines()[1:3]]
    column = caret_row.index("^")
    assert source_row[column:column + 6] == "TARGET" and caret_row.count("^") == 6
    assert source_row.startswith("…") and source_row.endswith("…")
