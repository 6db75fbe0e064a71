"""Everything rules ask about a spec, computed once per spec so that every rule stays linear."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from functools import cached_property

from mlsd_dsl.catalog import Technology, lookup
from mlsd_dsl.lint.rule import Finding
from mlsd_dsl.model.analyses import CallGraph, adjacency, cadence_ms, reach_along, reach_from
from mlsd_dsl.model.kinds import Kind, attributes_for_kind
from mlsd_dsl.model.schema import (
    PROTECTING_TREATMENTS,
    REF,
    EdgeType,
    FeatureCompute,
    ModelStage,
    ProcessorMode,
    Provenance,
    ServingMode,
)
from mlsd_dsl.model.spec import Component, Edge, Section, Spec
from mlsd_dsl.model.values import (
    BoolValue,
    DurationValue,
    IdentValue,
    ListValue,
    MetricValue,
    PercentValue,
    Value,
)

ONLINE_MODES: frozenset[str] = frozenset({ServingMode.ONLINE, ServingMode.STREAMING})
REFERENCE_ATTRIBUTES: dict[Kind, frozenset[str]] = {
    kind: frozenset(
        key for key, spec in attributes_for_kind(kind).items() if REF in spec.types or REF in spec.item_types
    )
    for kind in Kind
}
EMBEDDING_STAGES: frozenset[str] = frozenset(
    {ModelStage.RETRIEVAL, ModelStage.CANDIDATE_GENERATION, ModelStage.EMBEDDING}
)
IMBALANCED_BELOW_PERCENT = 10.0
NOT_TRAINED_HERE: frozenset[str] = frozenset({Provenance.PRETRAINED, Provenance.VENDOR})
FLOW: frozenset[EdgeType] = frozenset({EdgeType.DATA})
FEEDBACK_AND_FLOW: frozenset[EdgeType] = frozenset({EdgeType.DATA, EdgeType.LOG})
PERSONAL_DATA_MOVES: frozenset[EdgeType] = frozenset(
    {EdgeType.DATA, EdgeType.LOG, EdgeType.READ, EdgeType.REQUEST}
)
# Training lineage runs through data at rest and in motion, never through serving, a registry or
# another model: a model's output feeding serving does not train the next model.
LINEAGE_KINDS: frozenset[Kind] = frozenset(
    {
        Kind.SOURCE,
        Kind.STREAM,
        Kind.STORAGE,
        Kind.PROCESSOR,
        Kind.DATASET,
        Kind.FEATURE,
        Kind.FEATURE_STORE,
        Kind.PIPELINE,
        Kind.LABELING,
    }
)


def words_of(value: Value | None) -> list[str]:
    """The words in a value, lower-cased: `[recall@10, "CTR"]` → `['recall', 'ctr']`."""
    if value is None:
        return []
    if isinstance(value, ListValue):
        return [word for item in value.items for word in words_of(item)]
    if isinstance(value, MetricValue):
        return [value.name.lower()]
    plain = value.plain()
    return [plain.lower()] if isinstance(plain, str) else []


def is_metric_at_k(value: Value | None) -> bool:
    if isinstance(value, ListValue):
        return any(is_metric_at_k(item) for item in value.items)
    return isinstance(value, MetricValue)


class LintContext:
    """A spec plus the indexes rules share: components by kind, catalog entries, reachability."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._adjacency: dict[tuple[frozenset[EdgeType], bool], dict[str, list[str]]] = {}

    def reach(
        self,
        starts: Iterable[str],
        *,
        types: frozenset[EdgeType],
        blocked: Callable[[str], bool] | frozenset[str] = frozenset(),
        backwards: bool = False,
    ) -> dict[str, str | None]:
        """Everything reachable from `starts` along edges of `types` (against them when
        `backwards`), not leaving a blocked component (a set of names, or a test); maps each to
        where it was reached from. The adjacency of each type set and direction is built once
        per spec."""
        key = (types, backwards)
        if key not in self._adjacency:
            self._adjacency[key] = adjacency(self.spec.edges, types, backwards)
        return reach_along(starts, self._adjacency[key], blocked)

    # --- findings -------------------------------------------------------------------------
    def at_system(self, message: str) -> Finding:
        """A finding about something missing from the whole system: points at the system line."""
        return Finding(message, self.spec.span)

    def at_section(self, section: Section, message: str, key: str | None = None) -> Finding:
        attribute = section.attributes.get(key) if key else None
        return Finding(message, attribute.span if attribute else section.span)

    def at(self, component: Component, message: str, key: str | None = None) -> Finding:
        """A finding about a component, at one of its attributes when `key` is given and set."""
        attribute = component.attributes.get(key) if key else None
        return Finding(message, attribute.span if attribute else component.span, component.name)

    # --- components -----------------------------------------------------------------------
    @cached_property
    def _by_kind(self) -> dict[Kind, list[Component]]:
        index: dict[Kind, list[Component]] = defaultdict(list)
        for component in self.spec.components.values():
            index[component.kind].append(component)
        return index

    def of_kind(self, *kinds: Kind) -> list[Component]:
        if len(kinds) == 1:
            return self._by_kind.get(kinds[0], [])
        return [c for kind in kinds for c in self._by_kind.get(kind, [])]

    def has(self, *kinds: Kind) -> bool:
        return any(self._by_kind.get(kind) for kind in kinds)

    @cached_property
    def _technologies(self) -> dict[str | None, Technology | None]:
        return {tech: lookup(tech) for tech in {c.tech for c in self.spec.components.values()}}

    def technology(self, component: Component) -> Technology | None:
        return self._technologies[component.tech]

    def has_trait(self, component: Component, trait: str) -> bool:
        technology = self.technology(component)
        return technology is not None and trait in technology.traits

    def is_baseline(self, model: Component) -> bool:
        return model.flag("baseline") or self.has_trait(model, "baseline")

    def names_of_kinds(self, kinds: Iterable[Kind]) -> frozenset[str]:
        return frozenset(c.name for kind in kinds for c in self._by_kind.get(kind, []))

    @staticmethod
    def provenance(model: Component) -> str:
        return model.word("provenance") or Provenance.TRAINED

    def is_trained_here(self, model: Component) -> bool:
        """Trained or fine-tuned on this system's data (not pretrained and frozen, not a vendor's)."""
        return self.provenance(model) not in NOT_TRAINED_HERE

    @cached_property
    def trained_models(self) -> list[Component]:
        """Models trained here that are not simple baselines: they need data, a pipeline, a loss, a
        registry. Pretrained and vendor models are used as they are."""
        return [
            model
            for model in self.of_kind(Kind.MODEL)
            if not self.is_baseline(model) and self.is_trained_here(model)
        ]

    def produces_embeddings(self, model: Component) -> bool:
        return (
            model.word("stage") == "embedding"
            or model.has("embedding_dim")
            or self.has_trait(model, "embedding")
        )

    def is_embedding_retriever(self, model: Component) -> bool:
        return model.word("stage") in EMBEDDING_STAGES and self.produces_embeddings(model)

    @cached_property
    def online_servings(self) -> list[Component]:
        return [s for s in self.of_kind(Kind.SERVING) if s.serving_mode in ONLINE_MODES]

    # --- sections -------------------------------------------------------------------------
    @property
    def requirements(self) -> Section | None:
        return self.spec.requirements

    @property
    def framing(self) -> Section | None:
        return self.spec.framing

    @property
    def evaluation(self) -> Section | None:
        return self.spec.evaluation

    @property
    def task(self) -> str | None:
        return self.framing.word("task") if self.framing else None

    def required_latency(self, key: str) -> DurationValue | None:
        value = self.requirements.get(key) if self.requirements else None
        return value if isinstance(value, DurationValue) else None

    def offline_metrics(self) -> list[str]:
        return words_of(self.evaluation.get("offline")) if self.evaluation else []

    @cached_property
    def imbalanced_datasets(self) -> list[Component]:
        return [d for d in self.of_kind(Kind.DATASET) if is_imbalanced(d)]

    # --- graph ----------------------------------------------------------------------------
    @cached_property
    def calls(self) -> CallGraph:
        """The online request path: who calls whom while a request waits, with latency sums."""
        return CallGraph(self.spec.components, self.spec.edges)

    @cached_property
    def online(self) -> frozenset[str]:
        """Components on the online request path, and the models deployed to online serving."""
        components = self.spec.components
        found = set(self.calls.reachable)
        endpoints = {s.name for s in self.online_servings}
        registries_to_online = set()
        for edge in self.spec.edges:
            if edge.target not in endpoints:
                continue
            source = components[edge.source]
            if source.kind is Kind.MODEL and edge.type in (EdgeType.DEPLOY, EdgeType.DATA):
                found.add(source.name)
            elif source.kind is Kind.REGISTRY:
                registries_to_online.add(source.name)
        for edge in self.spec.edges:
            if edge.target in registries_to_online and components[edge.source].kind is Kind.MODEL:
                found.add(edge.source)
        return frozenset(found)

    def deployed_to(self, name: str) -> set[str]:
        """Models deployed to a serving component, directly or through a registry."""
        return self._deployed.get(name, set())

    @cached_property
    def _deployed(self) -> dict[str, set[str]]:
        components = self.spec.components
        registered: dict[str, set[str]] = defaultdict(set)
        for edge in self.spec.edges:
            if components[edge.target].kind is Kind.REGISTRY and components[edge.source].kind is Kind.MODEL:
                registered[edge.target].add(edge.source)
        deployed: dict[str, set[str]] = defaultdict(set)
        for edge in self.spec.edges:
            if components[edge.target].kind is not Kind.SERVING:
                continue
            source = components[edge.source]
            if source.kind is Kind.REGISTRY:
                deployed[edge.target] |= registered.get(source.name, set())
            elif source.kind is Kind.MODEL and edge.type is EdgeType.DEPLOY:
                deployed[edge.target].add(source.name)
        return deployed

    @cached_property
    def online_models(self) -> list[Component]:
        return [m for m in self.of_kind(Kind.MODEL) if m.name in self.online]

    @cached_property
    def trained_lineage(self) -> frozenset[str]:
        """Components downstream of a dataset or training pipeline along data flow through data
        components only: the models reached are trained by something in the design."""
        starts = self.named([Kind.DATASET, Kind.PIPELINE])
        reached = self.reach(
            starts,
            types=FLOW,
            blocked=self.names_of_kinds(frozenset(Kind) - LINEAGE_KINDS),
        )
        return frozenset(reached)

    @cached_property
    def label_arrival(self) -> frozenset[str]:
        """Components that labels can reach: downstream of a labelling queue, of feedback logged
        from production (the target of a log edge) or of a source of records (outcomes recorded
        upstream), along data flow that does not pass through features, feature stores, models or
        serving (labels are not features)."""
        components = self.spec.components
        starts = self.named([Kind.LABELING, Kind.SOURCE, Kind.STREAM])
        starts += [edge.target for edge in self.spec.edges_of_type(EdgeType.LOG)]
        carries_labels = frozenset({Kind.FEATURE, Kind.FEATURE_STORE, Kind.SERVING, Kind.SERVICE, Kind.MODEL})
        reached = self.reach(
            starts,
            types=FEEDBACK_AND_FLOW,
            blocked=self.names_of_kinds(carries_labels),
        )
        return frozenset(
            name
            for name, came in reached.items()
            if came is None or components[name].kind not in carries_labels
        )

    @cached_property
    def feeds_learning(self) -> frozenset[str]:
        """Components whose data reaches a dataset, pipeline or model: along data flow not through
        serving, clients or monitors, or through serving that logs the features it used for training
        to read ("log and wait": a log edge whose label or target names features)."""
        components = self.spec.components
        production = {Kind.SERVING, Kind.CLIENT, Kind.MONITOR, Kind.SERVICE}
        learners = self.named([Kind.DATASET, Kind.PIPELINE, Kind.MODEL])
        direct = self.reach(
            learners,
            types=FLOW,
            backwards=True,
            blocked=self.names_of_kinds(production),
        )
        loggers = [
            edge.source
            for edge in self.spec.edges_of_type(EdgeType.LOG)
            if edge.target in direct
            and components[edge.source].kind in production
            and self.logs_features(edge)
        ]
        through_logs = self.reach(
            loggers,
            types=frozenset({EdgeType.DATA, EdgeType.READ}),
            backwards=True,
            blocked=self.names_of_kinds(production),
        )
        return frozenset(direct.keys() | through_logs.keys())

    @cached_property
    def feeds_serving(self) -> frozenset[str]:
        """Features and feature stores whose values reach serving (any mode) or an online
        component, directly or through other features and stores."""
        components = self.spec.components
        consumers = [c.name for c in self.of_kind(Kind.SERVING)] + list(self.online)
        reached = self.reach(
            consumers,
            types=frozenset({EdgeType.DATA, EdgeType.READ}),
            backwards=True,
            blocked=lambda name: (
                components[name].kind not in (Kind.FEATURE, Kind.FEATURE_STORE, Kind.SERVING)
                and name not in self.online
            ),
        )
        return frozenset(reached)

    @cached_property
    def training_features(self) -> frozenset[str]:
        """Features and feature stores whose values reach a dataset or training pipeline."""
        components = self.spec.components
        return frozenset(
            name
            for name in self.feeds_learning
            if components[name].kind in (Kind.FEATURE, Kind.FEATURE_STORE)
        )

    def embedding_writers(self, index: str) -> set[str]:
        """The models whose embeddings fill an index: writing to it directly or through one job."""
        components = self.spec.components
        writers: set[str] = set()
        for name in self.spec.predecessors(index):
            if components[name].kind is Kind.MODEL:
                writers.add(name)
            elif components[name].kind in (Kind.PROCESSOR, Kind.PIPELINE):
                writers |= {m for m in self.spec.predecessors(name) if components[m].kind is Kind.MODEL}
        return writers

    def is_third_party(self, component: Component) -> bool:
        """A vendor's model or a service run by a provider: data sent there leaves the company."""
        if component.kind is Kind.MODEL:
            return self.provenance(component) == Provenance.VENDOR
        return component.kind is Kind.SERVICE and component.has("provider")

    def freshness_of(self, name: str) -> float | None:
        """How old a feature or store's values can be: its declared `freshness`, else its producers'."""
        own = self.spec.components[name].get("freshness")
        if isinstance(own, DurationValue):
            return own.ms
        produced = self.staleness(name)
        return produced[0] if produced else None

    def staleness(self, name: str) -> tuple[float, str] | None:
        """How old data can be when it leaves `name`, with the job or component that makes it so;
        None when nothing on the way says. A job's output is as stale as its own cadence or its
        stalest input, whichever is larger (jobs run in sequence, so cadences do not add up); a
        store holds what its stalest writer wrote; a feature or feature store is as fresh as its
        freshest producer (a streaming producer keeps it fresh). Streams and sources are live."""
        return self._staleness.get(name)

    @cached_property
    def _staleness(self) -> dict[str, tuple[float, str] | None]:
        components = self.spec.components
        producers: dict[str, list[str]] = defaultdict(list)
        for edge in self.spec.edges_of_type(EdgeType.DATA):
            if components[edge.source].kind in STALENESS_KINDS or components[edge.source].kind in LIVE_KINDS:
                producers[edge.target].append(edge.source)
        found: dict[str, tuple[float, str] | None] = {}
        for component in self.of_kind(*STALENESS_KINDS):
            if component.name in found:
                continue
            stack = [component.name]
            on_stack = {component.name}
            while stack:
                current = stack[-1]
                pending = next(
                    (
                        p
                        for p in producers.get(current, ())
                        if components[p].kind in STALENESS_KINDS and p not in found and p not in on_stack
                    ),
                    None,
                )
                if pending is not None:
                    stack.append(pending)
                    on_stack.add(pending)
                    continue
                stack.pop()
                on_stack.discard(current)
                found[current] = self._stale_after(components[current], producers.get(current, []), found)
        return found

    def _stale_after(
        self, component: Component, inputs: list[str], found: dict[str, tuple[float, str] | None]
    ) -> tuple[float, str] | None:
        components = self.spec.components
        known = [(0.0, name) if components[name].kind in LIVE_KINDS else found.get(name) for name in inputs]
        timed = [item for item in known if item is not None]
        kind = component.kind
        if kind in (Kind.PROCESSOR, Kind.PIPELINE):
            if component.word("mode") == ProcessorMode.STREAMING:
                own: float | None = 0.0
            else:
                own = cadence_ms(component.get("schedule"))
            if own is None:
                return None
            stalest = max(timed, default=(0.0, component.name))
            return stalest if stalest[0] > own else (own, component.name)
        if kind is Kind.STORAGE:
            return max(timed, default=None)
        if kind is Kind.FEATURE and component.word("compute") in (
            FeatureCompute.STREAMING,
            FeatureCompute.ON_REQUEST,
        ):
            return 0.0, component.name
        if kind is Kind.FEATURE_STORE and component.flag("streaming"):
            return 0.0, component.name
        return min(timed, default=None)

    @cached_property
    def referenced_by(self) -> dict[str, list[str]]:
        """Which components name each component in a reference attribute (`features: [x]`)."""
        names = self.spec.components
        found: dict[str, list[str]] = defaultdict(list)
        for component in names.values():
            for key in REFERENCE_ATTRIBUTES[component.kind] & component.attributes.keys():
                for word in _identifiers(component.attributes[key].value):
                    if word in names:
                        found[word].append(component.name)
        return found

    @staticmethod
    def text_of(*components: Component, sections: Iterable[Section | None] = ()) -> str:
        """The words and strings of these components (names, labels, technologies, attributes)
        and of the given sections, lower-cased."""
        parts: list[str] = []
        for section in sections:
            if section is not None:
                parts.extend(_texts(attribute.value) for attribute in section.attributes.values())
        for component in components:
            parts.extend((component.name, component.label or "", component.tech or ""))
            parts.extend(_texts(attribute.value) for attribute in component.attributes.values())
        return " ".join(parts).lower()

    def logs_features(self, edge: Edge) -> bool:
        """A log edge that says it carries the features serving used: its label or description, or
        the log it writes to, names features."""
        target = self.spec.components[edge.target]
        texts = (edge.label, edge.word("description"), target.name, target.label)
        return any(text is not None and "feature" in text.lower() for text in texts)

    def protects(self, component: Component) -> bool:
        """A processor that redacts, hashes, pseudonymises, aggregates or anonymises personal data,
        or a guardrail that checks for personal data (it redacts or refuses what it finds)."""
        if component.kind is Kind.PROCESSOR:
            return bool(PROTECTING_TREATMENTS & set(words_of(component.get("privacy"))))
        return component.kind is Kind.GUARDRAIL and "pii" in words_of(component.get("checks"))

    @cached_property
    def personal_data(self) -> dict[str, str | None]:
        """Where personal data can flow: from everything marked `pii: true` (and the targets of
        edges marked so) along data, log, read and request edges, stopped by protecting processors
        and by edges marked `pii: false`. Serving passes what it received on only in its logs and
        in prompts to vendor models, and not at all when it calls a protecting processor (it scrubs
        what it sends). Maps each reached component to the one it came from."""
        origins = self.personal_data_origins
        return self._spread(origins, self._personal_data_moves) if origins else {}

    @cached_property
    def personal_data_origins(self) -> list[str]:
        components = self.spec.components
        starts = [c.name for c in components.values() if "pii" in c.attributes and c.flag("pii")]
        return starts + [edge.target for edge in self.spec.edges if edge.attributes and edge.flag("pii")]

    @cached_property
    def protected_elsewhere(self) -> dict[str, str | None]:
        """Where personal data flows unprotected from origins whose data the design protects on
        another path (it passes a protecting processor there): those paths bypass the protection."""
        if not self.personal_data_origins:
            return {}
        moves = self._personal_data_moves
        components = self.spec.components
        backwards: dict[str, list[str]] = defaultdict(list)
        for source, targets in moves.items():
            if components[source].kind in (Kind.SERVING, Kind.SERVICE):
                continue  # protection must be on the data's own path, not on what serving logs
            for target in targets:
                backwards[target].append(source)
        protectors = [c.name for c in self.of_kind(Kind.PROCESSOR) if self.protects(c)]
        upstream_of_protection = self._spread(protectors, backwards)
        origins = [name for name in self.personal_data_origins if name in upstream_of_protection]
        return self._spread([o for o in origins if not self.protects(components[o])], moves)

    @cached_property
    def user_input_to_vendors(self) -> dict[str, str | None]:
        """Where what users type can reach: from clients along the calls of the request path, to the
        vendor models it reaches, unless serving on the way scrubs it."""
        components = self.spec.components
        if not any(self.is_third_party(m) for m in self.of_kind(Kind.MODEL)):
            return {}
        calls = self.calls
        moves: dict[str, list[str]] = {}
        for caller, callees in calls.callees.items():
            if self._scrubs(caller) or self.protects(components[caller]):
                continue
            moves[caller] = [callee for callee, edge in callees if not _says_no_pii(edge)]
        starts = [c.name for c in self.of_kind(Kind.CLIENT)]
        reached = self._spread(starts, moves)
        return {
            name: came
            for name, came in reached.items()
            if name in starts or components[name].kind is not Kind.CLIENT
        }

    @cached_property
    def _personal_data_moves(self) -> dict[str, list[str]]:
        components = self.spec.components
        moves: dict[str, list[str]] = defaultdict(list)
        for edge in self.spec.edges:
            if edge.type not in PERSONAL_DATA_MOVES or (edge.attributes and _says_no_pii(edge)):
                continue
            source, target = components[edge.source], components[edge.target]
            if (self.protects(source) or source.kind is Kind.LABELING) and edge.source != edge.target:
                continue  # protected; or judged by people, whose labels are not the personal data
            if source.kind in (Kind.SERVING, Kind.SERVICE):
                written_log = edge.type is EdgeType.LOG and edge.typed
                prompt = target.kind is Kind.MODEL and self.is_third_party(target)
                if not written_log and not prompt:
                    continue
            moves[edge.source].append(edge.target)
        return moves

    def _scrubs(self, name: str) -> bool:
        """An endpoint that calls a protecting processor on what it handles."""
        components = self.spec.components
        return any(self.protects(components[callee]) for callee, _ in self.calls.callees.get(name, ()))

    @staticmethod
    def _spread(starts: Iterable[str], moves: dict[str, list[str]]) -> dict[str, str | None]:
        parent: dict[str, str | None] = dict.fromkeys(starts)
        queue = deque(parent)
        while queue:
            name = queue.popleft()
            for neighbour in moves.get(name, ()):
                if neighbour not in parent:
                    parent[neighbour] = name
                    queue.append(neighbour)
        return parent

    @cached_property
    def referenced_names(self) -> frozenset[str]:
        """Components named in attributes that hold references (`fallback: popular`, `cache: hot`)."""
        names = self.spec.components
        found: set[str] = set()
        for component in names.values():
            for key in REFERENCE_ATTRIBUTES[component.kind] & component.attributes.keys():
                found.update(word for word in _identifiers(component.attributes[key].value) if word in names)
        return frozenset(found)

    def downstream_of(self, sources: Iterable[str]) -> set[str]:
        """Every component reachable along edges from `sources` (the sources included)."""
        return reach_from(sources, self.spec.successors)

    def upstream_of(self, targets: Iterable[str], through: Iterable[Kind] = ()) -> set[str]:
        """Every component from which one of `targets` can be reached (the targets included).

        Paths that pass through a component of a kind in `through` are not followed: data that
        reaches training only by way of serving logs was not used for training directly.
        """
        blocked = frozenset(through)
        components = self.spec.components

        def predecessors(name: str) -> list[str]:
            if name in components and components[name].kind in blocked:
                return []
            return self.spec.predecessors(name)

        return reach_from(targets, predecessors)

    def named(self, kinds: Iterable[Kind]) -> list[str]:
        return [c.name for c in self.of_kind(*kinds)]


def is_imbalanced(dataset: Component) -> bool:
    rate = dataset.get("positive_rate")
    return isinstance(rate, PercentValue) and rate.percent < IMBALANCED_BELOW_PERCENT


STALENESS_KINDS = (Kind.FEATURE, Kind.FEATURE_STORE, Kind.STORAGE, Kind.PROCESSOR, Kind.PIPELINE)
LIVE_KINDS = frozenset({Kind.SOURCE, Kind.STREAM})


def _says_no_pii(edge: Edge) -> bool:
    value = edge.get("pii")
    return isinstance(value, BoolValue) and not value.value


def _texts(value: Value) -> str:
    if isinstance(value, ListValue):
        return " ".join(_texts(item) for item in value.items)
    plain = value.plain()
    return plain if isinstance(plain, str) else ""


def _identifiers(value: Value) -> list[str]:
    if isinstance(value, IdentValue):
        return [value.name]
    if isinstance(value, ListValue):
        return [name for item in value.items for name in _identifiers(item)]
    return []
