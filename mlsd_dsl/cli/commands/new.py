"""`mlsd new`: start a spec from a template that walks through the 7 framework steps."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR
from mlsd_dsl.files import write_new_file
from mlsd_dsl.scaffold import TEMPLATE_SUMMARIES, TEMPLATES, ScaffoldError, new_spec, open_decisions

STDOUT = "-"


@click.command(
    name="new",
    epilog="Templates:\n\n\b\n"
    + "\n".join(f"  {name:<15} {summary}" for name, summary in TEMPLATE_SUMMARIES.items()),
)
@click.argument("name")
@click.option("-t", "--template", type=click.Choice(TEMPLATES), required=True, help="The kind of ML system.")
@click.option("--title", default=None, help="The system's title. Default: from NAME.")
@click.option(
    "-o", "--output", default=None, help="The file to create ('-' for standard output). Default: NAME.mlsd."
)
def command(name: str, template: str, title: str | None, output: str | None) -> None:
    """Create NAME.mlsd, a spec skeleton for a new ML system.

    The skeleton is a complete design with sensible defaults, commented step by step; each
    decision only you can make is a `TODO(CODE)` comment, and `mlsd check` reports exactly those
    until they are made. An existing file is never overwritten.
    """
    try:
        text = new_spec(name, template, title)
    except ScaffoldError as problem:
        click.echo(f"mlsd: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    if output == STDOUT:
        click.echo(text, nl=False)
        sys.exit(EXIT_CLEAN)
    target = Path(output or f"{name}.mlsd")
    try:
        write_new_file(target, text)
    except FileExistsError:
        click.echo(
            f"mlsd: {target} already exists; not overwriting it (choose another name or -o PATH)", err=True
        )
        sys.exit(EXIT_ERROR)
    except OSError as problem:
        click.echo(f"mlsd: cannot create {target}: {problem.strerror or problem}", err=True)
        sys.exit(EXIT_ERROR)
    decisions = open_decisions(text)
    click.echo(
        f"created {target} from the '{template}' template; {len(decisions)} decisions are open: "
        f"{', '.join(decisions)}"
    )
    click.echo(f"next: fill in the TODOs, then run `mlsd fmt {target}` and `mlsd check {target}`")
    sys.exit(EXIT_CLEAN)
