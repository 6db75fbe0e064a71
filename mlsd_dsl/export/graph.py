"""What the diagram exports draw: nodes, their text, and the clusters they sit in.

Clusters are the spec's groups; a spec without groups is clustered by framework stage
(data → features → training → registry → serving → monitoring), as the renderer does. A component
listed in several groups is drawn in the first, since both Mermaid and D2 nest each node once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.model.framework import KIND_STAGE, Stage
from mlsd_dsl.model.spec import Component, Spec


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
    clusters = _group_clusters(spec) if spec.groups else _stage_clusters(spec)
    cluster_of = {member: cluster for cluster in clusters for member in cluster.members}
    loose = [name for name in spec.components if name not in cluster_of]
    return Layout(clusters, loose, cluster_of)


def _group_clusters(spec: Spec) -> list[Cluster]:
    placed: set[str] = set()
    clusters = []
    for group in spec.groups:
        members = [m for m in group.members if m in spec.components and m not in placed]
        placed.update(members)
        clusters.append(Cluster(group.name, group.label or group.name, members))
    return clusters


def _stage_clusters(spec: Spec) -> list[Cluster]:
    by_stage: dict[Stage, list[str]] = {}
    for component in spec.components.values():
        by_stage.setdefault(KIND_STAGE[component.kind], []).append(component.name)
    return [
        Cluster(stage.name.lower(), stage.title, members, is_stage=True)
        for stage, members in sorted(by_stage.items(), key=lambda item: item[0].order)
    ]


def node_lines(component: Component) -> list[str]:
    """The text of a node: its name, what it is, and its label when it has one."""
    what = f"{component.kind.value}: {component.tech}" if component.tech else component.kind.value
    return [component.name, what, *([component.label] if component.label else [])]
