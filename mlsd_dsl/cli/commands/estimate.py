"""`mlsd estimate`: the back-of-the-envelope numbers of a design, with their working."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR
from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.compiler import compile_file
from mlsd_dsl.estimate import estimate
from mlsd_dsl.estimate.render import FORMATS, render


@click.command(name="estimate")
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for the terminal, markdown for documents, json for tools (see `mlsd schema estimate`).",
)
def command(spec_path: Path, fmt: str) -> None:
    """Work out SPEC's capacity numbers: request load, replicas, GPUs, the latency budget hop by hop,
    storage, vector-index memory and shards, feature-store size, cache effect and cost.

    Each figure shows its formula and where each input came from: the spec, its `assumptions`
    section, or a documented default (docs/estimate.md). A figure whose inputs are missing says
    what it needs instead of guessing.
    Exit status: 0 estimated (even with figures not estimated), 2 the spec has errors.
    """
    compilation = compile_file(spec_path)
    if compilation.spec is None:
        for diagnostic in compilation.diagnostics:
            click.echo(format_diagnostic(diagnostic, compilation.sources) + "\n", err=True)
        sys.exit(EXIT_ERROR)
    if compilation.spec.is_module:
        click.echo(
            f"mlsd: {spec_path} is a module (no system); estimate the system that imports it", err=True
        )
        sys.exit(EXIT_ERROR)
    click.echo(render(estimate(compilation.spec), fmt), nl=False)
    sys.exit(EXIT_CLEAN)
