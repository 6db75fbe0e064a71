"""The `--gaps` overlay: lint findings that report a missing component, as ghost nodes.

A rule whose `missing` is a kind ("no monitoring" → monitor) becomes one dashed ghost node of
that kind, placed in its stage and wired as the kind's record says (`GhostWiring`). The renderer
is given the findings; it never runs the linter itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.spec import Spec

MAX_LINKS_PER_SIDE = 3


class GapRule(Protocol):
    """What the overlay needs from a lint rule."""

    @property
    def name(self) -> str: ...

    @property
    def missing(self) -> Kind | None: ...


RuleLookup = Callable[[str], GapRule | None]


@dataclass(frozen=True)
class Gap:
    """A missing component: the rule that found it and the kind it would be."""

    code: str
    name: str
    kind: Kind


def find_gaps(findings: Iterable[Diagnostic], rule_of: RuleLookup | None = None) -> list[Gap]:
    """One gap per rule whose findings report a missing component, in flow order."""
    if rule_of is None:
        from mlsd_dsl.lint.registry import get_rule

        rule_of = get_rule
    gaps: dict[str, Gap] = {}
    for finding in findings:
        rule = rule_of(finding.code)
        if rule is not None and rule.missing is not None and finding.code not in gaps:
            gaps[finding.code] = Gap(finding.code, rule.name, rule.missing)
    return sorted(gaps.values(), key=lambda gap: (KINDS[gap.kind].stage.order, gap.code))


def ghost_links(gap: Gap, spec: Spec) -> tuple[list[str], list[str]]:
    """The components a ghost is linked from and to."""
    wiring = KINDS[gap.kind].ghost
    return _first_present(spec, wiring.receives_from), _first_present(spec, wiring.feeds)


def _first_present(spec: Spec, kinds: tuple[Kind, ...]) -> list[str]:
    for kind in kinds:
        names = [component.name for component in spec.of_kind(kind)]
        if names:
            return names[:MAX_LINKS_PER_SIDE]
    return []
