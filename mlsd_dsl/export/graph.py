"""What the diagram exports draw: nodes, their text, and the clusters they sit in.

Clusters are the spec's groups; a spec without groups is clustered by framework stage
(data → features → training → registry → serving → monitoring), as the renderer does. A component
listed in several groups is drawn in the first, since both Mermaid and D2 nest each node once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.model.schema import EdgeLayer
from mlsd_dsl.model.spec import Component, Edge, Spec
from mlsd_dsl.rendering.scene import GROUP_CLUSTER_PREFIX, SceneCluster, build_scene


@dataclass
class Cluster:
    name: str
    title: str
    members: list[str] = field(default_factory=list)
    is_stage: bool = False


@dataclass
class Layout:
    clusters: list[Cluster]
    loose: list[str]  # components in no cluster
    cluster_of: dict[str, Cluster]


def layout(spec: Spec) -> Layout:
    """The renderer's clusters (`render.scene`), so every diagram of a spec groups it alike."""
    clusters = [
        Cluster(_cluster_name(cluster), cluster.label, list(cluster.members), is_stage=_is_stage(cluster))
        for cluster in build_scene(spec).clusters
    ]
    cluster_of = {member: cluster for cluster in clusters for member in cluster.members}
    loose = [name for name in spec.components if name not in cluster_of]
    return Layout(clusters, loose, cluster_of)


def _cluster_name(cluster: SceneCluster) -> str:
    if _is_stage(cluster) and cluster.stage is not None:
        return cluster.stage.name.lower()
    return cluster.id.removeprefix(GROUP_CLUSTER_PREFIX)


def _is_stage(cluster: SceneCluster) -> bool:
    """A stage cluster, not a declared group (which is coloured by its members' stage)."""
    return not cluster.id.startswith(GROUP_CLUSTER_PREFIX)


def node_lines(component: Component) -> list[str]:
    """The text of a node: its name, what it is, and its label when it has one."""
    what = f"{component.kind.value}: {component.tech}" if component.tech else component.kind.value
    return [component.name, what, *([component.label] if component.label else [])]


def edge_caption(edge: Edge) -> str | None:
    """The edge's label; a feedback or release edge without one is captioned with its type, since
    its line style alone cannot tell a log from a trigger."""
    if edge.label:
        return edge.label
    if edge.type.layer in (EdgeLayer.FEEDBACK, EdgeLayer.RELEASE):
        return edge.type.value
    return None
