"""The case studies are lint-clean and cover all 7 steps; every spec is in canonical format.

What the drafts in specs/broken/ report is pinned in tests/lint/expected/broken/ (test_broken_specs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.formatter import format_source
from mlsd_dsl.gallery.collect import collect
from mlsd_dsl.lint import coverage, lint_spec
from mlsd_dsl.model.spec import Spec

SPECS = Path(__file__).resolve().parents[2] / "specs"
CASE_STUDIES = [entry.path for entry in collect(SPECS).entries if not entry.draft]
OWN_SPECS = sorted(SPECS.rglob("*.mlsd"))


def compiled(path: Path) -> Spec:
    compilation = compile_file(path)
    assert compilation.diagnostics == [], compilation.diagnostics
    assert compilation.spec is not None
    return compilation.spec


def test_the_gallery_has_case_studies() -> None:
    assert CASE_STUDIES, f"no case studies in {SPECS}"


@pytest.mark.parametrize("path", CASE_STUDIES, ids=lambda path: path.name)
def test_case_study_is_lint_clean_and_covers_every_step(path: Path) -> None:
    spec = compiled(path)
    findings = lint_spec(spec)

    assert [(d.span.line if d.span else 0, d.code, d.message) for d in findings] == []
    assert [step.status.value for step in coverage(spec, findings).steps] == ["covered"] * 7


@pytest.mark.parametrize("path", OWN_SPECS, ids=lambda path: path.relative_to(SPECS).as_posix())
def test_spec_is_in_canonical_format(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(SPECS).as_posix()
    assert format_source(text, name).text == text, f"run `mlsd fmt specs/{name}`"


def test_the_shared_platform_module_is_lint_clean() -> None:
    spec = compiled(SPECS / "common" / "platform.mlsd")

    assert spec.is_module
    assert lint_spec(spec) == []
