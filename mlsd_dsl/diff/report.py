"""What `mlsd diff` reports: the semantic difference between two versions of a set of specs.

These models are the JSON form (`mlsd diff --format json`) and its schema (`mlsd schema diff`);
the text and Markdown formats read them too. Lists are sorted, so equal inputs give equal output.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

DIFF_FORMAT = 1  # bumped when a field changes meaning or disappears


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Change(_Model):
    """One value before and after (None: not set on that side), as written in the spec."""

    key: str
    before: str | None
    after: str | None


class ComponentRef(_Model):
    name: str
    kind: str
    tech: str | None = None


class Rename(_Model):
    old: str
    new: str
    kind: str
    similarity: float = Field(
        description="How alike the two were (kind, technology, attributes, edges), 0-1."
    )


class ComponentChange(_Model):
    """A component present on both sides (under its new name when renamed) whose facts changed."""

    name: str
    kind: str
    renamed_from: str | None = None
    fields: list[Change] = Field(default_factory=list, description="kind, tech and label")
    attributes: list[Change] = Field(default_factory=list)


class EdgeRef(_Model):
    source: str
    target: str
    type: str
    label: str | None = None


class EdgeChange(_Model):
    source: str
    target: str
    type: str
    changes: list[Change] = Field(default_factory=list, description="label and edge attributes")


class Status(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class GroupChange(_Model):
    name: str
    status: Status
    label: Change | None = None
    members_added: list[str] = Field(default_factory=list)
    members_removed: list[str] = Field(default_factory=list)


class SectionChange(_Model):
    name: str
    status: Status
    attributes: list[Change] = Field(default_factory=list)


class StepChange(_Model):
    """One framework step's coverage before and after (None: that side has no coverage)."""

    step: int
    title: str
    before: str | None
    after: str | None
    findings_before: list[str] = Field(default_factory=list)
    findings_after: list[str] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after


class FindingRef(_Model):
    code: str
    severity: str
    message: str
    subject: str | None = None
    name: str | None = None
    file: str
    line: int | None = None
    column: int | None = None


class EstimateChange(_Model):
    key: str
    title: str
    unit: str | None = None
    before: float | None
    after: float | None
    before_shown: str | None = Field(
        default=None, description="`before` as `mlsd estimate` prints it, e.g. '$7.01k/day'"
    )
    after_shown: str | None = Field(
        default=None, description="`after` as `mlsd estimate` prints it, e.g. '$7.01k/day'"
    )


class SpecStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    INVALID = "invalid"  # invalid at one revision or both: its errors are reported instead of a diff


class SpecDiff(_Model):
    """The difference of one spec file. An added file is compared with nothing (everything in it is
    added), a removed file the other way round."""

    path: str
    system: str | None = None
    status: SpecStatus
    errors_before: list[FindingRef] = Field(default_factory=list, description="language errors, when invalid")
    errors_after: list[FindingRef] = Field(default_factory=list, description="language errors, when invalid")
    fields: list[Change] = Field(default_factory=list, description="the system's name, label and imports")
    components_added: list[ComponentRef] = Field(default_factory=list)
    components_removed: list[ComponentRef] = Field(default_factory=list)
    components_renamed: list[Rename] = Field(default_factory=list)
    components_changed: list[ComponentChange] = Field(default_factory=list)
    edges_added: list[EdgeRef] = Field(default_factory=list)
    edges_removed: list[EdgeRef] = Field(default_factory=list)
    edges_changed: list[EdgeChange] = Field(default_factory=list)
    groups: list[GroupChange] = Field(default_factory=list)
    sections: list[SectionChange] = Field(default_factory=list)
    coverage: list[StepChange] = Field(
        default_factory=list, description="every step, when a side has coverage"
    )
    findings_introduced: list[FindingRef] = Field(default_factory=list)
    findings_fixed: list[FindingRef] = Field(default_factory=list)
    estimates: list[EstimateChange] = Field(default_factory=list)

    @property
    def design_changed(self) -> bool:
        """Whether the design itself changed (not only what the linter says of it)."""
        return any(
            (
                self.fields,
                self.components_added,
                self.components_removed,
                self.components_renamed,
                self.components_changed,
                self.edges_added,
                self.edges_removed,
                self.edges_changed,
                self.groups,
                self.sections,
            )
        )

    @property
    def has_changes(self) -> bool:
        """Anything to report; a spec invalid before and after with the same errors has none."""
        if self.status is SpecStatus.INVALID:
            return _error_keys(self.errors_before) != _error_keys(self.errors_after)
        return self.status is not SpecStatus.UNCHANGED

    @property
    def new_errors(self) -> list[FindingRef]:
        """Language errors of the new version that the old one did not have."""
        known = _error_keys(self.errors_before)
        return [error for error in self.errors_after if (error.code, error.message) not in known]


def _error_keys(errors: list[FindingRef]) -> set[tuple[str, str]]:
    return {(error.code, error.message) for error in errors}


class Summary(_Model):
    specs_added: int = 0
    specs_removed: int = 0
    specs_changed: int = 0
    specs_invalid: int = 0
    specs_unchanged: int = 0
    findings_introduced: int = 0
    findings_fixed: int = 0


class DiffReport(_Model):
    """Every spec compared between two versions: `old` and `new` say which (paths or revisions)."""

    format: int = DIFF_FORMAT
    version: str
    old: str
    new: str
    specs: list[SpecDiff]
    summary: Summary

    @property
    def changed_specs(self) -> list[SpecDiff]:
        return [spec for spec in self.specs if spec.has_changes]


def summarise(specs: list[SpecDiff]) -> Summary:
    """Counts by status; a spec invalid at both versions with the same errors counts as unchanged."""

    def count(status: SpecStatus) -> int:
        return sum(1 for spec in specs if spec.status is status and spec.has_changes)

    return Summary(
        specs_added=count(SpecStatus.ADDED),
        specs_removed=count(SpecStatus.REMOVED),
        specs_changed=count(SpecStatus.CHANGED),
        specs_invalid=count(SpecStatus.INVALID),
        specs_unchanged=sum(1 for spec in specs if not spec.has_changes),
        findings_introduced=sum(len(spec.findings_introduced) for spec in specs),
        findings_fixed=sum(len(spec.findings_fixed) for spec in specs),
    )
