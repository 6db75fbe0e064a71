"""`mlsd render`: draw specs as SVG, PNG, PDF or DOT diagrams."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR
from mlsd_dsl.cli.options import jobs_option
from mlsd_dsl.cli.paths import collect_spec_paths
from mlsd_dsl.compiler import compile_file
from mlsd_dsl.parallel import ordered_map
from mlsd_dsl.rendering.options import (
    AUTO,
    BACKENDS,
    DIRECTIONS,
    DOT_TIMEOUT,
    FORMATS,
    THEMES,
    RenderError,
    RenderOptions,
)

EXTENSION_FORMATS = {f".{fmt}": fmt for fmt in FORMATS} | {".gv": "dot"}
STDOUT = "-"

if TYPE_CHECKING:
    from mlsd_dsl.diagnostics import Diagnostic
    from mlsd_dsl.model.spec import Spec


@dataclass(frozen=True)
class Job:
    spec: Path
    output: Path | None  # None: standard output
    fmt: str


@dataclass
class Outcome:
    """What rendering one spec printed: messages for standard error, the diagram for standard output."""

    ok: bool
    messages: list[str] = field(default_factory=list)
    data: bytes | None = None


@click.command(name="render")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output",
    default=None,
    help="Output file, or a directory for several specs; '-' for standard output. "
    "Default: beside each spec, with the format's extension.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format. Default: from the output file's extension, else svg.",
)
@click.option(
    "-b",
    "--backend",
    type=click.Choice(BACKENDS),
    default="graphviz",
    show_default=True,
    help="graphviz draws a shape per kind; diagrams draws technology icons.",
)
@click.option("--gaps", is_flag=True, help="Draw missing components the linter found as dashed ghost nodes.")
@click.option("--theme", type=click.Choice(THEMES), default="light", show_default=True)
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS, case_sensitive=False),
    default="auto",
    show_default=True,
    help="LR reads left to right, TB top to bottom; auto picks the one that fits a page best.",
)
@click.option(
    "--feedback/--no-feedback",
    default=True,
    show_default=True,
    help="Draw log and trigger edges (the feedback layer).",
)
@click.option(
    "--scale",
    type=click.FloatRange(0.5, 4),
    default=1.0,
    show_default=True,
    help="PNG resolution: 1 is 96 dpi, 2 is 192 dpi for retina screens.",
)
@click.option("--legend", is_flag=True, help="Add a legend of the component kinds drawn.")
@click.option("--summary", is_flag=True, help="Add a box with the requirements and framing sections.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DOT_TIMEOUT,
    show_default=True,
    envvar="MLSD_RENDER_TIMEOUT",
    metavar="SECONDS",
    help="Stop graphviz's dot after this many seconds on one diagram (env MLSD_RENDER_TIMEOUT).",
)
@jobs_option
def command(
    paths: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    backend: str,
    gaps: bool,
    theme: str,
    direction: str,
    feedback: bool,
    scale: float,
    legend: bool,
    summary: bool,
    timeout: float,
    jobs: int,
) -> None:
    """Render specs as diagrams (SVG, PNG, PDF or DOT).

    PATHS are .mlsd files, directories (searched recursively) or glob patterns. A spec with
    errors is not rendered: its diagnostics are printed as by `mlsd check`.
    Exit status: 0 all rendered, 2 invalid specs, bad usage or a rendering failure.
    """
    collected = collect_spec_paths(paths)
    for problem in collected.problems:
        click.echo(f"mlsd: {problem}", err=True)
    plan = plan_jobs(collected.files, output, fmt)
    refuse_clashes(plan)
    work = [
        (
            job,
            RenderOptions(
                job.fmt,
                backend,
                gaps,
                theme,
                _direction(direction),
                legend,
                summary,
                timeout,
                feedback,
                scale,
            ),
        )
        for job in plan
    ]
    failed = bool(collected.problems)
    for outcome in ordered_map(_render, work, jobs):
        for message in outcome.messages:
            click.echo(message, err=True)
        if outcome.data is not None:
            click.echo(outcome.data, nl=False)
        failed |= not outcome.ok
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


def _direction(choice: str) -> str:
    return choice.lower() if choice.lower() == AUTO else choice.upper()


def _render(work: tuple[Job, RenderOptions]) -> Outcome:
    return render_job(*work)


def refuse_clashes(jobs: list[Job]) -> None:
    """No diagram overwrites a spec or another diagram of the same run."""
    from mlsd_dsl.files import same_file

    written: dict[Path, Path] = {}
    for job in jobs:
        if job.output is None:
            continue
        if same_file(job.output, job.spec):
            raise click.UsageError(
                f"refusing to overwrite the spec {job.spec} with its diagram; choose another -o"
            )
        key = job.output.absolute()
        if key in written:
            raise click.UsageError(
                f"{written[key]} and {job.spec} would both be drawn to {job.output}; "
                "render them separately or into different folders"
            )
        written[key] = job.spec


def plan_jobs(specs: list[Path], output: str | None, fmt: str | None) -> list[Job]:
    """Where each spec's diagram goes and in which format."""
    if output == STDOUT:
        if len(specs) > 1:
            raise click.UsageError("'-o -' writes one diagram to standard output; give one spec")
        return [Job(spec, None, fmt or "svg") for spec in specs]
    if output is not None and (len(specs) > 1 or Path(output).is_dir() or output.endswith(("/", "\\"))):
        directory = Path(output)
        return [Job(spec, directory / f"{spec.stem}.{fmt or 'svg'}", fmt or "svg") for spec in specs]
    if output is not None:
        target = Path(output)
        return [Job(spec, target, fmt or format_of(target)) for spec in specs]
    return [Job(spec, spec.with_suffix(f".{fmt or 'svg'}"), fmt or "svg") for spec in specs]


def format_of(target: Path) -> str:
    suffix = target.suffix.lower()
    if suffix not in EXTENSION_FORMATS:
        known = ", ".join(sorted(EXTENSION_FORMATS))
        raise click.UsageError(
            f"cannot tell the format of '{target}' from its extension (known: {known}); pass --format"
        )
    return EXTENSION_FORMATS[suffix]


def render_job(job: Job, options: RenderOptions) -> Outcome:
    """Compile, render and write one diagram; the outcome says what to print, and why not on failure."""
    compilation = compile_file(job.spec)
    if compilation.spec is None:
        from mlsd_dsl.cli.text_report import format_diagnostic, summary_line

        messages = [format_diagnostic(d, compilation.sources) + "\n" for d in compilation.diagnostics]
        messages.append(f"mlsd: not rendered: {summary_line(compilation.diagnostics, 1)}")
        return Outcome(False, messages)
    from mlsd_dsl.files import write_atomically
    from mlsd_dsl.rendering import render_with

    try:
        data = render_with(
            compilation.spec, options, _findings(job.spec, compilation.spec) if options.gaps else None
        )
        if job.output is None:
            return Outcome(True, data=data)
        write_atomically(job.output, data)
    except RenderError as problem:
        return Outcome(False, [f"mlsd: error: {job.spec}: {problem}"])
    except OSError as problem:
        return Outcome(False, [f"mlsd: error: cannot write '{job.output}': {problem.strerror or problem}"])
    return Outcome(True, [f"wrote {job.output}"])


def _findings(spec_path: Path, spec: Spec) -> list[Diagnostic]:
    """The findings `mlsd check` reports for the spec, configured for its folder (for --gaps)."""
    from mlsd_dsl.lint import ConfigError, find_config, lint_spec

    try:
        return lint_spec(spec, find_config(spec_path))
    except ConfigError as problem:
        raise RenderError(f"--gaps: {problem}") from None
