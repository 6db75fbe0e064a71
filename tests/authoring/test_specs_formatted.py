"""Every spec in the repository is kept in the canonical layout: `mlsd fmt specs/` changes nothing."""

from __future__ import annotations

from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

from .helpers import REPO, SPEC_FILES


def test_all_specs_are_formatted() -> None:
    assert SPEC_FILES, "specs/ holds specs"
    result = CliRunner().invoke(cli, ["fmt", "--check", str(REPO / "specs")])
    assert result.exit_code == 0, f"run `mlsd fmt specs/`:\n{result.output}"
    assert f"0 files would be reformatted, {len(SPEC_FILES)} files left unchanged" in result.output
