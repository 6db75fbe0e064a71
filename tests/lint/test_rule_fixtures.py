"""Every lint rule has fixture specs in tests/lint/fixtures/<CODE>/ (see the README there).

`good*.mlsd` is a complete design that the rule has nothing to say about; `bad*.mlsd` is one with
the flaw the rule finds. Each fixture's findings, from every rule, are pinned in `<name>.expected`
(`CODE line:col message` per line), regenerated with `.venv/bin/python -m pytest --update-expected`.
A new rule needs its folder and fixtures, and no list of rules or findings edited by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint import Rule, all_rules, get_rule, lint_spec
from tests.expected import UPDATE_COMMAND, check_file, check_no_others, findings_text, relative

FIXTURES = Path(__file__).parent / "fixtures"
RULES = all_rules()
FIXTURE_FILES = sorted(FIXTURES.glob("*/*.mlsd"))


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def kind_of(fixture: Path) -> str:
    """`good` or `bad`, from the file name (`good.mlsd`, `bad-renamed-metric.mlsd`, …)."""
    return "good" if fixture.name.startswith("good") else "bad" if fixture.name.startswith("bad") else "?"


def expected_file(fixture: Path) -> Path:
    return fixture.with_suffix(".expected")


def lint_fixture(fixture: Path) -> list[Diagnostic]:
    compilation = compile_file(fixture)
    assert compilation.diagnostics == [], f"{relative(fixture)} is not valid: {compilation.diagnostics}"
    assert compilation.spec is not None
    return lint_spec(compilation.spec)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_has_a_good_and_a_bad_fixture(rule: Rule) -> None:
    folder = FIXTURES / rule.code
    kinds = {kind_of(fixture) for fixture in folder.glob("*.mlsd")}

    assert {"good", "bad"} <= kinds, (
        f"rule {rule.code} ({rule.name}) needs fixtures in {relative(folder)}/: good.mlsd, a complete "
        f"design the rule has nothing to say about, and bad.mlsd, the same with the flaw it finds; "
        f"then run `{UPDATE_COMMAND}` to write their expected findings"
    )


def test_every_fixture_folder_is_a_rule() -> None:
    folders = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())

    assert folders, f"no fixtures in {relative(FIXTURES)}"
    assert [name for name in folders if getattr(get_rule(name), "code", None) != name] == []


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=fixture_id)
def test_the_fixture_shows_its_rule_and_its_findings_are_expected(fixture: Path) -> None:
    code, kind = fixture.parent.name, kind_of(fixture)
    assert kind != "?", f"{relative(fixture)}: a fixture's name starts with good or bad"
    findings = lint_fixture(fixture)
    codes = [finding.code for finding in findings]

    if kind == "good":
        assert code not in codes, f"{relative(fixture)} is a good example, yet: {findings_text(findings)}"
    else:
        assert code in codes, f"{relative(fixture)} is the bad example, yet {code} finds nothing"
    check_file(expected_file(fixture), findings_text(findings))


FIXTURE_FOLDERS = sorted({fixture.parent for fixture in FIXTURE_FILES})


@pytest.mark.parametrize("folder", FIXTURE_FOLDERS, ids=lambda path: path.name)
def test_every_expected_file_belongs_to_a_fixture(folder: Path) -> None:
    produced = [expected_file(fixture).name for fixture in folder.glob("*.mlsd")]
    check_no_others(folder, produced, pattern="*.expected")
