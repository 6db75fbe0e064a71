"""The deliberately flawed specs in specs/broken/ (lint demos and gallery drafts) report exactly the
findings in their expected files, tests/lint/expected/broken/<name>.expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.lint import lint_spec
from tests.expected import check_file, check_no_others, findings_text

BROKEN = Path(__file__).resolve().parents[2] / "specs" / "broken"
EXPECTED = Path(__file__).parent / "expected" / "broken"
BROKEN_SPECS = sorted(BROKEN.glob("*.mlsd"))


def expected_file(spec: Path) -> Path:
    return EXPECTED / f"{spec.stem}.expected"


def test_there_are_broken_specs() -> None:
    assert BROKEN_SPECS, f"no specs in {BROKEN}"


@pytest.mark.parametrize("spec", BROKEN_SPECS, ids=lambda spec: spec.name)
def test_broken_spec_reports_its_expected_findings(spec: Path) -> None:
    compilation = compile_file(spec)
    assert compilation.diagnostics == [], "a broken spec is a valid spec with design flaws"
    assert compilation.spec is not None
    findings = lint_spec(compilation.spec)

    assert findings, "a spec in specs/broken/ has flaws for the linter to find"
    check_file(expected_file(spec), findings_text(findings))


def test_every_expected_file_belongs_to_a_broken_spec() -> None:
    check_no_others(EXPECTED, [expected_file(spec).name for spec in BROKEN_SPECS])
