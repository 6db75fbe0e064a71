"""A spec as a backend-neutral scene: the nodes, edges and clusters both backends draw.

Components become nodes; declared groups become clusters, and the components outside every
group are clustered by framework stage; `--gaps` adds ghost nodes. A model's stage follows its
role: one trained offline sits in training, one invoked on the request path in serving.

Edges come in layers by their type (`EdgeType`), each drawn in its own style. Edges that run
with the flow place components; an edge against it (a log written back to data, a retrain
trigger, any serving → data edge) has `constraint=False` and is laid out from its target to its
source with the arrow turned round (`style.edge_parts`), so it runs beside the flow instead of
looping back through it. (Measured on the gallery: letting only data edges place components
left serving and monitoring floating; leaving back edges out of the layout, 4× the crossings.) Components no
other edge places are pinned after the previous stage, so a diagram reads data → features →
training → registry → serving → monitoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mlsd_dsl.catalog import lookup
from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import EdgeLayer, EdgeType, ModelStage, Provenance, SectionName
from mlsd_dsl.model.spec import Component, Edge, Spec
from mlsd_dsl.model.values import ListValue, StringValue, Value
from mlsd_dsl.rendering.gaps import Gap, ghost_links
from mlsd_dsl.rendering.marks import Mark, Marks, RemovedComponent, RemovedEdge

SUMMARY_SECTIONS = (SectionName.REQUIREMENTS, SectionName.FRAMING)
GROUP_CLUSTER_PREFIX = "cluster_group_"
# what `feedback=False` hides: logs and triggers
FEEDBACK_EDGE_TYPES = frozenset(edge_type for edge_type in EdgeType if edge_type.layer is EdgeLayer.FEEDBACK)
TRAINED_FROM = frozenset({Kind.DATASET, Kind.PIPELINE})  # a model fed by these is trained offline
DATA_KINDS = frozenset({Kind.SOURCE, Kind.STREAM, Kind.STORAGE, Kind.PROCESSOR, Kind.LABELING})
SERVING_STAGE_KINDS = frozenset(kind for kind, info in KINDS.items() if info.stage is Stage.SERVING)


@dataclass(frozen=True)
class SceneNode:
    id: str
    kind: Kind
    name: str
    tech: str | None = None
    icon: str | None = None
    description: str | None = None
    gap: Gap | None = None
    role_stage: Stage | None = None  # where its role puts it, when that is not its kind's stage
    model_stage: ModelStage | None = None
    baseline: bool = False
    mark: Mark | None = None  # the change overlay: added, changed, renamed, removed (a ghost)
    notes: tuple[str, ...] = ()

    @property
    def stage(self) -> Stage:
        return self.role_stage or KINDS[self.kind].stage


@dataclass(frozen=True)
class SceneEdge:
    source: str
    target: str
    label: str | None = None
    ghost: bool = False
    constraint: bool = True
    invisible: bool = False
    type: EdgeType = EdgeType.DATA
    label_node: str | None = None  # the id of the node that carries the label mid-edge
    mark: Mark | None = None


@dataclass(frozen=True)
class SceneLabel:
    """An edge's label as a node of its own, inside the cluster holding both ends of the edge
    (else outside every cluster), so Graphviz never sets a label on a cluster border."""

    id: str
    text: str
    cluster: str | None
    mark: Mark | None = None  # a removed edge's label is struck through


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
    labels: tuple[SceneLabel, ...] = ()
    marks: Marks | None = None

    @property
    def edge_types(self) -> tuple[EdgeType, ...]:
        """The edge types drawn, in the order `EdgeType` declares them."""
        drawn = {edge.type for edge in self.edges if not edge.invisible and not edge.ghost}
        return tuple(edge_type for edge_type in EdgeType if edge_type in drawn)

    def loose_nodes(self) -> list[SceneNode]:
        clustered = {member for cluster in self.clusters for member in cluster.members}
        return [node for node in self.nodes.values() if node.id not in clustered]


def build_scene(
    spec: Spec, gaps: list[Gap] | None = None, *, feedback: bool = True, marks: Marks | None = None
) -> Scene:
    """`feedback=False` leaves out log and trigger edges (the feedback layer); `marks` overlays
    what changed since another version (removed components as ghosts)."""
    nodes = {name: _component_node(component, spec) for name, component in spec.components.items()}
    ghost_edges: list[SceneEdge] = []
    for gap in gaps or []:
        ghost = _ghost_node(gap, nodes)
        nodes[ghost.id] = ghost
        ghost_edges += _ghost_edges(ghost, spec)
    edges = [_spec_edge(edge, nodes) for edge in spec.edges]
    if marks is not None:
        nodes, edges = _marked(nodes, edges, marks)
    if not feedback:
        edges = [edge for edge in edges if edge.type not in FEEDBACK_EDGE_TYPES]
    edges += ghost_edges
    edges += _rank_hints(nodes, edges)
    clusters = _clusters(spec, nodes, marks)
    edges, labels = _label_nodes(edges, clusters)
    return Scene(
        name=spec.name or "module",
        title=spec.title,
        nodes=nodes,
        clusters=clusters,
        edges=tuple(edges),
        labels=tuple(labels),
        gaps=tuple(gaps or ()),
        summary=_summary(spec),
        kinds=tuple(
            sorted(
                {node.kind for node in nodes.values() if node.mark is not Mark.REMOVED}, key=list(Kind).index
            )
        ),
        marks=marks,
    )


def _marked(
    nodes: dict[str, SceneNode], edges: list[SceneEdge], marks: Marks
) -> tuple[dict[str, SceneNode], list[SceneEdge]]:
    """The nodes and edges with their marks (unmarked ones as unchanged context), plus removed
    components and edges as ghosts."""
    marked = {
        name: replace(node, mark=marks.components.get(name, Mark.UNCHANGED), notes=marks.notes.get(name, ()))
        for name, node in nodes.items()
    }
    for removed in marks.removed:
        if removed.name not in marked:
            marked[removed.name] = _removed_node(removed, marks)
    drawn = [
        replace(edge, mark=marks.edges.get((edge.source, edge.target, edge.type), Mark.UNCHANGED))
        for edge in edges
    ]
    drawn += [
        _removed_edge(edge, marked)
        for edge in marks.removed_edges
        if edge.source in marked and edge.target in marked
    ]
    return marked, drawn


def _removed_node(removed: RemovedComponent, marks: Marks) -> SceneNode:
    technology = lookup(removed.tech)
    return SceneNode(
        id=removed.name,
        kind=removed.kind,
        name=removed.name,
        tech=technology.title if technology else removed.tech,
        mark=Mark.REMOVED,
        notes=marks.notes.get(removed.name, ()),
    )


def _removed_edge(edge: RemovedEdge, nodes: dict[str, SceneNode]) -> SceneEdge:
    """A removed edge places a removed component; between two kept ones it leaves the layout alone."""
    ghost_end = Mark.REMOVED in (nodes[edge.source].mark, nodes[edge.target].mark)
    against_flow = nodes[edge.target].stage.order < nodes[edge.source].stage.order
    return SceneEdge(
        edge.source,
        edge.target,
        edge.label,
        constraint=ghost_end and not against_flow,
        type=edge.type,
        mark=Mark.REMOVED,
    )


def _component_node(component: Component, spec: Spec) -> SceneNode:
    technology = lookup(component.tech)
    model_stage = component.word("stage") if component.kind is Kind.MODEL else None
    return SceneNode(
        id=component.name,
        kind=component.kind,
        name=component.name,
        tech=technology.title if technology else component.tech,
        icon=technology.icon if technology else None,
        description=component.label,
        role_stage=_model_role_stage(component, spec) if component.kind is Kind.MODEL else None,
        model_stage=ModelStage(model_stage) if model_stage in tuple(ModelStage) else None,
        baseline=component.kind is Kind.MODEL and _is_baseline(component),
    )


def _is_baseline(component: Component) -> bool:
    return component.flag("baseline") or component.tech in HEURISTIC_TECHS


def _model_role_stage(model: Component, spec: Spec) -> Stage | None:
    """Serving for a model invoked on the request path and not trained here offline, else None
    (its kind's stage, training). A learned model fed by data is trained on it; rules fed by data
    look it up."""
    kinds = {name: component.kind for name, component in spec.components.items()}
    learns_from = TRAINED_FROM if model.tech in HEURISTIC_TECHS else TRAINED_FROM | DATA_KINDS
    trained = any(kinds.get(source) in learns_from for source in spec.predecessors(model.name))
    if trained or model.word("provenance") not in (None, *_SERVED_PROVENANCES):
        return None
    neighbours = [*spec.predecessors(model.name), *spec.successors(model.name)]
    on_path = model.word("provenance") == Provenance.VENDOR or any(
        kinds.get(name) in SERVING_STAGE_KINDS for name in neighbours
    )
    return Stage.SERVING if on_path else None


_SERVED_PROVENANCES = (Provenance.VENDOR.value, Provenance.PRETRAINED.value)
HEURISTIC_TECHS = frozenset({"heuristic", "rules", "popularity", "bm25"})


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


def _spec_edge(edge: Edge, nodes: dict[str, SceneNode]) -> SceneEdge:
    """The edge as drawn; its type is the compiler's (written, or inferred from the kinds)."""
    against_flow = nodes[edge.target].stage.order < nodes[edge.source].stage.order
    return SceneEdge(edge.source, edge.target, edge.label, constraint=not against_flow, type=edge.type)


def label_id(index: int) -> str:
    """Ids of label nodes contain a dot, which no component name can."""
    return f"label.{index}"


def _label_nodes(
    edges: list[SceneEdge], clusters: tuple[SceneCluster, ...]
) -> tuple[list[SceneEdge], list[SceneLabel]]:
    cluster_of = {member: cluster.id for cluster in clusters for member in cluster.members}
    labelled: list[SceneEdge] = []
    labels: list[SceneLabel] = []
    for edge in edges:
        if not edge.label or edge.invisible or edge.ghost:
            labelled.append(edge)
            continue
        source, target = cluster_of.get(edge.source), cluster_of.get(edge.target)
        cluster = source if source == target else None
        label = SceneLabel(label_id(len(labels)), edge.label, cluster, edge.mark)
        labels.append(label)
        labelled.append(replace(edge, label_node=label.id))
    return labelled, labels


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


def _clusters(
    spec: Spec, nodes: dict[str, SceneNode], marks: Marks | None = None
) -> tuple[SceneCluster, ...]:
    """The declared groups (with the removed components that were in them), then a stage cluster
    for the components outside every group."""
    groups = _group_clusters(spec, nodes, {r.name: r.group for r in marks.removed} if marks else {})
    grouped = {member for cluster in groups for member in cluster.members}
    return groups + _stage_clusters([node for node in nodes.values() if node.id not in grouped])


def _group_clusters(
    spec: Spec, nodes: dict[str, SceneNode], removed_from: dict[str, str | None]
) -> tuple[SceneCluster, ...]:
    placed: set[str] = set()
    clusters = []
    for group in spec.groups:
        members = tuple(name for name in group.members if name not in placed and name in spec.components)
        members += tuple(
            name for name, was_in in removed_from.items() if was_in == group.name and name in nodes
        )
        placed.update(members)
        if members:
            stage = _dominant_stage([nodes[member] for member in members])
            clusters.append(
                SceneCluster(f"{GROUP_CLUSTER_PREFIX}{group.name}", group.label or group.name, stage, members)
            )
    return tuple(clusters)


def _dominant_stage(members: list[SceneNode]) -> Stage:
    """The stage most members belong to (the first member's on a tie): it colours the group."""
    counts = {stage: sum(1 for node in members if node.stage is stage) for stage in Stage}
    return max((node.stage for node in members), key=lambda stage: counts[stage])


def _stage_clusters(nodes: list[SceneNode]) -> tuple[SceneCluster, ...]:
    clusters = []
    for stage in Stage:
        members = tuple(node.id for node in nodes if node.stage is stage)
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
