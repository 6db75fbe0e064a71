"""Which component of the old design is which of the new: same name, else a rename.

A component missing from the new design and one new to it are the same component renamed when
they are alike enough: the same kind, and a similarity of at least `RENAME_THRESHOLD` over what
else describes them — technology, label, attributes (typed, `0.2s` is `200ms`) and edges (whose
other ends are matched first). Pairs are taken best first, each component at most once, and the
edges are compared again once the renames found so far are known, so a chain of renamed
neighbours is found too. Ties are broken by the names, the same way whichever side is "old", so
diff(a, b) and diff(b, a) pair the same components.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from mlsd_dsl.diff.values import Canonical, canonical
from mlsd_dsl.model.spec import Component, Spec

RENAME_THRESHOLD = 0.5
WEIGHTS = {"tech": 0.3, "label": 0.1, "attributes": 0.3, "edges": 0.3}
MAX_ROUNDS = 3
MAX_PAIRS_PER_KIND = 250_000  # beyond this, only exact look-alikes are paired (very large specs)

T = TypeVar("T")
Neighbour = tuple[str, str, str]  # direction, other end, edge type


@dataclass(frozen=True)
class Match:
    """Old name → new name for every component on both sides, and the similarity of renames."""

    names: dict[str, str]
    similarity: dict[str, float]  # by old name, renamed components only

    @property
    def renames(self) -> dict[str, str]:
        return {old: new for old, new in self.names.items() if old != new}


def match_components(old: Spec, new: Spec) -> Match:
    same = {name: name for name in old.components if name in new.components}
    renames: dict[str, str] = {}
    scores: dict[str, float] = {}
    for _ in range(MAX_ROUNDS):
        found = _renames(old, new, same | renames)
        if {o: n for o, n, _ in found} == renames:
            break
        renames = {o: n for o, n, _ in found}
        scores = {o: score for o, _, score in found}
    return Match(same | renames, scores)


def _renames(old: Spec, new: Spec, anchors: Mapping[str, str]) -> list[tuple[str, str, float]]:
    """The best one-to-one pairs of unmatched components at or above the threshold."""
    gone = [c for name, c in old.components.items() if name not in new.components]
    fresh = [c for name, c in new.components.items() if name not in old.components]
    old_neighbours = _neighbours(old, anchors)
    new_neighbours = _neighbours(new, {})
    candidates: list[tuple[float, tuple[str, str], str, str]] = []
    for kind in {c.kind for c in gone} & {c.kind for c in fresh}:
        before = [c for c in gone if c.kind is kind]
        after = [c for c in fresh if c.kind is kind]
        if len(before) * len(after) > MAX_PAIRS_PER_KIND:
            continue
        for a in before:
            for b in after:
                score = similarity(a, b, old_neighbours.get(a.name, set()), new_neighbours.get(b.name, set()))
                if score >= RENAME_THRESHOLD:
                    candidates.append((score, _tie_break(a.name, b.name), a.name, b.name))
    candidates.sort(key=lambda item: (-item[0], item[1]))
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    pairs = []
    for score, _, old_name, new_name in candidates:
        if old_name not in taken_old and new_name not in taken_new:
            taken_old.add(old_name)
            taken_new.add(new_name)
            pairs.append((old_name, new_name, round(score, 3)))
    return sorted(pairs)


def _tie_break(first: str, second: str) -> tuple[str, str]:
    low, high = sorted((first, second))
    return low, high


def similarity(a: Component, b: Component, a_edges: set[Neighbour], b_edges: set[Neighbour]) -> float:
    """How alike two components of one kind are, 0-1, over the signals either side has (none: 0)."""
    signals: dict[str, float] = {}
    if a.tech or b.tech:
        signals["tech"] = float(a.tech == b.tech)
    if a.label or b.label:
        signals["label"] = float(a.label == b.label)
    attributes_a, attributes_b = _attribute_set(a), _attribute_set(b)
    if attributes_a or attributes_b:
        signals["attributes"] = _jaccard(attributes_a, attributes_b)
    if a_edges or b_edges:
        signals["edges"] = _jaccard(a_edges, b_edges)
    total = sum(WEIGHTS[name] for name in signals)
    return sum(WEIGHTS[name] * value for name, value in signals.items()) / total if total else 0.0


def _attribute_set(component: Component) -> set[tuple[str, Canonical]]:
    return {(key, canonical(attribute.value)) for key, attribute in component.attributes.items()}


def _neighbours(spec: Spec, names: Mapping[str, str]) -> dict[str, set[Neighbour]]:
    """Each component's edges as (direction, other end, type), other ends under their matched names."""
    found: dict[str, set[Neighbour]] = {}
    for edge in spec.edges:
        source, target = names.get(edge.source, edge.source), names.get(edge.target, edge.target)
        found.setdefault(edge.source, set()).add(("out", target, edge.type.value))
        found.setdefault(edge.target, set()).add(("in", source, edge.type.value))
    return found


def _jaccard(a: set[T], b: set[T]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0
