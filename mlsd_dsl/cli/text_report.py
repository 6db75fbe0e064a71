"""Human-readable diagnostics: `path:line:col: severity[code]: message`, the line, a caret, help."""

from __future__ import annotations

import click

from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.lint.coverage import Coverage, CoverageStatus

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
}


def format_diagnostic(diagnostic: Diagnostic, sources: dict[str, str]) -> str:
    """One diagnostic with its source snippet; colour codes are added, click strips them off a TTY."""
    span = diagnostic.span
    location = f"{span.file}:{span.line}:{span.column}" if span else diagnostic.file
    severity = click.style(diagnostic.severity.value, fg=SEVERITY_COLOURS[diagnostic.severity], bold=True)
    head = f"{click.style(location, bold=True)}: {severity}[{diagnostic.code}]: {diagnostic.message}"
    lines = [head, *_snippet(diagnostic, sources)]
    gutter = " " * (len(str(span.line)) if span else 0)
    if diagnostic.hint:
        lines.append(f"{gutter} = {click.style('help', bold=True)}: {diagnostic.hint}")
    if diagnostic.expected:
        lines.append(f"{gutter} = {click.style('expected', bold=True)}: {diagnostic.expected}")
    return "\n".join(lines)


def _snippet(diagnostic: Diagnostic, sources: dict[str, str]) -> list[str]:
    span = diagnostic.span
    text = sources.get(span.file) if span else None
    if span is None or text is None:
        return []
    source_lines = [line.removesuffix("\r") for line in text.split("\n")]
    if not 1 <= span.line <= len(source_lines):
        return []
    line_text = source_lines[span.line - 1].expandtabs(1)
    number = str(span.line)
    end = span.end_column if span.end_line == span.line else len(line_text) + 1
    width = max(1, min(end, len(line_text) + 1) - span.column)
    caret = " " * (span.column - 1) + "^" * width
    colour = SEVERITY_COLOURS[diagnostic.severity]
    return [
        f"{number} | {line_text}",
        f"{' ' * len(number)} | {click.style(caret, fg=colour, bold=True)}",
    ]


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    parts = [
        _plural(counts[Severity.ERROR], "error"),
        _plural(counts[Severity.WARNING], "warning"),
    ]
    if counts[Severity.INFO]:
        parts.append(_plural(counts[Severity.INFO], "info", "infos"))
    return f"{', '.join(parts)} in {_plural(files, 'file')}"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


COVERAGE_MARKS: dict[CoverageStatus, tuple[str, str]] = {
    CoverageStatus.COVERED: ("✓", "green"),
    CoverageStatus.PARTIAL: ("~", "yellow"),
    CoverageStatus.MISSING: ("✗", "red"),
}


def format_coverage(coverage: Coverage) -> str:
    """The 7 framework steps of one system, each covered, partial or missing."""
    name = coverage.system or coverage.file
    lines = [click.style(f"coverage of {name} ({coverage.file}):", bold=True)]
    for entry in coverage.steps:
        mark, colour = COVERAGE_MARKS[entry.status]
        codes = f"  {', '.join(entry.findings)}" if entry.findings else ""
        lines.append(f"  {click.style(mark, fg=colour)} {entry.step.number}. {entry.step.title:<24} "
                     f"{entry.status.value:<8}{codes}")
    counts = ", ".join(f"{coverage.count(status)} {status.value}" for status in CoverageStatus)
    lines.append(f"  {counts}")
    return "\n".join(lines)
