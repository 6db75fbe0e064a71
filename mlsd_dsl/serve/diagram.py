"""The graphviz SVG of a spec, made safe to inline in the page and annotated for it.

Graphviz already escapes every label, but the page inlines the SVG, so it is parsed and rebuilt
from an allow-list of elements and attributes: no script, no event handler, no external link can
reach the browser whatever a spec holds. Each node gets `data-node` (the component name, or the
ghost node id `--gaps` draws) and each edge `data-source` and `data-target`, so the page can
highlight a component and what it connects to.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ELEMENTS = frozenset(
    {"svg", "g", "title", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan"}
)
ATTRIBUTES = frozenset(
    {
        "id", "class", "viewBox", "transform", "points", "d", "cx", "cy", "rx", "ry", "r", "x", "y",
        "x1", "y1", "x2", "y2", "width", "height", "fill", "fill-opacity", "stroke", "stroke-width",
        "stroke-dasharray", "stroke-opacity", "text-anchor", "font-family", "font-size", "font-weight",
        "font-style", "text-decoration", "baseline-shift",
    }
)  # fmt: skip


class DiagramError(Exception):
    """The renderer's output is not the SVG expected."""


def page_svg(svg: bytes | str) -> str:
    """The diagram as inline SVG: allow-listed, sized by the page, nodes and edges annotated."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as problem:
        raise DiagramError(f"the diagram is not well-formed SVG: {problem}") from None
    if _local(root.tag) != "svg":
        raise DiagramError("the diagram is not an SVG document")
    clean = _copy(root)
    for size in ("width", "height"):
        clean.attrib.pop(size, None)
    clean.set("class", "diagram")
    clean.set("role", "img")
    _annotate(clean)
    return ET.tostring(clean, encoding="unicode", xml_declaration=False)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _copy(element: ET.Element) -> ET.Element:
    """A copy keeping only allow-listed elements and attributes (without namespace prefixes)."""
    copy = ET.Element(_local(element.tag))
    for key, value in element.attrib.items():
        name = _local(key)
        if name in ATTRIBUTES and "url(" not in value.replace(" ", "").lower():
            copy.set(name, value)
    copy.text = element.text
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if _local(child.tag) == "a":  # a link (graphviz's URL or tooltip): keep what it wraps
            kept = _copy(_unwrapped(child))
        elif _local(child.tag) in ELEMENTS:
            kept = _copy(child)
        else:
            continue
        kept.tail = child.tail
        copy.append(kept)
    return copy


def _unwrapped(link: ET.Element) -> ET.Element:
    group = ET.Element("g")
    group.text = link.text
    group.extend(list(link))
    return group


def _annotate(root: ET.Element) -> None:
    if root.get("xmlns") is None:
        root.set("xmlns", SVG_NS)
    for group in root.iter("g"):
        classes = (group.get("class") or "").split()
        title = group.find("title")
        name = (title.text or "") if title is not None else ""
        if "node" in classes:
            group.set("data-node", name)
        elif "edge" in classes and "->" in name:
            # the renderer's id names the spec's edge even when a piece of it is drawn through
            # its label or laid out the other way (`rendering.style.edge_id`)
            spec_edge = group.get("id", "").split(".", 1)[0]
            source, target = (spec_edge if "->" in spec_edge else name).split("->", 1)
            group.set("data-source", source)
            group.set("data-target", target)
