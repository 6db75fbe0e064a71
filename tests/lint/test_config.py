"""Configuration: `[tool.mlsd]` or `.mlsd.toml`, found by walking up; select, ignore, severity, per-file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint import ConfigError, LintConfig, find_config

from .helpers import lint

SPEC = """\
system s {
  serving api: online { rollout: canary }
}
"""


def codes_with(config: LintConfig, path: str = "spec.mlsd") -> list[str]:
    return sorted({d.code for d in lint(SPEC, config, path)})


def test_select_by_prefix_and_ignore_by_name() -> None:
    assert codes_with(LintConfig(select=("SERVE",))) == ["SERVE003"]
    assert codes_with(LintConfig(select=("SERVE", "MON001"), ignore=("no-fallback",))) == ["MON001"]


def test_severity_override() -> None:
    config = LintConfig(select=("SERVE003",), severity={"no-fallback": Severity.ERROR})
    assert [d.severity for d in lint(SPEC, config)] == [Severity.ERROR]


def test_unknown_selector_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(ConfigError, match="unknown rule selector 'no-fallbak'; did you mean 'no-fallback'"):
        LintConfig(ignore=("no-fallbak",))


def test_pyproject_is_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mlsd]\nselect = ["SERVE", "MON"]\nignore = ["MON001"]\nfail-on = "error"\n'
        '[tool.mlsd.severity]\nSERVE003 = "info"\n'
        '[tool.mlsd.per-file-ignores]\n"drafts/*.mlsd" = ["SERVE"]\n'
    )
    (tmp_path / "drafts" / "deep").mkdir(parents=True)
    config = find_config(tmp_path / "drafts" / "deep" / "x.mlsd")
    assert config.root == tmp_path and config.fail_on is Severity.ERROR
    assert codes_with(config, str(tmp_path / "design.mlsd")) == ["SERVE003"]
    assert [d.severity for d in lint(SPEC, config, str(tmp_path / "design.mlsd"))] == [Severity.INFO]
    assert codes_with(config, str(tmp_path / "drafts" / "a.mlsd")) == []


def test_closest_file_wins_and_mlsd_toml_uses_top_level_keys(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mlsd]\nselect = ["MON"]\n')
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / ".mlsd.toml").write_text('select = ["SERVE003"]\n')
    assert find_config(tmp_path / "team" / "x.mlsd").select == ("SERVE003",)
    assert find_config(tmp_path / "x.mlsd").select == ("MON",)


def test_pyproject_without_a_tool_mlsd_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mlsd]\nfail-on = "info"\n')
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path / "pkg" / "x.mlsd").fail_on is Severity.INFO


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[tool.mlsd]\nselct = ["MON"]\n', "unknown key 'selct'; did you mean 'select'"),
        ('[tool.mlsd]\nfail-on = "fatal"\n', "'fatal' is not a severity"),
        ('[tool.mlsd]\nselect = "MON', "cannot read"),
        ("[tool.mlsd]\nignore = [1]\n", "ignore must be a list of strings"),
    ],
)
def test_bad_configuration_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError, match=message):
        find_config(tmp_path / "x.mlsd")


def test_command_line_select_replaces_and_ignore_adds() -> None:
    config = LintConfig(select=("MON",), ignore=("MON002",)).overridden(("SERVE", "MON"), ("SERVE003",))
    assert config.select == ("SERVE", "MON") and config.ignore == ("MON002", "SERVE003")


def test_exclude_matches_folders_and_globs(tmp_path: Path) -> None:
    config = LintConfig(exclude=("specs/broken", "*.draft.mlsd"), root=tmp_path)
    assert config.excludes(tmp_path / "specs" / "broken" / "a.mlsd")
    assert config.excludes(tmp_path / "x.draft.mlsd")
    assert not config.excludes(tmp_path / "specs" / "a.mlsd")
