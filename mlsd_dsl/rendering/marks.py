"""The change overlay: components and edges marked as added, changed or renamed, and removed ones
drawn as faded ghosts, with a legend.

The renderer is told what to mark (`Marks`); it never compares designs itself. `mlsd diff
--render` builds the marks from its comparison (`mlsd_dsl/diff/draw.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType


class Mark(StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    RENAMED = "renamed"
    REMOVED = "removed"
    UNCHANGED = "unchanged"  # drawn faded, as context for the marked ones

    @property
    def css_class(self) -> str:
        """The class of a marked node or edge in the SVG."""
        return f"mlsd-{self.value}"


@dataclass(frozen=True)
class RemovedComponent:
    """A component of the old design that the new one no longer has: drawn as a ghost."""

    name: str
    kind: Kind
    tech: str | None = None
    group: str | None = None  # the group it was in, drawn there when the group is still there


@dataclass(frozen=True)
class RemovedEdge:
    """An edge of the old design, its ends named as in the new one (or removed components)."""

    source: str
    target: str
    type: EdgeType = EdgeType.DATA
    label: str | None = None


EdgeKey = tuple[str, str, EdgeType]


@dataclass(frozen=True)
class Marks:
    """What to mark on a drawing of a spec. `notes` are short lines shown in a component's label
    (`latency_p99 200ms → 120ms`, `was ranker`); `caption` goes under the title."""

    components: Mapping[str, Mark] = field(default_factory=dict)
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    edges: Mapping[EdgeKey, Mark] = field(default_factory=dict)
    removed: tuple[RemovedComponent, ...] = ()
    removed_edges: tuple[RemovedEdge, ...] = ()
    caption: str | None = None

    @property
    def used(self) -> tuple[Mark, ...]:
        """The marks drawn, in `Mark` order (for the legend)."""
        present = set(self.components.values()) | set(self.edges.values())
        if self.removed or self.removed_edges:
            present.add(Mark.REMOVED)
        return tuple(mark for mark in Mark if mark in present and mark is not Mark.UNCHANGED)
