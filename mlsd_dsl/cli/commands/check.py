"""`mlsd check`: compile specs, lint them against the framework rules, and report."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from mlsd_dsl.cli.formats import FORMATS, renderer
from mlsd_dsl.cli.formats.report import FileReport, Report
from mlsd_dsl.cli.options import jobs_option
from mlsd_dsl.cli.paths import collect_spec_paths, identity, without_excluded
from mlsd_dsl.compiler import compile_file
from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.parallel import ordered_map

if TYPE_CHECKING:
    from mlsd_dsl.cli.cache import CheckCache
    from mlsd_dsl.lint.config import LintConfig

SEVERITIES = [severity.value for severity in Severity]


def _selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.command(name="check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print findings.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rules (codes, names or prefixes, comma-separated); replaces the config.",
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Also skip these rules (comma-separated).")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when a finding is at or above this severity (default: warning).",
)
@click.option(
    "--coverage", "show_coverage", is_flag=True, help="Report which framework steps each system covers."
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record today's lint findings in this file (then exit 0 unless a spec is invalid).",
)
@click.option("--no-lint", is_flag=True, help="Only check syntax and validity.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the configured `exclude` to files named on the command line too (for pre-commit).",
)
@jobs_option
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="MLSD_NO_CACHE",
    help="Check every spec again instead of replaying the report of an unchanged one (env MLSD_NO_CACHE).",
)
def command(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    show_coverage: bool,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    no_lint: bool,
    force_exclude: bool,
    jobs: int,
    no_cache: bool,
) -> None:
    """Check specs: syntax, validity and the framework lint rules.

    PATHS are .mlsd files, directories (searched recursively) or glob patterns. Configuration is
    read from the closest `.mlsd.toml` or `[tool.mlsd]` in pyproject.toml. Exit status: 0 clean,
    1 findings at or above --fail-on, 2 invalid specs, bad configuration or usage errors.
    """
    from mlsd_dsl.lint.baseline import BaselineError
    from mlsd_dsl.lint.config import ConfigError

    if baseline_path and write_baseline_path:
        raise click.UsageError("--baseline and --write-baseline cannot be used together")
    try:
        session = CheckSession(
            _selectors(select),
            _selectors(ignore),
            Severity(fail_on) if fail_on else None,
            show_coverage,
            not no_lint,
            force_exclude,
        )
        report, problems = session.run(paths, jobs, use_cache=not no_cache)
        if write_baseline_path is not None:
            _write_baseline(report, write_baseline_path)
        if baseline_path is not None:
            _keep_new_findings(report, baseline_path)
    except (ConfigError, BaselineError) as failure:
        click.echo(f"mlsd: error: {failure}", err=True)
        sys.exit(EXIT_ERROR)
    for problem in problems:
        click.echo(f"mlsd: {problem}", err=True)
    output = renderer(output_format)(report)
    if output:
        click.echo(output)
    sys.exit(session.exit_code(report, bool(problems), baseline_written=write_baseline_path is not None))


class CheckSession:
    """Compiles and lints each file with the configuration that applies to it."""

    def __init__(
        self,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        fail_on: Severity | None,
        show_coverage: bool,
        lint: bool,
        force_exclude: bool,
    ) -> None:
        from mlsd_dsl.lint.config import LintConfig

        self.select = select or None
        self.ignore = ignore
        self.fail_on = fail_on
        self.show_coverage = show_coverage
        self.lint = lint
        self.force_exclude = force_exclude
        self.configs: dict[Path, LintConfig] = {}  # by folder (resolved) and by spec path (as given)
        self.settings: dict[Path, str] = {}  # by spec path, for the cache
        self.fail_levels: dict[str, Severity] = {}
        LintConfig().overridden(self.select, self.ignore)  # reject unknown selectors up front

    def config_for(self, path: Path) -> LintConfig:
        from mlsd_dsl.lint.config import find_config

        if path in self.configs:
            return self.configs[path]
        directory = identity(path).parent
        if directory not in self.configs:
            self.configs[directory] = find_config(directory).overridden(
                self.select, self.ignore, self.fail_on
            )
        self.configs[path] = self.configs[directory]
        return self.configs[directory]

    def run(
        self, arguments: tuple[str, ...], jobs: int = 1, use_cache: bool = False
    ) -> tuple[Report, list[str]]:
        """Every spec's report, in the order of the files; specs are checked on up to `jobs`
        processes, and unchanged ones are taken from the cache when `use_cache`."""
        collected = collect_spec_paths(arguments)
        files = without_excluded(
            collected.files, arguments, lambda path: self.config_for(path).excludes(path), self.force_exclude
        )
        cache = _open_cache() if use_cache else None
        reports = [cache.get(path, self.settings_of(path)) if cache else None for path in files]
        missing = [index for index, report in enumerate(reports) if report is None]
        checked = list(ordered_map(partial(_check_file, self), [files[index] for index in missing], jobs))
        for index, report in zip(missing, checked, strict=True):
            reports[index] = report
            if cache is not None:
                cache.put(files[index], self.settings_of(files[index]), report)
        done = [report for report in reports if report is not None]
        for path, report in zip(files, done, strict=True):
            self.fail_levels[report.path] = self.config_for(path).fail_on
        return Report(done), collected.problems

    def settings_of(self, path: Path) -> str:
        """Everything besides the files that decides a spec's report, for the cache's key."""
        if path not in self.settings:
            self.settings[path] = repr((self.lint, self.show_coverage, self.config_for(path)))
        return self.settings[path]

    def check_file(self, path: Path) -> FileReport:
        compilation = compile_file(path)
        config = self.config_for(path)
        report = FileReport(
            compilation.path, compilation.ok, list(compilation.diagnostics), compilation.sources
        )
        if compilation.spec is None or not self.lint:
            return report
        from mlsd_dsl.lint import coverage, lint_spec

        findings = lint_spec(compilation.spec, config)
        report.diagnostics = sorted(report.diagnostics + findings, key=lambda d: (*d.sort_key, d.message))
        if self.show_coverage and not compilation.spec.is_module:
            report.coverage = coverage(compilation.spec, findings)
        return report

    def exit_code(self, report: Report, usage_problem: bool, baseline_written: bool) -> int:
        if usage_problem or any(not file.valid for file in report.files):
            return EXIT_ERROR
        if baseline_written:
            return EXIT_CLEAN
        for file in report.files:
            threshold = self.fail_levels.get(file.path, Severity.WARNING)
            if any(d.severity.rank >= threshold.rank for d in file.diagnostics):
                return EXIT_FINDINGS
        return EXIT_CLEAN


def _check_file(session: CheckSession, path: Path) -> FileReport:
    """One spec's report (a module-level function, so worker processes can be handed it)."""
    return session.check_file(path)


def _open_cache() -> CheckCache | None:
    from mlsd_dsl.cli.cache import CheckCache

    return CheckCache.open()


def _write_baseline(report: Report, path: Path) -> None:
    from mlsd_dsl.lint.baseline import write_baseline

    findings = [d for file in report.files if file.valid for d in file.diagnostics]
    write_baseline(path, findings)
    click.echo(f"mlsd: wrote {len(findings)} findings to baseline {path}", err=True)


def _keep_new_findings(report: Report, path: Path) -> None:
    from mlsd_dsl.lint.baseline import new_findings, read_baseline

    known = read_baseline(path)
    for file in report.files:
        if file.valid:
            file.diagnostics = new_findings(file.diagnostics, known, path)
