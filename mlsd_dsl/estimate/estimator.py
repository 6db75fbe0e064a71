"""The back-of-the-envelope arithmetic of a design: load, replicas, GPUs, latency budget, caches,
vector indexes, feature store, storage and cost. Each figure shows its working; a figure whose
inputs are missing says what it needs instead of guessing (docs/estimate.md)."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property

from mlsd_dsl.estimate.figures import Estimate, Figure, Input, Origin, Section
from mlsd_dsl.estimate.inputs import Given, Inputs, constant, estimated
from mlsd_dsl.estimate.numbers import (
    Unit,
    count,
    data_size,
    duration,
    money,
    prices_in_text,
    show,
    significant,
)
from mlsd_dsl.model.analyses import CallGraph, adjacency, deployed_models, is_online_endpoint, reach_along
from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import (
    VECTOR_PRECISION_BYTES,
    EdgeType,
    Modality,
    ModelStage,
    Provenance,
    ServingMode,
    SourceType,
    VectorPrecision,
)
from mlsd_dsl.model.spec import Component, Spec
from mlsd_dsl.model.values import NumberValue, StringValue

DAY_S = 86_400.0
MONTH_DAYS = 30.0
LINK_BYTES = 2 * 4  # an HNSW link at layer 0: two directions of a 4-byte id
ID_BYTES = 8  # the id an IVF list stores beside each code
CENTROID_BYTES = 4  # IVF centroids are float32
CAPACITY_KEYS = ("replicas", "replica_qps", "concurrency")
TOKEN_MODALITIES = frozenset({Modality.TEXT, Modality.CODE})
ACCELERATORS = frozenset({"gpu", "tpu"})
EVENT_SOURCES = frozenset({SourceType.EVENTS, SourceType.LOGS})
SECTION_ORDER = {section: index for index, section in enumerate(Section)}
ALL_SECTIONS: frozenset[Section] = frozenset(Section)


class IndexType:
    FLAT = "flat"
    HNSW = "hnsw"
    IVF = "ivf"
    IVF_PQ = "ivfpq"
    PQ = "pq"


INDEX_WORDS: dict[str, str] = {
    "flat": IndexType.FLAT,
    "bruteforce": IndexType.FLAT,
    "exact": IndexType.FLAT,
    "hnsw": IndexType.HNSW,
    "hnswflat": IndexType.HNSW,
    "ivf": IndexType.IVF,
    "ivfflat": IndexType.IVF,
    "ivfpq": IndexType.IVF_PQ,
    "pq": IndexType.PQ,
    "scann": IndexType.IVF_PQ,  # partitions, then anisotropic quantisation codes: sized like IVF-PQ
}


def index_type(word: str) -> str | None:
    """`"HNSW"` → hnsw, `ivf_pq` → ivfpq; None for a type the estimate does not know."""
    return INDEX_WORDS.get("".join(char for char in word.lower() if char.isalnum()))


LINEAGE_STAGES = frozenset({Stage.DATA, Stage.FEATURES})


def _in_lineage(component: Component) -> bool:
    """Data at rest or in motion and features: what a training set is built through."""
    return KINDS[component.kind].stage in LINEAGE_STAGES


HEADROOM_NEED = "a headroom from 0% to below 100% in assumptions"


def positive(given: Given | None) -> Given | None:
    """The input if it is above zero: a divisor or a count the arithmetic can use, else None."""
    return given if given is not None and given.value > 0 else None


def summed(counts: dict[str, float], noun: str) -> str:
    """`9 replicas (api)`, or `(334 (ad_ranker) + 167 (auction)) = 501 replicas`."""
    if len(counts) == 1:
        name, number = next(iter(counts.items()))
        return f"{significant(number)} {noun}{'' if number == 1 else 's'} ({name})"
    listed = " + ".join(f"{significant(number)} ({name})" for name, number in counts.items())
    total = sum(counts.values())
    return f"({listed}) = {significant(total)} {noun}{'' if total == 1 else 's'}"


def plural(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def whole_up(value: float) -> int:
    """Round up, forgiving float noise: 600.0000000001 is 600."""
    return math.ceil(round(value, 6))


@dataclass(frozen=True)
class Rate:
    """Requests per second reaching a component, with the working that got there."""

    value: float
    text: str
    inputs: tuple[Input, ...]


def _figure(
    key: str,
    title: str,
    unit: Unit,
    section: Section,
    value: float,
    formula: str,
    inputs: Iterable[Input],
    component: str | None = None,
    limit: float | None = None,
) -> Figure:
    return trusted(
        Figure,
        key=key,
        title=title,
        value=value,
        unit=unit,
        formula=formula,
        inputs=tuple(inputs),
        missing=(),
        component=component,
        section=section,
        limit=limit,
    )


def _missing(
    key: str, title: str, unit: Unit, section: Section, needs: Iterable[str], component: str | None = None
) -> Figure:
    wanted = tuple(needs)
    return trusted(
        Figure,
        key=key,
        title=title,
        value=None,
        unit=unit,
        formula="not estimated: needs " + "; ".join(wanted),
        inputs=(),
        missing=wanted,
        component=component,
        section=section,
        limit=None,
    )


def _used(*items: Given | None) -> list[Input]:
    return [item.input for item in items if item is not None]


class Estimator:
    """Works out every figure of one spec, section by section."""

    def __init__(self, spec: Spec, calls: CallGraph | None = None) -> None:
        self.spec = spec
        self.inputs = Inputs(spec)
        self._calls = calls
        self.figures: list[Figure] = []
        self.peak: Given | None = None
        self.average: Given | None = None
        self.peak_factor = positive(self.inputs.assumed("peak_factor"))
        headroom = self.inputs.assumed("headroom")
        self.headroom = headroom if headroom is not None and 0 <= headroom.value < 1 else None
        self.behind_cache: dict[str, tuple[str, Given]] = {}
        self.replicas: dict[str, int] = {}
        self._by_kind: dict[Kind, list[Component]] = {}
        for component in spec.components.values():
            self._by_kind.setdefault(component.kind, []).append(component)
        self._data_before: dict[str, list[str]] | None = None
        self.gpus: dict[str, int] = {}

    @cached_property
    def calls(self) -> CallGraph:
        return self._calls or CallGraph(self.spec.components, self.spec.edges)

    @property
    def standby(self) -> frozenset[str]:
        """Fallbacks no call on the normal path reaches (a router's small model that a vendor model
        falls back to is called first, so it carries load)."""
        return self.calls.standby

    @cached_property
    def deployed(self) -> dict[str, set[str]]:
        return deployed_models(self.spec.components, self.spec.edges)

    def of_kind(self, kind: Kind) -> list[Component]:
        return self._by_kind.get(kind, [])

    def run(self, sections: Collection[Section] = ALL_SECTIONS) -> Estimate:
        """The figures of `sections` (every section by default; cost needs all the others)."""
        wanted = set(sections) | (set(Section) if Section.COST in sections else set())
        if wanted & {Section.LOAD, Section.SERVING, Section.CACHE, Section.STORAGE}:
            self._load()
        if wanted & {Section.SERVING, Section.CACHE}:
            self._find_cached_backends()
        if Section.SERVING in wanted:
            self._serving()
            self._generators()
        steps = (
            (Section.LATENCY, self._latency),
            (Section.CACHE, self._caches),
            (Section.INDEX, self._indexes),
            (Section.FEATURES, self._feature_stores),
            (Section.STORAGE, self._storage),
            (Section.COST, self._cost),
        )
        for section, step in steps:
            if section in wanted:
                step()
        if not wanted >= set(Section):
            self.figures = [figure for figure in self.figures if figure.section in wanted]
        ordered = sorted(self.figures, key=lambda figure: SECTION_ORDER[figure.section])
        return trusted(
            Estimate,
            format="mlsd-estimate/1",
            system=self.spec.name,
            path=self.spec.path,
            figures=tuple(ordered),
        )

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    # --- request load -----------------------------------------------------------------------
    def _load(self) -> None:
        if not self._has_request_load():
            return
        self.peak = self._peak_qps()
        self._average_qps()

    def _has_request_load(self) -> bool:
        """A system with no online endpoint (batch jobs only) has no request load unless it states one."""
        stated = any(self.inputs.requirement(key) for key in ("peak_qps", "qps"))
        return stated or any(is_online_endpoint(c) for c in self.spec.components.values())

    def _peak_qps(self) -> Given | None:
        key, title, unit, section = "load.peak_qps", "Peak QPS", Unit.QPS, Section.LOAD
        inputs = self.inputs
        peak, average, factor = inputs.requirement("peak_qps"), inputs.requirement("qps"), self.peak_factor
        if peak is not None:
            self.add(
                _figure(
                    key,
                    title,
                    unit,
                    section,
                    peak.value,
                    f"{peak.text} qps, stated in requirements.peak_qps",
                    _used(peak),
                )
            )
            return estimated(key, peak.value, unit)
        if average is not None and factor is not None:
            value = average.value * factor.value
            formula = f"{count(average.value)} qps average × {factor.text} peak factor = {show(value, unit)}"
            self.add(_figure(key, title, unit, section, value, formula, _used(average, factor)))
            return estimated(key, value, unit)
        users, per_user = inputs.requirement("users"), inputs.assumed("requests_per_user")
        if users is not None and per_user is not None and factor is not None:
            value = users.value * per_user.value / DAY_S * factor.value
            formula = (
                f"{users.text} users × {per_user.text} requests per user per day ÷ 86,400 s × "
                f"{factor.text} peak factor = {show(value, unit)}"
            )
            day = constant("seconds per day", DAY_S, "86,400 s")
            self.add(_figure(key, title, unit, section, value, formula, _used(users, per_user, day, factor)))
            return estimated(key, value, unit)
        needs = ["requirements.peak_qps, or requirements.qps"]
        if users is None:
            needs.append("or requirements.users with requests_per_user in assumptions")
        else:
            needs.append("or requests_per_user in assumptions (with requirements.users)")
        self.add(_missing(key, title, unit, section, [" ".join(needs)]))
        return None

    def _average_qps(self) -> None:
        key, title, unit, section = "load.average_qps", "Average QPS", Unit.QPS, Section.LOAD
        stated = self.inputs.requirement("qps")
        if stated is not None:
            self.add(
                _figure(
                    key,
                    title,
                    unit,
                    section,
                    stated.value,
                    f"{stated.text} qps, stated in requirements.qps",
                    _used(stated),
                )
            )
            self.average = estimated(key, stated.value, unit)
        elif self.peak is not None and self.peak_factor is not None:
            value = self.peak.value / self.peak_factor.value
            formula = f"{self.peak.text} peak ÷ {self.peak_factor.text} peak factor = {show(value, unit)}"
            self.add(_figure(key, title, unit, section, value, formula, _used(self.peak, self.peak_factor)))
            self.average = estimated(key, value, unit)
        else:
            self.add(
                _missing(
                    key, title, unit, section, ["requirements.qps, or a peak QPS and a positive peak_factor"]
                )
            )

    # --- who sees how much load -------------------------------------------------------------
    def _find_cached_backends(self) -> None:
        """Components an endpoint calls after asking a cache see only the misses."""
        components = self.spec.components
        for endpoint in self.calls.callees:
            for callee, _ in self.calls.waited_for(endpoint):
                cache = components[callee]
                hit = self.inputs.of(cache, "hit_rate") if cache.kind is Kind.CACHE else None
                if hit is None:
                    continue
                behind = self.calls.below(endpoint) - {callee} - self.calls.below(callee)
                for name in behind:
                    self.behind_cache.setdefault(name, (callee, hit))

    def rate_of(self, component: Component) -> Rate | None:
        """The peak QPS reaching a component: its own `qps`, or the system's peak (only the misses
        of a cache asked first)."""
        own = self.inputs.of(component, "qps") if "qps" in KINDS[component.kind].attributes else None
        if own is not None:
            return Rate(own.value, f"{count(own.value)} qps", tuple(_used(own)))
        if self.peak is None:
            return None
        cached = self.behind_cache.get(component.name)
        if cached is None:
            return Rate(self.peak.value, f"{self.peak.text} peak", tuple(_used(self.peak)))
        cache, hit = cached
        value = self.peak.value * (1 - hit.value)
        text = f"{self.peak.text} peak × (1 − {hit.text} hit rate of {cache})"
        return Rate(value, text, (*_used(self.peak), hit.input))

    def average_rate_of(self, component: Component) -> Rate | None:
        """The average QPS reaching a component: its peak ÷ the peak factor, or the stated average."""
        rate = self.rate_of(component)
        if rate is None:
            return None
        if self.inputs.requirement("qps") is not None and self.peak is not None and self.average is not None:
            share = rate.value / self.peak.value if self.peak.value else 0.0
            value = self.average.value * share
            text = (
                rate.text
                if share == 1
                else f"{rate.text} × {self.average.text} average ÷ {self.peak.text} peak"
            )
            return Rate(value, f"{count(value)} qps average ({text})", (*rate.inputs, self.average.input))
        if self.peak_factor is None:
            return None
        value = rate.value / self.peak_factor.value
        text = f"{count(value)} qps average ({rate.text} ÷ {self.peak_factor.text} peak factor)"
        return Rate(value, text, (*rate.inputs, self.peak_factor.input))

    # --- serving capacity -------------------------------------------------------------------
    def _sized_by_qps(self, component: Component) -> bool:
        if not KINDS[component.kind].request_path or component.kind is Kind.CACHE:
            return False
        if component.kind is Kind.MODEL and component.word("provenance") == Provenance.VENDOR:
            return False
        if component.kind is Kind.SERVING and component.serving_mode == ServingMode.BATCH:
            return False
        is_online_serving = component.kind is Kind.SERVING and is_online_endpoint(component)
        return is_online_serving or any(component.has(key) for key in CAPACITY_KEYS)

    def _serving(self) -> None:
        for component in self.spec.components.values():
            if self._sized_by_qps(component):
                self._replicas(component)

    def _replica_qps(self, component: Component) -> tuple[float, str, list[Input]] | None:
        stated = positive(self.inputs.of(component, "replica_qps"))
        if stated is not None:
            return stated.value, f"{count(stated.value)} qps per replica", _used(stated)
        concurrency = positive(self.inputs.assumed("concurrency", component))
        latency = self.inputs.duration_of(component, "latency_p50") or self.inputs.duration_of(
            component, "latency_p99"
        )
        if concurrency is None or latency is None or latency.value <= 0:
            return None
        value = concurrency.value / latency.value
        which = latency.input.name.rsplit(".", 1)[-1]
        per_replica = f"{count(value)} qps per replica"
        text = f"({concurrency.text} concurrent ÷ {duration(latency.value)} {which} = {per_replica})"
        return value, text, _used(concurrency, latency)

    def _replicas(self, component: Component) -> None:
        name = component.name
        key, title, unit = f"serving.{name}.replicas", f"Replicas for {name}", Unit.REPLICAS
        declared = self.inputs.of(component, "replicas")
        rate, per_replica, headroom = self.rate_of(component), self._replica_qps(component), self.headroom
        if rate is None or per_replica is None or headroom is None:
            needs = []
            if rate is None:
                needs.append(f"a peak QPS (requirements.peak_qps or {name}.qps)")
            if per_replica is None:
                needs.append(
                    f"{name}.replica_qps, or {name}.concurrency with a latency_p50 or latency_p99 (positive)"
                )
            if headroom is None:
                needs.append(HEADROOM_NEED)
            self.add(_missing(key, title, unit, Section.SERVING, needs, name))
            return
        per_replica_qps, per_replica_text, per_replica_inputs = per_replica
        exact = rate.value / (per_replica_qps * (1 - headroom.value))
        replicas = max(1, whole_up(exact))
        formula = (
            f"{rate.text} ÷ ({per_replica_text} × (1 − {headroom.text} headroom)) = "
            f"{significant(exact)} → {plural(replicas, 'replica')}"
        )
        if declared is not None:
            formula += f"; declared {declared.text}"
        inputs = [*rate.inputs, *per_replica_inputs, headroom.input, *_used(declared)]
        limit = declared.value if declared is not None else None
        self.add(_figure(key, title, unit, Section.SERVING, replicas, formula, inputs, name, limit))
        self.replicas[name] = replicas

    def _is_self_hosted_generator(self, model: Component) -> bool:
        if model.word("provenance") == Provenance.VENDOR:
            return False
        modality = model.word("modality")
        if modality is not None:
            return modality in TOKEN_MODALITIES
        return model.has("tokens_out") or (
            model.word("stage") == ModelStage.GENERATION and model.has("tokens_per_s")
        )

    def _generators(self) -> None:
        for model in self.of_kind(Kind.MODEL):
            if self._is_self_hosted_generator(model):
                self._gpus(model)

    def _standby_note(self, model: Component) -> str:
        return " (a fallback, sized to take the whole load)" if model.name in self.standby else ""

    def _gpus(self, model: Component) -> None:
        name = model.name
        weights = self._weights(model)
        key, title = f"serving.{name}.tokens_per_s", f"Generated tokens/s for {name}"
        rate, tokens_out = self.rate_of(model), self.inputs.of(model, "tokens_out")
        if rate is None or tokens_out is None:
            needs = [] if rate is not None else ["a peak QPS"]
            needs += [] if tokens_out is not None else [f"{name}.tokens_out"]
            self.add(_missing(key, title, Unit.TOKENS_PER_S, Section.SERVING, needs, name))
            self.add(
                _missing(f"serving.{name}.gpus", f"GPUs for {name}", Unit.GPUS, Section.SERVING, needs, name)
            )
            return
        tokens = rate.value * tokens_out.value
        formula = f"{rate.text} × {tokens_out.text} tokens out = {show(tokens, Unit.TOKENS_PER_S)}"
        formula += self._standby_note(model)
        inputs = [*rate.inputs, tokens_out.input]
        self.add(_figure(key, title, Unit.TOKENS_PER_S, Section.SERVING, tokens, formula, inputs, name))
        self._gpu_count(model, tokens, weights)

    def _gpu_count(self, model: Component, tokens: float, weights: Given | None) -> None:
        name = model.name
        key, title = f"serving.{name}.gpus", f"GPUs for {name}"
        per_gpu, headroom = positive(self.inputs.assumed("gpu_tokens_per_s", model)), self.headroom
        if per_gpu is None or headroom is None:
            needs = (
                []
                if per_gpu is not None
                else [f"{name}.gpu_tokens_per_s (or gpu_tokens_per_s in assumptions)"]
            )
            needs += [] if headroom is not None else [HEADROOM_NEED]
            self.add(_missing(key, title, Unit.GPUS, Section.SERVING, needs, name))
            return
        exact = tokens / (per_gpu.value * (1 - headroom.value))
        gpus = max(1, whole_up(exact))
        formula = (
            f"{show(tokens, Unit.TOKENS_PER_S)} ÷ ({per_gpu.text} tokens/s per GPU × (1 − {headroom.text} "
            f"headroom)) = {significant(exact)} → {plural(gpus, 'GPU')}"
        )
        inputs = [estimated(f"serving.{name}.tokens_per_s", tokens, Unit.TOKENS_PER_S).input, per_gpu.input]
        inputs.append(headroom.input)
        gpu_memory = positive(self.inputs.assumed("gpu_memory", model))
        if weights is not None and gpu_memory is not None:
            for_weights = whole_up(weights.value / gpu_memory.value)
            need = plural(for_weights, "GPU")
            formula += f"; the weights need {weights.text} ÷ {gpu_memory.text} = {need} per copy"
            inputs += [weights.input, gpu_memory.input]
            if for_weights > gpus:
                gpus = for_weights
                formula += f" → {plural(gpus, 'GPU')}"
        self.add(_figure(key, title, Unit.GPUS, Section.SERVING, gpus, formula, inputs, name))
        self.gpus[name] = gpus

    def _weights(self, model: Component) -> Given | None:
        name = model.name
        key, title = f"serving.{name}.weights", f"Weights of {name}"
        params, per_param = self.inputs.of(model, "params"), self.inputs.assumed("bytes_per_param", model)
        if params is None or per_param is None:
            self.add(_missing(key, title, Unit.BYTES, Section.SERVING, [f"{name}.params"], name))
            return None
        value = params.value * per_param.value
        formula = f"{params.text} parameters × {per_param.text} B per parameter = {data_size(value)}"
        self.add(
            _figure(key, title, Unit.BYTES, Section.SERVING, value, formula, _used(params, per_param), name)
        )
        return estimated(key, value, Unit.BYTES)

    # --- latency budget ---------------------------------------------------------------------
    def _latency(self) -> None:
        for serving in self.of_kind(Kind.SERVING):
            if is_online_endpoint(serving) and self.calls.waited_for(serving.name):
                self._latency_of(serving)
        for model in self.of_kind(Kind.MODEL):
            if model.has("ttft_p99") and model.has("tokens_out"):
                self._generation_time(model)

    def _generation_time(self, model: Component) -> None:
        """How long a whole answer takes: the first token, then the rest at the stream's speed."""
        name = model.name
        key, title = f"latency.{name}.generation", f"Time to the whole answer of {name}"
        first, tokens = self.inputs.duration_of(model, "ttft_p99"), self.inputs.of(model, "tokens_out")
        speed = self.inputs.of(model, "tokens_per_s")
        if first is None or tokens is None or speed is None or speed.value <= 0:
            self.add(_missing(key, title, Unit.SECONDS, Section.LATENCY, [f"{name}.tokens_per_s"], name))
            return
        value = first.value + tokens.value / speed.value
        formula = (
            f"{duration(first.value)} to the first token + {tokens.text} tokens ÷ {speed.text} tokens/s "
            f"= {duration(value)}"
        )
        self.add(
            _figure(
                key, title, Unit.SECONDS, Section.LATENCY, value, formula, _used(first, tokens, speed), name
            )
        )

    def _required_p99(self, serving: Component) -> Given | None:
        required = [
            given
            for given in (
                self.inputs.requirement("latency_p99"),
                self.inputs.duration_of(serving, "latency_p99"),
            )
            if given is not None
        ]
        return min(required, key=lambda given: given.value) if required else None

    def _latency_of(self, serving: Component) -> None:
        name = serving.name
        path = self.calls.calls_path(name)
        total = path.total_ms / 1e3
        unknown = self._hops_without_p99(name)
        hop_inputs = self._hop_inputs(name)
        required = self._required_p99(serving)
        terms = " + ".join(f"{what} {duration(ms / 1e3)}" for what, ms in path.terms)
        formula = f"{terms} = {duration(total)}" if path.terms else "no hop states a latency_p99"
        if unknown:
            formula += f"; no latency_p99 stated (not counted): {', '.join(unknown)}"
        key = f"latency.{name}.path"
        limit = required.value if required else None
        if required is not None:
            formula += f" (required {required.text})"
        self.add(
            _figure(
                key,
                f"Request path p99 below {name}",
                Unit.SECONDS,
                Section.LATENCY,
                total,
                formula,
                hop_inputs,
                name,
                limit,
            )
        )
        slack_key, slack_title = f"latency.{name}.slack", f"Latency slack of {name}"
        if required is None:
            need = f"requirements.latency_p99 or {name}.latency_p99"
            self.add(_missing(slack_key, slack_title, Unit.SECONDS, Section.LATENCY, [need], name))
            return
        slack = required.value - total
        formula = f"{required.text} required − {duration(total)} along the path = {duration(slack)}"
        inputs = [required.input, estimated(key, total, Unit.SECONDS).input]
        self.add(_figure(slack_key, slack_title, Unit.SECONDS, Section.LATENCY, slack, formula, inputs, name))

    def _hops_without_p99(self, name: str) -> list[str]:
        components = self.spec.components
        return [
            callee
            for callee in (*self.calls.waited_below(name), *self.calls.passed_over_below(name))
            if KINDS[components[callee].kind].request_path
            and not components[callee].has("latency_p99")
            and not self.calls.waited_for(callee)
        ]

    def _hop_inputs(self, name: str) -> list[Input]:
        components = self.spec.components
        found = [
            self.inputs.duration_of(components[callee], "latency_p99")
            for callee in self.calls.waited_below(name)
        ]
        return _used(*found)

    # --- caches -----------------------------------------------------------------------------
    def _caches(self) -> None:
        for cache in self.of_kind(Kind.CACHE):
            name = cache.name
            key, title = f"cache.{name}.backend_qps", f"QPS past {name}"
            hit, rate = self.inputs.of(cache, "hit_rate"), self.rate_of(cache)
            if hit is None or rate is None:
                needs = [] if hit is not None else [f"{name}.hit_rate"]
                needs += [] if rate is not None else ["a peak QPS"]
                self.add(_missing(key, title, Unit.QPS, Section.CACHE, needs, name))
                continue
            value = rate.value * (1 - hit.value)
            formula = f"{rate.text} × (1 − {hit.text} hit rate) = {show(value, Unit.QPS)} reach the backends"
            self.add(
                _figure(key, title, Unit.QPS, Section.CACHE, value, formula, [*rate.inputs, hit.input], name)
            )

    # --- vector indexes ---------------------------------------------------------------------
    def _indexes(self) -> None:
        for index in self.of_kind(Kind.VECTOR_DB):
            memory = self._index_memory(index)
            self._index_shards(index, memory)

    def _dim(self, index: Component) -> Given | None:
        stated = self.inputs.of(index, "dim")
        if stated is not None:
            return stated
        for source in self.spec.predecessors(index.name):
            model = self.spec.components[source]
            if model.kind is Kind.MODEL and (dim := self.inputs.of(model, "embedding_dim")) is not None:
                return dim
        return None

    def _stated_in_bytes(self, component: Component, key: str, title: str, section: Section) -> bool:
        """A `size` written in bytes (`720GB`) is the figure itself; a bare number counts items."""
        stated = self.inputs.of(component, "size")
        if stated is None or isinstance(component.get("size"), NumberValue):
            return False
        formula = f"{stated.text}, stated in {component.name}.size"
        self.add(
            _figure(key, title, Unit.BYTES, section, stated.value, formula, _used(stated), component.name)
        )
        return True

    def _index_memory(self, index: Component) -> Given | None:
        name = index.name
        key, title = f"index.{name}.memory", f"Memory of index {name}"
        sized = self.inputs.of(index, "size")
        if self._stated_in_bytes(index, key, title, Section.INDEX):
            assert sized is not None
            return estimated(key, sized.value, Unit.BYTES)
        word = index.word("index")
        kind = index_type(word) if word else None
        vectors, dim = positive(sized), positive(self._dim(index))
        needs = []
        if vectors is None:
            needs.append(f"{name}.size (a positive number of vectors)")
        if dim is None:
            needs.append(f"{name}.dim (positive)")
        if kind is None:
            got = f" (got '{word}')" if word else ""
            needs.append(f"{name}.index as flat, hnsw, ivf, ivfpq or pq{got}")
        if vectors is None or dim is None or kind is None:
            self.add(_missing(key, title, Unit.BYTES, Section.INDEX, needs, name))
            return None
        value, formula, inputs = self._index_arithmetic(index, kind, vectors, dim)
        self.add(_figure(key, title, Unit.BYTES, Section.INDEX, value, formula, inputs, name))
        return estimated(key, value, Unit.BYTES)

    def _index_arithmetic(
        self, index: Component, kind: str, vectors: Given, dim: Given
    ) -> tuple[float, str, list[Input]]:
        n, d = vectors.value, dim.value
        head = f"{vectors.text} vectors"
        if kind in (IndexType.IVF_PQ, IndexType.PQ):
            code = self.inputs.assumed("pq_bytes", index)
            assert code is not None  # it has a default
            per_vector = code.value + (ID_BYTES if kind == IndexType.IVF_PQ else 0)
            value = n * per_vector
            if kind == IndexType.PQ:
                formula = f"{head} × {code.text} B PQ code"
                inputs = _used(vectors, code)
            else:
                formula = f"{head} × ({code.text} B PQ code + {ID_BYTES} B id)"
                lists, lists_formula, lists_inputs = self._centroids(index, n, dim)
                value += lists
                formula += lists_formula
                inputs = [*_used(vectors, code), *lists_inputs]
            return value, f"{formula} = {data_size(value)}", inputs
        precision = self.inputs.assumed_word("precision", index)
        assert precision is not None  # it has a default
        component_bytes = VECTOR_PRECISION_BYTES[VectorPrecision(precision.value)]
        vector_text = f"{dim.text} dims × {component_bytes} B ({precision.value})"
        inputs = [vectors.input, dim.input, precision.input]
        if kind == IndexType.FLAT:
            value = n * d * component_bytes
            return value, f"{head} × {vector_text} = {data_size(value)}", inputs
        if kind == IndexType.HNSW:
            links = self.inputs.assumed("hnsw_m", index)
            assert links is not None  # it has a default
            value = n * (d * component_bytes + links.value * LINK_BYTES)
            formula = f"{head} × ({vector_text} + {links.text} links × 2 × 4 B) = {data_size(value)}"
            return value, formula, [*inputs, links.input]
        value = n * (d * component_bytes + ID_BYTES)
        lists, lists_formula, lists_inputs = self._centroids(index, n, dim)
        value += lists
        formula = f"{head} × ({vector_text} + {ID_BYTES} B id){lists_formula} = {data_size(value)}"
        return value, formula, [*inputs, *lists_inputs]

    def _centroids(self, index: Component, n: float, dim: Given) -> tuple[float, str, list[Input]]:
        lists = self.inputs.assumed("ivf_lists", index)
        if lists is None:
            count_of_lists = float(round(4 * math.sqrt(n)))
            lists = Given(
                count_of_lists,
                Input(
                    name="ivf_lists",
                    value=f"4 × √{count(n)} = {count(count_of_lists)}",
                    origin=Origin.DEFAULT,
                    source="default assumption 'ivf_lists' (docs/estimate.md)",
                    location=None,
                ),
            )
        value = lists.value * dim.value * CENTROID_BYTES
        text = lists.text if lists.input.origin is not Origin.DEFAULT else count(lists.value)
        return value, f" + {text} lists × {dim.text} dims × 4 B", [lists.input]

    def _index_shards(self, index: Component, memory: Given | None) -> None:
        name = index.name
        key, title = f"index.{name}.shards", f"Shards of index {name}"
        node_memory = positive(self.inputs.assumed("node_memory", index))
        declared = self.inputs.of(index, "shards")
        if memory is None or node_memory is None:
            needs = (
                [f"the memory of index {name}"] if memory is None else [f"a positive node_memory for {name}"]
            )
            self.add(_missing(key, title, Unit.SHARDS, Section.INDEX, needs, name))
            return
        shards = max(1, whole_up(memory.value / node_memory.value))
        exact = significant(memory.value / node_memory.value)
        per_node = data_size(node_memory.value)
        formula = f"{memory.text} ÷ {per_node} per node = {exact} → {plural(shards, 'shard')}"
        if declared is not None:
            formula += f"; declared {declared.text}"
        limit = declared.value if declared is not None else None
        inputs = [memory.input, node_memory.input, *_used(declared)]
        self.add(_figure(key, title, Unit.SHARDS, Section.INDEX, shards, formula, inputs, name, limit))

    # --- feature stores ---------------------------------------------------------------------
    def _feature_stores(self) -> None:
        for store in self.of_kind(Kind.FEATURE_STORE):
            name = store.name
            key, title = f"features.{name}.online_size", f"Online size of {name}"
            entities, features = self.inputs.of(store, "entities"), self.inputs.of(store, "feature_count")
            per_value, replication = (
                self.inputs.assumed("bytes_per_feature"),
                self.inputs.assumed("replication"),
            )
            if entities is None or features is None or per_value is None or replication is None:
                needs = [] if entities is not None else [f"{name}.entities"]
                needs += [] if features is not None else [f"{name}.feature_count"]
                self.add(_missing(key, title, Unit.BYTES, Section.FEATURES, needs, name))
                continue
            value = entities.value * features.value * per_value.value * replication.value
            formula = (
                f"{entities.text} entities × {features.text} features × {per_value.text} × "
                f"{replication.text} copies = {data_size(value)}"
            )
            inputs = _used(entities, features, per_value, replication)
            self.add(_figure(key, title, Unit.BYTES, Section.FEATURES, value, formula, inputs, name))

    # --- storage ----------------------------------------------------------------------------
    def _storage(self) -> None:
        daily: dict[str, Given] = {}
        for source in self.of_kind(Kind.SOURCE):
            if source.word("type") in EVENT_SOURCES and (found := self._event_storage(source)) is not None:
                daily[source.name] = found
        for dataset in self.of_kind(Kind.DATASET):
            self._dataset_size(dataset, daily)
        self._storage_total()
        logging = {edge.source for edge in self.spec.edges if edge.type is EdgeType.LOG}
        for serving in self.of_kind(Kind.SERVING):
            if is_online_endpoint(serving) and serving.name in logging:
                self._log_growth(serving)

    def _storage_total(self) -> None:
        """What the system keeps: raw events over their retention and the datasets."""
        kept = [
            figure
            for figure in self.figures
            if figure.section is Section.STORAGE
            and figure.value is not None
            and (figure.key.endswith(".retained") or figure.key.endswith(".size"))
        ]
        if not kept:
            return
        budget = self.inputs.requirement("storage_budget")
        value = sum(figure.value or 0.0 for figure in kept)
        parts = " + ".join(f"{data_size(figure.value or 0.0)} ({figure.component})" for figure in kept)
        formula = f"{parts} = {data_size(value)}"
        if budget is not None:
            formula += f"; budget {budget.text}"
        inputs = [estimated(figure.key, figure.value or 0.0, Unit.BYTES).input for figure in kept]
        limit = budget.value if budget is not None else None
        self.add(
            _figure(
                "storage.total",
                "Data kept",
                Unit.BYTES,
                Section.STORAGE,
                value,
                formula,
                [*inputs, *_used(budget)],
                limit=limit,
            )
        )

    def _retention(self, source: Component) -> Given | None:
        own = self.inputs.duration_of(source, "retention")
        if own is not None:
            return own
        for target in self.spec.successors(source.name):
            store = self.spec.components[target]
            if (
                store.kind is Kind.STORAGE
                and (kept := self.inputs.duration_of(store, "retention")) is not None
            ):
                return kept
        return None

    def _event_storage(self, source: Component) -> Given | None:
        name = source.name
        key, title = f"storage.{name}.daily", f"Raw events of {name} per day"
        volume = source.get("volume")
        rate = self.inputs.of(source, "volume") if volume is not None and volume.type == "rate" else None
        per_event = self.inputs.assumed("bytes_per_event")
        if rate is None or per_event is None:
            self.add(
                _missing(
                    key,
                    title,
                    Unit.BYTES_PER_DAY,
                    Section.STORAGE,
                    [f"{name}.volume as a rate, e.g. 10B/day"],
                    name,
                )
            )
            return None
        value = rate.value * DAY_S * per_event.value
        formula = f"{rate.text} × {per_event.text} per event = {show(value, Unit.BYTES_PER_DAY)}"
        self.add(
            _figure(
                key, title, Unit.BYTES_PER_DAY, Section.STORAGE, value, formula, _used(rate, per_event), name
            )
        )
        per_day = estimated(key, value, Unit.BYTES_PER_DAY)
        retained_key, retained_title = f"storage.{name}.retained", f"Raw events of {name} kept"
        retention = self._retention(source)
        if retention is None:
            self.add(
                _missing(
                    retained_key,
                    retained_title,
                    Unit.BYTES,
                    Section.STORAGE,
                    [f"{name}.retention (or the retention of the storage it feeds)"],
                    name,
                )
            )
            return per_day
        days = retention.value / DAY_S
        total = value * days
        formula = f"{show(value, Unit.BYTES_PER_DAY)} × {retention.text} retention ({significant(days)} days)"
        formula += f" = {data_size(total)}"
        self.add(
            _figure(
                retained_key,
                retained_title,
                Unit.BYTES,
                Section.STORAGE,
                total,
                formula,
                [per_day.input, retention.input],
                name,
            )
        )
        return per_day

    def _upstream_events(self, dataset: Component, daily: dict[str, Given]) -> list[str]:
        """The event sources a dataset is built from: back along data edges, through data and
        feature components only (a model or a serving component upstream is another lineage)."""
        if self._data_before is None:
            self._data_before = adjacency(self.spec.edges, frozenset({EdgeType.DATA}), backwards=True)
        components = self.spec.components
        reached = reach_along(
            [dataset.name], self._data_before, lambda name: not _in_lineage(components[name])
        )
        return sorted(name for name in reached if name in daily)

    def _dataset_size(self, dataset: Component, daily: dict[str, Given]) -> None:
        name = dataset.name
        key, title = f"storage.{name}.size", f"Size of dataset {name}"
        stated = self.inputs.of(dataset, "size")
        if self._stated_in_bytes(dataset, key, title, Section.STORAGE):
            return
        if stated is not None:
            per_example = self.inputs.assumed("bytes_per_example")
            assert per_example is not None  # it has a default
            value = stated.value * per_example.value
            formula = f"{stated.text} examples × {per_example.text} per example = {data_size(value)}"
            self.add(
                _figure(
                    key, title, Unit.BYTES, Section.STORAGE, value, formula, _used(stated, per_example), name
                )
            )
            return
        window = self.inputs.duration_of(dataset, "window")
        sources = self._upstream_events(dataset, daily) if window is not None else []
        if window is None or not sources:
            needs = [f"{name}.size (examples or bytes)"]
            if window is None:
                needs.append(f"or {name}.window with an event source upstream")
            self.add(_missing(key, title, Unit.BYTES, Section.STORAGE, [" ".join(needs)], name))
            return
        per_day = sum(daily[source].value for source in sources)
        days = window.value / DAY_S
        value = per_day * days
        parts = " + ".join(f"{daily[source].text} ({source})" for source in sources)
        formula = f"{window.text} window ({significant(days)} days) × {parts} = {data_size(value)}"
        inputs = [window.input, *(daily[source].input for source in sources)]
        self.add(_figure(key, title, Unit.BYTES, Section.STORAGE, value, formula, inputs, name))

    def _log_growth(self, serving: Component) -> None:
        name = serving.name
        key, title = f"storage.{name}.logs", f"Logs written by {name} per day"
        rate, per_event = self.average_rate_of(serving), self.inputs.assumed("bytes_per_event")
        if rate is None or per_event is None:
            self.add(
                _missing(
                    key,
                    title,
                    Unit.BYTES_PER_DAY,
                    Section.STORAGE,
                    [f"a peak QPS (requirements.peak_qps or {name}.qps)"],
                    name,
                )
            )
            return
        value = rate.value * DAY_S * per_event.value
        formula = f"{rate.text} × 86,400 s × {per_event.text} per record = {show(value, Unit.BYTES_PER_DAY)}"
        day = constant("seconds per day", DAY_S, "86,400 s")
        self.add(
            _figure(
                key,
                title,
                Unit.BYTES_PER_DAY,
                Section.STORAGE,
                value,
                formula,
                [*rate.inputs, day.input, per_event.input],
                name,
            )
        )

    # --- cost -------------------------------------------------------------------------------
    def _cost(self) -> None:
        parts: list[tuple[str, float, Input]] = []
        not_counted: list[str] = []
        priced_per_use: set[str] = set()
        for model in self.of_kind(Kind.MODEL):
            found = self._usage_cost(model)
            if found is not None:
                priced_per_use.add(model.name)
                if model.name in self.standby:
                    continue
                if found.value is not None:
                    parts.append(
                        (model.name, found.value, estimated(found.key, found.value, Unit.USD_PER_DAY).input)
                    )
                else:
                    not_counted.append(model.name)
        for found in (self._replica_cost(priced_per_use), self._gpu_cost(priced_per_use)):
            if found is None:
                continue
            what = "replicas" if found.key == "cost.replicas.day" else "GPUs"
            if found.value is not None:
                parts.append((what, found.value, estimated(found.key, found.value, Unit.USD_PER_DAY).input))
            else:
                not_counted.append(what)
        self._cost_total(parts, not_counted, self._covered_notes(priced_per_use))

    def _covered_notes(self, priced_per_use: set[str]) -> list[str]:
        """`the GPUs of studio_api are in diffusion's price`, for each serving component whose
        accelerators a model's price or GPU count already covers."""
        notes = []
        for name in self.replicas:
            if self._accelerated(self.spec.components[name]):
                model = self._priced_through(name, priced_per_use)
                if model is not None:
                    where = "price" if model in priced_per_use else "GPU count"
                    notes.append(f"the accelerators of {name} are in {model}'s {where}")
        return notes

    def _usage_cost(self, model: Component) -> Figure | None:
        name = model.name
        per_1k, per_request = model.get("cost_per_1k_tokens"), model.get("cost_per_request")
        if per_1k is None and per_request is None:
            return None
        key, title = f"cost.{name}.day", f"Cost of {name} per day"
        if name in self.standby:
            formula = "0 (a fallback: called only when the model it backs up fails)"
            return self.add(_figure(key, title, Unit.USD_PER_DAY, Section.COST, 0.0, formula, [], name))
        rate = self.average_rate_of(model)
        if rate is None:
            return self.add(_missing(key, title, Unit.USD_PER_DAY, Section.COST, ["a peak QPS"], name))
        requests = rate.value * DAY_S
        if per_1k is not None:
            return self._token_cost(model, per_1k, rate, requests)
        assert per_request is not None
        prices = self._prices(per_request)
        if not prices:
            return self.add(
                _missing(
                    key,
                    title,
                    Unit.USD_PER_DAY,
                    Section.COST,
                    [f'{name}.cost_per_request as a number or "$0.006"'],
                    name,
                )
            )
        price = prices[0]
        value = requests * price
        formula = f"{rate.text} × 86,400 s × {money(price)} per request = {show(value, Unit.USD_PER_DAY)}"
        inputs = [*rate.inputs, self._attribute_input(model, "cost_per_request")]
        return self.add(_figure(key, title, Unit.USD_PER_DAY, Section.COST, value, formula, inputs, name))

    def _attribute_input(self, model: Component, key: str) -> Input:
        attribute = model.attributes[key]
        span = attribute.span
        return Input(
            name=f"{model.name}.{key}",
            value=attribute.value.raw,
            origin=Origin.SPEC,
            source=f"{model.name}.{key}",
            location=f"{span.file}:{span.line}:{span.column}",
        )

    @staticmethod
    def _prices(value: object) -> list[float]:
        if isinstance(value, NumberValue):
            return [value.value]
        if isinstance(value, StringValue):
            return prices_in_text(value.value)
        return []

    def _token_cost(self, model: Component, per_1k: object, rate: Rate, requests: float) -> Figure:
        name = model.name
        key, title = f"cost.{name}.day", f"Cost of {name} per day"
        prices = self._prices(per_1k)
        tokens_in, tokens_out = self.inputs.of(model, "tokens_in"), self.inputs.of(model, "tokens_out")
        needs = [] if prices else [f'{name}.cost_per_1k_tokens as a number or "$0.0025 in, $0.01 out"']
        needs += [] if tokens_in is not None else [f"{name}.tokens_in"]
        needs += [] if tokens_out is not None else [f"{name}.tokens_out"]
        if needs or tokens_in is None or tokens_out is None:
            return self.add(_missing(key, title, Unit.USD_PER_DAY, Section.COST, needs, name))
        price_in, price_out = prices[0], prices[1] if len(prices) > 1 else prices[0]
        per_request = (tokens_in.value * price_in + tokens_out.value * price_out) / 1000
        value = requests * per_request
        formula = (
            f"{rate.text} × 86,400 s × ({tokens_in.text} in × {money(price_in)} + {tokens_out.text} out × "
            f"{money(price_out)}) ÷ 1000 = {show(value, Unit.USD_PER_DAY)}"
        )
        inputs = [
            *rate.inputs,
            tokens_in.input,
            tokens_out.input,
            self._attribute_input(model, "cost_per_1k_tokens"),
        ]
        return self.add(_figure(key, title, Unit.USD_PER_DAY, Section.COST, value, formula, inputs, name))

    def _replica_cost(self, priced_per_use: set[str]) -> Figure | None:
        components = self.spec.components
        cpu = {
            name: n
            for name, n in self.replicas.items()
            if name not in priced_per_use and not self._accelerated(components[name])
        }
        if not cpu:
            return None
        key = "cost.replicas.day"
        price = self.inputs.assumed("replica_hour_price")
        total = sum(cpu.values())
        if price is None:
            return self.add(
                _missing(
                    key,
                    "Replicas per day",
                    Unit.USD_PER_DAY,
                    Section.COST,
                    ["replica_hour_price in assumptions"],
                )
            )
        value = total * price.value * 24
        listed = summed({name: float(n) for name, n in cpu.items()}, "replica")
        formula = f"{listed} × {money(price.value)} per hour × 24 h = {show(value, Unit.USD_PER_DAY)}"
        inputs = [
            *(estimated(f"serving.{name}.replicas", n, Unit.REPLICAS).input for name, n in cpu.items()),
            price.input,
        ]
        return self.add(
            _figure(key, "Replicas per day", Unit.USD_PER_DAY, Section.COST, value, formula, inputs)
        )

    def _gpu_cost(self, priced_per_use: set[str]) -> Figure | None:
        components = self.spec.components
        gpus: dict[str, tuple[float, list[Input]]] = {}
        for name, n in self.gpus.items():
            if name not in priced_per_use:
                gpus[name] = (n, [estimated(f"serving.{name}.gpus", n, Unit.GPUS).input])
        for name, n in self.replicas.items():
            if (
                name not in priced_per_use
                and self._accelerated(components[name])
                and self._priced_through(name, priced_per_use) is None
            ):
                per_replica = self.inputs.assumed("gpus_per_replica")
                assert per_replica is not None  # it has a default
                replicas = estimated(f"serving.{name}.replicas", n, Unit.REPLICAS).input
                gpus[name] = (n * per_replica.value, [replicas, per_replica.input])
        if not gpus:
            return None
        key, title = "cost.gpus.day", "GPUs per day"
        price = self.inputs.assumed("gpu_hour_price")
        if price is None:
            return self.add(
                _missing(key, title, Unit.USD_PER_DAY, Section.COST, ["gpu_hour_price in assumptions"])
            )
        total = sum(n for n, _ in gpus.values())
        value = total * price.value * 24
        listed = summed({name: n for name, (n, _) in gpus.items()}, "GPU")
        formula = f"{listed} × {money(price.value)} per GPU-hour × 24 h = {show(value, Unit.USD_PER_DAY)}"
        inputs = [item for _, items in gpus.values() for item in items] + [price.input]
        return self.add(_figure(key, title, Unit.USD_PER_DAY, Section.COST, value, formula, inputs))

    @staticmethod
    def _accelerated(component: Component) -> bool:
        return component.word("hardware") in ACCELERATORS

    def _priced_through(self, name: str, priced_per_use: set[str]) -> str | None:
        """The model whose price or GPU count already covers the accelerators of a serving
        component: one deployed to it or called by it, priced per use or with its own GPUs."""
        hosted = self.deployed.get(name, set()) | {callee for callee, _ in self.calls.callees.get(name, ())}
        covered = sorted(model for model in hosted if model in priced_per_use or model in self.gpus)
        return covered[0] if covered else None

    def _cost_total(
        self, parts: list[tuple[str, float, Input]], not_counted: list[str], notes: list[str]
    ) -> None:
        day_key, month_key = "cost.total.day", "cost.total.month"
        if not parts and not not_counted:
            return  # nothing in the design has a price: no replicas, GPUs or models priced per use
        if not parts:
            needs = [
                "prices: cost_per_1k_tokens or cost_per_request on models, "
                "replica_hour_price or gpu_hour_price in assumptions"
            ]
            if not_counted:
                needs = [f"the prices or inputs of: {', '.join(not_counted)}"]
            self.add(_missing(day_key, "Cost per day", Unit.USD_PER_DAY, Section.COST, needs))
            self.add(_missing(month_key, "Cost per month", Unit.USD_PER_MONTH, Section.COST, needs))
            return
        day = sum(value for _, value, _ in parts)
        listed = " + ".join(f"{money(value)} ({what})" for what, value, _ in parts)
        note = f"; not counted: {', '.join(not_counted)}" if not_counted else ""
        note += "".join(f"; {text}" for text in notes)
        formula = f"{listed} = {show(day, Unit.USD_PER_DAY)}{note}"
        inputs = [item for _, _, item in parts]
        self.add(_figure(day_key, "Cost per day", Unit.USD_PER_DAY, Section.COST, day, formula, inputs))
        month = day * MONTH_DAYS
        formula = f"{show(day, Unit.USD_PER_DAY)} × 30 days = {show(month, Unit.USD_PER_MONTH)}{note}"
        budget = self.inputs.requirement("cost_budget")
        if budget is not None:
            formula += f"; budget {money(budget.value)}/month"
        inputs = [
            estimated(day_key, day, Unit.USD_PER_DAY).input,
            constant("days per month", MONTH_DAYS, "30 days").input,
            *_used(budget),
        ]
        limit = budget.value if budget is not None else None
        self.add(
            _figure(
                month_key,
                "Cost per month",
                Unit.USD_PER_MONTH,
                Section.COST,
                month,
                formula,
                inputs,
                limit=limit,
            )
        )


def estimate(
    spec: Spec, sections: Collection[Section] = ALL_SECTIONS, calls: CallGraph | None = None
) -> Estimate:
    """Every back-of-the-envelope figure of a spec, with its working (see docs/estimate.md).

    `sections` limits the work to some sections (lint rules ask for the few they check); `calls`
    reuses a request-path `CallGraph` the caller has already built for this spec."""
    return Estimator(spec, calls).run(sections)
