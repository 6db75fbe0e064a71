"""`# mlsd: ignore[RULE] -- reason`: on or above a line, by scope, file-wide; unused ones reported."""

from __future__ import annotations

from .helpers import lint

FALLBACKLESS = """\
system s {
  requirements { goal: "g" users: 1M latency_p99: 100ms }
  serving api: online { rollout: canary }{comment}
}
"""


def findings(text: str) -> list[tuple[int, str]]:
    return [
        (d.span.line, d.code) for d in lint(text) if d.code in ("SERVE003", "SUP001", "SUP002", "GRAPH001")
    ]


def spec_with(comment: str) -> str:
    return FALLBACKLESS.replace("{comment}", comment)


def test_unsuppressed() -> None:
    assert findings(spec_with("")) == [(3, "GRAPH001"), (3, "SERVE003")]


def test_suppression_on_the_line_by_code_or_name() -> None:
    assert findings(spec_with("  # mlsd: ignore[SERVE003] -- prototype")) == [(3, "GRAPH001")]
    assert findings(spec_with("  # mlsd: ignore[no-fallback, orphan-component]")) == []


def test_suppression_on_the_line_above() -> None:
    text = spec_with("").replace("  serving api", "  # mlsd: ignore[SERVE003] -- prototype\n  serving api")
    assert findings(text) == [(4, "GRAPH001")]


def test_suppression_on_the_component_covers_findings_inside_its_block() -> None:
    text = """\
system s {
  dataset train {  # mlsd: ignore[DATA004] -- fraud team rebalances downstream
    label: "chargeback"
    split: time
    positive_rate: 1%
  }
}
"""
    assert [d.code for d in lint(text) if d.code.startswith(("DATA004", "SUP"))] == []


def test_suppression_on_a_group_covers_its_members() -> None:
    text = """\
system s {
  serving api: online { rollout: canary }
  serving admin: online { rollout: canary }
  # mlsd: ignore[SERVE003] -- the gateway answers from cache
  group edge "Edge" { api }
}
"""
    assert [(d.span.line, d.message) for d in lint(text) if d.code == "SERVE003"] == [
        (3, "online serving 'admin' has no fallback")
    ]


def test_suppression_on_the_system_line_covers_everything_in_it() -> None:
    text = spec_with("").replace("system s {", "system s {  # mlsd: ignore[SERVE003] -- whiteboard draft")
    assert findings(text) == [(3, "GRAPH001")]


def test_file_level_suppression() -> None:
    text = "# mlsd: ignore-file[SERVE003, GRAPH001] -- draft\n" + spec_with("")
    assert findings(text) == []


def test_unused_suppression_is_reported_at_the_comment() -> None:
    """The comment ends line 2, so it also covers line 3: SERVE003 is used there, MON003 is not."""
    text = spec_with("").replace("100ms }", "100ms }  # mlsd: ignore[MON003, SERVE003] -- later")
    assert findings(text) == [(2, "SUP001"), (3, "GRAPH001")]
    assert [d.message for d in lint(text) if d.code == "SUP001"] == [
        "unused suppression of MON003: nothing to suppress"
    ]


def test_suppressions_of_rules_that_are_not_selected_are_not_unused() -> None:
    from mlsd_dsl.lint import LintConfig

    text = spec_with("  # mlsd: ignore[SERVE003] -- prototype")
    assert [d.code for d in lint(text, LintConfig(select=("SUP",)))] == []


def test_unknown_rule_and_bare_ignore_are_invalid() -> None:
    text = spec_with("  # mlsd: ignore[SERVE03]").replace("100ms }", "100ms }  # mlsd: ignore -- all")
    assert [(d.span.line, d.code, d.message) for d in lint(text) if d.code.startswith("SUP")] == [
        (2, "SUP002", "the suppression names no rule"),
        (3, "SUP002", "'SERVE03' is not a rule code or name"),
    ]


def test_ordinary_comments_mentioning_mlsd_are_not_suppressions() -> None:
    text = spec_with("  # mlsd is the tool; ignore this")
    assert findings(text) == [(3, "GRAPH001"), (3, "SERVE003")]
