"""Run inside a copy of the package whose model/kinds.py gained a `sandbox` kind (see
test_kinds.py): the new kind must work in every consumer without touching any other file."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

import mlsd_dsl
from mlsd_dsl.cli.main import cli
from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.export import FORMATS as EXPORT_FORMATS
from mlsd_dsl.export import export
from mlsd_dsl.formatter import format_source
from mlsd_dsl.lint import coverage, lint_spec
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.reference import vocabulary_markdown
from mlsd_dsl.rendering import BACKENDS, render
from mlsd_dsl.report import design_report, mermaid_diagram, svg_diagram

assert Path(mlsd_dsl.__file__).resolve().parent == Path(__file__).resolve().parent / "mlsd_dsl", (
    "not the copy"
)
SANDBOX = Kind("sandbox")


@rule(
    code="SERVE900",
    name="no-sandbox",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A generative system filters what it returns",
    rationale="Outputs reach users unfiltered.",
    fix="declare a `sandbox` between the model and the endpoint",
    missing=SANDBOX,
    bad="system s { serving api: online }",
    good='system s { sandbox g: "firejail" }',
)
def no_sandbox(context):  # type: ignore[no-untyped-def]
    if not context.spec.of_kind(SANDBOX):
        yield Finding("no sandbox filters the model's output", context.spec.span)


WITH_SANDBOX = """
system assistant "Support assistant" {
  requirements { goal: "answer tickets" latency_p99: 2s }
  framing { task: generation objective: "helpful, grounded answers" }
  model llm: "gpt-4o"
  sandbox safety: "firejail" "filters unsafe answers" { policy: "no PII" strictness: 3 }
  serving api: online
  llm -> safety -> api
}
"""
WITHOUT_SANDBOX = WITH_SANDBOX.replace(
    '  sandbox safety: "firejail" "filters unsafe answers" { policy: "no PII" strictness: 3 }\n', ""
).replace("llm -> safety -> api", "llm -> api")


def main() -> None:
    spec = mlsd_dsl.parse(WITH_SANDBOX, "assistant.mlsd")
    assert spec.components["safety"].kind is SANDBOX
    assert spec.components["safety"].word("policy") == "no PII"
    findings = lint_spec(spec)
    assert "SERVE900" not in {finding.code for finding in findings}
    assert coverage(spec, findings).of(KINDS[SANDBOX].step).status.value in ("covered", "partial")

    for backend in BACKENDS:
        for fmt in ("dot", "svg"):
            drawn = render(spec, fmt=fmt, backend=backend, legend=True, summary=True)
            assert b"safety" in drawn, (backend, fmt)
    for fmt in EXPORT_FORMATS:
        assert "safety" in export(spec, fmt), fmt
    for fmt in ("md", "html"):
        assert "safety" in design_report(spec, fmt, findings, svg_diagram(spec, findings))
    assert "safety" in design_report(spec, "md", findings, mermaid_diagram(spec))
    assert format_source(WITH_SANDBOX).text is not None
    assert "#### `sandbox`" in vocabulary_markdown()

    draft = mlsd_dsl.parse(WITHOUT_SANDBOX, "draft.mlsd")
    draft_findings = lint_spec(draft)
    assert "SERVE900" in {finding.code for finding in draft_findings}
    for backend in BACKENDS:
        ghost = render(draft, fmt="dot", backend=backend, gaps=True, findings=draft_findings).decode()
        assert "gap_SERVE900" in ghost, backend
    assert "SERVE900" in design_report(draft, "html", draft_findings, svg_diagram(draft, draft_findings))

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "assistant.mlsd"
        path.write_text(WITH_SANDBOX, encoding="utf-8")
        runner = CliRunner()
        for args in (
            ["check", "--coverage"],
            ["check", "--format", "json"],
            ["fmt", "--check"],
            ["render", "--gaps", "-o", f"{folder}/a.svg"],
            ["export", "--to", "mermaid"],
            ["report", "-o", f"{folder}/a.html"],
            ["schema"],
        ):
            result = runner.invoke(cli, [*args, str(path)] if args != ["schema"] else args)
            assert result.exit_code in (0, 1), (args, result.output, result.exception)
            assert "internal error" not in result.output, (args, result.output)
    print("the throwaway kind works everywhere")


if __name__ == "__main__":
    sys.exit(main())
