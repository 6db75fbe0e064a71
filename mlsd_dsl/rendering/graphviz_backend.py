"""The default backend: the scene as a `graphviz.Digraph` with a shape and colour per kind."""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from mlsd_dsl.rendering import style
from mlsd_dsl.rendering.options import RenderOptions
from mlsd_dsl.rendering.scene import Scene, SceneNode
from mlsd_dsl.rendering.themes import THEMES, Theme

if TYPE_CHECKING:
    import graphviz

SUMMARY_NODE = "mlsd.summary"  # a dot: no spec name can take it
LEGEND_RANKS = {"LR": 2, "TB": 3}


def build_graph(scene: Scene, options: RenderOptions) -> graphviz.Digraph:
    import graphviz

    theme = THEMES[options.theme]
    graph = graphviz.Digraph(
        name=scene.name,
        graph_attr=style.graph_attributes(scene, options, theme),
        node_attr=style.node_defaults(theme),
        edge_attr=style.edge_defaults(theme),
    )
    add_scene(graph, scene, options, theme)
    return graph


def _node_attributes(node: SceneNode, theme: Theme) -> style.Attributes:
    if node.gap is not None:
        return style.ghost_attributes(node, theme)
    return style.component_attributes(node, theme)


def add_scene(graph: graphviz.Digraph, scene: Scene, options: RenderOptions, theme: Theme) -> None:
    """Clusters, nodes, edges and the optional extras, in a stable order."""
    if options.summary and scene.summary:
        add_summary(graph, scene, theme)
    for cluster in scene.clusters:
        with graph.subgraph(name=cluster.id) as subgraph:
            subgraph.attr(**style.cluster_attributes(cluster, theme))
            for member in cluster.members:
                subgraph.node(member, **_node_attributes(scene.nodes[member], theme))
            for label in scene.labels:
                if label.cluster == cluster.id:
                    subgraph.node(label.id, **style.label_node_attributes(label, theme))
    for node in scene.loose_nodes():
        graph.node(node.id, **_node_attributes(node, theme))
    for label in scene.labels:
        if label.cluster is None:
            graph.node(label.id, **style.label_node_attributes(label, theme))
    for index, edge in enumerate(scene.edges):
        for source, target, attributes in style.edge_parts(edge, theme, index):
            graph.edge(source, target, **attributes)
    if options.legend:
        add_legend(graph, style.legend_entries(scene, theme), options, theme)
    if scene.marks is not None and scene.marks.used:
        add_change_legend(graph, scene, theme)


def add_change_legend(graph: graphviz.Digraph, scene: Scene, theme: Theme) -> None:
    with graph.subgraph(name=style.CHANGE_LEGEND.id) as legend:
        legend.attr(**style.cluster_attributes(style.CHANGE_LEGEND, theme))
        legend.node(style.legend_id("changes"), **style.change_legend_attributes(scene, theme))


def add_summary(graph: graphviz.Digraph, scene: Scene, theme: Theme) -> None:
    with graph.subgraph() as column:
        column.attr(rank="min")
        column.node(SUMMARY_NODE, **style.summary_attributes(scene, theme))


def add_legend(
    graph: graphviz.Digraph, entries: list[tuple[str, style.Attributes]], options: RenderOptions, theme: Theme
) -> None:
    """The legend's sample nodes: two columns left to right, one row top to bottom.

    Legend ranks are shared with the diagram, so a second row top to bottom would sit as far
    below the first as the diagram's tallest node in that rank.
    """
    per_rank = max(1, math.ceil(len(entries) / LEGEND_RANKS[options.rankdir]))
    ranks = [entries[start : start + per_rank] for start in range(0, len(entries), per_rank)]
    with graph.subgraph(name=style.LEGEND.id) as legend:
        legend.attr(**style.cluster_attributes(style.LEGEND, theme))
        for rank in ranks:
            with legend.subgraph() as same_rank:
                same_rank.attr(rank="same")
                for node_id, attributes in rank:
                    same_rank.node(node_id, **attributes)
        for before, after in itertools.pairwise(ranks):
            legend.edge(before[0][0], after[0][0], style="invis")
