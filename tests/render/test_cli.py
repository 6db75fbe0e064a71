"""`mlsd render`: output paths and formats, atomic writes, bad input and a missing `dot`."""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

from .conftest import FIXTURE_SPECS


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    for name in ("stages.mlsd", "groups.mlsd"):
        shutil.copy(FIXTURE_SPECS / name, tmp_path / name)
    (tmp_path / "broken.mlsd").write_text("system s {\n  model m: \n}\n")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def test_format_comes_from_the_output_extension(workdir: Path) -> None:
    code, _, err = run(str(workdir / "stages.mlsd"), "-o", str(workdir / "out.png"))
    assert code == 0
    assert (workdir / "out.png").read_bytes().startswith(b"\x89PNG")
    assert err == f"wrote {workdir / 'out.png'}\n"


def test_default_output_is_an_svg_beside_the_spec(workdir: Path) -> None:
    assert run(str(workdir / "stages.mlsd"))[0] == 0
    assert (workdir / "stages.svg").read_bytes().startswith(b"<?xml")


def test_several_specs_go_into_an_output_directory(workdir: Path) -> None:
    code, _, _ = run(
        str(workdir / "stages.mlsd"),
        str(workdir / "groups.mlsd"),
        "-o",
        str(workdir / "out"),
        "--format",
        "dot",
        "--backend",
        "diagrams",
    )
    assert code == 0
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["groups.dot", "stages.dot"]


def test_dot_goes_to_standard_output_with_a_dash(workdir: Path) -> None:
    code, out, _ = run(str(workdir / "stages.mlsd"), "-o", "-", "--format", "dot")
    assert code == 0
    assert out.startswith("digraph tiny {")


def test_an_unknown_extension_is_a_usage_error(workdir: Path) -> None:
    code, _, err = run(str(workdir / "stages.mlsd"), "-o", str(workdir / "out.jpeg"))
    assert code == 2
    assert "cannot tell the format of" in err and "pass --format" in err


def test_a_spec_with_errors_is_not_rendered_and_its_diagnostics_are_printed(workdir: Path) -> None:
    target = workdir / "broken.svg"
    code, _, err = run(str(workdir / "broken.mlsd"), "-o", str(target))
    assert code == 2
    assert f"{workdir / 'broken.mlsd'}:3:1: error[E001]" in err
    assert "mlsd: not rendered: 1 error, 0 warnings in 1 file" in err
    assert not target.exists()


def test_missing_dot_is_explained_and_keeps_the_previous_diagram(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = workdir / "stages.svg"
    target.write_text("previous good diagram")
    monkeypatch.setenv("PATH", str(workdir / "no-such-bin"))
    code, _, err = run(str(workdir / "stages.mlsd"), "-o", str(target))
    assert code == 2
    assert "Graphviz's 'dot' program was not found on PATH" in err
    assert "apt-get install graphviz" in err
    assert target.read_text() == "previous good diagram"
    assert sorted(p.name for p in workdir.iterdir() if p.name.startswith(".")) == []


def test_an_existing_directory_is_an_output_directory(workdir: Path) -> None:
    (workdir / "out").mkdir()
    assert run(str(workdir / "stages.mlsd"), "-o", str(workdir / "out"), "--format", "dot")[0] == 0
    assert (workdir / "out" / "stages.dot").read_text().startswith("digraph tiny {")


def test_an_unwritable_output_is_reported(workdir: Path) -> None:
    (workdir / "file").write_text("x")
    code, _, err = run(str(workdir / "stages.mlsd"), "-o", str(workdir / "file" / "out.svg"))
    assert code == 2
    assert f"mlsd: error: cannot write '{workdir / 'file' / 'out.svg'}'" in err


def test_direction_is_case_insensitive(workdir: Path) -> None:
    code, out, _ = run(str(workdir / "stages.mlsd"), "-o", "-", "-f", "dot", "--direction", "tb")
    assert code == 0 and "rankdir=TB" in out


def test_gaps_follow_the_lint_configuration_of_the_spec_folder(workdir: Path) -> None:
    spec = str(workdir / "stages.mlsd")
    assert "\tgap_MODEL002 [" in run(spec, "-o", "-", "-f", "dot", "--gaps")[1]
    (workdir / ".mlsd.toml").write_text('ignore = ["MODEL002"]\n')
    assert "gap_MODEL002" not in run(spec, "-o", "-", "-f", "dot", "--gaps")[1]
    (workdir / ".mlsd.toml").write_text("ignore = [\n")
    code, _, err = run(spec, "-o", "-", "-f", "dot", "--gaps")
    assert code == 2
    assert f"mlsd: error: {spec}: --gaps: cannot read {workdir / '.mlsd.toml'}" in err


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_scale_2_draws_a_png_twice_as_large(workdir: Path) -> None:
    spec = str(workdir / "stages.mlsd")
    assert run(spec, "-o", str(workdir / "one.png"), "--direction", "TB")[0] == 0
    assert run(spec, "-o", str(workdir / "two.png"), "--direction", "TB", "--scale", "2")[0] == 0
    (width, height), (width2, height2) = _png_size(workdir / "one.png"), _png_size(workdir / "two.png")
    assert abs(width2 - 2 * width) <= 2 and abs(height2 - 2 * height) <= 2
    assert run(spec, "--scale", "9")[0] == 2


def test_feedback_edges_can_be_left_out_and_the_direction_is_chosen(workdir: Path) -> None:
    spec = str(workdir / "stages.mlsd")
    _, with_feedback, _ = run(spec, "-o", "-", "-f", "dot")
    _, without, _ = run(spec, "-o", "-", "-f", "dot", "--no-feedback")
    assert "logs impressions" in with_feedback and "logs impressions" not in without
    assert re.search(r"rankdir=(TB|LR)", with_feedback)
