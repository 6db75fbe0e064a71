"""DOT snapshots of the fixture specs in tests/render/specs/.

They are expected files (tests/expected.py): after an intended change run
`.venv/bin/python -m pytest --update-expected` and review the diff of tests/render/snapshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.rendering import RenderOptions, render_with
from mlsd_dsl.rendering.gaps import Gap
from mlsd_dsl.rendering.graphviz_backend import build_graph
from mlsd_dsl.rendering.scene import build_scene
from tests.expected import check_file, check_no_others

from .conftest import fixture_spec

SNAPSHOTS = Path(__file__).parent / "snapshots"

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
GAPS_SNAPSHOT = "stages-gaps"


def assert_matches_snapshot(name: str, source: str) -> None:
    check_file(SNAPSHOTS / f"{name}.dot", source)


@pytest.mark.parametrize("name", sorted(CASES))
def test_dot_output_matches_its_snapshot(name: str) -> None:
    spec_file, options = CASES[name]
    assert_matches_snapshot(name, render_with(fixture_spec(spec_file), options).decode("utf-8"))


def test_gap_overlay_matches_its_snapshot() -> None:
    gaps = [Gap("MODEL002", "no-baseline", Kind.MODEL), Gap("MON002", "no-drift-monitoring", Kind.MONITOR)]
    scene = build_scene(fixture_spec("stages.mlsd"), gaps)
    assert_matches_snapshot(GAPS_SNAPSHOT, build_graph(scene, RenderOptions(fmt="dot", legend=True)).source)


def test_every_snapshot_belongs_to_a_case() -> None:
    check_no_others(SNAPSHOTS, [f"{name}.dot" for name in [*CASES, GAPS_SNAPSHOT]])
