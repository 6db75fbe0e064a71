"""Graphviz attributes for every element of a scene, shared by both backends."""

from __future__ import annotations

from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.rendering.labels import bold, clipped, escape, font, html_label, italic, wrapped
from mlsd_dsl.rendering.options import RenderOptions
from mlsd_dsl.rendering.scene import Scene, SceneCluster, SceneEdge, SceneNode
from mlsd_dsl.rendering.themes import SHAPES, Theme

Attributes = dict[str, str]
LEGEND = SceneCluster("cluster_legend", "Legend", None, ())

TITLE_SIZE = 20
NAME_SIZE = 12
DETAIL_SIZE = 9.5
SUMMARY_VALUE_LIMIT = 80  # characters of one requirement or framing value in the summary box
DESCRIPTION_SIZE = 9
EDGE_LABEL_SIZE = 9
CLUSTER_LABEL_SIZE = 12
# From this many nodes, clustered diagrams are ranked with `newrank`: dot's default ranking of
# clusters slows down sharply and can fail ("trouble in init_rank") near 1,000 nodes, while newrank
# ranks the whole graph at once (docs/performance.md). Smaller diagrams keep their current layout.
NEWRANK_NODES = 300


def kind_words(kind: Kind) -> str:
    return kind.value.replace("_", " ")


def graph_attributes(scene: Scene, options: RenderOptions, theme: Theme) -> Attributes:
    return {
        "rankdir": options.direction,
        "bgcolor": theme.background,
        "fontname": theme.fontname,
        "fontcolor": theme.text,
        "label": title_label(scene, theme),
        "labelloc": "t",
        "pad": "0.3",
        "nodesep": "0.3",
        "ranksep": "0.5",
        "splines": "spline",
        "outputorder": "edgesfirst",
    } | ({"newrank": "true"} if needs_newrank(scene) else {})


def needs_newrank(scene: Scene) -> bool:
    return bool(scene.clusters) and len(scene.nodes) >= NEWRANK_NODES


def title_label(scene: Scene, theme: Theme) -> str:
    title = font(bold(escape(scene.title)), size=TITLE_SIZE)
    if not scene.gaps:
        return html_label(title, " ")
    count = len(scene.gaps)
    note = f"{count} missing component{'s' if count != 1 else ''} found by mlsd lint (dashed)"
    return html_label(title, font(escape(note), size=DETAIL_SIZE + 1, colour=theme.ghost_text), " ")


def node_defaults(theme: Theme) -> Attributes:
    return {
        "fontname": theme.fontname,
        "fontsize": str(NAME_SIZE),
        "fontcolor": theme.text,
        "margin": "0.14,0.06",
    }


def edge_defaults(theme: Theme) -> Attributes:
    return {
        "fontname": theme.fontname,
        "fontsize": str(EDGE_LABEL_SIZE),
        "fontcolor": theme.muted_text,
        "color": theme.edge,
        "arrowsize": "0.7",
        "penwidth": "1.1",
    }


def node_label(node: SceneNode, theme: Theme) -> str:
    return html_label(*node_label_lines(node, theme))


def node_label_lines(node: SceneNode, theme: Theme) -> list[str]:
    """C4-style: the name in bold, `[kind: tech]` below it, then the description."""
    detail = kind_words(node.kind) + (f": {node.tech}" if node.tech else "")
    lines = [
        bold(escape(node.name)),
        font(escape(f"[{detail}]"), size=DETAIL_SIZE, colour=theme.muted_text),
    ]
    if node.description:
        lines.append(
            font(italic(escape(wrapped(node.description))), size=DESCRIPTION_SIZE, colour=theme.muted_text)
        )
    return lines


def ghost_label(node: SceneNode, theme: Theme) -> str:
    assert node.gap is not None
    return html_label(
        font(bold(escape(node.gap.code)), colour=theme.ghost_text),
        font(escape(wrapped(node.gap.name)), size=DETAIL_SIZE, colour=theme.ghost_text),
        font(escape(f"[missing {kind_words(node.kind)}]"), size=DESCRIPTION_SIZE, colour=theme.ghost_text),
    )


def shape_attributes(kind: Kind, fill: str, border: str, extra_style: tuple[str, ...] = ()) -> Attributes:
    shape = SHAPES[KINDS[kind].shape]
    return {
        "shape": shape.shape,
        "style": ",".join(("filled", *shape.style, *extra_style)),
        "fillcolor": fill,
        "color": border,
        "penwidth": f"{shape.penwidth:g}",
        "peripheries": str(shape.peripheries),
    }


def component_attributes(node: SceneNode, theme: Theme) -> Attributes:
    colours = theme.stage(node.stage)
    return {**shape_attributes(node.kind, colours.fill, colours.border), "label": node_label(node, theme)}


def ghost_attributes(node: SceneNode, theme: Theme) -> Attributes:
    attributes = shape_attributes(node.kind, theme.ghost_fill, theme.ghost_border, ("dashed",))
    attributes["penwidth"] = "1.6"
    attributes["label"] = ghost_label(node, theme)
    return attributes


def cluster_attributes(cluster: SceneCluster, theme: Theme) -> Attributes:
    colours = theme.stage(cluster.stage)
    return {
        "label": html_label(font(bold(escape(cluster.label)), size=CLUSTER_LABEL_SIZE)),
        "style": "rounded,filled",
        "fillcolor": colours.cluster_fill,
        "color": colours.border,
        "pencolor": colours.border,
        "fontcolor": theme.cluster_text,
        "fontname": theme.fontname,
        "labeljust": "l",
        "bgcolor": colours.cluster_fill,
        "margin": "12",
        "penwidth": "1.2",
    }


def edge_attributes(edge: SceneEdge, theme: Theme) -> Attributes:
    attributes: Attributes = {}
    if edge.invisible:
        attributes["style"] = "invis"
    if edge.label:
        attributes["label"] = html_label(escape(edge.label))
    if edge.ghost:
        attributes.update(style="dashed", color=theme.ghost_border, arrowhead="empty")
    if not edge.constraint:
        attributes["constraint"] = "false"
    return attributes


def legend_id(name: str) -> str:
    """Ids of legend nodes contain a dot, which no component name can."""
    return f"legend.{name}"


def legend_entries(scene: Scene, theme: Theme) -> list[tuple[str, Attributes]]:
    """A sample node per kind in the diagram, and the ghost style when gaps are drawn."""
    entries = [(legend_id(kind.value), legend_node_attributes(kind, theme)) for kind in scene.kinds]
    if scene.gaps:
        entries.append((legend_id("gap"), legend_ghost_attributes(theme)))
    return entries


def legend_label(kind: Kind) -> str:
    return html_label(font(escape(kind_words(kind)), size=DETAIL_SIZE))


def legend_node_attributes(kind: Kind, theme: Theme) -> Attributes:
    colours = theme.stage(KINDS[kind].stage)
    return {
        **shape_attributes(kind, colours.fill, colours.border),
        "label": legend_label(kind),
        "height": "0.3",
    }


def legend_ghost_attributes(theme: Theme) -> Attributes:
    return {
        "shape": "box",
        "style": "dashed,filled,rounded",
        "fillcolor": theme.ghost_fill,
        "color": theme.ghost_border,
        "label": html_label(font(escape("missing (lint gap)"), size=DETAIL_SIZE, colour=theme.ghost_text)),
        "height": "0.3",
    }


def summary_label(scene: Scene, theme: Theme) -> str:
    """The requirements and framing sections as a two-column table."""
    rows = []
    for title, entries in scene.summary:
        rows.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT">{font(bold(escape(title)), size=DETAIL_SIZE + 1)}</TD></TR>'
        )
        for key, value in entries:
            key_cell = font(escape(key), size=DETAIL_SIZE, colour=theme.muted_text)
            value_cell = font(escape(wrapped(clipped(value, SUMMARY_VALUE_LIMIT), 40)), size=DETAIL_SIZE)
            rows.append(
                f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{key_cell}</TD><TD ALIGN="LEFT">{value_cell}</TD></TR>'
            )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def summary_attributes(scene: Scene, theme: Theme) -> Attributes:
    colours = theme.group_colours
    return {
        "shape": "note",
        "style": "filled",
        "fillcolor": colours.fill,
        "color": colours.border,
        "label": summary_label(scene, theme),
    }
