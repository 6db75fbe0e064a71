"""The change overlay: marked components and edges, removed ones as ghosts, and its legend.

The renderer is handed the marks; these tests read the DOT and SVG structure, never pixels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.rendering import Mark, Marks, RemovedComponent, RemovedEdge, RenderOptions, render_with
from mlsd_dsl.rendering.scene import build_scene
from mlsd_dsl.rendering.themes import LIGHT

from .conftest import spec_of

SPEC = spec_of("""
    system s {
      dataset d
      model m: lightgbm
      model fresh: xgboost
      serving api: online
      d -> m -> api
      d -> fresh
    }
""")
MARKS = Marks(
    components={"fresh": Mark.ADDED, "api": Mark.CHANGED, "m": Mark.RENAMED},
    notes={"api": ("latency_p99: 200ms → 120ms",), "m": ("was ranker",)},
    edges={("d", "fresh", EdgeType.DATA): Mark.ADDED},
    removed=(RemovedComponent("old_cache", Kind.CACHE, "redis"),),
    removed_edges=(RemovedEdge("api", "old_cache", EdgeType.REQUEST), RemovedEdge("api", "nowhere")),
    caption="Changes since main: 1 added, 1 removed",
)
SVG_NS = "{http://www.w3.org/2000/svg}"


def dot(marks: Marks | None = MARKS) -> str:
    return render_with(SPEC, RenderOptions("dot", direction="TB"), marks=marks).decode()


def node_line(source: str, name: str) -> str:
    return next(line for line in source.splitlines() if re.match(rf"\s*{name} \[", line))


def test_the_scene_carries_the_marks() -> None:
    scene = build_scene(SPEC, marks=MARKS)
    assert {name: node.mark for name, node in scene.nodes.items()} == {
        "d": Mark.UNCHANGED,
        "m": Mark.RENAMED,
        "fresh": Mark.ADDED,
        "api": Mark.CHANGED,
        "old_cache": Mark.REMOVED,
    }
    marked_edges = {(e.source, e.target): e.mark for e in scene.edges if not e.invisible}
    assert marked_edges[("d", "fresh")] is Mark.ADDED
    assert marked_edges[("d", "m")] is Mark.UNCHANGED
    assert marked_edges[("api", "old_cache")] is Mark.REMOVED
    assert ("api", "nowhere") not in marked_edges  # an edge to nothing drawn is left out
    assert Kind.CACHE not in scene.kinds  # the kind legend lists what the design has


def test_marked_nodes_have_their_class_colour_and_notes_in_dot() -> None:
    source = dot()
    colours = LIGHT.changes
    fresh, api, m = node_line(source, "fresh"), node_line(source, "api"), node_line(source, "m")
    assert 'class="mlsd-added"' in fresh and f'color="{colours.added}"' in fresh and "+ added" in fresh
    assert 'class="mlsd-changed"' in api and "latency_p99: 200ms → 120ms" in api
    assert 'class="mlsd-renamed"' in m and "was ranker" in m
    assert 'class="mlsd-unchanged"' in node_line(source, "d")


def test_removed_components_are_dashed_faded_ghosts() -> None:
    ghost = node_line(dot(), "old_cache")
    assert 'class="mlsd-removed"' in ghost
    assert "dashed" in ghost and f'fillcolor="{LIGHT.changes.removed_fill}"' in ghost
    assert "<S>old_cache</S>" in ghost and "− removed" in ghost


def test_the_legend_keys_only_the_marks_drawn() -> None:
    source = dot()
    assert "subgraph cluster_changes" in source
    legend = node_line(source, '"legend.changes"')
    for words in ("+ added", "~ changed", "~ renamed", "− removed"):
        assert words in legend
    only_added = Marks(components={"fresh": Mark.ADDED})
    legend = node_line(dot(only_added), '"legend.changes"')
    assert "+ added" in legend and "removed" not in legend and "renamed" not in legend


def test_no_marks_no_overlay() -> None:
    source = dot(None)
    assert "mlsd-" not in source and "cluster_changes" not in source


def test_svg_groups_carry_the_mark_classes() -> None:
    svg = render_with(SPEC, RenderOptions("svg", direction="TB"), marks=MARKS)
    root = ET.fromstring(svg)
    classes: dict[str, set[str]] = {}
    for group in root.iter(f"{SVG_NS}g"):
        title = group.find(f"{SVG_NS}title")
        if title is not None and title.text:
            classes.setdefault(group.get("class", ""), set()).add(title.text)
    assert {"fresh"} <= classes["node mlsd-added"]
    assert {"api"} <= classes["node mlsd-changed"]
    assert {"old_cache"} <= classes["node mlsd-removed"]
    assert {"d->fresh"} <= classes["edge mlsd-added"]
    assert any(
        name.startswith("api->old_cache") or name.startswith("old_cache->api")
        for name in classes["edge mlsd-removed"]
    )
    assert "Changes since main: 1 added, 1 removed" in svg.decode()
    assert any("legend.changes" in names for names in classes.values())


def test_a_removed_component_is_drawn_in_the_group_it_was_in() -> None:
    grouped = spec_of("""
        system s {
          serving api: online
          model m: lightgbm
          m -> api
          group online "Online" { api }
        }
    """)
    marks = Marks(removed=(RemovedComponent("cache", Kind.CACHE, "redis", group="online"),))
    scene = build_scene(grouped, marks=marks)
    online = next(cluster for cluster in scene.clusters if cluster.label == "Online")
    assert online.members == ("api", "cache")
    elsewhere = build_scene(grouped, marks=Marks(removed=(RemovedComponent("cache", Kind.CACHE),)))
    assert next(c for c in elsewhere.clusters if c.label == "Online").members == ("api",)


def test_the_icon_backend_draws_the_marks_too() -> None:
    source = render_with(SPEC, RenderOptions("dot", backend="diagrams", direction="TB"), marks=MARKS).decode()
    assert 'class="mlsd-removed"' in node_line(source, "old_cache")
    assert "+ added" in source and "subgraph cluster_changes" in source
