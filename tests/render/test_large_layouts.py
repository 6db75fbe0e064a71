"""Large diagrams complete: clustered graphs of 1,000 and more nodes are ranked with newrank, and a
ranking failure of dot's default ranking is retried with newrank."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import mlsd_dsl
from benchmarks.generate import generate_clustered
from mlsd_dsl.rendering import render, to_dot
from mlsd_dsl.rendering.style import NEWRANK_NODES

from .conftest import fixture_spec


def draw_clustered(components: int) -> None:
    spec = mlsd_dsl.parse(generate_clustered(components, clusters=10))
    assert len(spec.components) == components
    assert "newrank=true" in to_dot(spec)
    svg = render(spec, fmt="svg").decode("utf-8")
    assert svg.count('class="node"') == components
    assert svg.count('class="cluster"') == 10


def test_a_1000_node_clustered_design_renders() -> None:
    draw_clustered(1000)


@pytest.mark.slow
def test_a_2000_node_clustered_design_renders() -> None:
    draw_clustered(2000)


def test_small_diagrams_keep_the_default_ranking() -> None:
    spec = fixture_spec("groups.mlsd")
    assert len(spec.components) < NEWRANK_NODES
    assert "newrank" not in to_dot(spec)


FAKE_DOT = """#!/bin/sh
echo "$@" >> "{log}"
case "$*" in
  *-Gnewrank=true*) exec "{dot}" "$@" ;;
  *) echo "Error: trouble in init_rank" >&2; exit 1 ;;
esac
"""


def test_a_ranking_failure_is_retried_with_newrank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_dot = next(
        Path(folder) / "dot"
        for folder in os.environ["PATH"].split(os.pathsep)
        if (Path(folder) / "dot").is_file()
    )
    log = tmp_path / "calls.log"
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text(FAKE_DOT.format(log=log, dot=real_dot))
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    svg = render(fixture_spec("groups.mlsd"), fmt="svg", direction="LR")  # one layout, not auto's three
    assert svg.startswith(b"<?xml")
    calls = log.read_text().splitlines()
    assert len(calls) == 2
    assert "-Gnewrank=true" not in calls[0] and "-Gnewrank=true" in calls[1]
