"""`--jobs`: several processes give byte for byte the output of one, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.parallel import default_jobs, ordered_map

REPO = Path(__file__).resolve().parents[2]
BROKEN = "system s {\n  sevring api\n  model m: xgboost { loss: }\n}\n"


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository's specs (clean, with findings, a shared module) and two broken files."""
    folder = tmp_path / "specs"
    shutil.copytree(REPO / "specs", folder)
    (folder / "broken" / "a_syntax.mlsd").write_text(BROKEN)
    (folder / "zz_missing_import.mlsd").write_text('import "nowhere.mlsd"\nsystem s {\n  model m\n}\n')
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    return folder


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github"])
def test_check_with_two_jobs_prints_what_one_job_prints(specs: Path, output_format: str) -> None:
    serial = invoke("check", "--jobs", "1", "--format", output_format, "--coverage", "specs")
    parallel = invoke("check", "--jobs", "2", "--format", output_format, "--coverage", "specs")
    assert serial[0] == 2  # the broken specs make it fail, the same way in both
    assert parallel == serial
    assert "a_syntax.mlsd" in serial[1] and "nowhere.mlsd" in serial[1]


def test_render_with_two_jobs_writes_what_one_job_writes(specs: Path, tmp_path: Path) -> None:
    serial = invoke("render", "--jobs", "1", "-f", "dot", "-o", str(tmp_path / "one"), "specs")
    parallel = invoke("render", "--jobs", "2", "-f", "dot", "-o", str(tmp_path / "two"), "specs")
    assert serial[0] == parallel[0] == 2
    assert parallel[2].replace("/two/", "/one/") == serial[2]
    one = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert one == sorted(p.name for p in (tmp_path / "two").iterdir())
    assert len(one) > 10
    for name in one:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def square(number: int) -> int:
    return number * number


def test_ordered_map_keeps_the_order_of_the_inputs() -> None:
    numbers = list(range(200))
    assert list(ordered_map(square, numbers, 2)) == [n * n for n in numbers]
    assert list(ordered_map(square, numbers[:1], 2)) == [0]
    assert list(ordered_map(square, [], 2)) == []


def test_every_processor_is_the_default() -> None:
    assert default_jobs() >= 1
    for command in ("check", "render", "gallery"):
        assert "every processor" in " ".join(invoke(command, "--help")[1].split())
