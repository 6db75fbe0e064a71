"""Everything rules ask about a spec, computed once per spec so that every rule stays linear."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from functools import cached_property

from mlsd_dsl.catalog import Technology, lookup
from mlsd_dsl.lint.rule import Finding
from mlsd_dsl.model.kinds import Kind, attributes_for_kind
from mlsd_dsl.model.schema import REF, ModelStage, Provenance, ServingMode
from mlsd_dsl.model.spec import Component, Section, Spec
from mlsd_dsl.model.values import DurationValue, IdentValue, ListValue, MetricValue, PercentValue, Value

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
NOT_TRAINED_HERE: frozenset[str] = frozenset({Provenance.VENDOR, Provenance.PRETRAINED})


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

    @cached_property
    def trained_models(self) -> list[Component]:
        """Models that are not simple baselines: they need data, a pipeline, a loss, a registry.
        Vendor and frozen pretrained models are not trained here, so they are not among them."""
        return [
            model
            for model in self.of_kind(Kind.MODEL)
            if not self.is_baseline(model) and model.word("provenance") not in NOT_TRAINED_HERE
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
        return _reach(sources, self.spec.successors)

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

        return _reach(targets, predecessors)

    def named(self, kinds: Iterable[Kind]) -> list[str]:
        return [c.name for c in self.of_kind(*kinds)]


def is_imbalanced(dataset: Component) -> bool:
    rate = dataset.get("positive_rate")
    return isinstance(rate, PercentValue) and rate.percent < IMBALANCED_BELOW_PERCENT


def _identifiers(value: Value) -> list[str]:
    if isinstance(value, IdentValue):
        return [value.name]
    if isinstance(value, ListValue):
        return [name for item in value.items for name in _identifiers(item)]
    return []


def _reach(starts: Iterable[str], neighbours: Callable[[str], list[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for neighbour in neighbours(queue.popleft()):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen
