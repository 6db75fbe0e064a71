"""Graphviz attributes for every element of a scene, shared by both backends."""

from __future__ import annotations

from dataclasses import dataclass

from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.rendering.labels import bold, clipped, escape, font, html_label, italic, wrapped
from mlsd_dsl.rendering.marks import Mark
from mlsd_dsl.rendering.options import RenderOptions
from mlsd_dsl.rendering.scene import Scene, SceneCluster, SceneEdge, SceneLabel, SceneNode
from mlsd_dsl.rendering.themes import SHAPES, Theme

Attributes = dict[str, str]
LEGEND = SceneCluster("cluster_legend", "Legend", None, ())

TITLE_SIZE = 22
NAME_SIZE = 18
DETAIL_SIZE = 11
SUMMARY_VALUE_LIMIT = 80  # characters of one requirement or framing value in the summary box
DESCRIPTION_SIZE = 10.5
EDGE_LABEL_SIZE = 11
CLUSTER_LABEL_SIZE = 14
# From this many nodes, clustered diagrams are ranked with `newrank`: dot's default ranking of
# clusters slows down sharply and can fail ("trouble in init_rank") near 1,000 nodes, while newrank
# ranks the whole graph at once (docs/performance.md). Smaller diagrams keep their current layout.
NEWRANK_NODES = 300


def kind_words(kind: Kind) -> str:
    return kind.value.replace("_", " ")


def graph_attributes(scene: Scene, options: RenderOptions, theme: Theme) -> Attributes:
    return {
        "rankdir": options.rankdir,
        "bgcolor": theme.background,
        "fontname": theme.fontname,
        "fontcolor": theme.text,
        "label": title_label(scene, theme),
        "labelloc": "t",
        "pad": "0.3",
        "nodesep": f"{options.node_spacing:g}",
        "ranksep": "0.3",
        "remincross": "true",
        "splines": "spline",
        "outputorder": "edgesfirst",
    } | ({"newrank": "true"} if needs_newrank(scene) else {})


def needs_newrank(scene: Scene) -> bool:
    return bool(scene.clusters) and len(scene.nodes) >= NEWRANK_NODES


def title_label(scene: Scene, theme: Theme) -> str:
    title = font(bold(escape(scene.title)), size=TITLE_SIZE)
    if scene.marks is not None and scene.marks.caption:
        return html_label(
            title, font(escape(scene.marks.caption), size=DETAIL_SIZE + 1, colour=theme.muted_text), " "
        )
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
    """C4-style: the name in bold, `[tech]` below it (`[kind]` without a tech: the shape and the
    legend already say the kind), then the description."""
    detail = node.tech if node.tech else kind_words(node.kind)
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
        font(bold(escape(f"missing {kind_words(node.kind)}")), colour=theme.ghost_text),
        font(escape(wrapped(node.gap.name.replace("-", " "))), size=DETAIL_SIZE, colour=theme.ghost_text),
        font(escape(node.gap.code), size=DESCRIPTION_SIZE, colour=theme.ghost_text),
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
    if node.mark is Mark.REMOVED:
        return removed_attributes(node, theme)
    if node.mark is Mark.UNCHANGED:
        return unchanged_attributes(node, theme)
    colours = theme.stage(node.stage)
    attributes = {
        **shape_attributes(node.kind, colours.fill, colours.border),
        "label": node_label(node, theme),
    }
    if node.mark is not None:
        colour = mark_colour(node.mark, theme)
        attributes.update(color=colour, penwidth=f"{MARK_PENWIDTH:g}", label=marked_label(node, theme))
        attributes["class"] = node.mark.css_class
    return attributes


MARK_PENWIDTH = 3.2
MARK_BADGES = {
    Mark.ADDED: "+ added",
    Mark.CHANGED: "~ changed",
    Mark.RENAMED: "~ renamed",
    Mark.REMOVED: "− removed",
}


def mark_colour(mark: Mark, theme: Theme) -> str:
    colours = theme.changes
    return {
        Mark.ADDED: colours.added,
        Mark.CHANGED: colours.changed,
        Mark.RENAMED: colours.renamed,
        Mark.REMOVED: colours.removed,
        Mark.UNCHANGED: colours.context,
    }[mark]


def unchanged_attributes(node: SceneNode, theme: Theme) -> Attributes:
    """An unchanged component beside changed ones: its shape and label, faded."""
    colours = theme.changes
    attributes = shape_attributes(node.kind, colours.context_fill, colours.context)
    attributes["label"] = node_label(node, theme)
    attributes["class"] = Mark.UNCHANGED.css_class
    return attributes


def marked_label(node: SceneNode, theme: Theme) -> str:
    return html_label(*marked_label_lines(node, theme))


def marked_label_lines(node: SceneNode, theme: Theme) -> list[str]:
    """The component's label under a badge saying what changed, with its notes below."""
    if node.mark is None or node.mark is Mark.UNCHANGED:
        return node_label_lines(node, theme)
    colour = mark_colour(node.mark, theme)
    badge = font(bold(escape(MARK_BADGES[node.mark])), size=DETAIL_SIZE, colour=colour)
    notes = [font(escape(clipped(note, 48)), size=DETAIL_SIZE, colour=colour) for note in node.notes]
    return [badge, *node_label_lines(node, theme), *notes]


def removed_attributes(node: SceneNode, theme: Theme) -> Attributes:
    """A removed component: its kind's shape, faded and dashed, its name struck through."""
    colours = theme.changes
    attributes = shape_attributes(node.kind, colours.removed_fill, colours.removed, ("dashed",))
    detail = node.tech if node.tech else kind_words(node.kind)
    attributes["label"] = html_label(
        font(bold(escape(MARK_BADGES[Mark.REMOVED])), size=DETAIL_SIZE, colour=colours.removed),
        font(f"<S>{escape(node.name)}</S>", colour=colours.removed),
        font(escape(f"[{detail}]"), size=DETAIL_SIZE, colour=colours.removed),
    )
    attributes["fontcolor"] = colours.removed
    attributes["class"] = Mark.REMOVED.css_class
    return attributes


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


@dataclass(frozen=True)
class EdgeStyle:
    """How one layer of edges is drawn; `stage` picks the colour from the theme."""

    words: str  # what the legend says
    style: str = "solid"
    stage: Stage | None = None
    arrowhead: str = "normal"
    penwidth: float = 1.2


EDGE_STYLES: dict[EdgeType, EdgeStyle] = {
    EdgeType.DATA: EdgeStyle("data flow"),
    EdgeType.REQUEST: EdgeStyle("request", stage=Stage.SERVING, penwidth=1.8),
    EdgeType.READ: EdgeStyle("lookup while serving", stage=Stage.FEATURES, arrowhead="onormal"),
    EdgeType.LOG: EdgeStyle("log / feedback", "dashed", Stage.MONITORING, "vee", 1.0),
    EdgeType.DEPLOY: EdgeStyle("deploy", "dotted", Stage.REGISTRY, "empty", 1.6),
    EdgeType.TRIGGER: EdgeStyle("trigger", "dashed", Stage.MONITORING, "veevee", 1.4),
}


def edge_colour(edge_type: EdgeType, theme: Theme) -> str:
    stage = EDGE_STYLES[edge_type].stage
    return theme.edge if stage is None else theme.stage(stage).border


def edge_attributes(edge: SceneEdge, theme: Theme) -> Attributes:
    attributes: Attributes = {}
    if edge.invisible:
        attributes["style"] = "invis"
    elif edge.ghost:
        attributes.update(style="dashed", color=theme.ghost_border, arrowhead="empty")
    elif edge.type is not EdgeType.DATA:
        layer = EDGE_STYLES[edge.type]
        attributes.update(
            style=layer.style,
            color=edge_colour(edge.type, theme),
            arrowhead=layer.arrowhead,
            penwidth=f"{layer.penwidth:g}",
        )
    if edge.mark is not None and not edge.invisible:
        attributes.update(_marked_edge(edge.mark, theme))
    if edge.label:
        attributes["label"] = html_label(escape(edge.label))
    if not edge.constraint:
        attributes["constraint"] = "false"
    return attributes


def _marked_edge(mark: Mark, theme: Theme) -> Attributes:
    attributes = {"color": mark_colour(mark, theme), "class": mark.css_class}
    if mark is Mark.REMOVED:
        attributes["style"] = "dashed"
    elif mark is not Mark.UNCHANGED:
        attributes["penwidth"] = "2.6"
    return attributes


def edge_parts(edge: SceneEdge, theme: Theme, index: int = 0) -> list[tuple[str, str, Attributes]]:
    """The edge as Graphviz edges: one, or two through its label node. The first half places the
    label just after the source (it pulls nothing else); the second carries the arrowhead.

    An edge against the flow is laid out from its target to its source and drawn with the arrow
    at the target (`dir=back`): its label then sits between the two in reading order, and the
    edge runs beside the flow instead of turning back on itself."""
    parts = _edge_parts(edge, edge_attributes(edge, theme))
    for part, (_, _, attributes) in enumerate(parts):
        attributes["id"] = edge_id(edge, index, part)
    return parts


def edge_id(edge: SceneEdge, index: int, part: int = 0) -> str:
    """`source->target.N`: the SVG id of each drawn piece of the spec's edge, whichever way it is
    laid out (consumers such as `mlsd serve` read the edge's ends from it)."""
    return f"{edge.source}->{edge.target}.{index}.{part}"


def _edge_parts(edge: SceneEdge, attributes: Attributes) -> list[tuple[str, str, Attributes]]:
    if not edge.constraint and not edge.invisible:
        attributes.pop("constraint", None)
        arrow = attributes.pop("arrowhead", "normal")
        attributes.update(dir="back", arrowtail=arrow)
        if edge.label_node is None:
            return [(edge.target, edge.source, attributes)]
        attributes.pop("label", None)
        return [
            (edge.target, edge.label_node, attributes),
            (edge.label_node, edge.source, {**attributes, "dir": "none"}),
        ]
    if edge.label_node is None:
        return [(edge.source, edge.target, attributes)]
    attributes.pop("label", None)
    into = {**attributes, "arrowhead": "none"}
    into.pop("constraint", None)
    return [(edge.source, edge.label_node, into), (edge.label_node, edge.target, attributes)]


def label_node_attributes(label: SceneLabel, theme: Theme) -> Attributes:
    return {
        "shape": "box",  # drawn without a line: its outline is the label's extent in the SVG
        "color": "transparent",
        "margin": "0.04,0.02",
        "width": "0",
        "height": "0",
        "fontsize": str(EDGE_LABEL_SIZE),
        "fontcolor": theme.muted_text,
        "label": html_label(escape(label.text)),
    } | (_removed_label(label, theme) if label.mark is Mark.REMOVED else {})


def _removed_label(label: SceneLabel, theme: Theme) -> Attributes:
    return {"fontcolor": theme.changes.removed, "label": html_label(f"<S>{escape(label.text)}</S>")}


def legend_id(name: str) -> str:
    """Ids of legend nodes contain a dot, which no component name can."""
    return f"legend.{name}"


def legend_entries(scene: Scene, theme: Theme) -> list[tuple[str, Attributes]]:
    """A sample node per kind in the diagram, the ghost style when gaps are drawn, and a key to
    the edge styles drawn."""
    entries = [(legend_id(kind.value), legend_node_attributes(kind, theme)) for kind in scene.kinds]
    if scene.gaps:
        entries.append((legend_id("gap"), legend_ghost_attributes(theme)))
    return entries + edge_key_entries(scene, theme)


EDGE_SAMPLES = {"solid": "━━━", "dashed": "╺╸╺╸", "dotted": "┅┅┅"}
ARROW_SAMPLES = {"normal": "▶", "onormal": "▷", "vee": "›", "empty": "▷", "veevee": "»"}


def edge_key_entries(scene: Scene, theme: Theme) -> list[tuple[str, Attributes]]:
    """One table keying the edge layers the diagram draws (none when it draws only data flow)."""
    if scene.edge_types in ((), (EdgeType.DATA,)):
        return []
    rows = []
    for edge_type in scene.edge_types:
        layer = EDGE_STYLES[edge_type]
        sample = EDGE_SAMPLES[layer.style] + ARROW_SAMPLES[layer.arrowhead]
        rows.append(
            f'<TR><TD ALIGN="LEFT">{font(bold(sample), colour=edge_colour(edge_type, theme))}</TD>'
            f'<TD ALIGN="LEFT">{font(escape(layer.words), size=DETAIL_SIZE)}</TD></TR>'
        )
    table = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"
    return [(legend_id("edges"), {"shape": "plaintext", "label": table, "margin": "0"})]


CHANGE_LEGEND = SceneCluster("cluster_changes", "Changes", None, ())
MARK_WORDS = {
    Mark.ADDED: "added",
    Mark.CHANGED: "changed",
    Mark.RENAMED: "renamed",
    Mark.REMOVED: "removed (was in the old version)",
}


def change_legend_attributes(scene: Scene, theme: Theme) -> Attributes:
    """One table keying the change marks drawn: a sample box and a sample edge per mark."""
    assert scene.marks is not None
    rows = []
    for mark in scene.marks.used:
        colour = mark_colour(mark, theme)
        fill = theme.changes.removed_fill if mark is Mark.REMOVED else theme.background
        dashed = ' STYLE="dashed"' if mark is Mark.REMOVED else ""
        width = 1 if mark is Mark.REMOVED else 3
        sample = font(bold(escape(MARK_BADGES[mark])), size=DETAIL_SIZE, colour=colour)
        edge = font(bold(EDGE_SAMPLES["dashed" if mark is Mark.REMOVED else "solid"] + "▶"), colour=colour)
        rows.append(
            f'<TR><TD BORDER="{width}" COLOR="{colour}" BGCOLOR="{fill}"{dashed} CELLPADDING="3">'
            f"{sample}</TD>"
            f'<TD ALIGN="LEFT">{edge}</TD>'
            f'<TD ALIGN="LEFT">{font(escape(MARK_WORDS[mark]), size=DETAIL_SIZE)}</TD></TR>'
        )
    table = '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"
    return {"shape": "plaintext", "label": table, "margin": "0", "class": "mlsd-legend-changes"}


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
