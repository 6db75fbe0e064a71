"""Graph analyses of a spec, each linear in its size: shared by the lint rules (computed once per spec by
`LintContext`) and the estimates.

- the **online request path**: who calls whom while a request waits (request and read edges, and
  the untyped edges between an online endpoint and a request-path component), and the slowest
  sum of p99 latencies from each entry point;
- **cadences**: how often a job, index or feature is refreshed, from durations and words;
- **reachability** under edge-type filters and blocking components (training lineage, label
  arrival, personal data stopped by protecting processors).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import EdgeType, ServingMode
from mlsd_dsl.model.spec import Component, Edge
from mlsd_dsl.model.values import DurationValue, IdentValue, ListValue, Value

HOUR_MS = 3_600_000.0
DAY_MS = 24 * HOUR_MS
NEVER = float("inf")
CADENCE_WORDS: dict[str, float] = {
    "continuous": 0.0,
    "continuously": 0.0,
    "streaming": 0.0,
    "realtime": 0.0,
    "real_time": 0.0,
    "online": 0.0,
    "incremental": 0.0,
    "minutely": 60_000.0,
    "hourly": HOUR_MS,
    "daily": DAY_MS,
    "nightly": DAY_MS,
    "weekly": 7 * DAY_MS,
    "biweekly": 14 * DAY_MS,
    "monthly": 30 * DAY_MS,
    "quarterly": 90 * DAY_MS,
    "yearly": 365 * DAY_MS,
    "annually": 365 * DAY_MS,
    "annual": 365 * DAY_MS,
    "never": NEVER,
    "none": NEVER,
    "static": NEVER,
    "frozen": NEVER,
    "once": NEVER,
    "manual": NEVER,
    "manually": NEVER,
}
WORD = re.compile(r"[a-z_]+")


def cadence_ms(value: Value | None) -> float | None:
    """How often something is refreshed, in ms: a duration, or a word such as `daily` or `never`
    (inf). `None` when the value does not say."""
    if value is None:
        return None
    if isinstance(value, DurationValue):
        return value.ms
    plain = value.plain()
    if not isinstance(plain, str):
        return None
    for word in WORD.findall(plain.lower().replace("-", "_").replace(" time", "_time")):
        if word in CADENCE_WORDS:
            return CADENCE_WORDS[word]
    return None


def show_ms(ms: float) -> str:
    """`125ms`, `1.5s`, `5min`, `1h`, `1d`, `never`: the unit a designer would write."""
    if ms == NEVER:
        return "never"
    for unit, size in (("d", DAY_MS), ("h", HOUR_MS), ("min", 60_000.0), ("s", 1_000.0)):
        if ms >= size:
            return f"{ms / size:g}{unit}"
    return f"{ms:g}ms"


# --- the online request path ---------------------------------------------------------------


def is_online_endpoint(component: Component) -> bool:
    """Something that answers a waiting request: online serving or a service."""
    if component.kind is Kind.SERVICE:
        return True
    return component.kind is Kind.SERVING and component.serving_mode in (
        ServingMode.ONLINE,
        ServingMode.STREAMING,
    )


@dataclass(frozen=True)
class CallRoles:
    """Which components can call and be called on the request path, computed once per spec."""

    endpoints: frozenset[str]  # online serving and services
    answerers: frozenset[str]  # request-path components other than serving
    clients: frozenset[str]
    services: frozenset[str]

    @classmethod
    def of(cls, components: Mapping[str, Component]) -> CallRoles:
        values = components.values()
        return cls(
            endpoints=frozenset(c.name for c in values if is_online_endpoint(c)),
            answerers=frozenset(c.name for c in values if _answers_calls(c)),
            clients=frozenset(c.name for c in values if c.kind is Kind.CLIENT),
            services=frozenset(c.name for c in values if c.kind is Kind.SERVICE),
        )


def call_of(edge: Edge, roles: CallRoles) -> tuple[str, str] | None:
    """(caller, callee) when the edge is a synchronous call on the request path, else None.

    `a -request-> b`: a calls b. `s -read-> r`: r looks s up. An untyped edge between an online
    endpoint and a request-path component (`features -> api`, `api -> cache`) is read as the same
    call, so designs written before typed arrows keep their request path.
    """
    if edge.attributes and edge.flag("async"):
        return None
    if edge.type is EdgeType.REQUEST:
        return edge.source, edge.target
    if edge.type is EdgeType.READ:
        return edge.target, edge.source
    if edge.typed or edge.type is not EdgeType.DATA:
        return None
    source, target = edge.source, edge.target
    if target in roles.endpoints and source in roles.answerers:
        return target, source
    if source in roles.endpoints and target in roles.answerers:
        return source, target
    if source in roles.clients and target in roles.services:
        return source, target
    return None


def _answers_calls(component: Component) -> bool:
    return KINDS[component.kind].request_path and component.kind is not Kind.SERVING


@dataclass(frozen=True)
class OnlinePath:
    """The calls a request waits for below one component, as the terms of their sum."""

    start: str
    terms: tuple[tuple[str, float], ...]

    @property
    def total_ms(self) -> float:
        return sum(ms for _, ms in self.terms)

    def arithmetic(self) -> str:
        """`gateway 60ms + ranker 50ms + features 15ms = 125ms`."""
        if not self.terms:
            return "0ms"
        terms = " + ".join(f"{what} {show_ms(ms)}" for what, ms in self.terms)
        return f"{terms} = {show_ms(self.total_ms)}"


def p99_ms(item: Component | Edge) -> float | None:
    value = item.get("latency_p99")
    return value.ms if isinstance(value, DurationValue) else None


class CallGraph:
    """Who calls whom on the request path, and how long a request waits below each component.

    A caller waits for its calls one after the other, except those marked `parallel: true` or
    chosen among by a router (`routes`: only the slowest of them counts), those marked `async:
    true` (not waited for) and calls to the fallback of a model or service (made only when that
    fails). A
    component's cost is its own p99 plus, for each call it waits for, the larger of the edge's p99
    (the hop, network and call) and the callee's cost. Serving's `latency_p99` is the budget of
    the whole request: serving costs what its calls cost, and the budget is checked against that.
    Cycles are cut where found.
    """

    def __init__(self, components: Mapping[str, Component], edges: Iterable[Edge]) -> None:
        self.components = components
        self.callees: dict[str, list[tuple[str, Edge]]] = {}
        self.callers: dict[str, list[str]] = {}
        roles = CallRoles.of(components)
        for edge in edges:
            call = call_of(edge, roles)
            if call is None or call[0] == call[1]:
                continue
            caller, callee = call
            self.callees.setdefault(caller, []).append((callee, edge))
            self.callers.setdefault(callee, []).append(caller)
        # fallbacks of models and services answer only when those fail; serving's own fallback is
        # often a policy it calls on every request, so it stays on the path
        self._standby = {
            fallback
            for component in components.values()
            if component.kind is not Kind.SERVING and (fallback := _fallback_of(component))
        }
        self._calls_cost: dict[str, float] = {}
        self._waited_for: dict[str, list[tuple[str, Edge]]] = {}
        self._parallel_with: dict[str, list[str]] = {}
        self._below: dict[str, frozenset[str]] = {}
        self._cut: set[tuple[str, str]] = set()
        self._solve()

    @property
    def roots(self) -> list[str]:
        """Where requests enter: callers nobody calls, in declaration order."""
        return [name for name in self.components if name in self.callees and name not in self.callers]

    @cached_property
    def reachable(self) -> frozenset[str]:
        """Everything a request that enters at a root can reach."""
        return frozenset(reach_from(self.roots, self._callee_names))

    def _callee_names(self, name: str) -> list[str]:
        return [callee for callee, _ in self.callees.get(name, ())]

    def below(self, name: str) -> frozenset[str]:
        """Everything `name` calls, directly or through others (not `name` itself)."""
        if name not in self._below:
            found = reach_from([name], lambda n: [callee for callee, _ in self.callees.get(n, ())])
            found.discard(name)
            self._below[name] = frozenset(found)
        return self._below[name]

    @property
    def standby(self) -> frozenset[str]:
        """Fallbacks of models and services: called only when the component they back up fails."""
        return frozenset(self._standby)

    def waited_for(self, name: str) -> list[tuple[str, Edge]]:
        """The calls `name` waits for on the normal path (in turn, and the slowest parallel one)."""
        return self._waited_for.get(name, [])

    def calls_cost(self, name: str) -> float:
        """How long `name` waits for its calls."""
        return self._calls_cost.get(name, 0.0)

    def cost(self, name: str) -> float:
        """How long a call to `name` takes: its own p99 and its calls. Serving's `latency_p99` is
        the budget of the whole request, checked against its calls, not added to them."""
        if self.components[name].kind is Kind.SERVING:
            return self.calls_cost(name)
        return (p99_ms(self.components[name]) or 0.0) + self.calls_cost(name)

    def path(self, name: str) -> OnlinePath:
        """The terms of `name`'s cost: its own p99 and each call's, down the call tree."""
        return OnlinePath(name, tuple(self._terms(name, include_self=True)))

    def calls_path(self, name: str) -> OnlinePath:
        """The terms of what `name` waits for, without `name` itself."""
        return OnlinePath(name, tuple(self._terms(name, include_self=False)))

    def _hop(self, callee: str, edge: Edge) -> float:
        return max(p99_ms(edge) or 0.0, self.cost(callee))

    def _own_term(self, name: str) -> list[tuple[str, float]]:
        component = self.components[name]
        own = p99_ms(component)
        if component.kind is Kind.SERVING or not own:
            return []
        return [(self._shown(name), own)]

    def _shown(self, name: str) -> str:
        parallel = self._parallel_with.get(name)
        return f"{name} (slowest of parallel {', '.join(parallel)})" if parallel else name

    def _terms(self, name: str, include_self: bool) -> list[tuple[str, float]]:
        terms = self._own_term(name) if include_self else []
        stack: list[tuple[str, Edge]] = list(reversed(self._waited_for.get(name, [])))
        while stack:
            callee, edge = stack.pop()
            edge_ms = p99_ms(edge) or 0.0
            if edge_ms >= self.cost(callee):
                if edge_ms:
                    terms.append((self._shown(callee), edge_ms))
                continue
            terms.extend(self._own_term(callee))
            stack.extend(reversed(self._waited_for.get(callee, [])))
        return terms

    def _calls(self, name: str) -> list[tuple[str, Edge]]:
        return [(c, e) for c, e in self.callees.get(name, ()) if (name, c) not in self._cut]

    def _solve(self) -> None:
        """Costs bottom-up by an iterative depth-first search (deep chains need no recursion)."""
        state: dict[str, int] = {}  # 1 on the stack, 2 done
        for start in self.callees:
            if state.get(start):
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            state[start] = 1
            while stack:
                name, index = stack[-1]
                calls = self.callees.get(name, [])
                if index < len(calls):
                    stack[-1] = (name, index + 1)
                    callee = calls[index][0]
                    if state.get(callee) == 1:
                        self._cut.add((name, callee))  # a call back up a cycle
                    elif not state.get(callee):
                        state[callee] = 1
                        stack.append((callee, 0))
                    continue
                stack.pop()
                state[name] = 2
                self._finish(name)

    def _finish(self, name: str) -> None:
        """The calls `name` waits for: every call made in turn, and the slowest of those made in
        parallel (`parallel: true`) or chosen among (a router's `routes`). A call to the fallback
        of a model or service is made only when that one fails, so it is not on the normal path."""
        in_turn: list[tuple[str, Edge]] = []
        parallel: list[tuple[str, Edge]] = []
        calls = self._calls(name)
        standby = self._standby
        routes = set(_names(self.components[name].get("routes")))
        for callee, edge in calls:
            if callee in standby:
                continue  # called only when the callee it backs up fails
            alternative = callee in routes or (edge.attributes and edge.flag("parallel"))
            (parallel if alternative else in_turn).append((callee, edge))
        waited = list(in_turn)
        if parallel:
            slowest = max(parallel, key=lambda call: self._hop(*call))
            waited.append(slowest)
            others = [callee for callee, _ in parallel if callee != slowest[0]]
            if others:
                self._parallel_with[slowest[0]] = others
        self._waited_for[name] = waited
        self._calls_cost[name] = sum(self._hop(callee, edge) for callee, edge in waited)


def _fallback_of(component: Component) -> str | None:
    value = component.get("fallback")
    return value.name if isinstance(value, IdentValue) else None


def _names(value: Value | None) -> list[str]:
    if isinstance(value, IdentValue):
        return [value.name]
    if isinstance(value, ListValue):
        return [name for item in value.items for name in _names(item)]
    return []


# --- reachability ------------------------------------------------------------------------


def adjacency(edges: Iterable[Edge], types: frozenset[EdgeType], backwards: bool) -> dict[str, list[str]]:
    """Who each component leads to along edges of `types` (who leads to it, when `backwards`)."""
    neighbours: dict[str, list[str]] = {}
    for edge in edges:
        if edge.type in types:
            a, b = (edge.target, edge.source) if backwards else (edge.source, edge.target)
            neighbours.setdefault(a, []).append(b)
    return neighbours


def reach_along(
    starts: Iterable[str],
    neighbours: Mapping[str, list[str]],
    blocked: Callable[[str], bool] | frozenset[str] = frozenset(),
) -> dict[str, str | None]:
    """Everything reachable from `starts` through `neighbours` (an `adjacency`), not passing
    through a blocked component (a blocked component is reached but not left). Maps each reached
    name to the name it was reached from (None for a start)."""
    stops = blocked.__contains__ if isinstance(blocked, frozenset) else blocked
    parent: dict[str, str | None] = dict.fromkeys(starts)
    queue = deque(parent)
    while queue:
        name = queue.popleft()
        if parent[name] is not None and stops(name):
            continue
        for neighbour in neighbours.get(name, ()):
            if neighbour not in parent:
                parent[neighbour] = name
                queue.append(neighbour)
    return parent


def chain(parent: Mapping[str, str | None], name: str) -> list[str]:
    """The path from a start to `name` in a `reach_along` result."""
    path = [name]
    while (previous := parent.get(path[-1])) is not None and previous not in path:
        path.append(previous)
    return path[::-1]


def reach_from(starts: Iterable[str], neighbours: Callable[[str], list[str]]) -> set[str]:
    """Every name reachable from `starts` (included) through `neighbours`, breadth first."""
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for neighbour in neighbours(queue.popleft()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen
