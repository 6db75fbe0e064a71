"""A spec as a backend-neutral scene: the nodes, edges and clusters both backends draw.

Components become nodes, declared groups (or, when there are none, framework stages) become
clusters, and `--gaps` adds ghost nodes. Layout hints live here too: edges that run against the
flow (serving → data) do not pull ranks, and components no other edge places are pinned after
the previous stage, so a diagram reads left to right: data → features → training → registry →
serving → monitoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.catalog import lookup
from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.spec import Component, Spec
from mlsd_dsl.model.values import ListValue, StringValue, Value
from mlsd_dsl.rendering.gaps import Gap, ghost_links

SUMMARY_SECTIONS = (SectionName.REQUIREMENTS, SectionName.FRAMING)
GROUP_CLUSTER_PREFIX = "cluster_group_"


@dataclass(frozen=True)
class SceneNode:
    id: str
    kind: Kind
    name: str
    tech: str | None = None
    icon: str | None = None
    description: str | None = None
    gap: Gap | None = None

    @property
    def stage(self) -> Stage:
        return KINDS[self.kind].stage


@dataclass(frozen=True)
class SceneEdge:
    source: str
    target: str
    label: str | None = None
    ghost: bool = False
    constraint: bool = True
    invisible: bool = False


@dataclass(frozen=True)
class SceneCluster:
    id: str
    label: str
    stage: Stage | None
    members: tuple[str, ...]


@dataclass(frozen=True)
class Scene:
    name: str
    title: str
    nodes: dict[str, SceneNode]
    clusters: tuple[SceneCluster, ...]
    edges: tuple[SceneEdge, ...]
    gaps: tuple[Gap, ...] = ()
    summary: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    kinds: tuple[Kind, ...] = field(default=())

    def loose_nodes(self) -> list[SceneNode]:
        clustered = {member for cluster in self.clusters for member in cluster.members}
        return [node for node in self.nodes.values() if node.id not in clustered]


def build_scene(spec: Spec, gaps: list[Gap] | None = None) -> Scene:
    nodes = {name: _component_node(component) for name, component in spec.components.items()}
    ghost_edges: list[SceneEdge] = []
    for gap in gaps or []:
        ghost = _ghost_node(gap, nodes)
        nodes[ghost.id] = ghost
        ghost_edges += _ghost_edges(ghost, spec)
    edges = [_spec_edge(edge.source, edge.target, edge.label, nodes) for edge in spec.edges]
    edges += ghost_edges
    edges += _rank_hints(nodes, edges)
    return Scene(
        name=spec.name or "module",
        title=spec.title,
        nodes=nodes,
        clusters=_clusters(spec, nodes),
        edges=tuple(edges),
        gaps=tuple(gaps or ()),
        summary=_summary(spec),
        kinds=tuple(sorted({node.kind for node in nodes.values()}, key=list(Kind).index)),
    )


def _component_node(component: Component) -> SceneNode:
    technology = lookup(component.tech)
    return SceneNode(
        id=component.name,
        kind=component.kind,
        name=component.name,
        tech=technology.title if technology else component.tech,
        icon=technology.icon if technology else None,
        description=component.label,
    )


def _ghost_node(gap: Gap, nodes: dict[str, SceneNode]) -> SceneNode:
    node_id = "gap_" + gap.code.replace("-", "_")
    while node_id in nodes:
        node_id += "_"
    return SceneNode(id=node_id, kind=gap.kind, name=gap.code, description=gap.name, gap=gap)


def _ghost_edges(ghost: SceneNode, spec: Spec) -> list[SceneEdge]:
    assert ghost.gap is not None
    upstream, downstream = ghost_links(ghost.gap, spec)
    into = [SceneEdge(source, ghost.id, ghost=True) for source in upstream]
    out = [SceneEdge(ghost.id, target, ghost=True) for target in downstream]
    return into + out


def _spec_edge(source: str, target: str, label: str | None, nodes: dict[str, SceneNode]) -> SceneEdge:
    against_flow = nodes[target].stage.order < nodes[source].stage.order
    return SceneEdge(source, target, label, constraint=not against_flow)


def _rank_hints(nodes: dict[str, SceneNode], edges: list[SceneEdge]) -> list[SceneEdge]:
    """Invisible edges that place components no layout edge touches after the stage before theirs.

    (Graphviz already pulls a component that only feeds others next to what it feeds.)
    """
    touched = {
        end
        for edge in edges
        if edge.constraint and edge.source != edge.target
        for end in (edge.source, edge.target)
    }
    anchors: dict[Stage, str] = {}
    for node in nodes.values():
        anchors.setdefault(node.stage, node.id)
    hints = []
    for node in nodes.values():
        previous = _previous_anchor(node.stage, anchors)
        if node.id not in touched and previous is not None:
            hints.append(SceneEdge(previous, node.id, invisible=True))
    return hints


def _previous_anchor(stage: Stage, anchors: dict[Stage, str]) -> str | None:
    earlier = [s for s in anchors if s.order < stage.order]
    return anchors[max(earlier, key=lambda s: s.order)] if earlier else None


def _clusters(spec: Spec, nodes: dict[str, SceneNode]) -> tuple[SceneCluster, ...]:
    if spec.groups:
        return _group_clusters(spec)
    return _stage_clusters(nodes)


def _group_clusters(spec: Spec) -> tuple[SceneCluster, ...]:
    placed: set[str] = set()
    clusters = []
    for group in spec.groups:
        members = tuple(name for name in group.members if name not in placed and name in spec.components)
        placed.update(members)
        if members:
            clusters.append(
                SceneCluster(f"{GROUP_CLUSTER_PREFIX}{group.name}", group.label or group.name, None, members)
            )
    return tuple(clusters)


def _stage_clusters(nodes: dict[str, SceneNode]) -> tuple[SceneCluster, ...]:
    clusters = []
    for stage in Stage:
        members = tuple(node.id for node in nodes.values() if node.stage is stage)
        if members:
            clusters.append(SceneCluster(f"cluster_stage_{stage.name.lower()}", stage.title, stage, members))
    return tuple(clusters)


def _summary(spec: Spec) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    sections = []
    for name in SUMMARY_SECTIONS:
        section = spec.section(name)
        if section is not None and section.attributes:
            rows = tuple((key, value_text(attribute.value)) for key, attribute in section.attributes.items())
            sections.append((name.value.capitalize(), rows))
    return tuple(sections)


def value_text(value: Value) -> str:
    """An attribute value as a reader would write it: strings unquoted, lists comma-separated."""
    if isinstance(value, StringValue):
        return value.value
    if isinstance(value, ListValue):
        return ", ".join(value_text(item) for item in value.items)
    return value.raw
