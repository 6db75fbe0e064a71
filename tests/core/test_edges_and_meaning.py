"""Typed edges, edge attributes, provenance, feature timing, privacy and the new values: what they
compile to, and the exact error for each way of getting them wrong."""

from __future__ import annotations

import textwrap

import pytest

from mlsd_dsl.formatter import format_source
from mlsd_dsl.model.schema import EdgeLayer, EdgeType
from mlsd_dsl.model.values import DurationValue, ListValue, MetricValue
from tests.core.conftest import compile_snippet, rendered, system

PARTS = """
client app
serving api: online
model ranker
registry models
source events
monitor drift
pipeline training
feature_store features
"""


def expect(text: str, *diagnostics: str) -> None:
    assert rendered(text) == [textwrap.dedent(d).strip("\n") for d in diagnostics]


def edges_of(body: str) -> list[tuple[str, str, EdgeType, bool]]:
    compilation = compile_snippet(system(PARTS + body))
    assert compilation.spec is not None, compilation.diagnostics
    return [(e.source, e.target, e.type, e.typed) for e in compilation.spec.edges]


def test_each_arrow_of_a_chain_has_its_own_type() -> None:
    assert edges_of("app -request-> api -request-> ranker -log-> events") == [
        ("app", "api", EdgeType.REQUEST, True),
        ("api", "ranker", EdgeType.REQUEST, True),
        ("ranker", "events", EdgeType.LOG, True),
    ]


def test_a_plain_arrow_is_data_unless_the_kinds_leave_no_doubt() -> None:
    assert edges_of("events -> features\nmodels -> api\napi -> events\ndrift -> training\napp -> api") == [
        ("events", "features", EdgeType.DATA, False),
        ("models", "api", EdgeType.DEPLOY, False),
        ("api", "events", EdgeType.LOG, False),
        ("drift", "training", EdgeType.TRIGGER, False),
        ("app", "api", EdgeType.REQUEST, False),
    ]


def test_a_written_type_wins_over_the_inferred_one() -> None:
    assert edges_of("models -data-> api") == [("models", "api", EdgeType.DATA, True)]


def test_every_edge_type_has_a_layer_and_a_doc() -> None:
    assert {edge_type.layer for edge_type in EdgeType} == set(EdgeLayer)
    assert all(edge_type.doc for edge_type in EdgeType)


def test_the_label_and_attributes_apply_to_every_edge_of_the_statement() -> None:
    compilation = compile_snippet(
        system(PARTS + 'features -read-> api, ranker : "lookup" { latency_p99: 8ms  async: false }')
    )
    assert compilation.spec is not None, compilation.diagnostics
    for edge in compilation.spec.edges:
        assert edge.label == "lookup"
        assert edge.type is EdgeType.READ
        latency = edge.get("latency_p99")
        assert isinstance(latency, DurationValue) and latency.ms == 8
        assert edge.flag("async") is False


def test_an_unknown_edge_type_suggests_the_nearest() -> None:
    expect(
        system("client app\nserving api\napp -requets-> api"),
        """
        spec.mlsd:4:8: error[E110]: unknown edge type 'requets'
        4 |   app -requets-> api
          |        ^^^^^^^
          = help: did you mean 'request'?
          = expected: one of: data, request, read, log, deploy, trigger
        """,
    )


def test_an_edge_attribute_of_the_wrong_type() -> None:
    expect(
        system("client app\nserving api\napp -request-> api { latency_p99: 20 }"),
        """
        spec.mlsd:4:37: error[E103]: 'latency_p99' expects a duration such as 150ms, got a number '20'
        4 |   app -request-> api { latency_p99: 20 }
          |                                     ^^
          = help: add a unit, e.g. 20ms or 20s
        """,
    )


def test_an_unknown_edge_attribute_lists_the_valid_ones() -> None:
    expect(
        system("client app\nserving api\napp -> api { latency: 5ms }"),
        """
        spec.mlsd:4:16: error[E102]: unknown attribute 'latency' for an edge
        4 |   app -> api { latency: 5ms }
          |                ^^^^^^^
          = help: did you mean 'latency_p99'?
          = expected: one of: async, description, latency_p50, latency_p99, parallel, pii, protocol, timeout, volume
        """,
    )


def test_an_operating_point_must_name_the_metric_it_holds() -> None:
    expect(
        system("evaluation { offline: [recall@0.1%] }"),
        """
        spec.mlsd:2:26: error[E005]: the operating point '0.1%' in metric 'recall@0.1%' names no metric to hold there
        2 |   evaluation { offline: [recall@0.1%] }
          |                          ^^^^^^^^^^^
          = help: say which metric is held at 0.1%, e.g. recall@0.1%fpr, or write recall@top0.1% for the top 0.1% of the ranked list
        """,
    )


def test_a_cut_off_that_is_neither_a_number_nor_a_word() -> None:
    expect(
        system("evaluation { offline: [ndcg@1.2.3] }"),
        """
        spec.mlsd:2:26: error[E005]: '1.2.3' is not a cut-off or an operating point in metric 'ndcg@1.2.3'
        2 |   evaluation { offline: [ndcg@1.2.3] }
          |                          ^^^^^^^^^^
          = help: a metric is a name with an optional cut-off or operating point: ndcg@10, recall@k, precision@top5%, precision@0.5, precision@90%recall, recall@0.1%fpr
        """,
    )


def test_a_quoted_metric_is_told_to_drop_the_quotes() -> None:
    expect(
        system('evaluation { offline: ["recall@0.1%fpr"] }'),
        """
        spec.mlsd:2:26: error[E103]: 'offline' expects a metric name or a word, got a string '"recall@0.1%fpr"'
        2 |   evaluation { offline: ["recall@0.1%fpr"] }
          |                          ^^^^^^^^^^^^^^^^
          = help: write metrics without quotes: recall@0.1%fpr
        """,
    )


@pytest.mark.parametrize(
    ("written", "name", "k", "threshold", "point"),
    [
        ("ndcg@10", "ndcg", 10, None, None),
        ("precision@600k", "precision", 600_000, None, None),
        ("recall@k", "recall", None, None, None),
        ("precision@0.5", "precision", None, 0.5, None),
        ("precision@90%recall", "precision", None, None, (90.0, "recall")),
        ("recall@0.1%fpr", "recall", None, None, (0.1, "fpr")),
    ],
)
def test_metrics_read_their_cut_off_or_operating_point(
    written: str, name: str, k: int | None, threshold: float | None, point: tuple[float, str] | None
) -> None:
    compilation = compile_snippet(system(f"evaluation {{ offline: [{written}] }}"))
    assert compilation.spec is not None and compilation.spec.evaluation is not None
    offline = compilation.spec.evaluation.get("offline")
    assert isinstance(offline, ListValue)
    (metric,) = offline.items
    assert isinstance(metric, MetricValue)
    assert (metric.name, metric.k, metric.threshold) == (name, k, threshold)
    assert (metric.point_percent, metric.point_metric) == (point or (None, None))
    assert metric.is_operating_point is (point is not None)


@pytest.mark.parametrize(
    ("written", "days"),
    [("2w", 14), ("3weeks", 21), ("6mo", 180), ("1month", 30), ("2y", 730), ("1year", 365), ("10days", 10)],
)
def test_long_durations(written: str, days: float) -> None:
    compilation = compile_snippet(system(f"source s {{ retention: {written} }}"))
    assert compilation.spec is not None, compilation.diagnostics
    retention = compilation.spec.components["s"].get("retention")
    assert isinstance(retention, DurationValue) and retention.ms == days * 86_400_000


def test_provenance_is_a_closed_choice() -> None:
    expect(
        system("model llm { provenance: vendored }"),
        """
        spec.mlsd:2:27: error[E104]: 'vendored' is not a valid provenance
        2 |   model llm { provenance: vendored }
          |                           ^^^^^^^^
          = help: did you mean 'vendor'?
          = expected: one of: trained, fine_tuned, pretrained, vendor
        """,
    )


def test_feature_timing_and_privacy_compile() -> None:
    compilation = compile_snippet(
        system(
            """
            feature clicks_1h: flink { compute: streaming  definition: shared  known_at: prediction  window: 1h }
            processor scrub: spark { privacy: [redact, hash] }
            dataset train { point_in_time: true  pii: false }
            storage lake { pii: true  retention: 2y  encryption: kms }
            vector_db index { latency_p99: 15ms  qps: 2k }
            """
        )
    )
    assert compilation.diagnostics == []
    assert compilation.spec is not None
    assert compilation.spec.components["clicks_1h"].word("known_at") == "prediction"
    assert compilation.spec.components["train"].flag("point_in_time")


def test_a_wrong_privacy_treatment_is_reported() -> None:
    (diagnostic,) = rendered(system("processor scrub { privacy: [redakt] }"))
    assert diagnostic.splitlines()[0] == "spec.mlsd:2:31: error[E104]: 'redakt' is not a valid privacy"
    assert "= help: did you mean 'redact'?" in diagnostic


def formatted(text: str) -> str:
    result = format_source(textwrap.dedent(text).lstrip("\n"))
    assert result.text is not None, result.diagnostics
    return result.text


def test_typed_arrows_and_edge_blocks_are_formatted() -> None:
    source = """
    system s {
      client app
      serving api
      app->api   -request->api:"calls"{async:false latency_p99:5ms}
      api -log-> app {}
    }
    """
    expected = textwrap.dedent("""\
        system s {
          client  app
          serving api

          app -> api -request-> api : "calls" { latency_p99: 5ms  async: false }
          api -log-> app
        }
        """)
    assert formatted(source) == expected
    assert formatted(expected) == expected


def test_a_long_edge_block_goes_on_its_own_lines_keeping_comments() -> None:
    source = """
    system s {
      client app
      api -log-> app : "a long label that takes most of the line by itself" { volume: 10M/day  protocol: kafka }  # why
    }
    """
    assert formatted(source) == textwrap.dedent("""\
        system s {
          client app

          api -log-> app : "a long label that takes most of the line by itself" {  # why
            volume: 10M/day
            protocol: kafka
          }
        }
        """)


def test_a_cut_off_can_be_a_share_of_the_ranked_list() -> None:
    compilation = compile_snippet(system("evaluation { offline: [precision@top5%] }"))
    assert compilation.spec is not None and compilation.spec.evaluation is not None
    offline = compilation.spec.evaluation.get("offline")
    assert isinstance(offline, ListValue)
    (metric,) = offline.items
    assert isinstance(metric, MetricValue)
    assert (metric.top_percent, metric.k, metric.point_metric) == (5.0, None, None)


@pytest.mark.parametrize("arrow", ["-->", "=>", "<-"])
def test_an_arrow_from_another_diagram_language_says_how_mlsd_writes_edges(arrow: str) -> None:
    (diagnostic,) = rendered(system(f"client app\nserving api\napp {arrow} api"))
    assert diagnostic.splitlines()[0] == f"spec.mlsd:4:7: error[E002]: unexpected character '{arrow[0]}'"
    assert (
        "  = help: an edge is written a -> b, or with its meaning in the arrow: a -request-> b, a -log-> b"
        in diagnostic.splitlines()
    )


def test_an_edge_type_in_capitals_suggests_the_word() -> None:
    (diagnostic,) = rendered(system("client app\nserving api\napp -REQUEST-> api"))
    assert "= help: did you mean 'request'?" in diagnostic


def test_an_equals_sign_in_a_declaration_is_not_taken_for_an_arrow() -> None:
    (diagnostic,) = rendered(system("storage lake = 1"))
    assert "help" not in diagnostic
