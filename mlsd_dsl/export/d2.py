"""The diagram in D2 (https://d2lang.com), for D2 docs and `d2` renders.

Every key and label is a double-quoted string with `"`, `\\`, `$` (substitutions) and newlines
escaped. Names D2 reserves (`label`, `style`, `shape`…) get a key with a space, which no component
name has, so keys stay unique.
"""

from __future__ import annotations

from mlsd_dsl.export.graph import Cluster, Layout, edge_caption, layout, node_lines
from mlsd_dsl.model.kinds import KINDS, ShapeFamily
from mlsd_dsl.model.schema import EdgeLayer
from mlsd_dsl.model.spec import Component, Edge, Spec

INDENT = "  "
DIRECTIONS = {"LR": "right", "TB": "down", "RL": "left", "BT": "up"}
RESERVED_KEYS = frozenset(
    {
        "_",
        "label",
        "desc",
        "shape",
        "icon",
        "constraint",
        "tooltip",
        "link",
        "near",
        "width",
        "height",
        "direction",
        "top",
        "left",
        "grid-rows",
        "grid-columns",
        "grid-gap",
        "vertical-gap",
        "horizontal-gap",
        "class",
        "classes",
        "vars",
        "style",
        "source-arrowhead",
        "target-arrowhead",
        "layers",
        "scenarios",
        "steps",
        "opacity",
        "stroke",
        "fill",
        "fill-pattern",
        "stroke-width",
        "stroke-dash",
        "border-radius",
        "font",
        "font-size",
        "font-color",
        "bold",
        "italic",
        "underline",
        "text-transform",
        "shadow",
        "multiple",
        "double-border",
        "3d",
        "animated",
        "filled",
        "null",
        "label-position",
        "icon-position",
        "tooltip-position",
        "sql_table",
        "class_table",
        "imports",
        "suspend",
        "unsuspend",
        "glob-filter",
    }
)
SHAPES: dict[ShapeFamily, str] = {
    ShapeFamily.ACTOR: "person",
    ShapeFamily.DOCUMENT: "stored_data",
    ShapeFamily.QUEUE: "queue",
    ShapeFamily.DATABASE: "cylinder",
    ShapeFamily.JOB: "step",
    ShapeFamily.COLLECTION: "page",
    ShapeFamily.FEATURE_TABLE: "cylinder",
    ShapeFamily.VECTOR_INDEX: "cylinder",
    ShapeFamily.TEXT_INDEX: "cylinder",
    ShapeFamily.MODEL: "rectangle",
    ShapeFamily.WORKFLOW: "step",
    ShapeFamily.CATALOG: "package",
    ShapeFamily.ENDPOINT: "hexagon",
    ShapeFamily.CACHE: "stored_data",
    ShapeFamily.WATCHER: "diamond",
    ShapeFamily.HUMAN_TASK: "parallelogram",
    ShapeFamily.GATE: "oval",
}
ESCAPES = {"\\": "\\\\", '"': '\\"', "$": "\\$", "\n": "\\n", "\t": "\\t"}


def string(text: str) -> str:
    return '"' + "".join(ESCAPES.get(char, char) for char in text) + '"'


class KeyAllocator:
    """One D2 key per component and container. D2 compares keys without regard to case, so
    `API` and `api` (two components in mlsd) get distinct keys; names D2 reserves get a suffix.
    Components are allocated first, in declaration order, so they keep their names when they can."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], str] = {}
        self.taken: set[str] = set()

    def __call__(self, name: str, space: str = "component") -> str:
        if (space, name) not in self.keys:
            self.keys[(space, name)] = self._fresh(name, space)
        return string(self.keys[(space, name)])

    def _fresh(self, name: str, space: str) -> str:
        base = f"{name} stage" if space == "stage" else name
        if base.casefold() in RESERVED_KEYS:
            base = f"{base} component"
        candidate, number = base, 2
        while candidate.casefold() in self.taken:
            candidate, number = f"{base} {number}", number + 1
        self.taken.add(candidate.casefold())
        return candidate


def to_d2(spec: Spec, direction: str = "LR") -> str:
    plan = layout(spec)
    keys = KeyAllocator()
    for name in spec.components:
        keys(name)
    lines = [
        f"title: {string(spec.title)} "
        f"{{near: top-center; shape: text; style.font-size: 24; style.bold: true}}",
        f"direction: {DIRECTIONS[direction]}",
        "",
    ]
    for cluster in plan.clusters:
        lines += _container(cluster, spec, keys)
    lines += [_node(spec.components[name], "", keys) for name in plan.loose]
    lines.append("")
    lines += [_edge(plan, keys, edge) for edge in spec.edges]
    return "\n".join(lines).rstrip("\n") + "\n"


def _container(cluster: Cluster, spec: Spec, keys: KeyAllocator) -> list[str]:
    return [
        f"{_cluster_key(cluster, keys)}: {string(cluster.title)} {{",
        *(_node(spec.components[member], INDENT, keys) for member in cluster.members),
        "}",
    ]


def _cluster_key(cluster: Cluster, keys: KeyAllocator) -> str:
    return keys(cluster.title, "stage") if cluster.is_stage else keys(cluster.name, "group")


def _node(component: Component, indent: str, keys: KeyAllocator) -> str:
    label = string("\n".join(node_lines(component)))
    return f"{indent}{keys(component.name)}: {label} {{shape: {SHAPES[KINDS[component.kind].shape]}}}"


def _path(plan: Layout, keys: KeyAllocator, name: str) -> str:
    cluster = plan.cluster_of.get(name)
    return f"{_cluster_key(cluster, keys)}.{keys(name)}" if cluster else keys(name)


EDGE_STYLES: dict[EdgeLayer, str] = {
    EdgeLayer.FLOW: "",
    EdgeLayer.ONLINE: "style.stroke-width: 3",
    EdgeLayer.FEEDBACK: "style.stroke-dash: 5",
    EdgeLayer.RELEASE: "style.stroke-dash: 2",
}


def _edge(plan: Layout, keys: KeyAllocator, edge: Edge) -> str:
    arrow = f"{_path(plan, keys, edge.source)} -> {_path(plan, keys, edge.target)}"
    label = edge_caption(edge)
    line = f"{arrow}: {string(label)}" if label else arrow
    style = EDGE_STYLES[edge.type.layer]
    return f"{line} {{{style}}}" if style else line
