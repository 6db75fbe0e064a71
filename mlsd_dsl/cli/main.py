"""The `mlsd` command line.

Each command lives in its own module under `mlsd_dsl/cli/commands/` and exposes `command`.
Modules are imported only when their command runs, so `mlsd --version` and `mlsd check` never
load rendering libraries.
"""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from mlsd_dsl.cli import commands
from mlsd_dsl.cli.exit_codes import EXIT_ERROR
from mlsd_dsl.version import __version__


class LazyCommandGroup(click.Group):
    """Finds commands by module name and imports a command's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(module.name for module in pkgutil.iter_modules(commands.__path__))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"{commands.__name__}.{cmd_name}")
        command: click.Command = module.command
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from mlsd_dsl.suggest import did_you_mean

            hint = did_you_mean(name, self.list_commands(ctx))
            ctx.fail(f"no such command '{name}'." + (f" {hint}" if hint else ""))
        return super().resolve_command(ctx, args)


@click.group(cls=LazyCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="mlsd", message="%(prog)s %(version)s")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output. Default: only on a terminal, and never when NO_COLOR is set.",
)
@click.pass_context
def cli(ctx: click.Context, color: bool | None) -> None:
    """mlsd — ML system designs as code: check, lint and render .mlsd specs."""
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    ctx.color = color


def _stop_on_terminate(signum: int, _frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so child processes (graphviz's dot) are stopped with mlsd."""
    raise SystemExit(128 + signum)


@contextmanager
def collector_off() -> Iterator[None]:
    """Turn Python's cyclic garbage collector off while a command runs.

    A command is a short-lived process: compiling a large spec builds hundreds of thousands of
    small acyclic objects, which the collector would rescan again and again (half of `mlsd check`'s
    time on a 10,000-component spec). The library leaves the collector alone; the command line owns
    its process. The previous setting is restored for callers that run `main()` in-process.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def main() -> None:
    """Console-script entry point: no Python traceback ever reaches the user."""
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    with collector_off():
        try:
            cli.main(prog_name="mlsd")
        except Exception as problem:
            click.echo(f"mlsd: internal error: {type(problem).__name__}: {problem}", err=True)
            click.echo("mlsd: this is a bug in mlsd; please report it with the spec that caused it", err=True)
            sys.exit(EXIT_ERROR)
