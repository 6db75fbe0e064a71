"""The diff for a terminal: one block per changed spec, `+` added, `-` removed, `~` changed."""

from __future__ import annotations

from mlsd_dsl.diff.report import (
    Change,
    ComponentRef,
    DiffReport,
    EdgeRef,
    EstimateChange,
    FindingRef,
    GroupChange,
    SpecDiff,
    SpecStatus,
    Status,
)

MARKS = {Status.ADDED: "+", Status.REMOVED: "-", Status.CHANGED: "~"}


def render_text(report: DiffReport) -> str:
    lines = [f"mlsd diff: {report.old} → {report.new}"]
    for spec in report.changed_specs:
        lines += ["", *spec_lines(spec)]
    lines += ["", summary_line(report)]
    return "\n".join(lines)


def summary_line(report: DiffReport) -> str:
    summary = report.summary
    parts = [
        _count(summary.specs_changed, "spec changed", "specs changed"),
        _count(summary.specs_added, "spec added", "specs added"),
        _count(summary.specs_removed, "spec removed", "specs removed"),
        _count(summary.specs_invalid, "spec invalid", "specs invalid"),
        _count(summary.findings_introduced, "finding introduced", "findings introduced"),
        _count(summary.findings_fixed, "finding fixed", "findings fixed"),
    ]
    said = [part for part in parts if part]
    if not said:
        return f"no changes in {_count(summary.specs_unchanged, 'spec', 'specs') or '0 specs'}"
    return ", ".join(said)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}" if number else ""


def spec_lines(spec: SpecDiff) -> list[str]:
    title = f"{spec.path}" + (f" ({spec.system})" if spec.system else "") + f": {spec.status.value}"
    lines = [title]
    if spec.status is SpecStatus.INVALID:
        return lines + invalid_lines(spec)
    blocks = [
        ("system", [f"~ {change_text(change)}" for change in spec.fields]),
        ("components", component_lines(spec)),
        ("edges", edge_lines(spec)),
        ("groups", [group_text(group) for group in spec.groups]),
        (
            "sections",
            [
                f"{MARKS[section.status]} {section.name}"
                + (": " + "; ".join(change_text(c) for c in section.attributes) if section.attributes else "")
                for section in spec.sections
            ],
        ),
        (
            "coverage",
            [
                f"{step.step}. {step.title}: {step.before or '-'} → {step.after or '-'}"
                for step in spec.coverage
                if step.changed
            ],
        ),
        (
            "findings",
            [f"+ {finding_text(f)}" for f in spec.findings_introduced]
            + [f"- {finding_text(f)}" for f in spec.findings_fixed],
        ),
        ("estimates", [estimate_text(e) for e in spec.estimates]),
    ]
    for heading, entries in blocks:
        if entries:
            lines.append(f"  {heading}")
            lines += [f"    {entry}" for entry in entries]
    return lines


def invalid_lines(spec: SpecDiff) -> list[str]:
    lines = []
    for side, errors in (("before", spec.errors_before), ("after", spec.errors_after)):
        if errors:
            lines.append(f"  invalid {side}: {len(errors)} error{'s' if len(errors) != 1 else ''}")
            lines += [f"    {finding_text(error)}" for error in errors]
    return lines


def component_lines(spec: SpecDiff) -> list[str]:
    lines = [f"+ {component_text(c)}" for c in spec.components_added]
    lines += [f"- {component_text(c)}" for c in spec.components_removed]
    changed = {change.name: change for change in spec.components_changed}
    for rename in spec.components_renamed:
        detail = changed.pop(rename.new, None)
        facts = [f"renamed, {rename.similarity:.0%} alike"]
        if detail:
            facts += [change_text(c) for c in [*detail.fields, *detail.attributes]]
        lines.append(f"~ {rename.kind} {rename.old} → {rename.new}: " + "; ".join(facts))
    for change in changed.values():
        facts = [change_text(c) for c in [*change.fields, *change.attributes]]
        lines.append(f"~ {change.kind} {change.name}: " + "; ".join(facts))
    return lines


def component_text(component: ComponentRef) -> str:
    tech = f": {component.tech}" if component.tech else ""
    return f"{component.kind} {component.name}{tech}"


def edge_lines(spec: SpecDiff) -> list[str]:
    lines = [f"+ {edge_text(edge)}" for edge in spec.edges_added]
    lines += [f"- {edge_text(edge)}" for edge in spec.edges_removed]
    lines += [
        f"~ {edge.source} -{edge.type}-> {edge.target}: " + "; ".join(change_text(c) for c in edge.changes)
        for edge in spec.edges_changed
    ]
    return lines


def edge_text(edge: EdgeRef) -> str:
    label = f' : "{edge.label}"' if edge.label else ""
    return f"{edge.source} -{edge.type}-> {edge.target}{label}"


def group_text(group: GroupChange) -> str:
    parts = [f"{MARKS[group.status]} {group.name}"]
    if group.label:
        parts.append(change_text(group.label))
    members = [f"+{m}" for m in group.members_added] + [f"-{m}" for m in group.members_removed]
    if members:
        parts.append("members " + " ".join(members))
    return parts[0] + (": " + "; ".join(parts[1:]) if len(parts) > 1 else "")


def change_text(change: Change) -> str:
    if change.before is None:
        return f"{change.key}: {change.after} (set)"
    if change.after is None:
        return f"{change.key}: {change.before} (unset)"
    return f"{change.key}: {change.before} → {change.after}"


def finding_text(finding: FindingRef) -> str:
    where = f"{finding.file}:{finding.line}:{finding.column}" if finding.line else finding.file
    return f"{finding.code} {finding.severity}: {finding.message} ({where})"


def estimate_text(estimate: EstimateChange) -> str:
    mark = "+" if estimate.before is None else "-" if estimate.after is None else "~"
    before, after = figure_text(estimate.before_shown), figure_text(estimate.after_shown)
    return f"{mark} {estimate.title}: {before} → {after}"


def figure_text(shown: str | None) -> str:
    """A figure as `mlsd estimate` prints it (`300 GB`, `40 ms`, `$7.01k/day`); '-' when absent."""
    return "-" if shown is None else shown
