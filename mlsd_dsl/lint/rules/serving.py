"""Step 6 — deployment and serving: modes, latency budgets, registries, rollouts, fallbacks."""

from __future__ import annotations

from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext, words_of
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.analyses import DAY_MS, NEVER, cadence_ms, show_ms
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import Rollout, ServingMode, Task
from mlsd_dsl.model.spec import Component
from mlsd_dsl.model.values import DurationValue, IdentValue

SAFE_ROLLOUTS: frozenset[str] = frozenset(Rollout) - {Rollout.ALL_AT_ONCE}
REALTIME_MS = 1_000.0


@rule(
    code="SERVE001",
    name="no-serving",
    step=Step.SERVING,
    severity=Severity.ERROR,
    title="Predictions never reach users",
    missing=Kind.SERVING,
    rationale="""
        A design must say how predictions are delivered: an online endpoint inside a request, a
        batch job that precomputes results, a stream processor or an on-device model. Without it
        latency, freshness and cost cannot be reasoned about.
    """,
    fix="declare `serving api: online { latency_p99: 100ms }` (or `mode: batch`)",
    bad="""
        system fraud {
          model scorer: xgboost
        }
    """,
    good="""
        system fraud {
          model scorer: xgboost
          serving api: online
          scorer -> api
        }
    """,
)
def no_serving(context: LintContext) -> Iterator[Finding]:
    if not context.has(Kind.SERVING):
        yield context.at_system("the system declares no serving component")


@rule(
    code="SERVE002",
    name="no-serving-mode",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A serving component that is neither online nor batch",
    applies_to_modules=True,
    rationale="""
        Online and batch serving are different designs: online needs a latency budget, fresh
        features and a fallback; batch needs a schedule and storage for precomputed results. Say
        which one this is.
    """,
    fix="write `serving api: online` or add `mode: online|batch|streaming|on_device`",
    bad="""
        system fraud {
          serving api: triton
        }
    """,
    good="""
        system fraud {
          serving api: triton { mode: online }
        }
    """,
)
def no_serving_mode(context: LintContext) -> Iterator[Finding]:
    for serving in context.of_kind(Kind.SERVING):
        if serving.serving_mode is None:
            yield context.at(serving, f"serving '{serving.name}' does not say whether it is online or batch")


@rule(
    code="SERVE003",
    name="no-fallback",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="Online serving without a fallback",
    applies_to_modules=True,
    rationale="""
        Models time out, feature stores go down, new users have no features. An online endpoint
        needs a defined degraded answer — a simpler model, popular items, cached results, a rule —
        instead of an error page.
    """,
    fix="add `fallback: <baseline model or cache>` (or a description) to the serving component",
    bad="""
        system recs {
          serving api: online
        }
    """,
    good="""
        system recs {
          model popular: popularity { baseline: true }
          serving api: online { fallback: popular }
          popular -> api
        }
    """,
)
def no_fallback(context: LintContext) -> Iterator[Finding]:
    for serving in context.online_servings:
        if not serving.has("fallback"):
            yield context.at(serving, f"online serving '{serving.name}' has no fallback")


@rule(
    code="SERVE004",
    name="no-model-registry",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="Models deployed without a model registry",
    missing=Kind.REGISTRY,
    rationale="""
        A registry versions every trained model with its data and metrics, promotes one to
        production and rolls back to the previous one in minutes (ML Test Score, infrastructure 1
        and 7). Deploying files by hand loses all three.
    """,
    fix="declare `registry models: mlflow` between training and serving",
    bad="""
        system recs {
          model ranker: lightgbm
          serving api: online
          ranker -> api
        }
    """,
    good="""
        system recs {
          model ranker: lightgbm
          registry models: mlflow
          serving api: online
          ranker -> models -> api
        }
    """,
)
def no_model_registry(context: LintContext) -> Iterator[Finding]:
    if context.trained_models and context.has(Kind.SERVING) and not context.has(Kind.REGISTRY):
        yield context.at_system("trained models are deployed without a model registry")


@rule(
    code="SERVE005",
    name="latency-over-budget",
    step=Step.SERVING,
    severity=Severity.ERROR,
    title="A serving latency above the required latency",
    rationale="""
        The serving component's own latency budget must fit inside the requirement: a 300 ms
        endpoint cannot meet a 200 ms p99 requirement, and other calls in the request need their
        share too.
    """,
    fix="reduce the serving latency (smaller model, caching, fewer candidates) or revisit the requirement",
    bad="""
        system recs {
          requirements { latency_p99: 200ms }
          serving api: online { latency_p99: 300ms }
        }
    """,
    good="""
        system recs {
          requirements { latency_p99: 200ms }
          serving api: online { latency_p99: 150ms }
        }
    """,
)
def latency_over_budget(context: LintContext) -> Iterator[Finding]:
    for key in ("latency_p99", "latency_p50"):
        required = context.required_latency(key)
        if required is None:
            continue
        for serving in context.of_kind(Kind.SERVING):
            own = serving.get(key)
            if isinstance(own, DurationValue) and own.ms > required.ms:
                yield context.at(
                    serving,
                    f"'{serving.name}' has {key} {own.raw}, above the required {required.raw}",
                    key=key,
                )


@rule(
    code="SERVE006",
    name="no-safe-rollout",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="An online model rolled out with no canary, shadow or experiment",
    applies_to_modules=True,
    rationale="""
        A new model that goes to all traffic at once turns every bug into an outage. Shadow
        deployment, a canary, an A/B test, interleaving or a bandit expose it gradually and make a
        bad model cheap (ML Test Score, infrastructure 6).
    """,
    fix="add `rollout: [shadow, canary]` (or ab_test, interleaving, bandit, blue_green) to the serving",
    bad="""
        system recs {
          serving api: online { rollout: all_at_once }
        }
    """,
    good="""
        system recs {
          serving api: online { rollout: [shadow, canary] }
        }
    """,
)
def no_safe_rollout(context: LintContext) -> Iterator[Finding]:
    for serving in context.online_servings:
        if not SAFE_ROLLOUTS & set(words_of(serving.get("rollout"))):
            yield context.at(
                serving, f"online serving '{serving.name}' has no gradual rollout", key="rollout"
            )


@rule(
    code="SERVE007",
    name="batch-with-realtime-latency",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="Batch serving asked to meet a real-time latency",
    rationale="""
        A batch job precomputes predictions on a schedule; it cannot react within a second of a
        request. When the requirements ask for sub-second latency, serve online (possibly from
        precomputed results) or relax the requirement.
    """,
    fix="serve online, or state the freshness the batch schedule can meet instead of a latency",
    bad="""
        system pymk {
          requirements { latency_p99: 100ms }
          serving job: batch { schedule: daily }
        }
    """,
    good="""
        system pymk {
          requirements { freshness: 1d }
          serving job: batch { schedule: daily }
        }
    """,
)
def batch_with_realtime_latency(context: LintContext) -> Iterator[Finding]:
    required = context.required_latency("latency_p99") or context.required_latency("latency_p50")
    servings = context.of_kind(Kind.SERVING)
    if required is None or required.ms >= REALTIME_MS or not servings:
        return
    if all(serving.serving_mode == ServingMode.BATCH for serving in servings):
        yield context.at(
            servings[0], f"'{servings[0].name}' serves in batch but the requirements ask for {required.raw}"
        )


@rule(
    code="SERVE008",
    name="on-device-without-compression",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="On-device serving with no model compression",
    rationale="""
        Phones and edge devices have little memory, compute and battery. Models served on device
        are distilled, quantised or pruned; a server-size model will not fit or will drain the
        battery.
    """,
    fix="add `compression: [distillation, quantization]` to the model that ships on device",
    bad="""
        system keyboard {
          model lm: transformer
          serving phone: on_device
          lm -> phone
        }
    """,
    good="""
        system keyboard {
          model lm: transformer { compression: [distillation, quantization] }
          serving phone: on_device
          lm -> phone
        }
    """,
)
def on_device_without_compression(context: LintContext) -> Iterator[Finding]:
    if any(model.has("compression") for model in context.of_kind(Kind.MODEL)):
        return
    for serving in context.of_kind(Kind.SERVING):
        if serving.serving_mode == ServingMode.ON_DEVICE:
            yield context.at(serving, f"'{serving.name}' serves on device but no model is compressed")


@rule(
    code="SERVE009",
    name="retrieval-without-ann-index",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="Embedding retrieval with no approximate-nearest-neighbour index",
    missing=Kind.VECTOR_DB,
    rationale="""
        Retrieving by embedding similarity over millions of items needs an ANN index (FAISS, ScaNN,
        HNSW in Milvus or Qdrant); exact search over the whole catalogue does not fit a latency
        budget.
    """,
    fix="declare a `vector_db` and connect the embedding model to it",
    bad="""
        system search {
          model encoder: clip { stage: retrieval }
        }
    """,
    good="""
        system search {
          model encoder: clip { stage: retrieval }
          vector_db index: faiss { index: hnsw }
          encoder -> index
        }
    """,
)
def retrieval_without_ann_index(context: LintContext) -> Iterator[Finding]:
    if context.has(Kind.VECTOR_DB):
        return
    for model in context.of_kind(Kind.MODEL):
        if context.is_embedding_retriever(model):
            yield context.at(model, f"'{model.name}' retrieves by embedding but the system has no vector_db")


@rule(
    code="SERVE010",
    name="no-promotion-gate",
    step=Step.SERVING,
    severity=Severity.INFO,
    title="Models are promoted with no validation gate",
    rationale="""
        Before a newly trained model replaces the one in production, an automatic gate should check
        it against the current model on held-out data and sanity checks (ML Test Score,
        infrastructure 4; Rules of ML #9). Declare it on the pipeline or as a registry approval.
    """,
    fix="add `validation: true` to the training pipeline or `approval: ...` to the registry",
    bad="""
        system recs {
          pipeline training: airflow
          registry models: mlflow
          training -> models
        }
    """,
    good="""
        system recs {
          pipeline training: airflow { validation: "beats production AUC on last week" }
          registry models: mlflow
          training -> models
        }
    """,
)
def no_promotion_gate(context: LintContext) -> Iterator[Finding]:
    registries = context.of_kind(Kind.REGISTRY)
    if not registries or not context.has(Kind.PIPELINE):
        return
    gated = [
        c for c in (*registries, *context.of_kind(Kind.PIPELINE)) if c.has("approval") or c.has("validation")
    ]
    if not gated:
        yield context.at(registries[0], f"models reach '{registries[0].name}' with no validation gate")


PERSONALIZED_TASKS: frozenset[str] = frozenset({Task.RANKING, Task.RECOMMENDATION, Task.RETRIEVAL})


@rule(
    code="SERVE011",
    name="no-cold-start-plan",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A personalized recommender with no plan for new users or items",
    rationale="""
        A personalized ranking learns from interaction history, which new users and new items do not
        have: without a plan they get poor or empty results, and new items never collect the
        interactions they would need (Aminian & Xu, ch. 6 and 7). Say what happens: popular or
        trending items, content-based features, onboarding questions, exploration or bandits.
    """,
    fix='add `cold_start: "..."` to the ranking model or the serving component',
    bad="""
        system recs {
          framing { task: recommendation }
          model ranker: lightgbm
          serving api: online
          ranker -> api
        }
    """,
    good="""
        system recs {
          framing { task: recommendation }
          model ranker: lightgbm { cold_start: "popular items for new users, content features for new items" }
          serving api: online
          ranker -> api
        }
    """,
)
def no_cold_start_plan(context: LintContext) -> Iterator[Finding]:
    framing = context.framing
    task = context.task
    if framing is None or task not in PERSONALIZED_TASKS:
        return
    if task != "recommendation" and not framing.flag("personalized"):
        return
    if any(c.has("cold_start") for c in context.of_kind(Kind.MODEL, Kind.SERVING)):
        return
    key = "personalized" if framing.has("personalized") else "task"
    yield context.at_section(framing, f"a personalized {task} system with no cold-start plan", key)


@rule(
    code="SERVE012",
    name="online-path-over-budget",
    step=Step.SERVING,
    severity=Severity.ERROR,
    title="The calls on the online request path add up past the latency budget",
    rationale="""
        Every call a request waits for adds its p99: the gateway, the feature lookup, the ANN query,
        the model, the re-ranker, an external API. Each hop can be well under the requirement while
        their sum is not. Everything a request waits for from where it enters (the calls along
        request and read edges and untyped edges between serving and what it calls, each counted
        as the larger of the edge's p99 and the callee's) must fit the required p99, and the calls
        a serving endpoint makes must fit its own `latency_p99`, the budget of the whole request.
        Calls made in turn add up; calls marked `parallel: true` count as their slowest, and so do
        a router's alternatives (its `routes`, or what a route is reached through: one is taken,
        and a p99 takes the worst). Calls marked `async: true` are not waited for, nor are fallback
        calls: a call to the fallback of a model or service, by that component or by a caller that
        also calls it, is made only when it fails; a fallback some other caller calls first (a
        router's small model that a vendor model falls back to) is waited for there. A component
        reached along two routes is waited for once per request: its answer is shared.
    """,
    fix="cut a hop (cache it, precompute it, call it in parallel or asynchronously), make a hop faster, "
    "or revisit the budget",
    bad="""
        system recs {
          requirements { latency_p99: 100ms }
          client app: mobile
          service gateway { latency_p99: 40ms }
          serving api: online
          model ranker: lightgbm { latency_p99: 50ms }
          feature_store features: feast { latency_p99: 20ms }
          app -request-> gateway -request-> api -request-> ranker
          features -read-> ranker
        }
    """,
    good="""
        system recs {
          requirements { latency_p99: 100ms }
          client app: mobile
          service gateway { latency_p99: 20ms }
          serving api: online
          model ranker: lightgbm { latency_p99: 50ms }
          feature_store features: feast { latency_p99: 10ms }
          app -request-> gateway -request-> api -request-> ranker
          features -read-> ranker
        }
    """,
)
def online_path_over_budget(context: LintContext) -> Iterator[Finding]:
    calls = context.calls
    components = context.spec.components
    required = context.required_latency("latency_p99")
    if required is not None:
        over = [root for root in calls.roots if calls.cost(root) > required.ms]
        for root in over:
            path = calls.path(root)
            yield context.at(
                components[root],
                f"a request from '{root}' waits for {path.arithmetic()} > required {required.raw}",
            )
    for endpoint in context.online_servings:
        budget = endpoint.get("latency_p99")
        waits = calls.calls_cost(endpoint.name)
        if not isinstance(budget, DurationValue) or waits <= budget.ms:
            continue
        if required is not None and waits > required.ms and endpoint.name in calls.reachable:
            continue  # already reported on the path from where the request enters
        yield context.at(
            endpoint,
            f"'{endpoint.name}' waits for {calls.calls_path(endpoint.name).arithmetic()} > its own "
            f"latency_p99 {budget.raw}",
            key="latency_p99",
        )


@rule(
    code="SERVE013",
    name="fallback-not-independent",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A fallback that fails with what it backs up",
    rationale="""
        A fallback answers when the primary path fails, so it must not fail with it. A component that
        is its own fallback, a fallback that is the very model it backs up (or one the primary path
        calls on every request), the store or only index the primary path reads, one that reads the
        same feature store or calls the same service or model as the primary, or a vendor model
        backed up by another model of the same provider all go down together. Retrieval kept as
        the degraded answer when a model fails (search results instead of a generated answer) may
        share the model's index.
    """,
    fix="fall back to something that does not share the failing component: a baseline model with its "
    "own inputs, a cache, a static list, another provider",
    bad="""
        system recs {
          model ranker: lightgbm
          model popular: popularity { baseline: true }
          feature_store features: feast
          serving api: online { fallback: popular }
          api -request-> ranker, popular
          features -read-> ranker, popular
        }
    """,
    good="""
        system recs {
          model ranker: lightgbm
          model popular: popularity { baseline: true }
          feature_store features: feast
          serving api: online { fallback: popular }
          api -request-> ranker, popular
          features -read-> ranker
        }
    """,
)
def fallback_not_independent(context: LintContext) -> Iterator[Finding]:
    components = context.spec.components
    for owner in context.spec.components.values():
        value = owner.get("fallback")
        if not isinstance(value, IdentValue) or value.name not in components:
            continue
        fallback = components[value.name]
        problem = _shared_failure(context, owner, fallback)
        if problem:
            yield context.at(owner, f"fallback '{fallback.name}' of '{owner.name}' {problem}", key="fallback")


INDEX_KINDS = frozenset({Kind.VECTOR_DB, Kind.SEARCH_INDEX})
STORE_KINDS = frozenset({Kind.FEATURE_STORE, Kind.FEATURE, Kind.VECTOR_DB, Kind.SEARCH_INDEX, Kind.STORAGE})


def _shared_failure(context: LintContext, owner: Component, fallback: Component) -> str | None:
    if fallback.name == owner.name:
        return "is the component itself"
    calls = context.calls
    components = context.spec.components
    below_owner = calls.below(owner.name)
    if fallback.kind in STORE_KINDS and fallback.name in below_owner:
        other_indexes = [
            name for name in below_owner if name != fallback.name and components[name].kind in INDEX_KINDS
        ]
        if fallback.kind not in INDEX_KINDS or not other_indexes:
            return "is a store the primary path reads: when it fails, the fallback fails with it"
    if owner.kind is Kind.MODEL:
        primaries, direct = [owner.name], []
    else:
        served = below_owner | context.deployed_to(owner.name)
        primaries = [
            name
            for name in sorted(served)
            if components[name].kind is Kind.MODEL and not context.is_baseline(components[name])
        ]
        direct = [callee for callee, _ in calls.callees.get(owner.name, ()) if callee != fallback.name]
    others = [name for name in primaries if name != fallback.name]
    below_fallback = calls.below(fallback.name)
    if not below_fallback and fallback.name not in primaries and not context.is_third_party(fallback):
        return None  # a fallback that calls nothing shares nothing
    if fallback.name in primaries and not others:
        return "is the primary model itself"
    if fallback.name in primaries and fallback.name in below_owner:
        return (
            "is a model the primary path already calls on every request: when it fails, so does the fallback"
        )
    relied_on: set[str] = set()
    for name in [*others, *direct]:
        relied_on |= calls.below(name) | {name}
    # retrieval that outlives the model it feeds is the usual degraded answer (search results
    # when the generator is down), so a shared index is not counted; a shared feature store is
    shared = sorted(name for name in below_fallback & relied_on if components[name].kind not in INDEX_KINDS)
    if shared:
        return f"depends on '{shared[0]}' too: when '{shared[0]}' fails, both fail"
    provider = fallback.word("provider")
    same_provider = [
        name
        for name in others
        if provider and context.is_third_party(fallback) and components[name].word("provider") == provider
    ]
    if same_provider:
        return f"is run by the same provider '{provider}' as '{same_provider[0]}': an outage takes both down"
    return None


@rule(
    code="SERVE014",
    name="stale-index",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="An index refreshed never, or slower than the catalogue must be fresh",
    rationale="""
        A vector or search index answers with what it held at its last rebuild. An index that is
        never refreshed (`refresh: never`, `static`, `manual`) misses every new, changed and deleted
        item; one rebuilt daily cannot meet a one-hour freshness requirement. Rebuild or update it at
        least as often as the requirements' `freshness` — unless the request that searches it also
        looks up features fresh enough to correct what changed (live price and stock filtered at
        query time), in which case only new items wait for the rebuild, and less than a day is fine.
    """,
    fix="set `refresh:` to a cadence within the required freshness (or stream updates into the index)",
    bad="""
        system search {
          requirements { freshness: 1h }
          vector_db index: faiss { refresh: 1d }
        }
    """,
    good="""
        system search {
          requirements { freshness: 1h }
          vector_db index: faiss { refresh: 15min }
        }
    """,
)
def stale_index(context: LintContext) -> Iterator[Finding]:
    required = context.requirements.get("freshness") if context.requirements else None
    for index in context.of_kind(Kind.VECTOR_DB, Kind.SEARCH_INDEX):
        every = cadence_ms(index.get("refresh"))
        if every is None:
            continue
        if every == NEVER:
            yield context.at(
                index, f"'{index.name}' is never refreshed: new and changed items never appear", "refresh"
            )
        elif isinstance(required, DurationValue) and every > required.ms:
            if every < DAY_MS and _fresh_lookup_beside(context, index.name, required.ms):
                continue
            yield context.at(
                index,
                f"'{index.name}' is refreshed every {show_ms(every)} but the requirements ask for freshness "
                f"{required.raw}: {show_ms(every)} > {required.raw}",
                "refresh",
            )


def _fresh_lookup_beside(context: LintContext, index: str, required_ms: float) -> bool:
    """A caller of the index also reads a feature or feature store at least as fresh as required."""
    components = context.spec.components
    for caller in context.calls.callers.get(index, ()):
        for name in context.calls.below(caller):
            if components[name].kind in (Kind.FEATURE, Kind.FEATURE_STORE):
                fresh = context.freshness_of(name)
                if fresh is not None and fresh <= required_ms:
                    return True
    return False
