"""Properties of the request path's latency sum (model/analyses.py CallGraph, read by SERVE012 and
the estimates): each component is waited for once per request, whatever the routes to it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlsd_dsl.model.analyses import CallGraph

from .helpers import compile_spec


def call_graph(p99s: list[int], calls: list[tuple[int, int]], parallel: str = "") -> CallGraph:
    lines = ["system s {", "  client app: web"]
    lines += [f"  service s{index} {{ latency_p99: {ms}ms }}" for index, ms in enumerate(p99s)]
    lines.append("  app -request-> s0")
    lines += [f"  s{caller} -request-> s{callee}{parallel}" for caller, callee in calls]
    spec = compile_spec("\n".join([*lines, "}", ""]))
    return CallGraph(spec.components, spec.edges)


@st.composite
def systems_of_calls(draw: st.DrawFn) -> tuple[list[int], list[tuple[int, int]]]:
    size = draw(st.integers(1, 8))
    p99s = draw(st.lists(st.integers(1, 500), min_size=size, max_size=size))
    pairs = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))
    calls = [(a, b) for a, b in draw(st.lists(pairs, max_size=16)) if a != b]
    return p99s, calls


@given(systems_of_calls())
def test_calls_in_turn_add_up_each_component_once(system: tuple[list[int], list[tuple[int, int]]]) -> None:
    p99s, calls = system
    graph = call_graph(p99s, calls)
    reached = graph.below("app")
    assert graph.cost("app") == sum(ms for index, ms in enumerate(p99s) if f"s{index}" in reached)
    assert sorted(graph.waited_below("app")) == sorted(reached)


@given(systems_of_calls(), st.data())
def test_a_second_route_to_a_component_already_waited_for_changes_nothing(
    system: tuple[list[int], list[tuple[int, int]]], data: st.DataObject
) -> None:
    p99s, calls = system
    before = call_graph(p99s, calls)
    reached = sorted(before.below("app"))
    caller = data.draw(st.sampled_from(reached))
    callee = data.draw(st.sampled_from([name for name in reached if name != caller] or [caller]))
    if callee == caller:
        return
    after = call_graph(p99s, [*calls, (int(caller[1:]), int(callee[1:]))])
    assert after.cost("app") == before.cost("app")


@given(systems_of_calls())
def test_calls_made_together_never_wait_longer_than_in_turn(
    system: tuple[list[int], list[tuple[int, int]]],
) -> None:
    p99s, calls = system
    assert call_graph(p99s, calls, " { parallel: true }").cost("app") <= call_graph(p99s, calls).cost("app")


def test_a_long_chain_of_calls_needs_no_recursion() -> None:
    size = 5_000
    graph = call_graph([1] * size, [(index, index + 1) for index in range(size - 1)])
    assert graph.cost("app") == size
    assert graph.path("app").arithmetic().endswith(f"= {size / 1000:g}s")


def test_a_ladder_of_parallel_diamonds_is_walked_once_per_rung() -> None:
    # rung i: s{2i} and s{2i+1} each call both components of rung i + 1 together; without sharing
    # the work of a rung between the calls that reach it, this would take 2^rungs visits
    rungs = 40
    p99s = [ms for _ in range(rungs) for ms in (1, 2)]
    calls = [
        (caller, callee)
        for rung in range(rungs - 1)
        for caller in (2 * rung, 2 * rung + 1)
        for callee in (2 * rung + 2, 2 * rung + 3)
    ]
    graph = call_graph(p99s, calls, " { parallel: true }")
    # the request enters at s0 (1ms); below it, each rung counts its slower component (2ms)
    assert graph.cost("app") == 1 + 2 * (rungs - 1)
