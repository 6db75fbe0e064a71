"""Graph analyses of a spec, each linear in its size: shared by the lint rules (computed once per spec by
`LintContext`) and the estimates.

- the **online request path**: who calls whom while a request waits (request and read edges, and
  the untyped edges between an online endpoint and a request-path component), and the p99 a
  request waits for from each entry point (calls in turn add up, parallel calls and a router's
  alternatives count their slowest, each component once a request);
- **cadences**: how often a job, index or feature is refreshed, from durations and words;
- **reachability** under edge-type filters and blocking components (training lineage, label
  arrival, personal data stopped by protecting processors).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Generator, Iterable, Mapping
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


@dataclass(frozen=True)
class _Term:
    """One term of a latency sum: what is waited for, and for how long."""

    shown: str
    ms: float


@dataclass(frozen=True)
class _Wait:
    """What a request waits for below one component: its own term, then its calls' terms, nested
    (a rope, flattened only when shown, so deep chains stay linear)."""

    total_ms: float
    own: _Term | None
    calls: tuple[_Term | tuple[_Wait, str | None], ...]  # a nested wait, shown under another name

    def terms(self, include_own: bool) -> list[tuple[str, float]]:
        """The terms of the sum in the order they are waited for."""
        found: list[tuple[str, float]] = []
        stack = list(reversed(self.calls))
        if include_own and self.own is not None:
            stack.append(self.own)
        while stack:
            part = stack.pop()
            if isinstance(part, _Term):
                found.append((part.shown, part.ms))
                continue
            wait, shown = part
            stack.extend(reversed(wait.calls))
            if wait.own is not None:
                stack.append(_Term(shown or wait.own.shown, wait.own.ms))
        return found


@dataclass(frozen=True)
class _Call:
    """A call a component waits for on the normal path."""

    callee: str
    edge: Edge
    runs: bool = True  # False for one of a router's alternatives: only the chosen one is made


WaitSteps = Generator[str, _Wait, _Wait]
Remembered = tuple[_Wait, tuple[str, ...], tuple[str, ...]]  # a visit, what it waited for, passed over


class CallGraph:
    """Who calls whom on the request path, and how long a request waits below each component.

    A caller waits for its calls one after the other (their times add up), except calls marked
    `parallel: true` (made together: the slowest counts) and a router's alternatives (calls to one
    of its `routes`, or to the component a route is reached through: only one is made, and a p99
    takes the worst case, the slowest). Calls marked `async: true` are not waited for, nor are
    fallback calls: a call to the fallback of a model or service, made by that component or by a
    caller that also calls it (directly or through others), happens only when it fails. Being a
    fallback is a property of the call, not of the component: a model that backs up another but
    is also called first on the normal path (a router's small model) is waited for there.

    Each component is waited for at most once per request: reached again along another route, its
    answer is shared and adds nothing. A call costs the larger of the edge's p99 (the hop, network
    and call) and the callee's own p99 plus its calls. Serving's `latency_p99` is the budget of the
    whole request: serving costs what its calls cost, and the budget is checked against that. A
    call back up a cycle reaches a component already waited for, so cycles are cut where found.
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
        self._backs_up: dict[str, set[str]] = {}
        for component in components.values():
            if component.kind is not Kind.SERVING and (fallback := _fallback_of(component)):
                self._backs_up.setdefault(fallback, set()).add(component.name)
        self._below: dict[str, frozenset[str]] = {}
        self._splits: dict[str, tuple[list[_Call], list[_Call]]] = {}
        self._waits: dict[str, Remembered] = {}
        self._memo: dict[tuple[str, frozenset[str]], Remembered] = {}

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
            found = reach_from([name], self._callee_names)
            found.discard(name)
            self._below[name] = frozenset(found)
        return self._below[name]

    def is_fallback_call(self, caller: str, callee: str) -> bool:
        """Whether `caller` calls `callee` only when a component `callee` backs up fails: that
        component is the caller itself, or one the caller calls (directly or through others).
        A router's call to one of its routes is a primary call."""
        backed_up = self._backs_up.get(callee)
        if not backed_up or self._routed(caller, callee):
            return False
        if caller in backed_up:
            return True
        return any(
            other in backed_up or not backed_up.isdisjoint(self.below(other))
            for other in self._callee_names(caller)
            if other != callee
        )

    @cached_property
    def standby(self) -> frozenset[str]:
        """Fallbacks of models and services that no call on the normal path reaches: called only
        when a component they back up fails."""
        return frozenset(
            fallback
            for fallback in self._backs_up
            if all(self.is_fallback_call(caller, fallback) for caller in self.callers.get(fallback, ()))
        )

    def waited_for(self, name: str) -> list[tuple[str, Edge]]:
        """The calls `name` waits for on the normal path: those made in turn, and the slowest of
        those made in parallel or chosen among."""
        in_turn, together = self.calls_made(name)
        waited = [(call.callee, call.edge) for call in in_turn]
        if together:
            slowest = max(together, key=lambda call: _hop(call.edge, self._wait(call.callee)[0]))
            waited.append((slowest.callee, slowest.edge))
        return waited

    def waited_below(self, name: str) -> tuple[str, ...]:
        """Every component a request below `name` waits for, in order, once each (not `name`)."""
        return self._wait(name)[1][1:]

    def passed_over_below(self, name: str) -> tuple[str, ...]:
        """The components below `name` only on a router's alternatives other than the slowest:
        not waited for in the worst case, but any could be the slowest once its p99 is known."""
        waited = set(self._wait(name)[1])
        return tuple(dict.fromkeys(other for other in self._wait(name)[2] if other not in waited))

    def calls_cost(self, name: str) -> float:
        """How long `name` waits for its calls."""
        wait = self._wait(name)[0]
        return wait.total_ms - (wait.own.ms if wait.own else 0.0)

    def cost(self, name: str) -> float:
        """How long a call to `name` takes: its own p99 and its calls. Serving's `latency_p99` is
        the budget of the whole request, checked against its calls, not added to them."""
        return self._wait(name)[0].total_ms

    def path(self, name: str) -> OnlinePath:
        """The terms of `name`'s cost: its own p99 and each call's, down the call tree."""
        return OnlinePath(name, tuple(self._wait(name)[0].terms(include_own=True)))

    def calls_path(self, name: str) -> OnlinePath:
        """The terms of what `name` waits for, without `name` itself."""
        return OnlinePath(name, tuple(self._wait(name)[0].terms(include_own=False)))

    # --- the calls each component makes ----------------------------------------------------------

    def _routed(self, caller: str, callee: str) -> bool:
        """`callee` is one of the caller's routes, or a route is reached through it."""
        routes = _names(self.components[caller].get("routes"))
        return any(route == callee or route in self.below(callee) for route in routes)

    def calls_made(self, name: str) -> tuple[list[_Call], list[_Call]]:
        """The calls `name` waits for, in turn and together (in parallel or chosen among)."""
        if name not in self._splits:
            in_turn: list[_Call] = []
            together: list[_Call] = []
            for callee, edge in self.callees.get(name, ()):
                if self.is_fallback_call(name, callee):
                    continue  # made only when what it backs up fails
                if self._routed(name, callee):
                    together.append(_Call(callee, edge, runs=False))
                elif edge.attributes and edge.flag("parallel"):
                    together.append(_Call(callee, edge))
                else:
                    in_turn.append(_Call(callee, edge))
            self._splits[name] = (in_turn, together)
        return self._splits[name]

    # --- one request's wait -------------------------------------------------------------------------

    def _wait(self, start: str) -> Remembered:
        """What a request entering at `start` waits for, and the components it waits for in order
        (`start` first)."""
        if start not in self._waits:
            walk = _RequestWalk(self, self._memo)
            self._waits[start] = (walk.run(start), tuple(walk.order), tuple(walk.passed_over))
        return self._waits[start]


class _RequestWalk:
    """One request's walk down the call graph, depth first with an explicit stack (deep chains need
    no recursion): what it has waited for so far, in order.

    A visit of a component depends only on which components below it the request has already
    waited for, so a component several callers reach is visited once per such set (`memo`, shared
    by the walks of one graph): a ladder of parallel fan-outs takes one visit a rung, not 2^rungs.
    """

    def __init__(self, graph: CallGraph, memo: dict[tuple[str, frozenset[str]], Remembered]) -> None:
        self.graph = graph
        self.memo = memo
        self.seen: set[str] = set()
        self.order: list[str] = []
        self.passed_over: list[str] = []  # on a router's alternatives other than the slowest

    def run(self, start: str) -> _Wait:
        stack: list[WaitSteps] = [self._visit(start, self._context(start))]
        reply: _Wait | None = None
        while True:
            try:
                callee = stack[-1].send(reply) if reply is not None else next(stack[-1])
            except StopIteration as done:
                stack.pop()
                reply = done.value
                if not stack:
                    return reply
                continue
            context = self._context(callee)
            remembered = self.memo.get((callee, context)) if context is not None else None
            if remembered is not None:
                reply = remembered[0]
                self._redo(remembered[1])
                self.passed_over.extend(remembered[2])
            else:
                reply = None
                stack.append(self._visit(callee, context))

    def _context(self, name: str) -> frozenset[str] | None:
        """The components below `name` already waited for; None for a component with one caller,
        visited at most once."""
        if len(self.graph.callers.get(name, ())) < 2:
            return None
        below = self.graph.below(name)
        fewer, more = (self.seen, below) if len(self.seen) < len(below) else (below, self.seen)
        return frozenset(seen for seen in fewer if seen in more)

    def _visit(self, name: str, context: frozenset[str] | None) -> WaitSteps:
        """Yields each callee to visit and receives what waiting for it costs."""
        mark, passed_mark = len(self.order), len(self.passed_over)
        self._redo((name,))
        component = self.graph.components[name]
        own_ms = p99_ms(component) if component.kind is not Kind.SERVING else None
        own = _Term(name, own_ms) if own_ms else None
        total = own_ms or 0.0
        parts: list[_Term | tuple[_Wait, str | None]] = []
        in_turn, together = self.graph.calls_made(name)
        for call in in_turn:
            if call.callee in self.seen:
                continue  # already waited for in this request: its answer is shared
            wait = yield call.callee
            total += _hop(call.edge, wait)
            parts.extend(_part(call, wait, None))
        made: list[tuple[float, _Call, _Wait, list[str]]] = []
        for call in together:  # each from the same point: what the others waited for is undone
            if call.callee in self.seen:
                continue
            start = len(self.order)
            wait = yield call.callee
            made.append((_hop(call.edge, wait), call, wait, self._undo(start)))
        if made:
            hop, slowest, wait, _ = max(made, key=lambda item: item[0])
            for _, call, _, added in made:
                if call.runs or call is slowest:  # of a router's alternatives, only the slowest runs
                    self._redo(added)
                else:
                    self.passed_over.extend(added)
            others = [call.callee for _, call, _, _ in made if call is not slowest]
            among = "parallel" if all(call.runs for _, call, _, _ in made) else "the routes, with"
            shown = f"{slowest.callee} (slowest of {among} {', '.join(others)})" if others else None
            total += hop
            parts.extend(_part(slowest, wait, shown))
        result = _Wait(total, own, tuple(parts))
        if context is not None:
            self.memo[(name, context)] = (
                result,
                tuple(self.order[mark:]),
                tuple(self.passed_over[passed_mark:]),
            )
        return result

    def _redo(self, names: Iterable[str]) -> None:
        for name in names:
            if name not in self.seen:
                self.seen.add(name)
                self.order.append(name)

    def _undo(self, mark: int) -> list[str]:
        added = self.order[mark:]
        del self.order[mark:]
        self.seen.difference_update(added)
        return added


def _hop(edge: Edge, wait: _Wait) -> float:
    """A call costs the larger of the edge's p99 (the hop, network and call) and the callee's."""
    return max(p99_ms(edge) or 0.0, wait.total_ms)


def _part(call: _Call, wait: _Wait, shown: str | None) -> list[_Term | tuple[_Wait, str | None]]:
    edge_ms = p99_ms(call.edge) or 0.0
    if edge_ms >= wait.total_ms:
        return [_Term(shown or call.callee, edge_ms)] if edge_ms else []
    return [(wait, shown)]


def _fallback_of(component: Component) -> str | None:
    value = component.get("fallback")
    return value.name if isinstance(value, IdentValue) else None


def _names(value: Value | None) -> list[str]:
    if isinstance(value, IdentValue):
        return [value.name]
    if isinstance(value, ListValue):
        return [name for item in value.items for name in _names(item)]
    return []


def deployed_models(components: Mapping[str, Component], edges: Iterable[Edge]) -> dict[str, set[str]]:
    """The models deployed to each serving component: directly (`model -deploy-> serving`) or
    through a registry they are registered in (`model -> registry -deploy-> serving`)."""
    edges = list(edges)
    registered: dict[str, set[str]] = {}
    for edge in edges:
        if components[edge.target].kind is Kind.REGISTRY and components[edge.source].kind is Kind.MODEL:
            registered.setdefault(edge.target, set()).add(edge.source)
    deployed: dict[str, set[str]] = {}
    for edge in edges:
        if components[edge.target].kind is not Kind.SERVING:
            continue
        source = components[edge.source]
        if source.kind is Kind.REGISTRY:
            deployed.setdefault(edge.target, set()).update(registered.get(source.name, set()))
        elif source.kind is Kind.MODEL and edge.type is EdgeType.DEPLOY:
            deployed.setdefault(edge.target, set()).add(source.name)
    return deployed


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
