"""The semantic diff of two versions of one spec: what changed, in the model's terms."""

from __future__ import annotations

from mlsd_dsl.diff import SpecStatus
from mlsd_dsl.diff.report import Change, EdgeRef

from .helpers import BASE, diff, edited


def test_the_same_spec_has_no_changes() -> None:
    result = diff(BASE, BASE)
    assert result.status is SpecStatus.UNCHANGED
    assert not result.design_changed and not result.findings_introduced and not result.findings_fixed


def test_moving_text_and_comments_changes_nothing() -> None:
    moved = edited(
        BASE,
        ("  serving api: online { latency_p99: 150ms }\n", ""),
        (
            "  source events",
            "  # the serving layer\n  serving api: online {\n    latency_p99: 150ms\n  }\n\n  source events",
        ),
    )
    assert diff(BASE, moved).status is SpecStatus.UNCHANGED


def test_a_renamed_component_is_a_rename_not_a_removal_and_an_addition() -> None:
    renamed = edited(BASE, ("ranker", "scorer"))
    result = diff(BASE, renamed)
    assert [(r.old, r.new, r.kind) for r in result.components_renamed] == [("ranker", "scorer", "model")]
    assert result.components_added == [] and result.components_removed == []
    assert result.edges_added == [] and result.edges_removed == []  # its edges are the same edges
    assert result.components_changed == []
    assert result.findings_introduced == [] and result.findings_fixed == []  # MODEL007 follows it


def test_a_renamed_and_retuned_component_is_still_a_rename_with_its_changes() -> None:
    retuned = edited(
        BASE,
        ("model ranker: lightgbm { loss: cross_entropy", "model scorer: lightgbm { loss: focal"),
        ("ranker -> api", "scorer -> api"),
    )
    result = diff(BASE, retuned)
    assert [(r.old, r.new) for r in result.components_renamed] == [("ranker", "scorer")]
    [change] = result.components_changed
    assert change.name == "scorer" and change.renamed_from == "ranker"
    assert change.attributes == [Change(key="loss", before="cross_entropy", after="focal")]


def test_a_replacement_by_something_else_is_a_removal_and_an_addition() -> None:
    replaced = edited(
        BASE,
        ("model ranker: lightgbm { loss: cross_entropy  stage: ranking }", "model popular: popularity"),
        ("train -> ranker -> api", "train -> popular"),
    )
    result = diff(BASE, replaced)
    assert result.components_renamed == []
    assert [c.name for c in result.components_removed] == ["ranker"]
    assert [(c.name, c.tech) for c in result.components_added] == [("popular", "popularity")]


def test_a_reference_to_a_renamed_component_is_no_change() -> None:
    old = edited(
        BASE,
        (
            "serving api: online { latency_p99: 150ms }",
            "serving api: online { latency_p99: 150ms  fallback: ranker }",
        ),
    )
    new = edited(old, ("ranker", "scorer"))
    result = diff(old, new)
    assert result.components_changed == []


def test_attribute_changes_are_typed() -> None:
    result = diff(BASE, edited(BASE, ("latency_p99: 150ms }", "latency_p99: 120ms }")))
    [change] = result.components_changed
    assert (change.name, change.attributes) == (
        "api",
        [Change(key="latency_p99", before="150ms", after="120ms")],
    )


def test_the_same_value_written_otherwise_is_no_change() -> None:
    rewritten = edited(
        BASE,
        ("latency_p99: 200ms", "latency_p99: 0.2s"),
        ("peak_qps: 50k", "peak_qps: 50_000"),
        ('label: "clicked"', 'label: "clicked"'),
    )
    assert diff(BASE, rewritten).status is SpecStatus.UNCHANGED


def test_attributes_set_and_unset_and_component_facts() -> None:
    changed = edited(
        BASE,
        (
            "model ranker: lightgbm { loss: cross_entropy  stage: ranking }",
            'model ranker: xgboost "the ranker" { stage: ranking  calibration: isotonic }',
        ),
    )
    [change] = diff(BASE, changed).components_changed
    assert change.fields == [
        Change(key="tech", before="lightgbm", after="xgboost"),
        Change(key="label", before=None, after="the ranker"),
    ]
    assert change.attributes == [
        Change(key="calibration", before=None, after="isotonic"),
        Change(key="loss", before="cross_entropy", after=None),
    ]


def test_edges_added_and_removed_with_their_types() -> None:
    changed = edited(
        BASE,
        (
            "events -> train -> ranker -> api",
            "events -> train -> ranker\n  ranker -deploy-> api\n  api -log-> events",
        ),
    )
    result = diff(BASE, changed)
    assert result.edges_added == [
        EdgeRef(source="api", target="events", type="log"),
        EdgeRef(source="ranker", target="api", type="deploy"),
    ]
    assert result.edges_removed == [EdgeRef(source="ranker", target="api", type="data")]


def test_edge_labels_are_edge_changes() -> None:
    changed = edited(
        BASE, ("events -> train -> ranker -> api", 'events -> train : "daily"\n  train -> ranker -> api')
    )
    [change] = diff(BASE, changed).edges_changed
    assert (change.source, change.target, change.changes) == (
        "events",
        "train",
        [Change(key="label", before=None, after="daily")],
    )


def test_groups_and_sections() -> None:
    changed = edited(
        BASE,
        ('group online "Online" { api }', 'group online "Serving" { api  ranker }\n  group data { events }'),
        ("peak_qps: 50k", 'peak_qps: 80k  goal: "engagement"'),
        ("framing { task: ranking }", ""),
    )
    result = diff(BASE, changed)
    groups = {group.name: group for group in result.groups}
    assert groups["data"].status == "added" and groups["data"].members_added == ["events"]
    assert groups["online"].members_added == ["ranker"]
    assert groups["online"].label == Change(key="label", before="Online", after="Serving")
    sections = {section.name: section for section in result.sections}
    assert sections["framing"].status == "removed"
    assert sections["requirements"].attributes == [
        Change(key="peak_qps", before="50k", after="80k"),
        Change(key="goal", before=None, after='"engagement"'),
    ]


def test_coverage_and_findings_before_and_after() -> None:
    monitored = edited(
        BASE,
        (
            "  events -> train",
            "  monitor drift: evidently { watches: [predictions]  drift: psi }\n  api -log-> drift\n  events -> train",
        ),
    )
    result = diff(BASE, monitored)
    monitoring = next(step for step in result.coverage if step.step == 7)
    assert (monitoring.before, monitoring.after) == ("missing", "partial")
    assert "MON001" in monitoring.findings_before and "MON001" not in monitoring.findings_after
    fixed = {(f.code, f.subject) for f in result.findings_fixed}
    assert ("MON001", None) in fixed
    assert [c.name for c in result.components_added] == ["drift"]


def test_a_finding_introduced_names_its_component() -> None:
    slower = edited(BASE, ("latency_p99: 150ms }", "latency_p99: 250ms }"))
    result = diff(BASE, slower)
    [finding] = result.findings_introduced
    assert (finding.code, finding.subject, finding.severity) == ("SERVE005", "api", "error")
    assert finding.line == 7
    assert result.findings_fixed == []


def test_a_finding_whose_message_changes_on_the_same_component_is_not_churn() -> None:
    slow = edited(BASE, ("latency_p99: 150ms }", "latency_p99: 250ms }"))
    slower = edited(BASE, ("latency_p99: 150ms }", "latency_p99: 300ms }"))
    result = diff(slow, slower)
    assert result.findings_introduced == [] and result.findings_fixed == []


def test_system_fields() -> None:
    result = diff(BASE, edited(BASE, ('system feed "Feed"', 'system feed "Home feed"')))
    assert result.fields == [Change(key="label", before="Feed", after="Home feed")]


def test_a_spec_invalid_on_one_side_reports_its_errors() -> None:
    broken = edited(BASE, ("serving api", "sevring api"))
    result = diff(BASE, broken)
    assert result.status is SpecStatus.INVALID
    assert result.errors_before == []
    assert [(e.code, e.line) for e in result.errors_after] == [("E101", 7)]
    assert result.has_changes and result.new_errors == result.errors_after
    assert not diff(broken, broken).has_changes


SERVED = edited(BASE, ("latency_p99: 150ms }", "latency_p99: 150ms  replica_qps: 500 }"))


def test_estimates_that_changed_appeared_or_disappeared() -> None:
    busier = edited(SERVED, ("peak_qps: 50k", "peak_qps: 100k"), ("replica_qps: 500", "replica_qps: 1k"))
    result = diff(SERVED, busier)
    assert [(e.key, e.before, e.after, e.unit) for e in result.estimates] == [
        ("load.average_qps", 50_000 / 3, 100_000 / 3, "qps"),
        ("load.peak_qps", 50_000.0, 100_000.0, "qps"),
    ]  # replicas: 100k / (1k x 60%) = 167, as before
    unstated = diff(SERVED, edited(SERVED, ("  replica_qps: 500", "")))
    [replicas] = [e for e in unstated.estimates if e.key == "serving.api.replicas"]
    assert (replicas.before, replicas.after) == (167.0, None)


def test_the_estimates_of_a_renamed_component_are_its_own() -> None:
    result = diff(SERVED, edited(SERVED, ("api", "gateway")))
    assert result.components_renamed and result.estimates == []


def test_components_alike_only_in_kind_are_not_a_rename() -> None:
    old = edited(BASE, ("  group online", "  monitor health { alerts: pagerduty }\n  group online"))
    new = edited(BASE, ("  group online", "  monitor drift { drift: psi }\n  group online"))
    result = diff(old, new)
    assert result.components_renamed == []
    assert [c.name for c in result.components_removed] == ["health"]
    assert [c.name for c in result.components_added] == ["drift"]


def test_a_chain_of_renamed_neighbours_is_found() -> None:
    renamed = edited(BASE, ("train", "examples"), ("ranker", "scorer"))
    result = diff(BASE, renamed)
    assert {(r.old, r.new) for r in result.components_renamed} == {
        ("train", "examples"),
        ("ranker", "scorer"),
    }
    assert result.edges_added == [] and result.edges_removed == []
