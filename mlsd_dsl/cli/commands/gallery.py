"""`mlsd gallery`: render every case study in a folder and write an index README."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from mlsd_dsl.cli.options import jobs_option
from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.gallery import GalleryError, build_gallery, stale_files
from mlsd_dsl.lint import ConfigError
from mlsd_dsl.rendering import RenderError


@click.command(name="gallery")
@click.argument("specs_dir", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("gallery"),
    show_default=True,
    help="Folder the pictures and README.md are written to.",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; list the files that are out of date (exit 1 if any)."
)
@click.option(
    "--exact",
    is_flag=True,
    help="With --check, compare pictures byte for byte (needs the fonts they were drawn with).",
)
@jobs_option
def command(specs_dir: Path, out_dir: Path, check: bool, exact: bool, jobs: int) -> None:
    """Render the specs in SPECS_DIR into a gallery with a generated README.md.

    Each system spec directly in SPECS_DIR gets a graphviz SVG and PNG and a diagrams-backend PNG
    with icons; each *_draft.mlsd below it gets a --gaps rendering. Files whose content is already
    up to date are left untouched. Exit status: 0 written (or up to date with --check), 1 out of
    date with --check, 2 invalid specs or a rendering error.

    --check does not fail because your fonts differ from the ones the gallery was drawn with: Graphviz
    sizes labels with the installed fonts, which moves SVG coordinates and PNG pixels. It compares
    the README exactly, each SVG by its structure (elements, ids, titles, texts, colours; not
    coordinates or sizes) and checks that each PNG is a valid image. --exact compares every byte.
    """
    if exact and not check:
        raise click.UsageError("--exact only applies with --check")
    try:
        if check:
            sys.exit(_check(specs_dir, out_dir, exact, jobs))
        changed = build_gallery(specs_dir, out_dir, jobs)
    except GalleryError as problem:
        _report(problem)
        sys.exit(EXIT_ERROR)
    except (RenderError, ConfigError) as problem:
        click.echo(f"mlsd: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{len(changed)} file{'s' if len(changed) != 1 else ''} updated in {out_dir}")
    sys.exit(EXIT_CLEAN)


def _check(specs_dir: Path, out_dir: Path, exact: bool, jobs: int) -> int:
    stale = stale_files(specs_dir, out_dir, exact=exact, jobs=jobs)
    for name in stale:
        click.echo(f"out of date: {out_dir / name}")
    if stale:
        click.echo(
            f"{len(stale)} file{'s' if len(stale) != 1 else ''} out of date; run `mlsd gallery {specs_dir} "
            f"-o {out_dir}`"
        )
        return EXIT_FINDINGS
    click.echo(f"{out_dir} is up to date")
    return EXIT_CLEAN


def _report(problem: GalleryError) -> None:
    for diagnostic in problem.diagnostics:
        click.echo(format_diagnostic(diagnostic, problem.sources) + "\n", err=True)
    click.echo(f"mlsd: {problem}", err=True)
