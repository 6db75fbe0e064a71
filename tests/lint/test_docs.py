"""docs/rules.md is generated from the rules; `mlsd rules` and the docs list the same rules."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.lint import all_rules
from mlsd_dsl.lint.docs import rules_markdown

from .helpers import lint

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `mlsd rules --format markdown > docs/rules.md`"
    )


def test_the_suppression_example_in_the_docs_suppresses_what_it_says() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    example = docs.split("## Suppressions", 1)[1].split("```mlsd\n", 1)[1].split("```", 1)[0]
    found = {d.code for d in lint(example)}
    assert "SERVE003" in {d.code for d in lint(example.replace("# mlsd: ignore[no-fallback]", "#"))}
    assert not {"MON001", "SERVE003", "SUP001", "SUP002"} & found


def test_mlsd_rules_lists_every_rule_with_step_and_severity() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(all_rules())
    assert lines[0].split()[:4] == ["REQ001", "no-requirements", "1", "warning"]
    assert all(f"#### {rule.code}\n" in DOCS.read_text(encoding="utf-8") for rule in all_rules())


def test_explain_by_name_and_unknown_rule() -> None:
    result = CliRunner().invoke(cli, ["explain", "no-monitoring"])
    assert result.exit_code == 0
    assert result.output.startswith(
        "MON001 no-monitoring  (warning)\n7. Monitoring: The system has no monitoring\n"
    )
    assert "Missing component: monitor" in result.output
    unknown = CliRunner().invoke(cli, ["explain", "no-monitorng"])
    assert unknown.exit_code == 2
    assert "did you mean 'no-monitoring'" in unknown.output


def test_explain_knows_language_error_codes() -> None:
    result = CliRunner().invoke(cli, ["explain", "E101"])
    assert (result.exit_code, result.output) == (
        0,
        (
            "E101 unknown-kind  (error)\n"
            "Language error: a declaration whose kind is not in the vocabulary. "
            "The spec is not valid mlsd until it is fixed.\n"
        ),
    )
