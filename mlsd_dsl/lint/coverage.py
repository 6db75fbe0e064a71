"""Framework coverage: for each of the 7 steps, is the design covered, partial or missing?

A step is *missing* when the spec has nothing of it (no section, no component of its kinds),
*partial* when a warning or error of one of its rules remains, and *covered* otherwise.
"""

from __future__ import annotations

from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.lint.registry import get_rule
from mlsd_dsl.model.framework import KIND_STEP, Step
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.spec import Spec

STEP_SECTION: dict[Step, SectionName] = {
    Step.REQUIREMENTS: SectionName.REQUIREMENTS,
    Step.FRAMING: SectionName.FRAMING,
    Step.EVALUATION: SectionName.EVALUATION,
}
COVERED, PARTIAL, MISSING = "covered", "partial", "missing"


def coverage(spec: Spec, findings: list[Diagnostic]) -> dict[str, object]:
    """A JSON-able summary: the system, and per step its status and the rule codes that fired."""
    present_steps = {KIND_STEP[component.kind] for component in spec.components.values()}
    present_steps |= {step for step, section in STEP_SECTION.items() if spec.section(section) is not None}
    codes_by_step: dict[Step, set[str]] = {step: set() for step in Step}
    for finding in findings:
        rule = get_rule(finding.code)
        if rule is not None and rule.step is not None and finding.severity.rank >= Severity.WARNING.rank:
            codes_by_step[rule.step].add(rule.code)
    steps = []
    for step in Step:
        codes = sorted(codes_by_step[step])
        status = MISSING if step not in present_steps else PARTIAL if codes else COVERED
        steps.append({"step": step.number, "prefix": step.prefix, "title": step.title,
                      "status": status, "findings": codes})
    totals = {status: sum(1 for s in steps if s["status"] == status) for status in (COVERED, PARTIAL, MISSING)}
    return {"system": spec.name, "file": spec.path, "steps": steps, **totals}
