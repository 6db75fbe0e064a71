"""Step 6 — capacity: what the back-of-the-envelope figures (`mlsd estimate`) say a design needs,
against what it declares."""

from __future__ import annotations

from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind


@rule(
    code="SERVE015",
    name="replicas-below-load",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="Fewer replicas declared than the peak load needs",
    rationale="""
        A component that states how much one replica sustains (`replica_qps`, or `concurrency`
        with a latency) and how many replicas it runs (`replicas`) can be checked: the peak QPS
        that reaches it, divided by what one replica sustains with the headroom kept free for
        spikes and failures, is how many it needs (`mlsd estimate` shows the working). Fewer
        declared means the design saturates at peak: queues grow and the latency budget is lost.
    """,
    fix="declare the replicas the estimate asks for (or `autoscale: true` with that as the maximum), "
    "make one replica faster, or state the real `headroom` in `assumptions`",
    bad="""
        system recs {
          requirements { peak_qps: 10k }
          client app: mobile
          serving api: online { replica_qps: 500  replicas: 20 }
          app -request-> api
        }
    """,
    good="""
        system recs {
          requirements { peak_qps: 10k }
          client app: mobile
          serving api: online { replica_qps: 500  replicas: 40 }
          app -request-> api
        }
    """,
)
def replicas_below_load(context: LintContext) -> Iterator[Finding]:
    declared = [c for c in context.spec.components.values() if c.has("replicas")]
    if not declared:
        return
    figures = context.figures("serving")
    for component in declared:
        figure = figures.figure(f"serving.{component.name}.replicas")
        if figure is None or not figure.over_limit:
            continue
        yield context.at(
            component,
            f"'{component.name}' declares {figure.limit:g} replicas; peak load needs {figure.value:g}: "
            f"{figure.formula.removesuffix(f'; declared {figure.limit:g}')}",
            key="replicas",
        )


@rule(
    code="SERVE016",
    name="index-does-not-fit",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="A vector index larger than the memory of its declared shards",
    rationale="""
        An in-memory ANN index needs its vectors (dimensions × bytes per component, by `precision`),
        its graph links (HNSW) or its codes and ids (IVF-PQ) in RAM. When an index declares how many
        `shards` it is split into, those shards × the memory of one node (`node_memory`) must hold
        it; otherwise it swaps or does not load. `mlsd estimate` shows the working.
    """,
    fix="declare more shards, a larger `node_memory`, a smaller `precision` (fp16, int8) or a "
    "compressed index (ivfpq with `pq_bytes`)",
    bad="""
        system search {
          vector_db items: faiss { index: hnsw  dim: 768  size: 100M  node_memory: 64GB  shards: 2 }
        }
    """,
    good="""
        system search {
          vector_db items: faiss { index: hnsw  dim: 768  size: 100M  node_memory: 64GB  shards: 6 }
        }
    """,
)
def index_does_not_fit(context: LintContext) -> Iterator[Finding]:
    declared = [index for index in context.of_kind(Kind.VECTOR_DB) if index.has("shards")]
    if not declared:
        return
    figures = context.figures("index")
    for index in declared:
        shards = figures.figure(f"index.{index.name}.shards")
        memory = figures.figure(f"index.{index.name}.memory")
        if shards is None or not shards.over_limit:
            continue
        working = memory.formula if memory is not None else ""
        yield context.at(
            index,
            f"'{index.name}' declares {shards.limit:g} shards; the index needs {shards.value:g}: {working}; "
            f"{shards.formula.removesuffix(f'; declared {shards.limit:g}')}",
            key="shards",
        )


@rule(
    code="SERVE017",
    name="over-budget",
    step=Step.SERVING,
    severity=Severity.WARNING,
    title="The estimated cost or storage is above the stated budget",
    rationale="""
        When the requirements state a `cost_budget` (US dollars a month) or a `storage_budget`
        (a data size), the design's own numbers can be held to it: the monthly cost of its
        replicas, GPUs and priced model calls, and the raw events and datasets it keeps
        (`mlsd estimate` shows the working). A design over its budget needs a cheaper plan before
        it needs a review of its details.
    """,
    fix="cache more, route to a cheaper model, keep events for less time, sample them, or revisit the budget",
    bad="""
        system assistant {
          requirements { peak_qps: 30  cost_budget: 10k }
          client app: web
          serving api: online
          model llm: openai { provenance: vendor  tokens_in: 2k  tokens_out: 300  cost_per_1k_tokens: 0.005 }
          app -request-> api -request-> llm
        }
    """,
    good="""
        system assistant {
          requirements { peak_qps: 1  cost_budget: 10k }
          client app: web
          serving api: online
          model llm: openai { provenance: vendor  tokens_in: 2k  tokens_out: 300  cost_per_1k_tokens: 0.005 }
          app -request-> api -request-> llm
        }
    """,
)
def over_budget(context: LintContext) -> Iterator[Finding]:
    requirements = context.requirements
    if requirements is None:
        return
    checks = (
        ("cost_budget", "cost", "cost.total.month", "costs"),
        ("storage_budget", "storage", "storage.total", "keeps"),
    )
    for key, section, figure_key, verb in checks:
        if not requirements.has(key):
            continue
        figure = context.figures(section).figure(figure_key)
        if figure is None or not figure.over_limit:
            continue
        yield context.at_section(
            requirements, f"the design {verb} {figure.shown}, above its {key}: {figure.formula}", key
        )
