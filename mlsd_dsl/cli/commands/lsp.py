"""`mlsd lsp`: the language server for editors, over standard input and output."""

from __future__ import annotations

import gc
import sys

import click

from mlsd_dsl.cli.exit_codes import EXIT_ERROR


@click.command(name="lsp")
@click.option(
    "--stdio", is_flag=True, help="Talk over standard input and output (the default; editors pass it)."
)
def command(stdio: bool) -> None:
    """Run the language server: diagnostics, completion, hover, navigation, symbols, formatting,
    quick fixes and semantic highlighting for .mlsd files. See docs/editors.md."""
    try:
        from mlsd_dsl.lsp.server import serve
    except ImportError as missing:
        package = (missing.name or "pygls").split(".")[0]
        click.echo(f"mlsd: error: `mlsd lsp` needs {package}: pip install 'mlsd[lsp]'", err=True)
        sys.exit(EXIT_ERROR)
    gc.enable()  # the command line turns the collector off for short runs; a server runs for hours
    serve()
