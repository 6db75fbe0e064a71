"""The --gaps overlay: findings about missing components become dashed ghost nodes."""

from __future__ import annotations

import pytest

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.rendering.gaps import Gap, find_gaps

from .conftest import FakeLinter, FakeRule, spec_of

SPEC = spec_of("""
    system s {
      dataset d
      model m: lightgbm
      serving api: online
      d -> m -> api
    }
""")


def test_only_rules_about_a_missing_component_become_gaps_in_flow_order() -> None:
    linter = FakeLinter(
        FakeRule("MON001", "no-monitoring", Kind.MONITOR),
        FakeRule("EVAL001", "no-offline-metric", None),
        FakeRule("SERVE004", "no-registry", Kind.REGISTRY),
    )
    assert find_gaps(linter.lint(SPEC), linter.rule_of) == [
        Gap("SERVE004", "no-registry", Kind.REGISTRY),
        Gap("MON001", "no-monitoring", Kind.MONITOR),
    ]


def test_a_rule_reported_several_times_is_one_gap() -> None:
    linter = FakeLinter(FakeRule("MODEL002", "no-baseline", Kind.MODEL))
    assert find_gaps(linter.lint(SPEC) * 2, linter.rule_of) == [Gap("MODEL002", "no-baseline", Kind.MODEL)]


def test_codes_that_are_not_lint_rules_are_ignored() -> None:
    linter = FakeLinter(FakeRule("MON001", "no-monitoring", Kind.MONITOR))
    with_unknown = linter.lint(SPEC) + FakeLinter(FakeRule("E999", "x", None)).lint(SPEC)
    assert find_gaps(with_unknown, linter.rule_of) == [Gap("MON001", "no-monitoring", Kind.MONITOR)]


def test_the_real_linter_drives_the_overlay() -> None:
    from mlsd_dsl.lint import lint_spec
    from mlsd_dsl.rendering import to_dot

    spec = spec_of("""
        system s {
          dataset d { label: "clicked" split: time }
          model m: lightgbm { loss: focal }
          serving api: online
          d -> m -> api
        }
    """)
    source = to_dot(spec, gaps=True, findings=lint_spec(spec))
    assert "\tgap_MON001 [" in source  # no monitoring
    assert "\tgap_MODEL002 [" in source  # no baseline
    assert "found by mlsd lint (dashed)" in source
    assert "gap_" not in to_dot(spec)


def test_the_renderer_never_lints_on_its_own() -> None:
    from mlsd_dsl.rendering import RenderError, to_dot

    with pytest.raises(RenderError, match="needs the spec's lint findings"):
        to_dot(SPEC, gaps=True)


def test_the_public_api_lints_for_gaps_when_no_findings_are_given() -> None:
    import mlsd_dsl

    assert b"\tgap_MON001 [" in mlsd_dsl.render(SPEC, fmt="dot", gaps=True)
    assert b"gap_MON001" not in mlsd_dsl.render(SPEC, fmt="dot", gaps=True, findings=[])
