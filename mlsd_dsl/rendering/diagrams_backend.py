"""The icon backend: the scene drawn with mingrammer `diagrams` and real technology icons.

Nodes get ids from spec names (never diagrams' random uuids) and icons are referenced by their
portable path under diagrams' resources folder; the SVG output embeds them as data URIs.
Each node is the icon beside the same label the graphviz backend draws.
"""

from __future__ import annotations

import contextvars
import html
from typing import TYPE_CHECKING

from mlsd_dsl.rendering import style
from mlsd_dsl.rendering.icons import Icon, generic_icon, has_tech_icon, icon_for
from mlsd_dsl.rendering.labels import LINE_BREAK, escape, font
from mlsd_dsl.rendering.marks import Mark
from mlsd_dsl.rendering.options import RenderOptions
from mlsd_dsl.rendering.scene import Scene, SceneNode
from mlsd_dsl.rendering.themes import THEMES, Theme

if TYPE_CHECKING:
    from diagrams import Diagram, Node

    from mlsd_dsl.rendering import Drawing

ICON_SIZE = 48
LEGEND_ICON_SIZE = 28
ICONS_COMMENT = (
    "icon paths are relative to the folder holding diagrams' resources/ or mlsd's glyphs/: "
    "dot -Gimagepath=\"$(python -c 'import diagrams, pathlib, mlsd_dsl.rendering as r; "
    'print(pathlib.Path(diagrams.__file__).parent.parent, pathlib.Path(r.__file__).parent, sep=":")\')"'
)
ICON_NODE_DEFAULTS = {
    "shape": "plain",
    "fixedsize": "false",
    "width": "0",
    "height": "0",
    "style": "",
    "labelloc": "c",
    "imagescale": "false",
}


def build_icon_graph(scene: Scene, options: RenderOptions) -> Drawing:
    """Draw in a copied context, so diagrams' global "current diagram" never leaks."""
    return contextvars.copy_context().run(_draw, scene, options)


def _draw(scene: Scene, options: RenderOptions) -> Drawing:
    from diagrams import Diagram

    from mlsd_dsl.rendering import Drawing

    theme = THEMES[options.theme]
    diagram = Diagram(
        name=scene.name,
        direction=options.rankdir,
        show=False,
        graph_attr=style.graph_attributes(scene, options, theme),
        node_attr={**style.node_defaults(theme), **ICON_NODE_DEFAULTS},
        edge_attr=style.edge_defaults(theme),
    )
    diagram.__enter__()  # only sets the context; leaving it would render to a file
    diagram.dot.comment = ICONS_COMMENT
    icons: dict[str, Icon] = {}
    if options.summary and scene.summary:
        from mlsd_dsl.rendering.graphviz_backend import add_summary

        add_summary(diagram.dot, scene, theme)
    nodes = _add_nodes(scene, theme, icons, above=options.rankdir == "LR")
    _add_edges(scene, theme, diagram, nodes)
    if options.legend:
        _add_legend(diagram, scene, options, theme, icons)
    if scene.marks is not None and scene.marks.used:
        from mlsd_dsl.rendering.graphviz_backend import add_change_legend

        add_change_legend(diagram.dot, scene, theme)
    roots = tuple(sorted({icon.root for icon in icons.values()}))
    return Drawing(diagram.dot, {ref: icon.file for ref, icon in icons.items()}, roots)


def _add_nodes(scene: Scene, theme: Theme, icons: dict[str, Icon], above: bool) -> dict[str, Node]:
    from diagrams import Cluster, Node

    nodes: dict[str, Node] = {}
    for cluster in scene.clusters:
        attributes = style.cluster_attributes(cluster, theme)
        with Cluster(cluster.id.removeprefix("cluster_"), graph_attr=attributes):
            for member in cluster.members:
                nodes[member] = _node(scene.nodes[member], theme, icons, above)
            for label in scene.labels:
                if label.cluster == cluster.id:
                    nodes[label.id] = Node(nodeid=label.id, **style.label_node_attributes(label, theme))
    for node in scene.loose_nodes():
        nodes[node.id] = _node(node, theme, icons, above)
    for label in scene.labels:
        if label.cluster is None:
            nodes[label.id] = Node(nodeid=label.id, **style.label_node_attributes(label, theme))
    return nodes


def _node(node: SceneNode, theme: Theme, icons: dict[str, Icon], above: bool = False) -> Node:
    from diagrams import Node

    if node.gap is not None:
        return Node(nodeid=node.id, **style.ghost_attributes(node, theme))
    if node.mark is Mark.REMOVED:
        return Node(nodeid=node.id, **style.removed_attributes(node, theme))
    icon = icon_for(node)
    icons[icon.reference] = icon
    label = icon_label(icon, style.marked_label_lines(node, theme), ICON_SIZE, theme, above)
    return Node(nodeid=node.id, label=label)


def icon_label(icon: Icon, lines: list[str], size: int, theme: Theme, above: bool = False) -> str:
    """The icon in a fixed-size cell beside the text lines, or `above` them, on the theme's plate
    if it has one. Beside keeps a rank of a top-to-bottom diagram short; above keeps a rank of a
    left-to-right one narrow."""
    image = f'<IMG SRC="{html.escape(icon.reference)}" SCALE="TRUE"/>'
    plate = f' BGCOLOR="{theme.icon_plate}"' if theme.icon_plate else ""
    icon_cell = f'<TD FIXEDSIZE="TRUE" WIDTH="{size}" HEIGHT="{size}"{plate}>{image}</TD>'
    text_cell = f"<TD>{LINE_BREAK.join(lines)}</TD>"
    rows = f"<TR>{icon_cell}</TR><TR>{text_cell}</TR>" if above else f"<TR>{icon_cell}{text_cell}</TR>"
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{rows}</TABLE>>'


def _add_edges(scene: Scene, theme: Theme, diagram: Diagram, nodes: dict[str, Node]) -> None:
    from diagrams import Edge

    for index, edge in enumerate(scene.edges):
        for source, target, part in style.edge_parts(edge, theme, index):
            attributes = {**style.edge_defaults(theme), **part}
            direction = attributes.pop("dir", "forward")  # diagrams sets `dir` from these two
            forward, reverse = direction in ("forward", "both"), direction in ("back", "both")
            drawn = Edge(forward=forward, reverse=reverse, **attributes)
            diagram.connect(nodes[source], nodes[target], drawn)


def _add_legend(
    diagram: Diagram, scene: Scene, options: RenderOptions, theme: Theme, icons: dict[str, Icon]
) -> None:
    from mlsd_dsl.rendering.graphviz_backend import add_legend

    entries: list[tuple[str, style.Attributes]] = []
    for key, (icon, words) in _generic_icons_drawn(scene).items():
        icons[icon.reference] = icon
        label = icon_label(icon, [_legend_text(words)], LEGEND_ICON_SIZE, theme)
        entries.append((style.legend_id(key), {"label": label}))
    if scene.gaps:
        entries.append((style.legend_id("gap"), style.legend_ghost_attributes(theme)))
    add_legend(diagram.dot, entries + style.edge_key_entries(scene, theme), options, theme)


def _generic_icons_drawn(scene: Scene) -> dict[str, tuple[Icon, str]]:
    """The generic icons the diagram shows (a technology's own icon needs no key), with their
    meaning, in the order they are first drawn."""
    drawn: dict[str, tuple[Icon, str]] = {}
    for node in scene.nodes.values():
        if node.gap is None and not has_tech_icon(node.icon):
            icon, words = generic_icon(node)
            drawn.setdefault(icon.reference.replace("/", "_"), (icon, words))
    return drawn


def _legend_text(words: str) -> str:
    return font(escape(words), size=style.DETAIL_SIZE)
