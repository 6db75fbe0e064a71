"""Framework coverage: for each of the 7 steps, is the design covered, partial or missing?

A step is *missing* when the spec has nothing of it (no section, no component of its kinds),
*partial* when a warning or error of one of its rules remains, and *covered* otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.lint.registry import get_rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import KINDS
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.spec import Spec

STEP_SECTION: dict[Step, SectionName] = {
    Step.REQUIREMENTS: SectionName.REQUIREMENTS,
    Step.FRAMING: SectionName.FRAMING,
    Step.EVALUATION: SectionName.EVALUATION,
}


class CoverageStatus(StrEnum):
    COVERED = "covered"
    PARTIAL = "partial"
    MISSING = "missing"


@dataclass(frozen=True)
class StepCoverage:
    step: Step
    status: CoverageStatus
    findings: tuple[str, ...]  # codes of the step's rules that fired (warning or error)

    def to_json(self) -> dict[str, object]:
        return {
            "step": self.step.number,
            "prefix": self.step.prefix,
            "title": self.step.title,
            "status": self.status.value,
            "findings": list(self.findings),
        }


@dataclass(frozen=True)
class Coverage:
    """The framework coverage of one system: a `StepCoverage` per step, in framework order."""

    system: str | None
    file: str
    steps: tuple[StepCoverage, ...]

    def count(self, status: CoverageStatus) -> int:
        return sum(1 for step in self.steps if step.status is status)

    def of(self, step: Step) -> StepCoverage:
        return next(entry for entry in self.steps if entry.step is step)

    def to_json(self) -> dict[str, object]:
        """The JSON form `mlsd check --format json --coverage` prints."""
        counts = {status.value: self.count(status) for status in CoverageStatus}
        return {
            "system": self.system,
            "file": self.file,
            "steps": [step.to_json() for step in self.steps],
            **counts,
        }


def coverage(spec: Spec, findings: list[Diagnostic]) -> Coverage:
    """Per step: its status and the codes of its rules that fired."""
    present_steps = {KINDS[component.kind].step for component in spec.components.values()}
    present_steps |= {step for step, section in STEP_SECTION.items() if spec.section(section) is not None}
    codes_by_step: dict[Step, set[str]] = {step: set() for step in Step}
    for finding in findings:
        rule = get_rule(finding.code)
        if rule is not None and rule.step is not None and finding.severity.rank >= Severity.WARNING.rank:
            codes_by_step[rule.step].add(rule.code)
    steps = tuple(_step_coverage(step, step in present_steps, sorted(codes_by_step[step])) for step in Step)
    return Coverage(spec.name, spec.path, steps)


def _step_coverage(step: Step, present: bool, codes: list[str]) -> StepCoverage:
    if not present:
        status = CoverageStatus.MISSING
    else:
        status = CoverageStatus.PARTIAL if codes else CoverageStatus.COVERED
    return StepCoverage(step, status, tuple(codes))
