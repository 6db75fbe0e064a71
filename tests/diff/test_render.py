"""`mlsd diff --render`: the new design drawn with its changes marked, one file per changed spec."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

from .helpers import BASE, edited, new_repository, write

SVG_NS = "{http://www.w3.org/2000/svg}"
CHANGED = edited(
    BASE,
    ("ranker", "scorer"),
    ("latency_p99: 150ms }", "latency_p99: 120ms }"),
    ('  source events: kafka "user events" { type: events }\n', ""),
    ("events -> train", "train"),
    (
        "  group online",
        "  monitor drift: evidently { watches: [predictions]  drift: psi }\n  api -log-> drift\n  group online",
    ),
)


def classes_of(svg: Path) -> dict[str, set[str]]:
    """Node and edge titles by the class of their SVG group."""
    found: dict[str, set[str]] = {}
    for group in ET.parse(svg).getroot().iter(f"{SVG_NS}g"):
        title = group.find(f"{SVG_NS}title")
        if title is not None and title.text:
            found.setdefault(group.get("class", ""), set()).add(title.text)
    return found


def test_render_marks_the_new_design(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("old.mlsd").write_text(BASE)
    Path("new.mlsd").write_text(CHANGED)
    result = CliRunner().invoke(
        cli, ["diff", "old.mlsd", "new.mlsd", "--render", "out/diff.svg", "--fail-on", "never"]
    )
    assert result.exit_code == 0 and "wrote out/diff.svg" in result.stderr
    classes = classes_of(Path("out/diff.svg"))
    assert classes["node mlsd-added"] == {"drift"}
    assert classes["node mlsd-renamed"] == {"scorer"}
    assert classes["node mlsd-changed"] == {"api"}
    assert classes["node mlsd-removed"] == {"events"}
    assert classes["node mlsd-unchanged"] == {"train"}
    assert classes["edge mlsd-added"] == {"api->drift"}
    assert "cluster_changes" in classes["cluster"]
    text = Path("out/diff.svg").read_text()
    assert "Changes since old.mlsd: 1 added, 1 removed, 1 renamed, 1 changed" in text


def test_several_changed_specs_give_a_file_each_and_invalid_ones_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_repository(
        tmp_path / "repo", {"a.mlsd": BASE, "b.mlsd": BASE, "c.mlsd": BASE, "same.mlsd": BASE}
    )
    monkeypatch.chdir(root)
    write(root, {"a.mlsd": CHANGED, "b.mlsd": edited(BASE, ("ranker", "scorer")), "c.mlsd": "system c {"})
    result = CliRunner().invoke(cli, ["diff", "--git", "HEAD", "--render", "diff.dot", "--fail-on", "never"])
    assert result.exit_code == 0
    assert sorted(p.name for p in root.glob("diff*")) == ["diff-a.dot", "diff-b.dot"]
    assert 'class="mlsd-renamed"' in (root / "diff-b.dot").read_text()


def test_nothing_to_draw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.mlsd").write_text(BASE)
    result = CliRunner().invoke(cli, ["diff", "a.mlsd", "a.mlsd", "--render", "diff.png"])
    assert result.exit_code == 0 and "nothing to draw" in result.stderr
    assert not Path("diff.png").exists()


def test_marks_of_a_diff() -> None:
    from mlsd_dsl.diff.draw import marks_of
    from mlsd_dsl.model.kinds import Kind
    from mlsd_dsl.rendering.marks import Mark, RemovedComponent

    from .helpers import diff

    cached = edited(
        BASE,
        (
            'group online "Online" { api }',
            'cache hot: redis\n  api -request-> hot\n  group online "Online" { api hot }',
        ),
    )
    result = diff(cached, edited(CHANGED, ("latency_p99: 200ms", "latency_p99: 200ms")))
    marks = marks_of(result, "main")
    assert marks.components == {"drift": Mark.ADDED, "api": Mark.CHANGED, "scorer": Mark.RENAMED}
    assert marks.notes["scorer"] == ("was ranker",)
    assert marks.notes["api"] == ("latency_p99: 150ms → 120ms",)
    assert RemovedComponent("hot", Kind.CACHE, "redis", "online") in marks.removed
    assert marks.caption == "Changes since main: 1 added, 2 removed, 1 renamed, 1 changed"
