"""The diagram as a Mermaid flowchart, which GitHub renders inside Markdown.

Node ids are the component names where Mermaid allows them, and otherwise a safe, unique
stand-in; all text is in double-quoted labels with Mermaid's entity codes for the characters that
would end or break them (`#quot;`, `#lt;`, `#35;`…).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from mlsd_dsl.export.graph import Cluster, edge_caption, layout, node_lines
from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, ShapeFamily
from mlsd_dsl.model.schema import EdgeLayer
from mlsd_dsl.model.spec import Edge, Spec

INDENT = "  "
PLAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
RESERVED_IDS = frozenset(
    {
        "end",
        "graph",
        "flowchart",
        "subgraph",
        "style",
        "class",
        "classdef",
        "click",
        "linkstyle",
        "direction",
        "default",
        "call",
        "href",
        "callback",
        "interpolate",
    }
)
# `%`, `{` and `}` too: Mermaid finds `%%{init: …}%%` directives anywhere in the text, labels included.
ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "`": "#96;",
    "%": "#37;",
    "{": "#123;",
    "}": "#125;",
    "\n": "<br/>",
    "\t": " ",
}
ZERO_WIDTH_SPACE = "\u200b"
# (opening, closing) of the node shape for each shape family: data at rest is a cylinder, and so on.
SHAPES: dict[ShapeFamily, tuple[str, str]] = {
    ShapeFamily.ACTOR: ("([", "])"),
    ShapeFamily.DOCUMENT: ("[(", ")]"),
    ShapeFamily.QUEUE: ("[/", "/]"),
    ShapeFamily.DATABASE: ("[(", ")]"),
    ShapeFamily.JOB: ("[[", "]]"),
    ShapeFamily.COLLECTION: ("[(", ")]"),
    ShapeFamily.FEATURE_TABLE: ("[(", ")]"),
    ShapeFamily.VECTOR_INDEX: ("[(", ")]"),
    ShapeFamily.TEXT_INDEX: ("[(", ")]"),
    ShapeFamily.MODEL: ("(", ")"),
    ShapeFamily.WORKFLOW: ("[[", "]]"),
    ShapeFamily.CATALOG: ("[", "]"),
    ShapeFamily.ENDPOINT: ("{{", "}}"),
    ShapeFamily.CACHE: ("[/", "\\]"),
    ShapeFamily.WATCHER: (">", "]"),
    ShapeFamily.HUMAN_TASK: ("[\\", "/]"),
    ShapeFamily.GATE: ("{", "}"),
}


def escape(text: str) -> str:
    return "".join(ENTITIES.get(char, char) for char in text)


class IdAllocator:
    """One Mermaid id per thing (component, group, stage), each id used once.

    Components are allocated first, so they keep their own names whenever Mermaid allows.
    """

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], str] = {}
        self.taken: set[str] = set()

    def __call__(self, name: str, space: str = "component") -> str:
        if (space, name) not in self.ids:
            self.ids[(space, name)] = self._fresh(name)
        return self.ids[(space, name)]

    def _fresh(self, name: str) -> str:
        candidate = name if PLAIN_ID.fullmatch(name) and name.lower() not in RESERVED_IDS else None
        if candidate is None or candidate in self.taken:
            base = "n_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
            candidate, number = base, 2
            while candidate in self.taken or PLAIN_ID.fullmatch(candidate) is None:
                candidate, number = f"{base}_{number}", number + 1
        self.taken.add(candidate)
        return candidate


def to_mermaid(spec: Spec, direction: str = "LR") -> str:
    ids = IdAllocator()
    for name in spec.components:  # component names keep their own id when they can
        ids(name)
    plan = layout(spec)
    title = json.dumps(spec.title.replace("%%", f"%{ZERO_WIDTH_SPACE}%"), ensure_ascii=False)
    lines = ["---", f"title: {title}", "---", f"flowchart {direction}"]
    for cluster in plan.clusters:
        lines += _subgraph(cluster, spec, ids)
    lines += [INDENT + _node(spec, name, ids) for name in plan.loose]
    lines += [INDENT + _edge(ids(edge.source), ids(edge.target), edge) for edge in spec.edges]
    lines += _stage_colours(spec, ids)
    return "\n".join(lines) + "\n"


def _stage_colours(spec: Spec, ids: IdAllocator) -> list[str]:
    """Nodes coloured by framework stage, with the renderer's light theme (dark text on GitHub's
    dark theme too)."""
    from mlsd_dsl.rendering.themes import LIGHT

    by_stage: dict[Stage, list[str]] = defaultdict(list)
    for component in spec.components.values():
        by_stage[KINDS[component.kind].stage].append(ids(component.name))
    lines = []
    for stage in sorted(by_stage, key=lambda stage: stage.order):
        colours = LIGHT.stage(stage)
        name = f"colour_{stage.name.lower()}"
        lines.append(
            f"{INDENT}classDef {name} fill:{colours.fill},stroke:{colours.border},color:{LIGHT.text}"
        )
        lines.append(f"{INDENT}class {','.join(by_stage[stage])} {name}")
    return lines


def _subgraph(cluster: Cluster, spec: Spec, ids: IdAllocator) -> list[str]:
    cluster_id = ids(f"stage_{cluster.name}", "stage") if cluster.is_stage else ids(cluster.name, "group")
    return [
        f'{INDENT}subgraph {cluster_id}["{escape(cluster.title)}"]',
        *(INDENT * 2 + _node(spec, member, ids) for member in cluster.members),
        f"{INDENT}end",
    ]


def _node(spec: Spec, name: str, ids: IdAllocator) -> str:
    component = spec.components[name]
    opening, closing = SHAPES[KINDS[component.kind].shape]
    text = "<br/>".join(escape(line) for line in node_lines(component))
    return f'{ids(name)}{opening}"{text}"{closing}'


ARROWS: dict[EdgeLayer, str] = {
    EdgeLayer.FLOW: "-->",
    EdgeLayer.ONLINE: "==>",
    EdgeLayer.FEEDBACK: "-.->",
    EdgeLayer.RELEASE: "-.->",
}


def _edge(source: str, target: str, edge: Edge) -> str:
    arrow = ARROWS[edge.type.layer]
    label = edge_caption(edge)
    return f'{source} {arrow}|"{escape(label)}"| {target}' if label else f"{source} {arrow} {target}"
