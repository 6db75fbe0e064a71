"""`mlsd fmt`: in place, --check, --diff, standard input, and bad input."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner, Result

from mlsd_dsl.cli.main import cli

UGLY = "system s{model m{loss:focal}}\n"
PRETTY = "system s {\n  model m { loss: focal }\n}\n"
BROKEN = "system s { model m { loss focal } }\n"


def run(*arguments: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["fmt", *arguments], input=stdin)


def test_rewrites_files_in_place_and_keeps_their_permissions(tmp_path: Path) -> None:
    spec = tmp_path / "s.mlsd"
    spec.write_text(UGLY)
    spec.chmod(0o640)
    result = run(str(spec))
    assert result.exit_code == 0
    assert spec.read_text() == PRETTY
    assert stat.S_IMODE(spec.stat().st_mode) == 0o640
    assert "1 file reformatted, 0 files left unchanged" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["s.mlsd"]


def test_check_lists_the_files_that_would_change_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "ugly.mlsd").write_text(UGLY)
    (tmp_path / "pretty.mlsd").write_text(PRETTY)
    result = run("--check", str(tmp_path))
    assert result.exit_code == 1
    assert f"would reformat {tmp_path / 'ugly.mlsd'}" in result.output
    assert "pretty.mlsd" not in result.output.replace("1 file left unchanged", "")
    assert (tmp_path / "ugly.mlsd").read_text() == UGLY


def test_check_passes_on_formatted_files(tmp_path: Path) -> None:
    (tmp_path / "pretty.mlsd").write_text(PRETTY)
    assert run("--check", str(tmp_path)).exit_code == 0


def test_diff_prints_a_unified_diff(tmp_path: Path) -> None:
    spec = tmp_path / "s.mlsd"
    spec.write_text(UGLY)
    result = run("--diff", str(spec))
    assert result.exit_code == 1
    assert f"--- {spec}\n+++ {spec}\n" in result.output
    assert "-system s{model m{loss:focal}}\n+system s {\n+  model m { loss: focal }\n+}\n" in result.output
    assert spec.read_text() == UGLY


def test_dash_formats_standard_input_to_standard_output() -> None:
    result = run("-", stdin=UGLY)
    assert result.exit_code == 0
    assert result.output == PRETTY


def test_a_spec_that_does_not_parse_is_reported_and_left_untouched(tmp_path: Path) -> None:
    spec = tmp_path / "broken.mlsd"
    spec.write_text(BROKEN)
    result = run(str(spec))
    assert result.exit_code == 2
    assert f"{spec}:1:27: error[E001]: unexpected name 'focal'" in result.output
    assert spec.read_text() == BROKEN


def test_missing_paths_are_errors(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.mlsd"))
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_the_configured_exclude_is_left_alone_unless_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mlsd]\nexclude = ["drafts"]\n')
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "d.mlsd"
    draft.write_text(BROKEN)
    (tmp_path / "s.mlsd").write_text(UGLY)
    walked = run(str(tmp_path))
    assert walked.exit_code == 0, walked.output
    assert (tmp_path / "s.mlsd").read_text() == PRETTY
    assert draft.read_text() == BROKEN
    named = run(str(draft))
    assert named.exit_code == 2  # named, so formatted: and it does not parse
    forced = run("--force-exclude", str(draft), str(tmp_path / "s.mlsd"))
    assert forced.exit_code == 0, forced.output
    assert "0 files reformatted, 1 file left unchanged" in forced.output
