"""What the linter says about a spec, as Markdown: the framework-coverage table and the findings."""

from __future__ import annotations

from dataclasses import dataclass

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint.coverage import Coverage, CoverageStatus
from mlsd_dsl.model.spec import Spec

STATUS_MARKS: dict[CoverageStatus, str] = {
    CoverageStatus.COVERED: "✅ covered",
    CoverageStatus.PARTIAL: "⚠️ partial",
    CoverageStatus.MISSING: "❌ missing",
}


@dataclass(frozen=True)
class LintReport:
    findings: list[Diagnostic]
    coverage: Coverage


def lint_report(spec: Spec) -> LintReport:
    """The findings and coverage `mlsd check` reports, configured for the spec's folder."""
    from mlsd_dsl.lint import coverage, find_config, lint_spec

    findings = lint_spec(spec, find_config(spec.path))
    return LintReport(findings, coverage(spec, findings))


def coverage_table(report: LintReport) -> str:
    """One row per framework step: its status and the rules that keep it from being covered."""
    rows = ["| step | coverage | findings |", "|---|---|---|"]
    for entry in report.coverage.steps:
        codes = ", ".join(f"`{code}`" for code in entry.findings)
        rows.append(f"| {entry.step.number}. {entry.step.title} | {STATUS_MARKS[entry.status]} | {codes} |")
    return "\n".join(rows) + "\n"


def findings_list(report: LintReport) -> str:
    """One line per finding: ``- line 12 · `MODEL002` no-baseline: message``."""
    if not report.findings:
        return "No findings.\n"
    lines = [
        f"- line {finding.span.line if finding.span else '?'} · `{finding.code}` {finding.name}: "
        f"{finding.message}"
        for finding in report.findings
    ]
    return "\n".join(lines) + "\n"
