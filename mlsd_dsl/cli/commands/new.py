"""`mlsd new`: start a spec from a template that walks through the 7 framework steps."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR
from mlsd_dsl.files import PATH_ERRORS, write_atomically, write_new_file
from mlsd_dsl.scaffold import (
    TEMPLATE_SUMMARIES,
    TEMPLATES,
    ScaffoldError,
    new_spec,
    open_decisions,
    system_name_for_file,
)

STDOUT = "-"
SPEC_SUFFIX = ".mlsd"


@dataclass(frozen=True)
class Target:
    """What `mlsd new` creates: the system's name and the file (None: standard output)."""

    system: str
    path: Path | None
    named_after_file: bool


@click.command(
    name="new",
    epilog="Templates:\n\n\b\n"
    + "\n".join(f"  {name:<15} {summary}" for name, summary in TEMPLATE_SUMMARIES.items()),
)
@click.argument("name")
@click.option("-t", "--template", type=click.Choice(TEMPLATES), required=True, help="The kind of ML system.")
@click.option("--title", default=None, help="The system's title. Default: from the system's name.")
@click.option(
    "-o",
    "--output",
    default=None,
    help="The file to create ('-' for standard output), when NAME is a system name. Default: NAME.mlsd.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def command(name: str, template: str, title: str | None, output: str | None, force: bool) -> None:
    """Create a spec skeleton for a new ML system.

    NAME is the system's name (the spec is written to NAME.mlsd), or the path of the file to
    create: `specs/fraud.mlsd`, or any NAME ending in `.mlsd` or holding a '/'. A path gets `.mlsd`
    added when it lacks it, and the system is named after the file (`2024 fraud.mlsd` →
    `_2024_fraud`). Folders missing on the way to the file are created (and removed again if it
    cannot be written).

    The skeleton is a complete design with sensible defaults, commented step by step; each
    decision only you can make is a `TODO(CODE)` comment, and `mlsd check` reports exactly those
    until they are made. An existing file is only replaced with --force.
    """
    try:
        target = target_of(name, output)
        text = new_spec(target.system, template, title)
    except ScaffoldError as problem:
        fail(str(problem))
    if target.path is None:
        click.echo(text, nl=False)
        sys.exit(EXIT_CLEAN)
    write_spec(target.path, text, force)
    decisions = open_decisions(text)
    system = f" (system '{target.system}')" if target.named_after_file else ""
    click.echo(
        f"created {target.path}{system} from the '{template}' template; {len(decisions)} decisions are "
        f"open: {', '.join(decisions)}"
    )
    argument = shlex.quote(str(target.path))
    click.echo(f"next: fill in the TODOs, then run `mlsd fmt {argument}` and `mlsd check {argument}`")
    sys.exit(EXIT_CLEAN)


def target_of(name: str, output: str | None) -> Target:
    """The system and file NAME and -o ask for; `ScaffoldError` when they cannot be used."""
    if not names_a_file(name):
        path = None if output == STDOUT else Path(output or f"{name}{SPEC_SUFFIX}")
        return Target(name, path, named_after_file=False)
    if output is not None:
        raise ScaffoldError(f"'{name}' is already the file to create; drop -o, or give a system name as NAME")
    if name.endswith(("/", os.sep)):
        example = name.rstrip("/" + os.sep) + "/fraud.mlsd"
        raise ScaffoldError(f"'{name}' is a folder; give the file to create, e.g. {example}")
    path = Path(name if name.endswith(SPEC_SUFFIX) else name + SPEC_SUFFIX)
    return Target(system_name_for_file(path.name.removesuffix(SPEC_SUFFIX)), path, named_after_file=True)


def names_a_file(name: str) -> bool:
    """Whether NAME is a file path rather than a system name."""
    return name.endswith(SPEC_SUFFIX) or "/" in name or os.sep in name


def write_spec(path: Path, text: str, force: bool) -> None:
    """Write the new spec whole or not at all, creating missing folders (removed again on failure)."""
    created = missing_folders(path.parent)
    try:
        for folder in reversed(created):
            folder.mkdir()
        if force:
            write_atomically(path, text)
        else:
            write_new_file(path, text)
    except FileExistsError:
        fail(f"{path} already exists; not overwriting it (choose another name, or use --force to replace it)")
    except PATH_ERRORS as problem:
        remove_empty(created)
        reason = problem.strerror if isinstance(problem, OSError) and problem.strerror else problem
        fail(f"cannot create {path}: {reason}")


def missing_folders(folder: Path) -> list[Path]:
    """`folder` and its ancestors that do not exist yet, innermost first."""
    missing: list[Path] = []
    try:
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
    except PATH_ERRORS:
        return []  # the write reports the path's problem
    return missing


def remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def fail(message: str) -> NoReturn:
    click.echo(f"mlsd: {message}", err=True)
    sys.exit(EXIT_ERROR)
