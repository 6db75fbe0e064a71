"""`mlsd check`: compile specs and report every diagnostic."""

from __future__ import annotations

import json
import sys

import click

from mlsd_dsl import __version__
from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from mlsd_dsl.cli.paths import collect_spec_paths
from mlsd_dsl.cli.text_report import format_diagnostic, summary_line
from mlsd_dsl.compiler import Compilation, compile_file


@click.command(name="check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print diagnostics.")
def command(paths: tuple[str, ...], output_format: str) -> None:
    """Check specs for syntax and validity errors.

    PATHS are .mlsd files, directories (searched recursively) or glob patterns.
    Exit status: 0 clean, 1 findings, 2 invalid specs or usage errors.
    """
    collected = collect_spec_paths(paths)
    for problem in collected.problems:
        click.echo(f"mlsd: {problem}", err=True)
    compilations = [compile_file(path) for path in collected.files]
    if output_format == "json":
        _print_json(compilations)
    else:
        _print_text(compilations)
    sys.exit(_exit_code(compilations, bool(collected.problems)))


def _print_text(compilations: list[Compilation]) -> None:
    diagnostics = []
    for compilation in compilations:
        for diagnostic in compilation.diagnostics:
            click.echo(format_diagnostic(diagnostic, compilation.sources) + "\n")
            diagnostics.append(diagnostic)
    if compilations:
        click.echo(summary_line(diagnostics, len(compilations)))


def _print_json(compilations: list[Compilation]) -> None:
    report = {
        "version": __version__,
        "files": [
            {
                "path": compilation.path,
                "valid": compilation.ok,
                "diagnostics": [d.model_dump(mode="json") for d in compilation.diagnostics],
            }
            for compilation in compilations
        ],
    }
    click.echo(json.dumps(report, indent=2, ensure_ascii=False))


def _exit_code(compilations: list[Compilation], usage_problem: bool) -> int:
    if usage_problem or any(not compilation.ok for compilation in compilations):
        return EXIT_ERROR
    if any(compilation.diagnostics for compilation in compilations):
        return EXIT_FINDINGS
    return EXIT_CLEAN
