"""The parts of `mlsd serve` without a server: the SVG clean-up, the workspace, the analysis,
the command's errors, and that `mlsd check` never loads the web stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.serve.analysis import analyse
from mlsd_dsl.serve.diagram import DiagramError, page_svg
from mlsd_dsl.serve.workspace import Workspace

from .conftest import FEED

HOSTILE_SVG = """<?xml version="1.0"?>
<svg width="10pt" height="10pt" viewBox="0 0 10 10" onload="alert(1)"
     xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>alert(2)</script>
<g id="node1" class="node" onclick="alert(3)"><title>a&lt;b&gt;&quot;</title>
<a xlink:href="javascript:alert(4)"><text x="1" y="1">link</text></a>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
<polygon fill="url(https://evil.example/x)" points="0,0 1,1"/>
<image href="https://evil.example/track.png"/>
<text x="1" y="2" style="background:url(x)">&lt;script&gt;alert(5)&lt;/script&gt;</text>
</g>
<g id="edge1" class="edge"><title>a&#45;&gt;b</title><path d="M0,0"/></g>
</svg>"""


def test_the_svg_keeps_only_allow_listed_elements_and_attributes() -> None:
    svg = page_svg(HOSTILE_SVG)
    for banned in (
        "alert(1)",
        "alert(2)",
        "alert(3)",
        "alert(4)",
        "script>",
        "foreignObject",
        "evil",
        "style",
    ):
        assert banned not in svg, banned
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in svg  # a label stays text
    assert ">link</text>" in svg  # what a link wraps stays, without the link
    assert 'data-node="a&lt;b&gt;&quot;"' in svg
    assert 'data-source="a" data-target="b"' in svg
    assert 'width="10pt"' not in svg and 'viewBox="0 0 10 10"' in svg


@pytest.mark.parametrize("bad", ["<svg", "<html/>", "not xml at all"])
def test_output_that_is_not_svg_is_an_error(bad: str) -> None:
    with pytest.raises(DiagramError):
        page_svg(bad)


def test_the_workspace_serves_only_specs_under_its_roots(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.mlsd").write_text(FEED, encoding="utf-8")
    (root / "sub" / "b.mlsd").write_text(FEED, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "c.mlsd").write_text(FEED, encoding="utf-8")
    (tmp_path / "outside.mlsd").write_text(FEED, encoding="utf-8")
    (root / "link.mlsd").symlink_to(tmp_path / "outside.mlsd")
    (root / "inside-link.mlsd").symlink_to(root / "a.mlsd")
    (root / "loop.mlsd").symlink_to(root / "loop.mlsd")
    workspace = Workspace.open([str(root)])
    assert workspace.names() == ["a.mlsd", "inside-link.mlsd", "sub/b.mlsd"]
    for name in ("../outside.mlsd", "link.mlsd", "/etc/passwd", "sub/../a.mlsd", "", "loop.mlsd"):
        assert workspace.get(name) is None
    single = Workspace.open([str(root / "sub" / "b.mlsd")])
    assert single.names() == ["b.mlsd"]


def test_a_broken_file_keeps_the_last_good_analysis(tmp_path: Path) -> None:
    spec = tmp_path / "feed.mlsd"
    spec.write_text(FEED, encoding="utf-8")
    workspace = Workspace.open([str(tmp_path)])
    assert workspace.refresh("feed.mlsd") is True
    assert workspace.refresh("feed.mlsd") is False  # nothing changed
    spec.write_text(FEED.replace("}", "", 1), encoding="utf-8")
    assert workspace.refresh("feed.mlsd") is True
    state = workspace.get("feed.mlsd")
    assert state is not None and state.stale and state.good_version == 1 and state.version == 2
    detail = state.detail()
    assert detail["valid"] is False and detail["diagram_version"] == 1
    assert detail["diagnostics"] and all(
        d["severity"] == "error" and d["code"].startswith("E") for d in detail["diagnostics"]
    )  # language errors (which ones a missing brace gives is the parser's business)
    assert "train" in detail["components"]  # from the last good version


def test_findings_point_at_the_components_they_concern(tmp_path: Path) -> None:
    spec = tmp_path / "feed.mlsd"
    spec.write_text(FEED, encoding="utf-8")
    analysis = analyse(spec)
    assert analysis.spec is not None
    from mlsd_dsl.serve.analysis import diagnostic_json

    by_code = {d.code: diagnostic_json(d, analysis) for d in analysis.diagnostics}
    assert by_code["DATA003"]["subjects"] == ["train"]
    assert by_code["SERVE005"]["subjects"] == ["api"]
    assert by_code["SERVE005"]["source"] == "  serving api: online { latency_p99: 250ms }"
    assert by_code["MON001"]["subjects"] == [analysis.ghosts["MON001"]]


def test_serve_reports_bad_usage_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "no .mlsd files" in result.output
    (tmp_path / "a.mlsd").write_text(FEED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", str(tmp_path), "--host", "256.0.0.1"])
    assert result.exit_code == 2 and "cannot listen" in result.output
    assert "Traceback" not in result.output


PROBE = """
import sys
from click.testing import CliRunner
from mlsd_dsl.cli.main import cli
result = CliRunner().invoke(cli, ["check", sys.argv[1]])
assert result.exit_code in (0, 1), result.output
print(sorted({name.split(".")[0] for name in sys.modules} & {"starlette", "uvicorn", "watchfiles", "anyio"}))
"""


def test_check_does_not_load_the_web_stack(tmp_path: Path) -> None:
    spec = tmp_path / "feed.mlsd"
    spec.write_text(FEED, encoding="utf-8")
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(spec)], capture_output=True, text=True, check=True
    )
    assert probe.stdout.strip() == "[]"


def test_a_spec_is_rechecked_when_a_file_it_imports_changes(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the project root, which imports may not leave
    (tmp_path / "shared.mlsd").write_text('monitor drift: evidently "drift"\n', encoding="utf-8")
    spec = tmp_path / "feed.mlsd"
    spec.write_text('import "shared.mlsd"\n' + FEED.replace("ranker -> api", "ranker -> api -> drift"))
    workspace = Workspace.open([str(tmp_path)])
    for name in workspace.names():
        workspace.refresh(name)
    assert workspace.owners(tmp_path / "shared.mlsd") == ["feed.mlsd", "shared.mlsd"]
    (tmp_path / "shared.mlsd").write_text("monitor drift: evidently {\n", encoding="utf-8")
    assert workspace.refresh("feed.mlsd") is True
    state = workspace.get("feed.mlsd")
    assert state is not None and state.stale
    errors = state.detail()["diagnostics"]
    assert errors and all(error["file"] == "shared.mlsd" for error in errors)
    assert all(error["source"] is None for error in errors)  # never a line of feed.mlsd
