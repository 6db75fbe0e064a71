"""The diagram in D2 (https://d2lang.com), for D2 docs and `d2` renders.

Every key and label is a double-quoted string with `"`, `\\`, `$` (substitutions) and newlines
escaped. Names D2 reserves (`label`, `style`, `shape`…) get a key with a space, which no component
name has, so keys stay unique.
"""

from __future__ import annotations

from mlsd_dsl.export.graph import Cluster, Layout, layout, node_lines
from mlsd_dsl.model.kinds import KINDS, ShapeFamily
from mlsd_dsl.model.spec import Component, Spec

INDENT = "  "
DIRECTIONS = {"LR": "right", "TB": "down", "RL": "left", "BT": "up"}
RESERVED_KEYS = frozenset({
    "_", "label", "desc", "shape", "icon", "constraint", "tooltip", "link", "near", "width", "height",
    "direction", "top", "left", "grid-rows", "grid-columns", "grid-gap", "vertical-gap", "horizontal-gap",
    "class", "classes", "vars", "style", "source-arrowhead", "target-arrowhead", "layers", "scenarios",
    "steps", "opacity", "stroke", "fill", "fill-pattern", "stroke-width", "stroke-dash", "border-radius",
    "font", "font-size", "font-color", "bold", "italic", "underline", "text-transform", "shadow",
    "multiple", "double-border", "3d", "animated", "filled", "null", "label-position", "icon-position",
    "tooltip-position", "sql_table", "class_table", "imports", "suspend", "unsuspend", "glob-filter",
})
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
}
ESCAPES = {"\\": "\\\\", '"': '\\"', "$": "\\$", "\n": "\\n", "\t": "\\t"}


def string(text: str) -> str:
    return '"' + "".join(ESCAPES.get(char, char) for char in text) + '"'


def key(name: str) -> str:
    return string(f"{name} component" if name.lower() in RESERVED_KEYS else name)


def to_d2(spec: Spec, direction: str = "LR") -> str:
    plan = layout(spec)
    lines = [
        f"title: {string(spec.title)} {{near: top-center; shape: text; style.font-size: 24; style.bold: true}}",
        f"direction: {DIRECTIONS[direction]}",
        "",
    ]
    for cluster in plan.clusters:
        lines += _container(cluster, spec)
    lines += [_node(spec.components[name], "") for name in plan.loose]
    lines.append("")
    lines += [_edge(plan, edge.source, edge.target, edge.label) for edge in spec.edges]
    return "\n".join(lines).rstrip("\n") + "\n"


def _container(cluster: Cluster, spec: Spec) -> list[str]:
    return [
        f"{_cluster_key(cluster)}: {string(cluster.title)} {{",
        *(_node(spec.components[member], INDENT) for member in cluster.members),
        "}",
    ]


def _cluster_key(cluster: Cluster) -> str:
    return string(f"{cluster.title} stage") if cluster.is_stage else key(cluster.name)


def _node(component: Component, indent: str) -> str:
    label = string("\n".join(node_lines(component)))
    return f"{indent}{key(component.name)}: {label} {{shape: {SHAPES[KINDS[component.kind].shape]}}}"


def _path(plan: Layout, name: str) -> str:
    cluster = plan.cluster_of.get(name)
    return f"{_cluster_key(cluster)}.{key(name)}" if cluster else key(name)


def _edge(plan: Layout, source: str, target: str, label: str | None) -> str:
    arrow = f"{_path(plan, source)} -> {_path(plan, target)}"
    return f"{arrow}: {string(label)}" if label else arrow
