"""Every spec in the repository is kept in the canonical layout: `mlsd fmt` changes nothing, the
drafts under specs/broken (which the configuration excludes from a walk of specs/) included."""

from __future__ import annotations

from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

from .helpers import SPEC_FILES


def test_all_specs_are_formatted() -> None:
    assert SPEC_FILES, "specs/ holds specs"
    result = CliRunner().invoke(cli, ["fmt", "--check", *(str(path) for path in SPEC_FILES)])
    assert result.exit_code == 0, f"run `mlsd fmt specs/ specs/broken/`:\n{result.output}"
    assert f"0 files would be reformatted, {len(SPEC_FILES)} files left unchanged" in result.output
