"""The request path as the estimates read it: which fallbacks carry load, and how long a request
waits when a component is reached along two routes. Shares the call graph with SERVE012."""

from __future__ import annotations

import pytest

from mlsd_dsl import parse
from mlsd_dsl.estimate import Estimate, estimate

DAY = 86_400
PEAK_FACTOR = 3  # default

ROUTED = """
system s {
  requirements { peak_qps: 300 latency_p99: 2s }
  client app: web
  serving api: online { replica_qps: 100 }
  service router: litellm { routes: [small, large] latency_p99: 10ms }
  model small: openai { provenance: vendor cost_per_request: "$0.001" latency_p99: 1s fallback: spare }
  model large: anthropic { provenance: vendor cost_per_request: "$0.01" latency_p99: 1.5s qps: 30 fallback: small }
  model spare: "llama-3" { provenance: pretrained cost_per_request: "$0.002" latency_p99: 3s }
  app -request-> api -request-> router -request-> small, large, spare
}
"""

DIAMOND = """
system s {
  requirements { peak_qps: 300 latency_p99: 200ms }
  client app: web
  serving api: online { replica_qps: 100 }
  service a { latency_p99: 30ms }
  service b { latency_p99: 40ms }
  feature_store features: feast { latency_p99: 50ms }
  app -request-> api -request-> a, b
  features -read-> a, b
}
"""


def value(figures: Estimate, key: str) -> float:
    figure = figures.figure(key)
    assert figure is not None, f"no figure {key}"
    assert figure.value is not None, figure.formula
    return figure.value


def test_a_fallback_the_router_calls_first_carries_its_share_of_the_load() -> None:
    routed = estimate(parse(ROUTED, "s.mlsd"))
    # small backs up large, but the router routes to it first: 300 ÷ 3 × 86,400 × $0.001
    assert value(routed, "cost.small.day") == pytest.approx(300 / PEAK_FACTOR * DAY * 0.001)  # $8,640
    # large: its own qps 30 ÷ 3 × 86,400 × $0.01
    assert value(routed, "cost.large.day") == pytest.approx(30 / PEAK_FACTOR * DAY * 0.01)  # $8,640
    # spare backs up small, which the router also calls: called only when small fails
    assert value(routed, "cost.spare.day") == 0
    # the router's alternatives count their slowest: router 10ms + large 1.5s (spare not waited for)
    assert value(routed, "latency.api.path") == pytest.approx((10 + 1500) / 1000)


def test_a_component_two_callers_read_is_waited_for_once() -> None:
    diamond = estimate(parse(DIAMOND, "s.mlsd"))
    # api calls a (30ms) → features (50ms), then b (40ms), whose read of features shares its answer
    assert value(diamond, "latency.api.path") == pytest.approx((30 + 50 + 40) / 1000)
    assert value(diamond, "latency.api.slack") == pytest.approx((200 - 120) / 1000)
    # every hop's latency_p99 is an input of the path, once each
    figure = diamond.figure("latency.api.path")
    assert figure is not None
    assert sorted(used.name for used in figure.inputs) == [
        "a.latency_p99",
        "b.latency_p99",
        "features.latency_p99",
    ]


def test_a_route_without_a_p99_is_named_as_not_counted_even_when_not_the_slowest() -> None:
    routed = estimate(parse(ROUTED.replace("latency_p99: 1.5s ", ""), "s.mlsd"))
    figure = routed.figure("latency.api.path")
    assert figure is not None
    # the slowest route known is small (1s); large could be slower, so the path says it is unknown
    assert figure.value == pytest.approx((10 + 1000) / 1000)
    assert figure.formula.endswith("no latency_p99 stated (not counted): large (required 2s)")
