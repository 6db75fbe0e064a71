"""The human format: each finding with its source line and a caret, coverage tables, a summary line."""

from __future__ import annotations

from mlsd_dsl.cli.formats.report import Report
from mlsd_dsl.cli.text_report import format_coverage, format_diagnostic, summary_line


def render(report: Report) -> str:
    blocks = [format_diagnostic(d, file.sources) + "\n" for file in report.files for d in file.diagnostics]
    blocks += [format_coverage(file.coverage) + "\n" for file in report.files if file.coverage is not None]
    if report.files:
        blocks.append(summary_line(report.diagnostics, len(report.files)))
    return "\n".join(blocks)
