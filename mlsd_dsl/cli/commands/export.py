"""`mlsd export`: a spec as JSON, Mermaid, D2 or DOT."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR
from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.compiler import compile_file
from mlsd_dsl.export import DIRECTIONS, FORMATS, export
from mlsd_dsl.files import same_file, write_atomically

STDOUT = "-"


@click.command(name="export")
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="json: the whole model (see `mlsd schema`); mermaid, d2, dot: the diagram.",
)
@click.option(
    "-o", "--output", default=STDOUT, show_default=True, help="Output file; '-' for standard output."
)
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS, case_sensitive=False),
    default="LR",
    show_default=True,
    help="Diagrams read left to right (LR) or top to bottom (TB).",
)
@click.option(
    "--markdown", is_flag=True, help="Mermaid only: wrap the diagram in a ```mermaid block for Markdown."
)
def command(spec_path: Path, fmt: str, output: str, direction: str, markdown: bool) -> None:
    """Export SPEC as JSON, Mermaid, D2 or DOT.

    Mermaid renders in GitHub Markdown; paste the output of `--to mermaid --markdown` into a README.
    Exit status: 0 exported, 2 the spec has errors or the output cannot be written.
    """
    if markdown and fmt != "mermaid":
        raise click.UsageError("--markdown applies to --to mermaid only")
    if output != STDOUT and same_file(Path(output), spec_path):
        raise click.UsageError(
            f"refusing to overwrite the spec {spec_path} with its export; choose another -o"
        )
    compilation = compile_file(spec_path)
    if compilation.spec is None:
        for diagnostic in compilation.diagnostics:
            click.echo(format_diagnostic(diagnostic, compilation.sources) + "\n", err=True)
        sys.exit(EXIT_ERROR)
    text = export(compilation.spec, fmt, direction.upper())
    if markdown:
        text = f"```mermaid\n{text}```\n"
    if output == STDOUT:
        click.echo(text, nl=False)
        sys.exit(EXIT_CLEAN)
    try:
        write_atomically(Path(output), text)
    except OSError as problem:
        click.echo(f"mlsd: cannot write {output}: {problem.strerror or problem}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN)
