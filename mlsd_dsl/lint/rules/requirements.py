"""Step 1 — clarify requirements: the business goal, scale, latency and constraints."""

from __future__ import annotations

from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind

SCALE_KEYS = ("users", "items", "peak_qps", "qps", "throughput", "data_size")
LATENCY_KEYS = ("latency_p99", "latency_p50")


@rule(
    code="REQ001",
    name="no-requirements",
    step=Step.REQUIREMENTS,
    severity=Severity.WARNING,
    title="The system states no requirements",
    rationale="""
        Every design starts by clarifying what the system is for and under which constraints it
        runs: the business goal, the scale, the latency budget and the freshness of results. Without
        them no later choice (model size, batch or online serving, caching) can be justified.
    """,
    fix="add a `requirements { goal: ... users: ... latency_p99: ... }` section",
    bad="""
        system recs {
          model ranker: lightgbm
        }
    """,
    good="""
        system recs {
          requirements { goal: "increase watch time" users: 10M }
          model ranker: lightgbm
        }
    """,
)
def no_requirements(context: LintContext) -> Iterator[Finding]:
    if context.requirements is None:
        yield context.at_system("the system has no `requirements` section")


@rule(
    code="REQ002",
    name="no-business-goal",
    step=Step.REQUIREMENTS,
    severity=Severity.WARNING,
    title="The requirements do not state the business goal",
    rationale="""
        The business objective (more watch time, fewer fraud losses, more bookings) decides what the
        ML objective and the online metrics must be. A design without it optimises a proxy that
        nobody asked for.
    """,
    fix='add `goal: "..."` to `requirements`',
    bad="""
        system recs {
          requirements { users: 10M }
        }
    """,
    good="""
        system recs {
          requirements { goal: "increase bookings" users: 10M }
        }
    """,
)
def no_business_goal(context: LintContext) -> Iterator[Finding]:
    if context.requirements is not None and not context.requirements.has("goal"):
        yield context.at_section(context.requirements, "the requirements do not state a business `goal`")


@rule(
    code="REQ003",
    name="no-scale",
    step=Step.REQUIREMENTS,
    severity=Severity.WARNING,
    title="The requirements give no scale figures",
    rationale="""
        The number of users, items and queries per second decides almost everything downstream:
        whether candidates must be generated before ranking, whether an ANN index is needed, how
        many replicas serve. State at least one figure.
    """,
    fix="add `users`, `items`, `peak_qps`, `qps`, `throughput` or `data_size` to `requirements`",
    bad="""
        system recs {
          requirements { goal: "increase bookings" }
        }
    """,
    good="""
        system recs {
          requirements { goal: "increase bookings" users: 10M peak_qps: 20k }
        }
    """,
)
def no_scale(context: LintContext) -> Iterator[Finding]:
    section = context.requirements
    if section is not None and not any(section.has(key) for key in SCALE_KEYS):
        yield context.at_section(section, "the requirements give no scale: " + ", ".join(SCALE_KEYS))


@rule(
    code="REQ004",
    name="no-latency-requirement",
    step=Step.REQUIREMENTS,
    severity=Severity.WARNING,
    title="Online serving without a latency requirement",
    rationale="""
        A model served online answers inside a user request. Its latency budget decides the model
        size, the number of stages and whether features can be computed on the fly; without a
        stated budget a serving design cannot be checked.
    """,
    fix="add `latency_p99: 200ms` (or `latency_p50`) to `requirements`",
    bad="""
        system recs {
          requirements { goal: "increase bookings" }
          serving api: online
        }
    """,
    good="""
        system recs {
          requirements { goal: "increase bookings" latency_p99: 200ms }
          serving api: online
        }
    """,
)
def no_latency_requirement(context: LintContext) -> Iterator[Finding]:
    section = context.requirements
    if section is None or not context.online_servings or any(section.has(key) for key in LATENCY_KEYS):
        return
    serving = context.online_servings[0]
    yield context.at_section(section, f"'{serving.name}' serves online but the requirements state no latency")


@rule(
    code="REQ005",
    name="pii-without-privacy",
    step=Step.REQUIREMENTS,
    severity=Severity.WARNING,
    title="Personal data with no privacy requirement",
    rationale="""
        Data marked `pii: true` (faces, demographics, contact details) comes with legal and ethical
        obligations: consent, retention, anonymisation, access control. The requirements must say
        how personal data is protected.
    """,
    fix='add `privacy: "..."` to `requirements` (anonymisation, retention, consent, access control)',
    bad="""
        system faces {
          requirements { goal: "blur faces" }
          source photos { type: images pii: true }
        }
    """,
    good="""
        system faces {
          requirements { goal: "blur faces" privacy: "raw images deleted after 30 days" }
          source photos { type: images pii: true }
        }
    """,
)
def pii_without_privacy(context: LintContext) -> Iterator[Finding]:
    if context.requirements is not None and context.requirements.has("privacy"):
        return
    for component in context.of_kind(Kind.SOURCE, Kind.STORAGE):
        if component.flag("pii"):
            yield context.at(
                component,
                f"'{component.name}' holds personal data but no `privacy` requirement "
                "says how it is protected",
                key="pii",
            )
