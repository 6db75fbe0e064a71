"""`mlsd diff`: what changed in a design between two versions, for review and CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

if TYPE_CHECKING:
    from mlsd_dsl.diff.report import DiffReport

FORMATS = ("text", "markdown", "json")
FAIL_ON = ("new-findings", "any-change", "never")
RENDER_FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}


@click.command(name="diff")
@click.argument("paths", nargs=-1)
@click.option(
    "--git",
    "revision",
    metavar="REV",
    default=None,
    help="Compare the working tree with this git revision (a branch, tag or commit); PATHS then "
    "limit the specs compared (default: the whole repository).",
)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--render",
    "render_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw the new design with what changed marked (svg, png, pdf or dot, from the "
    "extension). With several changed specs, one file each: NAME-<spec>.EXT.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="new-findings",
    show_default=True,
    help="Exit 1 when the new version introduces findings (at or above the configured fail-on "
    "severity) or language errors, when anything changed, or never.",
)
def command(
    paths: tuple[str, ...], revision: str | None, output_format: str, render_path: Path | None, fail_on: str
) -> None:
    """Show the semantic difference of designs: components, edges, groups, sections, framework
    coverage, lint findings and estimates.

    \b
    mlsd diff OLD.mlsd NEW.mlsd          two versions of one spec
    mlsd diff --git main [PATHS...]      the working tree against a git revision

    Components are matched by name, and a renamed one is found from its kind, technology,
    attributes and edges. Exit status: 0 nothing to fail on, 1 what --fail-on names happened,
    2 bad usage, an unknown revision or a rendering failure.
    """
    from mlsd_dsl.diff import GitError, NothingToCompare, diff_files, diff_revision
    from mlsd_dsl.lint import ConfigError

    if render_path is not None:
        _check_render_target(render_path)
    try:
        if revision is not None:
            report = diff_revision(revision, paths)
        else:
            old, new = _two_files(paths)
            report = diff_files(old, new)
    except (GitError, ConfigError, NothingToCompare) as problem:
        click.echo(f"mlsd: error: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(_formatted(report, output_format), nl=output_format != "markdown")
    if render_path is not None and not _render(report, render_path):
        sys.exit(EXIT_ERROR)
    sys.exit(exit_status(report, fail_on))


def _two_files(paths: tuple[str, ...]) -> tuple[Path, Path]:
    if len(paths) != 2:
        raise click.UsageError("give two spec files (OLD NEW), or --git REV to compare with a revision")
    files = tuple(Path(path) for path in paths)
    for path in files:
        if not path.is_file():
            raise click.UsageError(f"no such spec file: {path}")
    return files[0], files[1]


def _check_render_target(path: Path) -> None:
    if path.suffix.lower() not in RENDER_FORMATS:
        known = ", ".join(sorted(RENDER_FORMATS))
        raise click.UsageError(
            f"--render: cannot tell the format of '{path}' from its extension (known: {known})"
        )


def _formatted(report: DiffReport, output_format: str) -> str:
    if output_format == "json":
        return report.model_dump_json(indent=2)
    if output_format == "markdown":
        from mlsd_dsl.diff.markdown import render_markdown

        return render_markdown(report)
    from mlsd_dsl.diff.text import render_text

    return render_text(report)


def exit_status(report: DiffReport, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_CLEAN
    if fail_on == "any-change":
        return EXIT_FINDINGS if report.changed_specs else EXIT_CLEAN
    from mlsd_dsl.diagnostics import Severity
    from mlsd_dsl.lint import find_config

    for spec in report.specs:
        threshold = find_config(Path(spec.path)).fail_on
        if spec.new_errors or any(
            Severity(f.severity).rank >= threshold.rank for f in spec.findings_introduced
        ):
            return EXIT_FINDINGS
    return EXIT_CLEAN


def _render(report: DiffReport, target: Path) -> bool:
    """Draw each changed spec's new version with its changes marked; False when one failed."""
    from mlsd_dsl.diff.draw import DrawError, draw_changes

    drawable = [spec for spec in report.changed_specs if spec.status.value in ("added", "changed")]
    if not drawable:
        why = "the changed specs are invalid or removed" if report.changed_specs else "no spec changed"
        click.echo(f"mlsd: nothing to draw: {why}", err=True)
        return True
    ok = True
    for spec in drawable:
        output = (
            target
            if len(drawable) == 1
            else target.with_name(f"{target.stem}-{Path(spec.path).stem}{target.suffix}")
        )
        try:
            draw_changes(spec, output, RENDER_FORMATS[target.suffix.lower()], report.old)
        except DrawError as problem:
            click.echo(f"mlsd: error: {problem}", err=True)
            ok = False
            continue
        click.echo(f"wrote {output}", err=True)
    return ok
