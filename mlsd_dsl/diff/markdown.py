"""The diff as GitHub-flavoured Markdown, for a pull request's job summary or comment."""

from __future__ import annotations

import re

from mlsd_dsl.diff.report import (
    Change,
    ComponentChange,
    DiffReport,
    EdgeRef,
    EstimateChange,
    FindingRef,
    GroupChange,
    SectionChange,
    SpecDiff,
    SpecStatus,
    Status,
    StepChange,
)
from mlsd_dsl.diff.text import figure_text, summary_line

COVERAGE_MARKS = {"covered": "✓ covered", "partial": "~ partial", "missing": "✗ missing", None: "—"}
SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~$])")  # `$` would start math on GitHub


def escape(text: str) -> str:
    """Plain text that Markdown shows as written (and a table cell cannot be split by)."""
    return SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def code(text: str) -> str:
    """Inline code; a backtick inside is fenced by two."""
    text = text.replace("\n", " ").replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def render_markdown(report: DiffReport) -> str:
    lines = [
        f"## mlsd diff: {code(report.old)} → {escape(report.new)}",
        "",
        f"**{escape(summary_line(report))}**",
    ]
    for spec in report.changed_specs:
        lines += ["", *spec_section(spec)]
    return "\n".join(lines) + "\n"


def spec_section(spec: SpecDiff) -> list[str]:
    system = f" — {escape(spec.system)}" if spec.system else ""
    lines = [f"### {code(spec.path)}{system} ({spec.status.value})"]
    if spec.status is SpecStatus.INVALID:
        return lines + invalid_section(spec)
    lines += _bullets("System", [change_cell(change) for change in spec.fields])
    lines += component_table(spec)
    lines += edge_list(spec)
    lines += _bullets("Groups", [group_line(group) for group in spec.groups])
    lines += _bullets("Sections", [section_line(section) for section in spec.sections])
    lines += coverage_table(spec.coverage)
    lines += findings_list("Findings introduced", spec.findings_introduced)
    lines += findings_list("Findings fixed", spec.findings_fixed)
    lines += estimate_table(spec)
    return lines


def invalid_section(spec: SpecDiff) -> list[str]:
    lines = []
    for side, errors in (("before", spec.errors_before), ("after", spec.errors_after)):
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        lines += _bullets(f"Invalid {side} ({count})", [finding_line(error) for error in errors])
    return lines


def section_line(section: SectionChange) -> str:
    if section.status is Status.CHANGED:
        cells = [change_cell(c) for c in section.attributes]
    else:  # the whole section came or went: its values, once
        cells = [f"{escape(c.key)}: {code(c.after or c.before or '')}" for c in section.attributes]
    return f"{section.status.value} `{section.name}`" + (": " + "; ".join(cells) if cells else "")


def group_line(group: GroupChange) -> str:
    parts = [change_cell(group.label)] if group.label else []
    members = [f"+{code(m)}" for m in group.members_added] + [f"−{code(m)}" for m in group.members_removed]
    if members:
        parts.append("members " + " ".join(members))
    return f"{group.status.value} {code(group.name)}" + (": " + "; ".join(parts) if parts else "")


def component_table(spec: SpecDiff) -> list[str]:
    rows = [f"| ➕ added | {code(c.name)} | {_kind(c.kind, c.tech)} | |" for c in spec.components_added]
    rows += [f"| ➖ removed | {code(c.name)} | {_kind(c.kind, c.tech)} | |" for c in spec.components_removed]
    changed = {change.name: change for change in spec.components_changed}
    for rename in spec.components_renamed:
        detail = changed.pop(rename.new, None)
        rows.append(
            f"| 🔁 renamed | {code(rename.old)} → {code(rename.new)} | {escape(rename.kind)} | "
            f"{_changes(detail)} |"
        )
    rows += [
        f"| ✏️ changed | {code(change.name)} | {escape(change.kind)} | {_changes(change)} |"
        for change in changed.values()
    ]
    if not rows:
        return []
    return ["", "| | Component | Kind | Changes |", "|---|---|---|---|", *rows]


def _kind(kind: str, tech: str | None) -> str:
    return escape(kind) + (f" · {escape(tech)}" if tech else "")


def _changes(change: ComponentChange | None) -> str:
    if change is None:
        return ""
    return "<br>".join(change_cell(c) for c in [*change.fields, *change.attributes])


def change_cell(change: Change) -> str:
    before = code(change.before) if change.before is not None else "*unset*"
    after = code(change.after) if change.after is not None else "*unset*"
    if change.before is None:
        return f"{escape(change.key)}: {after} *(set)*"
    return f"{escape(change.key)}: {before} → {after}"


def edge_list(spec: SpecDiff) -> list[str]:
    entries = [f"➕ {edge_text(edge)}" for edge in spec.edges_added]
    entries += [f"➖ {edge_text(edge)}" for edge in spec.edges_removed]
    entries += [
        f"✏️ {code(edge.source)} → {code(edge.target)} ({escape(edge.type)}): "
        + "; ".join(change_cell(c) for c in edge.changes)
        for edge in spec.edges_changed
    ]
    return _bullets("Edges", entries)


def edge_text(edge: EdgeRef) -> str:
    label = f" “{escape(edge.label)}”" if edge.label else ""
    return f"{code(edge.source)} → {code(edge.target)} ({escape(edge.type)}){label}"


def coverage_table(steps: list[StepChange]) -> list[str]:
    if not steps:
        return []
    changed = [step for step in steps if step.changed]
    covered = sum(1 for step in steps if step.after == "covered")
    if not changed:
        return ["", f"Framework coverage unchanged: {covered}/{len(steps)} steps covered."]
    rows = [
        f"| {step.step}. {escape(step.title)} | {COVERAGE_MARKS[step.before]} "
        f"| **{COVERAGE_MARKS[step.after]}** |"
        for step in changed
    ]
    return [
        "",
        f"**Framework coverage** (now {covered}/{len(steps)} steps covered):",
        "",
        "| Step | Before | After |",
        "|---|---|---|",
        *rows,
    ]


def findings_list(title: str, findings: list[FindingRef]) -> list[str]:
    return _bullets(title, [finding_line(finding) for finding in findings])


def finding_line(finding: FindingRef) -> str:
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    return f"{finding.severity} {code(finding.code)} {message_text(finding.message)} ({escape(where)})"


def message_text(message: str) -> str:
    """A finding's message: its `code` spans stay code when they pair up, the rest is text."""
    pieces = message.split("`")
    if len(pieces) % 2 == 0:  # an odd number of backticks: all text
        return escape(message)
    return "".join(code(piece) if index % 2 else escape(piece) for index, piece in enumerate(pieces))


def estimate_table(spec: SpecDiff) -> list[str]:
    if not spec.estimates:
        return []
    rows = [estimate_row(e) for e in spec.estimates]
    return ["", "**Estimates** (`mlsd estimate`)", "", "| Figure | Before | After |", "|---|---|---|", *rows]


def estimate_row(change: EstimateChange) -> str:
    cells = (change.title, figure_text(change.before_shown), figure_text(change.after_shown))
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def _bullets(title: str, entries: list[str]) -> list[str]:
    if not entries:
        return []
    return ["", f"**{title}**", "", *[f"- {entry}" for entry in entries]]
