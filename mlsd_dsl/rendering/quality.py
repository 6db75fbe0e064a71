"""Layout quality measured from a Graphviz SVG: size, aspect, text size at the width of a design
doc, edge crossings, labels on cluster borders and edges through clusters.

The renderer uses it to pick a diagram's direction (`direction="auto"`); `benchmarks/layout_quality.py`
reports it for the gallery and `tests/render/test_layout_quality.py` keeps the gallery within `TARGETS`.
Only the standard library: SVG coordinates are the layout Graphviz computed.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
DOC_WIDTH = 1000  # px: how wide a design doc shows a picture
PNG_DPI = 96
CHAR_WIDTH = 0.55  # average glyph width of a sans-serif font, in ems (to box label texts)
END_MARGIN = 12.0  # pt: crossings this close to an edge's own end are where edges meet a node
CLUSTER_INSET = 4.0  # pt: an edge must enter a foreign cluster this deep to count as passing through
BEZIER_STEPS = 8
LABEL_NODE_PREFIX = "label."

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Targets:
    min_aspect: float = 0.5
    max_aspect: float = 2.2
    min_name_px: float = 10.0
    max_labels_on_borders: int = 0


TARGETS = Targets()


@dataclass(frozen=True)
class Quality:
    name: str
    width_px: int
    height_px: int
    smallest_name_px: float
    crossings: int
    labels_on_borders: int
    edges_through_clusters: int

    @property
    def aspect(self) -> float:
        return self.width_px / self.height_px

    def problems(self, targets: Targets = TARGETS) -> list[str]:
        found = []
        if not targets.min_aspect <= self.aspect <= targets.max_aspect:
            found.append(f"aspect {self.aspect:.2f} outside {targets.min_aspect}–{targets.max_aspect}")
        if self.smallest_name_px < targets.min_name_px:
            found.append(f"name text {self.smallest_name_px:.1f} px < {targets.min_name_px} px at 1000 px")
        if self.labels_on_borders > targets.max_labels_on_borders:
            found.append(f"{self.labels_on_borders} edge label(s) on a cluster border")
        return found

    def row(self) -> str:
        return (
            f"| {self.name} | {self.width_px}×{self.height_px} | {self.aspect:.2f} | "
            f"{self.smallest_name_px:.1f} | {self.crossings} | {self.labels_on_borders} | "
            f"{self.edges_through_clusters} |"
        )


HEADER = (
    "| diagram | size (px, 96 dpi) | aspect | smallest name at 1000 px | crossings | "
    "labels on cluster borders | edges through clusters |\n|---|---|---|---|---|---|---|"
)


@dataclass(frozen=True)
class Cluster:
    name: str
    box: Box


@dataclass(frozen=True)
class EdgeShape:
    source: str
    target: str
    points: list[Point]
    labels: list[Box]


def measure(name: str, svg: bytes) -> Quality:
    root = ET.fromstring(svg)
    width, height = _size_pt(root)
    nodes = {title: box for title, box in _node_boxes(root)}
    clusters = [cluster for cluster in _clusters(root) if cluster.name != "cluster_legend"]
    edges = _joined(list(_edges(root)), {title: box for title, box in _label_node_boxes(root)})
    name_sizes = [size for size in _node_name_sizes(root)] or [0.0]
    return Quality(
        name=name,
        width_px=round(width * PNG_DPI / 72),
        height_px=round(height * PNG_DPI / 72),
        smallest_name_px=min(name_sizes) * DOC_WIDTH / width,
        crossings=count_crossings(edges),
        labels_on_borders=sum(
            1 for edge in edges for label in edge.labels if _on_any_border(label, clusters)
        ),
        edges_through_clusters=sum(1 for edge in edges if _passes_through(edge, nodes, clusters)),
    )


def _label_node_boxes(root: ET.Element) -> Iterator[tuple[str, Box]]:
    """The extent of each edge-label node (`label.N`, the renderer's way to keep labels off
    cluster borders): its invisible outline, else its text."""
    for group in _groups(root, "node"):
        if _title(group).startswith(LABEL_NODE_PREFIX):
            points = _shape_points(group) or [
                corner for box in _text_boxes(group) for corner in ((box[0], box[1]), (box[2], box[3]))
            ]
            yield _title(group), _box(points)


def _joined(edges: list[EdgeShape], label_nodes: dict[str, Box]) -> list[EdgeShape]:
    """Each edge drawn through a label node as one edge, carrying that node's text as its label."""
    into = {edge.target: edge for edge in edges if edge.target in label_nodes}
    joined = []
    for edge in edges:
        if edge.target in label_nodes:
            continue
        first = into.get(edge.source)
        if first is None:
            joined.append(edge)
            continue
        labels = [*first.labels, label_nodes[edge.source], *edge.labels]
        joined.append(EdgeShape(first.source, edge.target, first.points + edge.points, labels))
    return joined


def _size_pt(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(number) for number in root.attrib["viewBox"].split())
    return width, height


def _groups(root: ET.Element, kind: str) -> Iterator[ET.Element]:
    for group in root.iter(f"{SVG}g"):
        if group.attrib.get("class") == kind:
            yield group


def _title(group: ET.Element) -> str:
    title = group.find(f"{SVG}title")
    return title.text or "" if title is not None else ""


def _numbers(text: str) -> list[float]:
    return [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _shape_points(group: ET.Element) -> list[Point]:
    """The points of a group's outline (polygons, paths, ellipses); images and texts excluded."""
    points: list[Point] = []
    for element in group:
        tag = element.tag.removeprefix(SVG)
        if tag == "polygon":
            numbers = _numbers(element.attrib["points"])
        elif tag == "path":
            numbers = _numbers(element.attrib["d"])
        elif tag == "ellipse":
            cx, cy = float(element.attrib["cx"]), float(element.attrib["cy"])
            rx, ry = float(element.attrib["rx"]), float(element.attrib["ry"])
            numbers = [cx - rx, cy - ry, cx + rx, cy + ry]
        elif tag == "image":
            x, y = float(element.attrib["x"]), float(element.attrib["y"])
            numbers = [x, y, x + _length(element, "width"), y + _length(element, "height")]
        else:
            continue
        points += list(zip(numbers[::2], numbers[1::2], strict=False))
    return points


def _length(element: ET.Element, attribute: str) -> float:
    return float(element.attrib[attribute].removesuffix("px").removesuffix("pt"))


def _box(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _text_boxes(group: ET.Element) -> Iterator[Box]:
    for text in group.iter(f"{SVG}text"):
        content = (text.text or "").strip()
        if not content:
            continue
        size = float(text.attrib.get("font-size", "14"))
        x, y = float(text.attrib["x"]), float(text.attrib["y"])
        width = len(content) * size * CHAR_WIDTH
        anchor = text.attrib.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        yield left, y - size * 0.8, left + width, y + size * 0.2


def _node_boxes(root: ET.Element) -> Iterator[tuple[str, Box]]:
    for group in _groups(root, "node"):
        points = _shape_points(group) + [
            corner for box in _text_boxes(group) for corner in ((box[0], box[1]), (box[2], box[3]))
        ]
        if points:
            yield _title(group), _box(points)


def _node_name_sizes(root: ET.Element) -> Iterator[float]:
    """The font size of each component's name: the first bold text of a node (legend excluded)."""
    for group in _groups(root, "node"):
        if "." in _title(group):  # legend and summary nodes: no component name has a dot
            continue
        for text in group.iter(f"{SVG}text"):
            if text.attrib.get("font-weight") == "bold" and (text.text or "").strip():
                yield float(text.attrib["font-size"])
                break


def _clusters(root: ET.Element) -> Iterator[Cluster]:
    for group in _groups(root, "cluster"):
        points = _shape_points(group)
        if points:
            yield Cluster(_title(group), _box(points))


def _edges(root: ET.Element) -> Iterator[EdgeShape]:
    for group in _groups(root, "edge"):
        path = group.find(f"{SVG}path")
        if path is None:
            continue
        source, _, target = _title(group).partition("->")
        yield EdgeShape(
            source.split(":")[0],
            target.split(":")[0],
            _flatten(path.attrib["d"]),
            list(_text_boxes(group)),
        )


def _flatten(d: str) -> list[Point]:
    """A Graphviz edge path (`M p C p p p p p p …`) as a polyline."""
    numbers = _numbers(d)
    controls = list(zip(numbers[::2], numbers[1::2], strict=False))
    if len(controls) < 4:
        return controls
    points = [controls[0]]
    for start in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[start : start + 4]
        for step in range(1, BEZIER_STEPS + 1):
            t = step / BEZIER_STEPS
            u = 1 - t
            points.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return points


def count_crossings(edges: list[EdgeShape]) -> int:
    """Points where two edges cross, not counting where they meet at a node they share."""
    crossings = 0
    for first, second in itertools.combinations(edges, 2):
        for point in _intersections(first.points, second.points):
            ends = [first.points[0], first.points[-1], second.points[0], second.points[-1]]
            if all(math.dist(point, end) > END_MARGIN for end in ends):
                crossings += 1
    return crossings


def _intersections(first: list[Point], second: list[Point]) -> Iterator[Point]:
    if not (first and second) or not _overlap(_box(first), _box(second)):
        return
    for a, b in itertools.pairwise(first):
        for c, d in itertools.pairwise(second):
            point = _segment_intersection(a, b, c, d)
            if point is not None:
                yield point


def _segment_intersection(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0])
    if denominator == 0:
        return None
    t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator
    u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / denominator
    if 0 <= t < 1 and 0 <= u < 1:
        return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    return None


def _overlap(first: Box, second: Box) -> bool:
    return first[0] <= second[2] and second[0] <= first[2] and first[1] <= second[3] and second[1] <= first[3]


def _inside(inner: Box, outer: Box, inset: float = 0.0) -> bool:
    return (
        inner[0] >= outer[0] + inset
        and inner[1] >= outer[1] + inset
        and inner[2] <= outer[2] - inset
        and inner[3] <= outer[3] - inset
    )


def _on_any_border(label: Box, clusters: list[Cluster]) -> bool:
    """A label that overlaps a cluster without lying wholly inside it sits on its border."""
    return any(_overlap(label, cluster.box) and not _inside(label, cluster.box) for cluster in clusters)


def _passes_through(edge: EdgeShape, nodes: dict[str, Box], clusters: list[Cluster]) -> bool:
    for cluster in clusters:
        holds_end = any(
            end in nodes and _inside(nodes[end], cluster.box) for end in (edge.source, edge.target)
        )
        if holds_end:
            continue
        inner = cluster.box
        if any(_inside((x, y, x, y), inner, CLUSTER_INSET) for x, y in edge.points):
            return True
    return False


PAGE_WIDTH, PAGE_HEIGHT = DOC_WIDTH, 2 * DOC_WIDTH  # px: the tallest picture a doc shows whole
CLOSE_FIT = 1.1  # fits within this factor of each other count as equal


def page_preference(quality: Quality) -> tuple[bool, int, int]:
    """Larger is better: an aspect ratio within the targets, then how large the picture can be
    shown on a page (in steps of 10 %), then fewer crossings."""
    fit = min(PAGE_WIDTH / quality.width_px, PAGE_HEIGHT / quality.height_px)
    in_shape = TARGETS.min_aspect <= quality.aspect <= TARGETS.max_aspect
    return in_shape, math.floor(math.log(fit) / math.log(CLOSE_FIT)), -quality.crossings
