"""Human-readable diagnostics: `path:line:col: severity[code]: message`, the line, a caret, help."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import click

from mlsd_dsl.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:  # the linter loads only for a coverage table (`mlsd render` prints diagnostics too)
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


SNIPPET_WIDTH = 120  # longer source lines are shown as a window around the caret
SNIPPET_CONTEXT = 40  # columns kept before the caret in such a window
ELLIPSIS = "…"
# Control characters in a shown line become their visible Unicode pictures (one column each: carets stay put).
CONTROL_PICTURES = {code: 0x2400 + code for code in range(32)} | {0x7F: 0x2421}


def _snippet(diagnostic: Diagnostic, sources: dict[str, str]) -> list[str]:
    span = diagnostic.span
    text = sources.get(span.file) if span else None
    if span is None or text is None:
        return []
    line_text = _source_line(text, span.line)
    if line_text is None:
        return []
    line_text = line_text.expandtabs(1).translate(CONTROL_PICTURES)
    end = span.end_column if span.end_line == span.line else len(line_text) + 1
    start, end = span.column, max(span.column + 1, min(end, len(line_text) + 1))
    shown, start, end = _window(line_text, start, end)
    number = str(span.line)
    caret = " " * (start - 1) + "^" * (end - start)
    colour = SEVERITY_COLOURS[diagnostic.severity]
    return [
        f"{number} | {shown}",
        f"{' ' * len(number)} | {click.style(caret, fg=colour, bold=True)}",
    ]


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The line, or a window of it around columns [start, end) when it is too long to show whole;
    with the columns moved into the window. Keeps the output bounded whatever the line length."""
    if len(line) <= SNIPPET_WIDTH:
        return line, start, end
    first = max(0, start - 1 - SNIPPET_CONTEXT)
    last = min(len(line), first + SNIPPET_WIDTH)
    prefix = ELLIPSIS if first > 0 else ""
    suffix = ELLIPSIS if last < len(line) else ""
    shift = first - len(prefix)
    new_start = start - shift
    new_end = min(end - shift, len(prefix) + (last - first) + 1)
    return prefix + line[first:last] + suffix, new_start, max(new_start + 1, new_end)


def _source_line(text: str, number: int) -> str | None:
    """Line `number` (1-based) of `text` without its line break, found through a cached index of
    line starts, so reporting many findings in one file stays linear."""
    starts = _line_starts(text)
    if not 1 <= number <= len(starts):
        return None
    begin = starts[number - 1]
    finish = starts[number] - 1 if number < len(starts) else len(text)
    return text[begin:finish].removesuffix("\r")


@lru_cache(maxsize=16)
def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


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


def coverage_marks() -> dict[CoverageStatus, tuple[str, str]]:
    from mlsd_dsl.lint.coverage import CoverageStatus

    return {
        CoverageStatus.COVERED: ("✓", "green"),
        CoverageStatus.PARTIAL: ("~", "yellow"),
        CoverageStatus.MISSING: ("✗", "red"),
    }


def format_coverage(coverage: Coverage) -> str:
    """The 7 framework steps of one system, each covered, partial or missing."""
    from mlsd_dsl.lint.coverage import CoverageStatus

    marks = coverage_marks()
    name = coverage.system or coverage.file
    lines = [click.style(f"coverage of {name} ({coverage.file}):", bold=True)]
    for entry in coverage.steps:
        mark, colour = marks[entry.status]
        codes = f"  {', '.join(entry.findings)}" if entry.findings else ""
        lines.append(
            f"  {click.style(mark, fg=colour)} {entry.step.number}. {entry.step.title:<24} "
            f"{entry.status.value:<8}{codes}"
        )
    counts = ", ".join(f"{coverage.count(status)} {status.value}" for status in CoverageStatus)
    lines.append(f"  {counts}")
    return "\n".join(lines)
