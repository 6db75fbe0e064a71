"""What the design report says: the spec's decisions and open questions, step by step.

Title and summary, the diagram, then each of the 7 framework steps with what the spec decides
(its section's table, or its components) and what it leaves open (the lint findings of that step),
then the estimates (`mlsd estimate`), every finding with its rule's explanation, and the
framework-coverage table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint import get_rule
from mlsd_dsl.lint.coverage import Coverage, CoverageStatus
from mlsd_dsl.lint.rule import Rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import KINDS
from mlsd_dsl.model.schema import SECTION_ATTRIBUTES, SectionName
from mlsd_dsl.model.spec import Component, Section, Spec
from mlsd_dsl.model.values import ListValue, StringValue, Value
from mlsd_dsl.report.document import (
    Block,
    BulletList,
    Diagram,
    Document,
    Heading,
    Inline,
    Paragraph,
    Table,
    badge,
    code,
    em,
    strong,
    text,
)
from mlsd_dsl.report.estimates import estimate_blocks

STEP_SECTIONS: dict[Step, SectionName] = {
    Step.REQUIREMENTS: SectionName.REQUIREMENTS,
    Step.FRAMING: SectionName.FRAMING,
    Step.EVALUATION: SectionName.EVALUATION,
}
GENERAL = "General"


@dataclass
class ReportInput:
    spec: Spec
    findings: list[Diagnostic]
    coverage: Coverage
    diagram: Diagram | None


def build_document(source: ReportInput) -> Document:
    spec = source.spec
    document = Document(spec.title)
    document.add(Heading(1, [text(spec.title)]))
    document.add(Paragraph(_summary(source)))
    if source.diagram is not None:
        document.add(Heading(2, [text("Architecture")], "architecture"), source.diagram)
    findings_by_step = _findings_by_step(source.findings)
    for step in Step:
        status = source.coverage.of(step).status
        document.add(*_step_blocks(spec, step, status, findings_by_step.get(step.title, [])))
    document.add(*estimate_blocks(spec))
    document.add(*_findings_blocks(source.findings))
    document.add(*_coverage_blocks(source.coverage))
    return document


def _summary(source: ReportInput) -> Inline:
    coverage = source.coverage
    counts: defaultdict[str, int] = defaultdict(int)
    for finding in source.findings:
        counts[finding.severity.value] += 1
    return [
        text("System "),
        code(source.spec.name or source.spec.path),
        text(" from "),
        code(source.spec.path),
        text(
            f". Framework coverage: {coverage.count(CoverageStatus.COVERED)} of {len(Step)} steps covered, "
            f"{coverage.count(CoverageStatus.PARTIAL)} partial, {coverage.count(CoverageStatus.MISSING)} "
            "missing. "
            f"Lint: {_count(counts['error'], 'error')}, "
            f"{_count(counts['warning'], 'warning')}, {_count(counts['info'], 'note')}."
        ),
    ]


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _findings_by_step(findings: list[Diagnostic]) -> dict[str, list[Diagnostic]]:
    grouped: dict[str, list[Diagnostic]] = defaultdict(list)
    for finding in findings:
        rule = get_rule(finding.code)
        grouped[rule.step.title if rule and rule.step else GENERAL].append(finding)
    return grouped


# --- the 7 steps ------------------------------------------------------------------------------
def _step_blocks(spec: Spec, step: Step, status: CoverageStatus, findings: list[Diagnostic]) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, [text(f"{step.number}. {step.title}")], f"step-{step.number}"),
        Paragraph([strong("Status:"), text(" "), badge(status)]),
        Heading(3, [text("What the spec decides")]),
        *_decisions(spec, step),
        Heading(3, [text("What it leaves open")]),
    ]
    if findings:
        blocks.append(BulletList([_open_item(finding) for finding in findings]))
    else:
        blocks.append(Paragraph([em("Nothing: no findings for this step.")]))
    return blocks


def _decisions(spec: Spec, step: Step) -> list[Block]:
    section_name = STEP_SECTIONS.get(step)
    blocks: list[Block] = []
    if section_name is not None:
        section = spec.section(section_name)
        blocks.append(
            _section_table(section)
            if section and section.attributes
            else Paragraph([text("No "), code(section_name.value), text(" section.")])
        )
    components = [c for c in spec.components.values() if KINDS[c.kind].step is step]
    if components:
        blocks.append(BulletList([_component_item(component) for component in components]))
    elif section_name is None:
        blocks.append(Paragraph([em("No component of this step.")]))
    return blocks


def _section_table(section: Section) -> Table:
    vocabulary = SECTION_ATTRIBUTES[section.name]
    rows = [
        [
            [code(key)],
            [text(display(attribute.value))],
            [text(vocabulary[key].doc if key in vocabulary else "")],
        ]
        for key, attribute in section.attributes.items()
    ]
    return Table(["Attribute", "Value", "Meaning"], rows)


def _component_item(component: Component) -> Inline:
    item: Inline = [strong(component.name), text(" — "), text(component.kind.value)]
    if component.tech:
        item += [text(": "), code(component.tech)]
    if component.label:
        item += [text(f" ({component.label})")]
    settings = [f"{key}: {display(attribute.value)}" for key, attribute in component.attributes.items()]
    if settings:
        item += [text(" — "), em("; ".join(settings))]
    return item


def _open_item(finding: Diagnostic) -> Inline:
    line = f" (line {finding.span.line})" if finding.span else ""
    return [code(finding.code), text(f" {finding.name}: "), *prose(finding.message), text(line)]


def prose(words: str) -> Inline:
    """Text where `backticked` words are code, as rule docs and messages write them."""
    parts = words.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: keep it as written
        return [text(words)]
    return [code(part) if index % 2 else text(part) for index, part in enumerate(parts) if part]


def display(value: Value) -> str:
    """A value as a reader would write it: strings without quotes, lists comma-separated."""
    if isinstance(value, ListValue):
        return ", ".join(display(item) for item in value.items)
    if isinstance(value, StringValue):
        return value.value
    return value.raw


# --- findings and coverage --------------------------------------------------------------------
def _findings_blocks(findings: list[Diagnostic]) -> list[Block]:
    blocks: list[Block] = [Heading(2, [text("Lint findings")], "lint-findings")]
    if not findings:
        return [*blocks, Paragraph([text("No findings: the design passes every rule.")])]
    rows = [
        [
            [badge(f.severity)],
            [code(f.code)],
            [text(f.name or "")],
            [text(str(f.span.line) if f.span else "")],
            prose(f.message),
        ]
        for f in findings
    ]
    blocks.append(Table(["Severity", "Rule", "Name", "Line", "Finding"], rows))
    blocks.append(Heading(3, [text("Rule explanations")]))
    for rule in _rules_of(findings):
        rationale = " ".join(rule.rationale.split())
        blocks.append(
            Paragraph([strong(f"{rule.code} {rule.name}"), text(f" — {rule.title}. "), *prose(rationale)])
        )
        blocks.append(Paragraph([em("Fix:"), text(" "), *prose(rule.fix)]))
    return blocks


def _rules_of(findings: list[Diagnostic]) -> list[Rule]:
    codes = dict.fromkeys(finding.code for finding in findings)
    return [rule for rule in (get_rule(code) for code in codes) if rule is not None]


def _coverage_blocks(coverage: Coverage) -> list[Block]:
    rows = [
        [
            [text(str(entry.step.number))],
            [text(entry.step.title)],
            [badge(entry.status)],
            [code(", ".join(entry.findings))] if entry.findings else [text("")],
        ]
        for entry in coverage.steps
    ]
    return [
        Heading(2, [text("Framework coverage")], "framework-coverage"),
        Table(["Step", "Title", "Status", "Open findings"], rows),
    ]
