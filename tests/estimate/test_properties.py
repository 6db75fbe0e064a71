"""Properties of the arithmetic: it scales as the formulas say, and a missing input is reported as
missing, never replaced by a guess."""

from __future__ import annotations

import itertools
import json
import math

from hypothesis import given
from hypothesis import strategies as st

from mlsd_dsl import parse
from mlsd_dsl.compiler import compile_text
from mlsd_dsl.estimate import Estimate, Origin, estimate
from mlsd_dsl.estimate.render import to_json, to_markdown, to_text
from tests.strategies import specs

ONLINE = """
system s {{
  requirements {{ peak_qps: {qps} }}
  client app
  serving api: online {{ replica_qps: {per_replica} }}
  app -> api
}}
"""
INDEX = """
system s {{
  vector_db items {{ index: {index}  dim: {dim}  size: {size}  precision: {precision} }}
}}
"""
FULL = {
    "peak_qps": "peak_qps: 20k",
    "latency_p99": "latency_p99: 100ms",
    "replica_qps": "replica_qps: 250",
    "hit_rate": "hit_rate: 30%",
    "size": "size: 50M",
    "dim": "dim: 128",
    "entities": "entities: 10M",
    "feature_count": "feature_count: 20",
    "volume": "volume: 1B/day",
    "retention": "retention: 30d",
    "price": "replica_hour_price: 0.5",
}


def estimated(text: str) -> Estimate:
    return estimate(parse(text, "s.mlsd"))


def replicas(qps: float, per_replica: float) -> float:
    figure = estimated(ONLINE.format(qps=qps, per_replica=per_replica)).figure("serving.api.replicas")
    assert figure is not None and figure.value is not None
    return figure.value


@given(st.integers(1, 10**7), st.integers(1, 10**5))
def test_doubling_qps_doubles_replicas_up_to_rounding(qps: int, per_replica: int) -> None:
    once, twice = replicas(qps, per_replica), replicas(2 * qps, per_replica)
    assert 2 * once - 1 <= twice <= 2 * once


@given(
    st.integers(1, 4096),
    st.integers(1, 10**10),
    st.sampled_from(["fp32", "fp16", "bf16", "int8"]),
)
def test_doubling_dims_doubles_flat_index_memory(dim: int, size: int, precision: str) -> None:
    def memory(dims: int) -> float:
        text = INDEX.format(index="flat", dim=dims, size=size, precision=precision)
        figure = estimated(text).figure("index.items.memory")
        assert figure is not None and figure.value is not None
        return figure.value

    assert memory(2 * dim) == 2 * memory(dim)


@given(st.integers(1, 4096), st.integers(1, 10**9))
def test_precision_halves_and_quarters_flat_memory(dim: int, size: int) -> None:
    def memory(precision: str) -> float:
        figure = estimated(INDEX.format(index="flat", dim=dim, size=size, precision=precision))
        found = figure.figure("index.items.memory")
        assert found is not None and found.value is not None
        return found.value

    assert memory("fp32") == 2 * memory("fp16") == 4 * memory("int8")


def spec_with(kept: set[str]) -> str:
    """A small online system with only the `kept` inputs stated."""

    def given_(name: str) -> str:
        return FULL[name] if name in kept else ""

    return f"""
system s {{
  requirements {{ {given_("peak_qps")}  {given_("latency_p99")} }}
  assumptions {{ {given_("price")} }}
  client app
  source events {{ type: events  {given_("volume")}  {given_("retention")} }}
  serving api: online {{ {given_("replica_qps")} }}
  cache hot {{ {given_("hit_rate")} }}
  vector_db items {{ index: hnsw  {given_("dim")}  {given_("size")} }}
  feature_store features {{ {given_("entities")}  {given_("feature_count")} }}
  app -> api
  api -request-> hot
  api -request-> items
  features -read-> api
  api -log-> events
}}
"""


SUBSETS = [set(kept) for n in range(len(FULL) + 1) for kept in itertools.combinations(sorted(FULL), n)]


@given(st.sampled_from(SUBSETS))
def test_a_missing_input_is_reported_never_guessed(kept: set[str]) -> None:
    figures = estimated(spec_with(kept))
    for figure in figures.figures:
        if figure.value is None:
            assert figure.formula.startswith("not estimated: needs "), figure
            assert figure.missing, figure
            assert figure.shown == "not estimated"
        else:
            assert not figure.missing
            assert not figure.formula.startswith("not estimated")
    for name in sorted(set(FULL) - kept - {"price"}):
        wanted = {"peak_qps": "load.peak_qps", "replica_qps": "serving.api.replicas"}.get(name)
        if wanted:
            figure = figures.figure(wanted)
            assert figure is not None and figure.value is None
            assert name in " ".join(figure.missing)


def test_the_full_spec_is_estimated_throughout() -> None:
    figures = estimated(spec_with(set(FULL)))
    assert [figure.key for figure in figures.figures if figure.value is None] == []


def test_a_default_used_is_marked_as_an_assumption() -> None:
    figures = estimated(spec_with(set(FULL)))
    replicas_figure = figures.figure("serving.api.replicas")
    assert replicas_figure is not None
    headroom = next(item for item in replicas_figure.inputs if item.name == "headroom")
    assert headroom.origin is Origin.DEFAULT and headroom.is_assumed
    assert "headroom" in {item.name for item in figures.assumptions}


def test_the_assumptions_section_and_a_component_override_the_default() -> None:
    text = """
system s {
  assumptions { precision: fp16  hnsw_m: 16 }
  vector_db a { index: hnsw  dim: 100  size: 1M }
  vector_db b { index: hnsw  dim: 100  size: 1M  precision: int8  hnsw_m: 8 }
}
"""
    figures = estimated(text)
    a, b = figures.figure("index.a.memory"), figures.figure("index.b.memory")
    assert a is not None and b is not None
    assert a.value == 1e6 * (100 * 2 + 16 * 8)  # the section's fp16 and M = 16
    assert b.value == 1e6 * (100 * 1 + 8 * 8)  # b's own int8 and M = 8
    origins = {item.name: item.origin for item in a.inputs}
    assert origins["assumptions.precision"] is Origin.ASSUMPTION
    assert {item.name: item.origin for item in b.inputs}["b.precision"] is Origin.SPEC


def test_qps_is_derived_from_users_only_with_requests_per_user() -> None:
    without = estimated("system s { requirements { users: 1M }  serving api: online }")
    peak = without.figure("load.peak_qps")
    assert peak is not None and peak.value is None
    assert "requests_per_user" in " ".join(peak.missing)
    with_rate = estimated(
        "system s { requirements { users: 1M }  assumptions { requests_per_user: 20 }  serving api: online }"
    )
    # 1M users × 20 requests ÷ 86,400 s × 3 (default peak factor)
    assert with_rate.figure("load.peak_qps").value == 1e6 * 20 / 86_400 * 3  # type: ignore[union-attr]


def test_output_is_deterministic() -> None:
    text = spec_with(set(FULL))
    assert estimated(text) == estimated(text)


@given(specs)
def test_any_valid_spec_is_estimated_without_an_exception(text: str) -> None:
    compilation = compile_text(text, "gen.mlsd")
    assert compilation.spec is not None
    figures = estimate(compilation.spec)
    for figure in figures.figures:
        if figure.value is None:
            assert figure.missing and figure.formula.startswith("not estimated: needs "), figure
        else:
            assert math.isfinite(figure.value), figure
    assert json.loads(to_json(figures))["figures"] is not None
    to_text(figures)
    to_markdown(figures)


@given(
    st.sampled_from(
        ["replica_qps: 0", "replica_qps: -5", "concurrency: 0", "latency_p99: 0ms  concurrency: 4"]
    ),
    st.sampled_from(
        ["headroom: 100%", "headroom: 150%", "peak_factor: 0", "node_memory: 0GB", "headroom: 0%"]
    ),
)
def test_zero_and_negative_inputs_are_reported_not_divided_by(capacity: str, assumption: str) -> None:
    text = f"""
system s {{
  requirements {{ peak_qps: 1k }}
  assumptions {{ {assumption} }}
  client app
  serving api: online {{ {capacity} }}
  vector_db items {{ index: flat  dim: 8  size: 1M }}
  app -> api
}}
"""
    figures = estimated(text)
    for figure in figures.figures:
        assert figure.value is None or math.isfinite(figure.value), figure
        if figure.value is None:
            assert figure.missing, figure


def test_a_size_in_bytes_is_the_figure_and_a_bare_number_counts_items() -> None:
    result = estimate(
        parse(
            """system s {
  vector_db stated: faiss { index: hnsw  dim: 64  size: 200GB }
  vector_db counted: faiss { index: flat  dim: 64  size: 1M }
  dataset bytes { size: 5TB }
  dataset examples { size: 2M }
}
"""
        )
    )
    assert _value(result, "index.stated.memory") == 200e9
    assert _value(result, "index.counted.memory") == 1e6 * 64 * 4  # flat: vectors × dims × 4 B (fp32)
    assert _value(result, "storage.bytes.size") == 5e12
    assert _value(result, "storage.examples.size") == 2e6 * 1000  # × the default 1 KB per example


def _value(result: Estimate, key: str) -> float | None:
    figure = result.figure(key)
    assert figure is not None, key
    return figure.value
