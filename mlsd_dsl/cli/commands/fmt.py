"""`mlsd fmt`: rewrite specs in the canonical layout (like `ruff format` and `d2 fmt`)."""

from __future__ import annotations

import difflib
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from mlsd_dsl.cli.paths import collect_spec_paths, identity, without_excluded
from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.compiler.sources import decode_source, read_source
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.files import write_atomically
from mlsd_dsl.formatter import format_source
from mlsd_dsl.lint.config import LintConfig, find_config

STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass
class Outcome:
    changed: int = 0
    unchanged: int = 0
    failed: int = 0


@click.command(name="fmt")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--check", is_flag=True, help="Change nothing; list the files that would be reformatted (exit 1 if any)."
)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Change nothing; print a unified diff of what would change."
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the configured `exclude` to files named on the command line too (for pre-commit).",
)
def command(paths: tuple[str, ...], check: bool, show_diff: bool, force_exclude: bool) -> None:
    """Format specs in place.

    PATHS are .mlsd files, directories (searched recursively) or globs; `-` reads a spec from
    standard input and writes the formatted spec to standard output (for editors).
    Files under a directory or glob that the configuration's `exclude` names are left alone, as
    `mlsd check` leaves them; `--force-exclude` skips them when named too.
    Exit status: 0 nothing to change (or files rewritten), 1 files would change (--check/--diff),
    2 a spec cannot be parsed or a path is invalid.
    """
    if STDIN in paths:
        if len(paths) > 1:
            raise click.UsageError("'-' (standard input) cannot be combined with other paths")
        sys.exit(_format_stdin(check, show_diff))
    collected = collect_spec_paths(paths)
    for problem in collected.problems:
        click.echo(f"mlsd: {problem}", err=True)
    outcome = Outcome()
    for path in without_excluded(collected.files, paths, _excluded, force_exclude):
        _format_file(path, check or show_diff, show_diff, outcome)
    click.echo(_summary(outcome, dry_run=check or show_diff), err=True)
    sys.exit(_exit_code(outcome, bool(collected.problems), dry_run=check or show_diff))


def _excluded(path: Path) -> bool:
    return _config_of_folder(identity(path).parent).excludes(path)


@functools.cache
def _config_of_folder(folder: Path) -> LintConfig:
    return find_config(folder)


def _format_stdin(check: bool, show_diff: bool) -> int:
    source = decode_source(sys.stdin.buffer.read(), STDIN_NAME)
    if isinstance(source, Diagnostic):
        _report([source], {})
        return EXIT_ERROR
    text = source.text
    formatted = format_source(text, STDIN_NAME)
    if formatted.text is None:
        _report(formatted.diagnostics, {STDIN_NAME: text})
        return EXIT_ERROR
    if show_diff:
        click.echo(_diff(text, formatted.text, STDIN_NAME), nl=False)
    elif not check:
        click.echo(formatted.text, nl=False)
    return EXIT_FINDINGS if (check or show_diff) and formatted.text != text else EXIT_CLEAN


def _format_file(path: Path, dry_run: bool, show_diff: bool, outcome: Outcome) -> None:
    source = read_source(path)
    if isinstance(source, Diagnostic):
        _report([source], {})
        outcome.failed += 1
        return
    formatted = format_source(source.text, source.path)
    if formatted.text is None:
        _report(formatted.diagnostics, {source.path: source.text})
        outcome.failed += 1
        return
    if formatted.text == source.text:
        outcome.unchanged += 1
        return
    if show_diff:
        click.echo(_diff(source.text, formatted.text, source.path), nl=False)
    elif dry_run:
        click.echo(f"would reformat {source.path}")
    else:
        try:
            write_atomically(path, formatted.text, keep_mode_of=path)
        except OSError as problem:
            click.echo(
                f"mlsd: cannot write {source.path}: {problem.strerror or problem} (the file is unchanged)",
                err=True,
            )
            outcome.failed += 1
            return
    outcome.changed += 1


def _diff(before: str, after: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=name, tofile=name
        )
    )


def _report(diagnostics: list[Diagnostic], sources: dict[str, str]) -> None:
    for diagnostic in diagnostics:
        click.echo(format_diagnostic(diagnostic, sources) + "\n", err=True)


def _summary(outcome: Outcome, dry_run: bool) -> str:
    verb = "would be reformatted" if dry_run else "reformatted"
    parts = [f"{_files(outcome.changed)} {verb}", f"{_files(outcome.unchanged)} left unchanged"]
    if outcome.failed:
        parts.append(f"{_files(outcome.failed)} could not be formatted")
    return ", ".join(parts)


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _exit_code(outcome: Outcome, usage_problem: bool, dry_run: bool) -> int:
    if usage_problem or outcome.failed:
        return EXIT_ERROR
    if dry_run and outcome.changed:
        return EXIT_FINDINGS
    return EXIT_CLEAN
