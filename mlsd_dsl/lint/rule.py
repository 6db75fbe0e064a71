"""What a lint rule is, what it finds, and the registry every rule joins when it is defined."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from inspect import cleandoc
from typing import TYPE_CHECKING

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.span import Span

if TYPE_CHECKING:
    from mlsd_dsl.lint.context import LintContext


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: what, where, and the component it concerns (for suppression scope)."""

    message: str
    span: Span
    subject: str | None = None


Check = Callable[["LintContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A lint rule: its identity, its documentation (with runnable examples) and its check.

    `step` is None for rules about the spec itself rather than a framework step (graph hygiene,
    suppressions). `missing` is set when a finding means a component of that kind is absent; the
    renderer's gap overlay draws a ghost node of that kind for it.
    """

    code: str
    name: str
    step: Step | None
    severity: Severity
    title: str
    rationale: str
    fix: str
    bad: str
    good: str
    check: Check | None = field(default=None, repr=False, compare=False)
    missing: Kind | None = None
    applies_to_modules: bool = False

    @property
    def prefix(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def group(self) -> str:
        """The heading a rule is listed under: its step's title, or the hygiene group."""
        if self.step is not None:
            return f"{self.step.number}. {self.step.title}"
        return HYGIENE_GROUPS[self.prefix]


HYGIENE_GROUPS: dict[str, str] = {"GRAPH": "Graph hygiene", "SUP": "Suppressions"}

_REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    step: Step | None,
    severity: Severity,
    title: str,
    rationale: str,
    fix: str,
    bad: str,
    good: str,
    missing: Kind | None = None,
    applies_to_modules: bool = False,
) -> Callable[[Check], Check]:
    """Register the decorated check as a rule; the texts are dedented like docstrings."""

    def register(check: Check) -> Check:
        register_rule(
            Rule(
                code=code,
                name=name,
                step=step,
                severity=severity,
                title=title,
                rationale=cleandoc(rationale),
                fix=fix,
                bad=cleandoc(bad) + "\n",
                good=cleandoc(good) + "\n",
                check=check,
                missing=missing,
                applies_to_modules=applies_to_modules,
            )
        )
        return check

    return register


def register_rule(new_rule: Rule) -> None:
    for existing in _REGISTRY.values():
        if existing.code == new_rule.code or existing.name == new_rule.name:
            raise ValueError(
                f"rule {new_rule.code} {new_rule.name} clashes with {existing.code} {existing.name}"
            )
    _REGISTRY[new_rule.code] = new_rule


def registered_rules() -> dict[str, Rule]:
    return _REGISTRY
