"""DOT snapshots of the fixture specs in tests/render/specs/.

Regenerate after an intended change with `MLSD_UPDATE_SNAPSHOTS=1 pytest tests/render`, then
review the diff of tests/render/snapshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.rendering import RenderOptions, render_with
from mlsd_dsl.rendering.gaps import Gap
from mlsd_dsl.rendering.graphviz_backend import build_graph
from mlsd_dsl.rendering.scene import build_scene

from .conftest import fixture_spec

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("MLSD_UPDATE_SNAPSHOTS") == "1"

CASES = {
    "stages-graphviz": ("stages.mlsd", RenderOptions(fmt="dot")),
    "stages-diagrams": ("stages.mlsd", RenderOptions(fmt="dot", backend="diagrams")),
    "stages-dark-tb-legend-summary": (
        "stages.mlsd",
        RenderOptions(fmt="dot", theme="dark", direction="TB", legend=True, summary=True),
    ),
    "stages-mono": ("stages.mlsd", RenderOptions(fmt="dot", theme="mono")),
    "groups-graphviz": ("groups.mlsd", RenderOptions(fmt="dot")),
    "hostile-graphviz": ("hostile.mlsd", RenderOptions(fmt="dot")),
}


def assert_matches_snapshot(name: str, source: str) -> None:
    path = SNAPSHOTS / f"{name}.dot"
    if UPDATE:
        path.write_text(source, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with MLSD_UPDATE_SNAPSHOTS=1"
    assert source == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_dot_output_matches_its_snapshot(name: str) -> None:
    spec_file, options = CASES[name]
    assert_matches_snapshot(name, render_with(fixture_spec(spec_file), options).decode("utf-8"))


def test_gap_overlay_matches_its_snapshot() -> None:
    gaps = [Gap("MODEL002", "no-baseline", Kind.MODEL), Gap("MON002", "no-drift-monitoring", Kind.MONITOR)]
    scene = build_scene(fixture_spec("stages.mlsd"), gaps)
    assert_matches_snapshot("stages-gaps", build_graph(scene, RenderOptions(fmt="dot", legend=True)).source)
