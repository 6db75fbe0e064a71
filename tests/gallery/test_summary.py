"""The one-paragraph summary is written from the spec's requirements, framing and technologies."""

from __future__ import annotations

import mlsd_dsl
from mlsd_dsl.gallery.summary import summary_of


def test_summary_states_goal_framing_scale_and_stack() -> None:
    spec = mlsd_dsl.parse("""
        system shop "Shop search" {
          requirements { goal: "sell more"  users: 5M  peak_qps: 2k  latency_p99: 80ms }
          framing { task: ranking  objective: "P(buy | query, item)" }
          source clicks: kafka
          storage lake: s3
          model ranker: lightgbm
          model other: lightgbm
          serving api: online
        }
    """)
    assert summary_of(spec) == (
        "Goal: sell more. Framed as ranking: P(buy | query, item). "
        "Scale: 5M users, 2k peak QPS, 80ms p99 latency. "
        "Built with Apache Kafka, Amazon S3, LightGBM."
    )


def test_summary_leaves_out_what_the_spec_does_not_state() -> None:
    spec = mlsd_dsl.parse("""
        system bare {
          framing { task: link_prediction }
          model guesser: "home-grown"
        }
    """)
    assert summary_of(spec) == "Framed as link prediction."
