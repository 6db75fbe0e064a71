"""Generative systems: LLMs and other generators, prompts, retrieval for generation, guardrails, cost.

These rules apply only to systems with a *generator* — a model whose stage is `generation`, that
states what it generates (`modality`), that is an LLM technology, or the served model of a system
framed as `task: generation` — so every classical design's findings stay as they were. An index
is *retrieval for generation* when its results reach a generator along data, request, read or log
edges. The codes are numbered from 050 within each step's prefix.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from weakref import WeakKeyDictionary

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import ONLINE_MODES, LintContext, words_of
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import (
    FLOATING_VERSIONS,
    PROTECTING_TREATMENTS,
    BlockAction,
    EdgeType,
    GuardrailCheck,
    GuardrailPosition,
    Modality,
    ModelStage,
    Provenance,
    ServingMode,
    Task,
)
from mlsd_dsl.model.spec import Component, Section
from mlsd_dsl.model.values import BoolValue, DurationValue, NumberValue, RateValue

GROUNDING_METRICS = frozenset(
    {
        "groundedness",
        "faithfulness",
        "hallucination_rate",
        "hallucination",
        "citation_accuracy",
        "citation_precision",
        "attribution",
        "factual_consistency",
        "factuality",
    }
)
NON_GENERATIVE_STAGES: frozenset[str] = frozenset(ModelStage) - {ModelStage.GENERATION}
PROMPTED_PROVENANCES: frozenset[str] = frozenset({Provenance.VENDOR, Provenance.PRETRAINED})
STREAMED_MODALITIES: frozenset[str] = frozenset({Modality.TEXT, Modality.CODE})
USER_FACING_MODES: frozenset[str] = ONLINE_MODES | {ServingMode.ON_DEVICE}
INDEX_KINDS = (Kind.VECTOR_DB, Kind.SEARCH_INDEX)
DOCUMENT_KINDS = (Kind.SOURCE, Kind.STORAGE)
DATA_CARRYING_EDGES = frozenset({EdgeType.DATA, EdgeType.REQUEST, EdgeType.READ, EdgeType.LOG})
"""Edges along which personal data travels; a deploy or a trigger carries none."""
FULL_ANSWER_MS = 5_000.0
"""Without tokens_out and tokens_per_s, a full answer is taken to need about 5 s (a few hundred
tokens at tens of tokens per second), so a p99 below it is tight."""


# --- what the rules ask about a generative system ----------------------------------------------
def is_generator(context: LintContext, model: Component) -> bool:
    """A model that generates text, code, images, audio or video (not an embedder or a scorer)."""
    if model.kind is not Kind.MODEL:
        return False
    stage = model.word("stage")
    if stage == ModelStage.GENERATION:
        return True
    modality = model.word("modality")
    if stage in NON_GENERATIVE_STAGES or modality == Modality.EMBEDDING or context.produces_embeddings(model):
        return False
    if modality is not None or context.has_trait(model, "llm"):
        return True
    return context.task == Task.GENERATION and not context.is_baseline(model)


def generators(context: LintContext) -> list[Component]:
    """The spec's generators, found once per spec for all the rules of this module."""
    found = _GENERATORS.get(context)
    if found is None:
        found = _GENERATORS[context] = [m for m in context.of_kind(Kind.MODEL) if is_generator(context, m)]
    return found


_GENERATORS: WeakKeyDictionary[LintContext, list[Component]] = WeakKeyDictionary()


def retrieval_indexes(context: LintContext) -> list[Component]:
    """Vector and text indexes whose results reach a generator: retrieval for generation."""
    models = generators(context)
    if not models:
        return []
    upstream = _reach_along(_carrying_edges(context, reverse=True), [model.name for model in models])
    return [index for index in context.of_kind(*INDEX_KINDS) if index.name in upstream]


def _carrying_edges(context: LintContext, reverse: bool = False) -> dict[str, list[str]]:
    """Data, request, read and log edges, source → targets (or target → sources)."""
    adjacency: dict[str, list[str]] = {}
    for edge in context.spec.edges:
        if edge.type in DATA_CARRYING_EDGES:
            start, end = (edge.target, edge.source) if reverse else (edge.source, edge.target)
            adjacency.setdefault(start, []).append(end)
    return adjacency


def _reach_along(adjacency: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for neighbour in adjacency.get(queue.popleft(), []):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen


def provenance(model: Component) -> str:
    return model.word("provenance") or Provenance.TRAINED


def vendor_models(context: LintContext) -> list[Component]:
    return [model for model in context.of_kind(Kind.MODEL) if provenance(model) == Provenance.VENDOR]


def is_prompted(context: LintContext, model: Component) -> bool:
    """A generator steered by a prompt: a vendor or pretrained model, or any LLM."""
    return provenance(model) in PROMPTED_PROVENANCES or context.has_trait(model, "llm")


def user_facing_servings(context: LintContext) -> list[Component]:
    return [s for s in context.of_kind(Kind.SERVING) if s.serving_mode in USER_FACING_MODES]


def is_truthy(value: object) -> bool:
    """`true` or a description; `false` and absence say no."""
    return value is not None and not (isinstance(value, BoolValue) and not value.value)


def guardrail_positions(guardrail: Component) -> set[str]:
    return set(words_of(guardrail.get("position")))


def blocks_pii(component: Component) -> bool:
    """A processor that redacts, hashes, aggregates… or a guardrail that checks for PII."""
    if component.kind is Kind.PROCESSOR:
        return bool(PROTECTING_TREATMENTS & set(words_of(component.get("privacy"))))
    if component.kind is Kind.GUARDRAIL:
        return GuardrailCheck.PII in words_of(component.get("checks")) and component.word("on_block") not in (
            BlockAction.FLAG,
        )
    return False


def _duration_ms(component: Component, key: str) -> float | None:
    value = component.get(key)
    return value.ms if isinstance(value, DurationValue) else None


def _per_second(component: Component, key: str) -> float | None:
    value = component.get(key)
    if isinstance(value, RateValue):
        return value.per_second
    return value.value if isinstance(value, NumberValue) else None


def full_answer_ms(model: Component) -> float | None:
    """Time to first token plus the time to generate `tokens_out`, when the model states them."""
    tokens = model.get("tokens_out")
    rate = _per_second(model, "tokens_per_s")
    if not isinstance(tokens, NumberValue) or not rate:
        return None
    return (_duration_ms(model, "ttft_p99") or 0.0) + tokens.value / rate * 1_000.0


def _evaluation_or_system(context: LintContext, message: str, key: str | None = None) -> Finding:
    evaluation: Section | None = context.evaluation
    return context.at_section(evaluation, message, key) if evaluation else context.at_system(message)


# --- 3. data: retrieval for generation, personal data ------------------------------------------
@rule(
    code="DATA050",
    name="retrieval-index-not-refreshed",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="A retrieval index for generation that is never refreshed",
    rationale="""
        A generator grounded in retrieved documents is only as current as its index. Documents are
        edited, added and deleted (deletion requests included); an index built once answers from
        stale or removed text with full confidence. Say how often it is updated, or connect what
        triggers a re-index.
    """,
    fix="add `refresh: 1h` (or `refresh: on_change`) to the index, or a `-trigger->` edge into it",
    bad="""
        system qa {
          model llm: llm { stage: generation }
          vector_db passages: qdrant
          passages -read-> llm
        }
    """,
    good="""
        system qa {
          model llm: llm { stage: generation }
          vector_db passages: qdrant { refresh: 1h }
          passages -read-> llm
        }
    """,
)
def retrieval_index_not_refreshed(context: LintContext) -> Iterator[Finding]:
    triggered = {edge.target for edge in context.spec.edges if edge.type is EdgeType.TRIGGER}
    for index in retrieval_indexes(context):
        if not index.has("refresh") and index.name not in triggered:
            yield context.at(index, f"retrieval index '{index.name}' never says how it is refreshed")


@rule(
    code="DATA051",
    name="retrieval-ignores-permissions",
    step=Step.DATA,
    severity=Severity.ERROR,
    title="Documents with access rights retrieved without permission filtering",
    rationale="""
        When the indexed documents carry per-user permissions (a wiki, tickets, a drive), the
        index must filter every query by what the caller may read; otherwise the generator quotes
        one customer's or one team's documents to another. Permissions are checked at query time,
        not only at indexing time, because they change.
    """,
    fix="add `acl: true` (or how permissions are enforced) to the index and filter queries by the caller",
    bad="""
        system qa {
          model llm: llm { stage: generation }
          source wiki { type: text permissions: true }
          vector_db passages: qdrant { refresh: 1h }
          wiki -> passages -read-> llm
        }
    """,
    good="""
        system qa {
          model llm: llm { stage: generation }
          source wiki { type: text permissions: true }
          vector_db passages: qdrant { refresh: 1h acl: "filter by the caller's groups" }
          wiki -> passages -read-> llm
        }
    """,
)
def retrieval_ignores_permissions(context: LintContext) -> Iterator[Finding]:
    indexes = retrieval_indexes(context)
    if not indexes:
        return
    permissioned = [
        (document.name, document.name)
        for document in context.of_kind(*DOCUMENT_KINDS)
        if is_truthy(document.get("permissions"))
    ]
    reached = _spread(context, permissioned, stops=lambda component: False)
    for index in indexes:
        if index.name in reached and not is_truthy(index.get("acl")):
            yield context.at(
                index,
                f"'{index.name}' indexes '{reached[index.name]}', whose documents have permissions, "
                "but does not filter queries by them",
                key="acl",
            )


@rule(
    code="DATA052",
    name="pii-sent-to-vendor-model",
    step=Step.DATA,
    severity=Severity.ERROR,
    title="Personal data reaches a vendor model unredacted",
    rationale="""
        A vendor model is a third party: prompts, retrieved passages and questions sent to it leave
        your control (retention, training use, residency). Personal data on its way there must pass
        a redaction step — a processor with `privacy: [redact]` or a guardrail that checks for PII —
        or the design must say it does not carry any. Components and edges marked `pii: true` are
        followed along data, request, read and log edges (a deploy or a trigger carries no personal
        data) until they reach the vendor model or a redaction step.
    """,
    fix="put a PII guardrail (`checks: [pii] on_block: redact`) or a redacting processor on the path to "
    "the vendor model",
    bad="""
        system qa {
          source tickets { type: text pii: true }
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
          tickets -> llm
        }
    """,
    good="""
        system qa {
          source tickets { type: text pii: true }
          guardrail scrub { position: input checks: [pii] on_block: redact }
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
          tickets -> scrub -> llm
        }
    """,
)
def pii_sent_to_vendor_model(context: LintContext) -> Iterator[Finding]:
    vendors = {model.name for model in vendor_models(context)}
    if not vendors:
        return
    reached = _reached_by_personal_data(context)
    for name in sorted(vendors & reached.keys()):
        model = context.spec.components[name]
        yield context.at(
            model,
            f"personal data from '{reached[name]}' reaches vendor model '{name}' unredacted",
        )


def _reached_by_personal_data(context: LintContext) -> dict[str, str]:
    """Every component personal data reaches without passing a redaction step → where it came from."""
    starts = [(c.name, c.name) for c in context.spec.components.values() if c.flag("pii")]
    starts += [(edge.target, edge.source) for edge in context.spec.edges if edge.flag("pii")]
    return _spread(context, starts, stops=blocks_pii)


def _spread(
    context: LintContext, starts: Iterable[tuple[str, str]], stops: Callable[[Component], bool]
) -> dict[str, str]:
    """Every component reached from `starts` (component, origin) along data, request, read and log
    edges, never entering one that `stops` → the origin that reached it first."""
    components = context.spec.components
    carries = _carrying_edges(context)
    origin: dict[str, str] = {}
    queue: deque[str] = deque()
    for name, source in starts:
        if name in components and name not in origin and not stops(components[name]):
            origin[name] = source
            queue.append(name)
    while queue:
        current = queue.popleft()
        for successor in carries.get(current, []):
            if successor not in origin and not stops(components[successor]):
                origin[successor] = origin[current]
                queue.append(successor)
    return origin


# --- 4. model: vendor versions and prompts -----------------------------------------------------
@rule(
    code="MODEL050",
    name="vendor-model-version-not-pinned",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="A vendor model called without a pinned version",
    applies_to_modules=True,
    rationale="""
        Providers update the model behind an unversioned name (or an alias such as `latest`); the
        system's behaviour, cost and latency then change on a day nobody chose, and evaluation
        results no longer describe what is served. Pin the dated version and upgrade it like any
        other model: evaluate, then roll out.
    """,
    fix='add `version: "gpt-4o-2024-08-06"` (a dated snapshot, not an alias such as latest)',
    bad="""
        system qa {
          model llm: llm { provenance: vendor provider: openai }
        }
    """,
    good="""
        system qa {
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
        }
    """,
)
def vendor_model_version_not_pinned(context: LintContext) -> Iterator[Finding]:
    for model in vendor_models(context):
        version = model.get("version")
        if version is None:
            yield context.at(model, f"vendor model '{model.name}' does not pin a `version`", key="provenance")
            continue
        plain = str(version.plain()).lower()
        if plain in FLOATING_VERSIONS or plain.endswith(("-latest", "_latest", ":latest")):
            yield context.at(
                model, f"vendor model '{model.name}' names an alias, not a pinned version", key="version"
            )


@rule(
    code="MODEL051",
    name="prompt-not-versioned",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="A prompted model whose prompts are not versioned and evaluated",
    missing=Kind.PROMPT,
    rationale="""
        For a vendor or pretrained model, the prompt is the part of the model you change: a reworded
        instruction shifts answers as much as a retrain. Keep prompt templates as versioned
        artefacts (in git or a prompt registry), run every change against an evaluation set, and
        roll it out like a model; never edit a prompt in production.
    """,
    fix="declare `prompt answer { version: v1 store: git eval_set: golden_questions }` and connect it to "
    "the model",
    bad="""
        system qa {
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
        }
    """,
    good="""
        system qa {
          prompt answer { version: v3 store: git eval_set: "500 golden questions" }
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
          answer -> llm
        }
    """,
)
def prompt_not_versioned(context: LintContext) -> Iterator[Finding]:
    prompted = [model for model in generators(context) if is_prompted(context, model)]
    if not prompted:
        return
    prompts = context.of_kind(Kind.PROMPT)
    if not prompts:
        yield context.at(prompted[0], f"'{prompted[0].name}' is prompted but no `prompt` is declared")
    for prompt in prompts:
        missing = [key for key in ("version", "eval_set") if not prompt.has(key)]
        if missing:
            said = " or an ".join(f"`{key}`" for key in missing)
            yield context.at(prompt, f"prompt '{prompt.name}' has no {said}: changes ship unchecked")


# --- 5. evaluation: groundedness, judges -------------------------------------------------------
@rule(
    code="EVAL050",
    name="rag-without-groundedness-eval",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="Retrieval-augmented generation with no groundedness evaluation",
    rationale="""
        A retrieval-augmented generator fails in a way its fluency hides: it states things the
        retrieved passages do not say. Answer relevance and user ratings do not catch it; measure
        groundedness (faithfulness, hallucination rate, citation accuracy) on an evaluation set,
        offline and, sampled, in production.
    """,
    fix="add `groundedness` (or faithfulness, hallucination_rate, citation_accuracy) to `offline`",
    bad="""
        system qa {
          model llm: llm { stage: generation }
          vector_db passages: qdrant { refresh: 1h }
          passages -read-> llm
          evaluation { offline: [answer_relevance] human_eval: true }
        }
    """,
    good="""
        system qa {
          model llm: llm { stage: generation }
          vector_db passages: qdrant { refresh: 1h }
          passages -read-> llm
          evaluation { offline: [answer_relevance, groundedness] human_eval: true }
        }
    """,
)
def rag_without_groundedness_eval(context: LintContext) -> Iterator[Finding]:
    if not retrieval_indexes(context):
        return
    evaluation = context.evaluation
    measured: set[str] = set()
    if evaluation is not None:
        for key in ("offline", "online", "guardrails"):
            measured.update(words_of(evaluation.get(key)))
    if not GROUNDING_METRICS & measured:
        yield _evaluation_or_system(
            context, "retrieval-augmented generation with no groundedness or hallucination metric", "offline"
        )


@rule(
    code="EVAL051",
    name="llm-judge-not-calibrated",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="An LLM judge never checked against human raters",
    rationale="""
        A model grading outputs (LLM-as-judge) is cheap and fast but has its own biases: it prefers
        long answers, its own style, the first option shown. Its scores mean something only once its
        agreement with human raters on a labelled sample is measured and stated, and re-checked when
        the judge or its prompt changes.
    """,
    fix="add `judge_agreement: 85%` (agreement with human raters on a labelled sample) to `evaluation`",
    bad="""
        system qa {
          evaluation { offline: [groundedness] judge: "gpt-4o grader" }
        }
    """,
    good="""
        system qa {
          evaluation { offline: [groundedness] judge: "gpt-4o grader" judge_agreement: 87% }
        }
    """,
)
def llm_judge_not_calibrated(context: LintContext) -> Iterator[Finding]:
    evaluation = context.evaluation
    if evaluation is not None and evaluation.has("judge") and not evaluation.has("judge_agreement"):
        yield context.at_section(
            evaluation, "an LLM judge grades outputs; its agreement with human raters is unstated", "judge"
        )


# --- 6. serving: guardrails, fallbacks, streaming, cost ----------------------------------------
@rule(
    code="SERVE050",
    name="generator-without-guardrails",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A user-facing generator with no input or no output guardrail",
    missing=Kind.GUARDRAIL,
    rationale="""
        What a generator says is not fixed in advance, so it needs filters on both sides: on the
        input, prompt injection, jailbreaks and personal data (in the question and in retrieved
        text); on the output, toxicity, leaked personal data, unsupported claims, unsafe images.
        Each guardrail says what happens on a block: refuse, redact, fall back, escalate.
    """,
    fix="declare `guardrail shield { position: input checks: [prompt_injection, pii] on_block: refuse }` "
    "and one with `position: output`",
    bad="""
        system assistant {
          model llm: llm { stage: generation }
          serving api: online
          api -request-> llm
        }
    """,
    good="""
        system assistant {
          model llm: llm { stage: generation }
          guardrail shield { position: input checks: [prompt_injection, jailbreak] on_block: refuse }
          guardrail filter { position: output checks: [toxicity, pii] on_block: fallback }
          serving api: online
          api -request-> shield -request-> llm -request-> filter
        }
    """,
)
def generator_without_guardrails(context: LintContext) -> Iterator[Finding]:
    models = generators(context)
    servings = user_facing_servings(context)
    if not models or not servings:
        return
    covered: set[str] = set()
    for guardrail in context.of_kind(Kind.GUARDRAIL):
        covered |= guardrail_positions(guardrail)
    for position in GuardrailPosition:
        if position not in covered:
            yield context.at(
                servings[0],
                f"'{servings[0].name}' serves generated output with no {position} guardrail "
                f"(a guardrail with `position: {position}`)",
            )


@rule(
    code="SERVE051",
    name="vendor-model-without-fallback",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A vendor model with no fallback for outages and rate limits",
    rationale="""
        Hosted models go down, slow down and answer `429 rate limited` at peak. Say what answers
        then: another provider or a self-hosted model (`fallback:` on the model, or a router that
        chooses among several), a smaller model, cached answers or a graceful refusal.
    """,
    fix="add `fallback: <model or description>` to the vendor model, or route it through a `service` with "
    "`routes: [primary, backup]`",
    bad="""
        system qa {
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
        }
    """,
    good="""
        system qa {
          model llm: llm { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" fallback: backup }
          model backup: llama { provenance: pretrained base: "llama-3.1-8b-instruct" }
        }
    """,
)
def vendor_model_without_fallback(context: LintContext) -> Iterator[Finding]:
    routed = _routed_with_alternatives(context.of_kind(Kind.SERVICE))
    for model in vendor_models(context):
        if not model.has("fallback") and model.name not in routed:
            yield context.at(model, f"vendor model '{model.name}' has no fallback when the provider fails")


def _routed_with_alternatives(routers: Iterable[Component]) -> set[str]:
    """Models a router can replace with another route."""
    routed: set[str] = set()
    for router in routers:
        routes = words_of(router.get("routes"))
        if len(routes) > 1:
            routed.update(routes)
    return routed


@rule(
    code="SERVE052",
    name="generation-not-streamed",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="Generated text returned whole while the latency budget is tight",
    rationale="""
        A generator writes its answer token by token: a few hundred tokens at tens of tokens per
        second take seconds. When the p99 budget is shorter than a full answer, stream it (the user
        sees the first token after the time to first token) or show how the whole answer fits,
        with `tokens_out` and `tokens_per_s` on the model.
    """,
    fix="add `streaming: true` to the serving component, or state `tokens_out` and `tokens_per_s` on the "
    "model to show a whole answer fits",
    bad="""
        system assistant {
          requirements { latency_p99: 2s }
          model llm: llm { stage: generation }
          serving api: online
          api -request-> llm
        }
    """,
    good="""
        system assistant {
          requirements { latency_p99: 2s }
          model llm: llm { stage: generation }
          serving api: online { streaming: true }
          api -request-> llm
        }
    """,
)
def generation_not_streamed(context: LintContext) -> Iterator[Finding]:
    writers = [
        model
        for model in generators(context)
        if (model.word("modality") or Modality.TEXT) in STREAMED_MODALITIES and not context.is_baseline(model)
    ]
    if not writers:
        return
    estimates = [full_answer_ms(model) for model in writers]
    answer_ms = max((ms if ms is not None else FULL_ANSWER_MS) for ms in estimates)
    required = context.required_latency("latency_p99")
    for serving in context.online_servings:
        budget = serving.get("latency_p99")
        budget = budget if isinstance(budget, DurationValue) else required
        if serving.flag("streaming") or budget is None or budget.ms >= answer_ms:
            continue
        yield context.at(
            serving,
            f"'{serving.name}' returns generated text whole, but a full answer takes about "
            f"{answer_ms / 1_000:g} s and the p99 budget is {budget.raw}",
            key="latency_p99",
        )


@rule(
    code="SERVE053",
    name="generation-cost-or-ttft-unstated",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A budget or latency requirement, but the generator's cost or time to first token is unstated",
    rationale="""
        Generation is paid per token (or per image) and its latency is the time to the first token
        plus the time to write the rest. When the requirements set a budget, each served generator
        states its price (`cost_per_1k_tokens` or `cost_per_request`, with `tokens_in` and
        `tokens_out` to multiply); when they set a latency, it states `ttft_p99` (or its whole
        `latency_p99`). Otherwise nobody can check that the design fits.
    """,
    fix='add `cost_per_1k_tokens: "$0.0025 in, $0.01 out"` and `ttft_p99: 600ms` to the generator',
    bad="""
        system assistant {
          requirements { latency_p99: 3s budget: "$20k a month" }
          model llm: llm { stage: generation }
        }
    """,
    good="""
        system assistant {
          requirements { latency_p99: 3s budget: "$20k a month" }
          model llm: llm { stage: generation ttft_p99: 700ms cost_per_1k_tokens: "$0.0025 in, $0.01 out" }
        }
    """,
)
def generation_cost_or_ttft_unstated(context: LintContext) -> Iterator[Finding]:
    requirements = context.requirements
    if requirements is None:
        return
    wants_cost = requirements.has("budget")
    wants_latency = requirements.has("latency_p99") or requirements.has("latency_p50")
    for model in generators(context):
        if context.is_baseline(model):
            continue
        if wants_cost and not (model.has("cost_per_1k_tokens") or model.has("cost_per_request")):
            yield context.at(model, f"the requirements set a budget but '{model.name}' states no cost")
        if wants_latency and not (model.has("ttft_p99") or model.has("latency_p99")):
            writes_tokens = (model.word("modality") or Modality.TEXT) in STREAMED_MODALITIES
            said = "time to first token" if writes_tokens else "latency_p99"
            yield context.at(model, f"the requirements set a latency but '{model.name}' states no {said}")
