"""The semantic difference of one spec between two versions (`SpecSide`s).

A side that does not exist compares as an empty design, so an added file has every component
added. A side that does not compile is reported with its errors instead of a difference.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TypeVar

from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.diff.match import Match, match_components
from mlsd_dsl.diff.report import (
    Change,
    ComponentChange,
    ComponentRef,
    EdgeChange,
    EdgeRef,
    EstimateChange,
    FindingRef,
    GroupChange,
    Rename,
    SectionChange,
    SpecDiff,
    SpecStatus,
    Status,
    StepChange,
)
from mlsd_dsl.diff.sides import SpecSide
from mlsd_dsl.diff.values import canonical, shown
from mlsd_dsl.lint.coverage import Coverage, coverage
from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.spec import Attribute, Component, Edge, Spec

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def diff_sides(old: SpecSide, new: SpecSide) -> SpecDiff:
    path = new.path if new.exists else old.path
    if (old.exists and old.spec is None) or (new.exists and new.spec is None):
        return SpecDiff(
            path=path,
            system=_system_name(new) or _system_name(old),
            status=SpecStatus.INVALID,
            errors_before=_errors(old),
            errors_after=_errors(new),
        )
    before = old.spec or empty_spec(path)
    after = new.spec or empty_spec(path)
    match = match_components(before, after)
    renames = match.renames
    diff = SpecDiff(
        path=path,
        system=after.name or before.name,
        status=SpecStatus.UNCHANGED,
        fields=system_changes(before, after) if old.exists and new.exists else [],
        components_added=_added(before, after, match),
        components_removed=_removed(before, match),
        components_renamed=[
            Rename(old=o, new=n, kind=after.components[n].kind.value, similarity=match.similarity[o])
            for o, n in sorted(renames.items())
        ],
        components_changed=_changed(before, after, match),
        **_edges(before, after, renames),
        groups=_groups(before, after, renames),
        sections=_sections(before, after, renames),
        coverage=_coverage(old, new),
        **_findings(old.findings, new.findings, renames),
        estimates=_estimates(old, new, renames),
    )
    status = _status(old, new, diff)
    return diff.model_copy(
        update={"status": status, "coverage": [] if status is SpecStatus.UNCHANGED else diff.coverage}
    )


def empty_spec(path: str) -> Spec:
    return trusted(Spec, path=path, span=Span(path, 1, 1, 1, 1))


def _status(old: SpecSide, new: SpecSide, diff: SpecDiff) -> SpecStatus:
    if not old.exists:
        return SpecStatus.ADDED
    if not new.exists:
        return SpecStatus.REMOVED
    changed = (
        diff.design_changed
        or any(step.changed for step in diff.coverage)
        or diff.findings_introduced
        or diff.findings_fixed
        or diff.estimates
    )
    return SpecStatus.CHANGED if changed else SpecStatus.UNCHANGED


def _system_name(side: SpecSide) -> str | None:
    return side.spec.name if side.spec else None


def _errors(side: SpecSide) -> list[FindingRef]:
    if side.compilation is None or side.compilation.spec is not None:
        return []
    return [finding_ref(d) for d in side.compilation.diagnostics if d.severity is Severity.ERROR]


def finding_ref(diagnostic: Diagnostic) -> FindingRef:
    return FindingRef(
        code=diagnostic.code,
        severity=diagnostic.severity.value,
        message=diagnostic.message,
        subject=diagnostic.subject,
        name=diagnostic.name,
        file=diagnostic.file,
        line=diagnostic.span.line if diagnostic.span else None,
        column=diagnostic.span.column if diagnostic.span else None,
    )


# --- the system --------------------------------------------------------------------------------


def system_changes(before: Spec, after: Spec) -> list[Change]:
    pairs = {
        "system": (before.name, after.name),
        "label": (before.label, after.label),
        "imports": (_imports(before), _imports(after)),
    }
    return [Change(key=key, before=b, after=a) for key, (b, a) in pairs.items() if b != a]


def _imports(spec: Spec) -> str | None:
    return ", ".join(f'"{i.path}"' for i in spec.imports) or None


# --- components ----------------------------------------------------------------------------------


def component_ref(component: Component) -> ComponentRef:
    return ComponentRef(name=component.name, kind=component.kind.value, tech=component.tech)


def _added(before: Spec, after: Spec, match: Match) -> list[ComponentRef]:
    kept = set(match.names.values())
    return [component_ref(c) for name, c in after.components.items() if name not in kept]


def _removed(before: Spec, match: Match) -> list[ComponentRef]:
    return [component_ref(c) for name, c in before.components.items() if name not in match.names]


def _changed(before: Spec, after: Spec, match: Match) -> list[ComponentChange]:
    changes = []
    renames = match.renames
    for old_name, new_name in match.names.items():
        a, b = before.components[old_name], after.components[new_name]
        fields = [
            Change(key=key, before=x, after=y)
            for key, x, y in (
                ("kind", a.kind.value, b.kind.value),
                ("tech", a.tech, b.tech),
                ("label", a.label, b.label),
            )
            if x != y
        ]
        attributes = attribute_changes(a.attributes, b.attributes, renames)
        if fields or attributes:
            changes.append(
                ComponentChange(
                    name=new_name,
                    kind=b.kind.value,
                    renamed_from=old_name if old_name != new_name else None,
                    fields=fields,
                    attributes=attributes,
                )
            )
    return sorted(changes, key=lambda change: change.name)


def attribute_changes(
    before: Mapping[str, Attribute], after: Mapping[str, Attribute], renames: Mapping[str, str]
) -> list[Change]:
    """Attributes set, unset or given another value (typed: `0.2s` → `200ms` is no change)."""
    changes = []
    for key in [*after, *(key for key in before if key not in after)]:
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and canonical(old.value, renames) == canonical(new.value):
            continue
        changes.append(
            Change(key=key, before=shown(old.value if old else None), after=shown(new.value if new else None))
        )
    return changes


# --- edges ---------------------------------------------------------------------------------------

EdgeKey = tuple[str, str, str]


def _edges(
    before: Spec, after: Spec, renames: Mapping[str, str]
) -> dict[str, list[EdgeRef] | list[EdgeChange]]:
    """Edges keyed by their ends (under their new names) and type; an edge whose end was renamed is
    the same edge."""

    def key_of(edge: Edge, names: Mapping[str, str]) -> EdgeKey:
        return (names.get(edge.source, edge.source), names.get(edge.target, edge.target), edge.type.value)

    old = _by_key(before.edges, lambda edge: key_of(edge, renames))
    new = _by_key(after.edges, lambda edge: key_of(edge, {}))
    added, removed, changed = [], [], []
    for key in sorted(old.keys() | new.keys()):
        olds, news = old.get(key, []), new.get(key, [])
        for a, b in zip(olds, news, strict=False):
            changes = _edge_changes(a, b, renames)
            if changes:
                changed.append(EdgeChange(source=key[0], target=key[1], type=key[2], changes=changes))
        removed += [_edge_ref(key, edge) for edge in olds[len(news) :]]
        added += [_edge_ref(key, edge) for edge in news[len(olds) :]]
    return {"edges_added": added, "edges_removed": removed, "edges_changed": changed}


def _by_key(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    grouped: dict[K, list[T]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


def _edge_ref(key: EdgeKey, edge: Edge) -> EdgeRef:
    source, target, edge_type = key
    return EdgeRef(source=source, target=target, type=edge_type, label=edge.label)


def _edge_changes(a: Edge, b: Edge, renames: Mapping[str, str]) -> list[Change]:
    label = [Change(key="label", before=a.label, after=b.label)] if a.label != b.label else []
    return label + attribute_changes(a.attributes, b.attributes, renames)


# --- groups and sections ---------------------------------------------------------------------------


def _groups(before: Spec, after: Spec, renames: Mapping[str, str]) -> list[GroupChange]:
    old = {group.name: group for group in before.groups}
    new = {group.name: group for group in after.groups}
    changes = []
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a is None and b is not None:
            changes.append(GroupChange(name=name, status=Status.ADDED, members_added=list(b.members)))
            continue
        if b is None and a is not None:
            members = [renames.get(member, member) for member in a.members]
            changes.append(GroupChange(name=name, status=Status.REMOVED, members_removed=members))
            continue
        assert a is not None and b is not None
        members_before = [renames.get(member, member) for member in a.members]
        added = [m for m in b.members if m not in members_before]
        removed = [m for m in members_before if m not in b.members]
        label = Change(key="label", before=a.label, after=b.label) if a.label != b.label else None
        if added or removed or label:
            changes.append(
                GroupChange(
                    name=name,
                    status=Status.CHANGED,
                    label=label,
                    members_added=added,
                    members_removed=removed,
                )
            )
    return changes


def _sections(before: Spec, after: Spec, renames: Mapping[str, str]) -> list[SectionChange]:
    changes = []
    for name in SectionName:
        a, b = before.section(name), after.section(name)
        if a is None and b is None:
            continue
        attributes = attribute_changes(a.attributes if a else {}, b.attributes if b else {}, renames)
        status = Status.ADDED if a is None else Status.REMOVED if b is None else Status.CHANGED
        if status is not Status.CHANGED or attributes:
            changes.append(SectionChange(name=name.value, status=status, attributes=attributes))
    return changes


# --- what the linter says ----------------------------------------------------------------------------


def _coverage(old: SpecSide, new: SpecSide) -> list[StepChange]:
    before, after = _coverage_of(old), _coverage_of(new)
    either = after or before
    if either is None:
        return []
    changes = []
    for entry in either.steps:
        b = before.of(entry.step) if before else None
        a = after.of(entry.step) if after else None
        changes.append(
            StepChange(
                step=entry.step.number,
                title=entry.step.title,
                before=b.status.value if b else None,
                after=a.status.value if a else None,
                findings_before=list(b.findings) if b else [],
                findings_after=list(a.findings) if a else [],
            )
        )
    return changes


def _coverage_of(side: SpecSide) -> Coverage | None:
    spec = side.spec
    return coverage(spec, side.findings) if spec is not None and not spec.is_module else None


def _findings(
    old: list[Diagnostic], new: list[Diagnostic], renames: Mapping[str, str]
) -> dict[str, list[FindingRef]]:
    """Findings are matched by rule and component (under its new name), not by line, so moving text
    changes nothing; among one rule's findings on one component, the same message pairs first."""

    def exact(d: Diagnostic, names: Mapping[str, str]) -> Hashable:
        return (*loose(d, names), d.message)

    def loose(d: Diagnostic, names: Mapping[str, str]) -> tuple[str, str]:
        return (d.code, names.get(d.subject, d.subject) if d.subject else "\0" + d.message)

    fixed, introduced = _unpaired(old, new, lambda d: exact(d, renames), lambda d: exact(d, {}))
    fixed, introduced = _unpaired(fixed, introduced, lambda d: loose(d, renames), lambda d: loose(d, {}))
    return {
        "findings_introduced": [finding_ref(d) for d in introduced],
        "findings_fixed": [finding_ref(d) for d in fixed],
    }


def _unpaired(
    old: list[Diagnostic],
    new: list[Diagnostic],
    old_key: Callable[[Diagnostic], Hashable],
    new_key: Callable[[Diagnostic], Hashable],
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    waiting = _by_key(old, old_key)
    unmatched_new = []
    for finding in new:
        queue = waiting.get(new_key(finding))
        if queue:
            queue.pop(0)
        else:
            unmatched_new.append(finding)
    kept = {id(d) for queue in waiting.values() for d in queue}
    return [d for d in old if id(d) in kept], unmatched_new


def _estimates(old: SpecSide, new: SpecSide, renames: Mapping[str, str]) -> list[EstimateChange]:
    """Figures whose value changed, appeared or disappeared; a figure of a renamed component is
    the same figure (keys are dotted ids that name the component)."""
    before_figures = {_renamed_key(key, renames): figure for key, figure in old.estimates.items()}
    changes = []
    for key in sorted(before_figures.keys() | new.estimates.keys()):
        a, b = before_figures.get(key), new.estimates.get(key)
        before, after = a.value if a else None, b.value if b else None
        if (before is None and after is None) or (
            before is not None and after is not None and _same(before, after)
        ):
            continue
        either = b or a
        assert either is not None
        changes.append(
            EstimateChange(
                key=key,
                title=either.title,
                unit=either.unit,
                before=before,
                after=after,
                before_shown=a.shown if a and before is not None else None,
                after_shown=b.shown if b and after is not None else None,
            )
        )
    return changes


def _renamed_key(key: str, renames: Mapping[str, str]) -> str:
    return ".".join(renames.get(part, part) for part in key.split("."))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
