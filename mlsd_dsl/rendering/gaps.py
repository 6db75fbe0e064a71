"""The `--gaps` overlay: lint findings that report a missing component, as ghost nodes.

A rule whose `missing` is a kind ("no monitoring" → monitor) becomes one dashed ghost node of
that kind, placed in its stage and linked to the components it would sit between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.model.framework import KIND_STAGE
from mlsd_dsl.model.schema import Kind
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.rendering.options import RenderError

K = Kind

# Where a missing component of a kind would sit: kinds it receives from, kinds it feeds.
# The first kind in each tuple that the spec has is the one linked.
GHOST_LINKS: dict[Kind, tuple[tuple[Kind, ...], tuple[Kind, ...]]] = {
    K.CLIENT: ((), (K.SERVING,)),
    K.SOURCE: ((), (K.STREAM, K.STORAGE, K.PROCESSOR, K.DATASET)),
    K.STREAM: ((K.SOURCE,), (K.PROCESSOR, K.STORAGE)),
    K.STORAGE: ((K.STREAM, K.SOURCE), (K.PROCESSOR, K.DATASET)),
    K.PROCESSOR: ((K.STORAGE, K.STREAM, K.SOURCE), (K.DATASET, K.FEATURE_STORE)),
    K.LABELING: ((K.SERVING, K.SOURCE, K.STORAGE), (K.DATASET,)),
    K.DATASET: ((K.LABELING, K.PROCESSOR, K.STORAGE, K.SOURCE), (K.PIPELINE, K.MODEL)),
    K.FEATURE_STORE: ((K.PROCESSOR, K.STREAM, K.STORAGE), (K.SERVING, K.MODEL)),
    K.MODEL: ((K.DATASET, K.PIPELINE), (K.SERVING, K.REGISTRY)),
    K.PIPELINE: ((K.DATASET, K.FEATURE_STORE), (K.MODEL, K.REGISTRY)),
    K.REGISTRY: ((K.PIPELINE, K.MODEL), (K.SERVING,)),
    K.VECTOR_DB: ((K.MODEL,), (K.SERVING,)),
    K.SEARCH_INDEX: ((K.STORAGE, K.PROCESSOR), (K.SERVING,)),
    K.SERVING: ((K.REGISTRY, K.MODEL), (K.CLIENT,)),
    K.CACHE: ((K.SERVING,), ()),
    K.MONITOR: ((K.SERVING, K.MODEL), ()),
}
MAX_LINKS_PER_SIDE = 3


class GapRule(Protocol):
    """What the overlay needs from a lint rule."""

    name: str

    @property
    def missing(self) -> Kind | None: ...


Linter = Callable[[Spec], list[Diagnostic]]
RuleLookup = Callable[[str], GapRule]


@dataclass(frozen=True)
class Gap:
    """A missing component: the rule that found it and the kind it would be."""

    code: str
    name: str
    kind: Kind


def find_gaps(spec: Spec, lint: Linter | None = None, rule_of: RuleLookup | None = None) -> list[Gap]:
    """One gap per rule whose findings report a missing component, in flow order."""
    if lint is None or rule_of is None:
        lint, rule_of = _the_linter()
    gaps: dict[str, Gap] = {}
    for finding in lint(spec):
        missing = _missing_kind(finding.code, rule_of)
        if missing is not None and finding.code not in gaps:
            gaps[finding.code] = Gap(finding.code, _rule_name(finding.code, rule_of), missing)
    return sorted(gaps.values(), key=lambda gap: (KIND_STAGE[gap.kind].order, gap.code))


def _the_linter() -> tuple[Linter, RuleLookup]:
    """The real linter, configured as `mlsd check` is for the spec's folder (rules, suppressions)."""
    try:
        from mlsd_dsl.lint import ConfigError, find_config, get_rule, lint_spec
    except ImportError as problem:
        raise RenderError(f"--gaps needs the linter (mlsd_dsl.lint), which could not be loaded: {problem}") from None

    def lint(spec: Spec) -> list[Diagnostic]:
        try:
            config = find_config(spec.path)
        except ConfigError as problem:
            raise RenderError(f"--gaps: {problem}") from None
        return lint_spec(spec, config)

    return lint, get_rule


def _missing_kind(code: str, rule_of: RuleLookup) -> Kind | None:
    try:
        return rule_of(code).missing
    except (KeyError, LookupError):  # a language diagnostic, not a lint rule
        return None


def _rule_name(code: str, rule_of: RuleLookup) -> str:
    return rule_of(code).name


def ghost_links(gap: Gap, spec: Spec) -> tuple[list[str], list[str]]:
    """The components a ghost is linked from and to."""
    upstream_kinds, downstream_kinds = GHOST_LINKS[gap.kind]
    return _first_present(spec, upstream_kinds), _first_present(spec, downstream_kinds)


def _first_present(spec: Spec, kinds: tuple[Kind, ...]) -> list[str]:
    for kind in kinds:
        names = [component.name for component in spec.of_kind(kind)]
        if names:
            return names[:MAX_LINKS_PER_SIDE]
    return []
