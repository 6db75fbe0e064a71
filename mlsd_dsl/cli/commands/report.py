"""`mlsd report`: the design document of a spec, as Markdown or a self-contained HTML page."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR
from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.compiler import compile_file
from mlsd_dsl.files import same_file, write_atomically
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.report import DIAGRAMS, FORMATS

STDOUT = "-"


@click.command(name="report")
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default=None,
    help="The report file ('-' for standard output). Default: SPEC with .md or .html.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="md (GitHub Markdown) or html (one self-contained page). Default: from -o, else md.",
)
@click.option(
    "--diagram",
    type=click.Choice(DIAGRAMS),
    default=None,
    help="How the diagram is included. html: inline SVG. md: svg writes OUTPUT.svg beside the "
    "report and links it (default); mermaid embeds a Mermaid block GitHub renders; none leaves it out.",
)
@click.option(
    "--gaps/--no-gaps",
    default=True,
    show_default=True,
    help="Draw the missing components the linter found as dashed ghost nodes in the SVG diagram.",
)
@click.option(
    "--direction",
    type=click.Choice(("TB", "LR"), case_sensitive=False),
    default="TB",
    show_default=True,
    help="The diagram reads top to bottom (fits a page) or left to right.",
)
def command(
    spec_path: Path, output: str | None, fmt: str | None, diagram: str | None, gaps: bool, direction: str
) -> None:
    """Write the design document of SPEC: requirements, framing, the diagram, each of the 7
    framework steps with what the spec decides and leaves open, the lint findings with their
    explanations, and the framework-coverage table.

    Exit status: 0 written, 2 the spec has errors, the diagram cannot be drawn or the file written.
    """
    fmt = fmt or ("html" if output and output.endswith((".html", ".htm")) else "md")
    diagram = diagram or "svg"
    if fmt == "html" and diagram == "mermaid":
        raise click.UsageError("an html report embeds the diagram as SVG; use --diagram svg or none")
    target = None if output == STDOUT else Path(output or spec_path.with_suffix(f".{fmt}"))
    image_target = (
        target.with_suffix(".svg") if target is not None and fmt == "md" and diagram == "svg" else None
    )
    for written in (target, image_target):
        if written is not None and same_file(written, spec_path):
            raise click.UsageError(
                f"refusing to overwrite the spec {spec_path} with its report; choose another -o"
            )
    if target is None and fmt == "md" and diagram == "svg":
        diagram = "mermaid"  # standard output cannot carry a second file
    if target is not None and not target.parent.is_dir():
        click.echo(f"mlsd: no such directory: {target.parent}", err=True)
        sys.exit(EXIT_ERROR)
    compilation = compile_file(spec_path)
    if compilation.spec is None:
        for problem in compilation.diagnostics:
            click.echo(format_diagnostic(problem, compilation.sources) + "\n", err=True)
        sys.exit(EXIT_ERROR)
    try:
        _write(compilation.spec, spec_path, target, fmt, diagram, gaps, direction.upper())
    except Exception as problem:
        click.echo(f"mlsd: cannot write the report: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    if target is not None:
        click.echo(f"wrote {target}", err=True)
    sys.exit(EXIT_CLEAN)


def _write(
    spec: Spec, spec_path: Path, target: Path | None, fmt: str, diagram: str, gaps: bool, direction: str
) -> None:
    from mlsd_dsl.lint import lint_spec
    from mlsd_dsl.lint.config import find_config
    from mlsd_dsl.report import design_report, mermaid_diagram, svg_diagram

    findings = lint_spec(spec, find_config(spec_path))
    figure = None
    image = target.with_suffix(".svg") if target is not None and fmt == "md" and diagram == "svg" else None
    if diagram == "svg":
        figure = svg_diagram(
            spec, findings, image_path=_link(image.name) if image else None, gaps=gaps, direction=direction
        )
    elif diagram == "mermaid":
        figure = mermaid_diagram(spec, direction)
    text = design_report(spec, fmt, findings, figure)
    if target is None:
        click.echo(text, nl=False)
        return
    if image is not None and figure is not None and figure.svg is not None:
        write_atomically(image, figure.svg)
    write_atomically(target, text)


def _link(name: str) -> str:
    """A file name as the relative URL a Markdown link needs: spaces, parentheses, non-ASCII and bytes
    that are not UTF-8 percent-encoded, so the link neither breaks nor fails to be written."""
    return quote(os.fsencode(name))
