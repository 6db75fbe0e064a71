"""Step 7 — monitoring: drift, alerts, retraining, service health and feedback loops."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext, words_of
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.analyses import cadence_ms, show_ms
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.model.spec import Component
from mlsd_dsl.model.values import BoolValue

HEALTH_SIGNALS = ("latency", "qps", "throughput", "error", "availability", "uptime", "timeout", "memory")
DATA_KINDS = frozenset({Kind.SOURCE, Kind.STREAM, Kind.STORAGE, Kind.LABELING, Kind.DATASET, Kind.PROCESSOR})
PRODUCTION_KINDS = frozenset({Kind.SERVING, Kind.CLIENT, Kind.MONITOR, Kind.CACHE})


@rule(
    code="MON001",
    name="no-monitoring",
    step=Step.MONITORING,
    severity=Severity.WARNING,
    title="The system has no monitoring",
    missing=Kind.MONITOR,
    rationale="""
        Models decay silently: the world changes, upstream data breaks, features go stale. Without
        monitoring of data, predictions and service health nobody notices until users do (ML Test
        Score, monitoring section).
    """,
    fix="declare `monitor quality: evidently { drift: psi alerts: pagerduty }` and connect it",
    bad="""
        system recs {
          serving api: online
        }
    """,
    good="""
        system recs {
          serving api: online
          monitor quality: evidently { drift: psi alerts: pagerduty }
          api -> quality
        }
    """,
)
def no_monitoring(context: LintContext) -> Iterator[Finding]:
    if not context.has(Kind.MONITOR):
        yield context.at_system("the system has no monitoring")


@rule(
    code="MON002",
    name="no-drift-detection",
    step=Step.MONITORING,
    severity=Severity.WARNING,
    title="Monitoring without data or prediction drift detection",
    rationale="""
        Service dashboards show a healthy endpoint serving a decaying model. Drift detection on
        input features and on the prediction distribution (PSI, KS tests) is the early warning that
        the model no longer matches the world.
    """,
    fix="add `drift: psi` (or ks, true…) to a monitor",
    bad="""
        system recs {
          monitor health: prometheus { alerts: pagerduty }
        }
    """,
    good="""
        system recs {
          monitor health: prometheus { alerts: pagerduty drift: psi }
        }
    """,
)
def no_drift_detection(context: LintContext) -> Iterator[Finding]:
    monitors = context.of_kind(Kind.MONITOR)
    if monitors and not any(_is_set(monitor, "drift") for monitor in monitors):
        yield context.at(monitors[0], "no monitor detects data or prediction drift")


@rule(
    code="MON003",
    name="no-alerts",
    step=Step.MONITORING,
    severity=Severity.WARNING,
    title="Monitoring that alerts nobody",
    rationale="""
        A dashboard nobody watches detects nothing. Monitors need alerts that reach an owner — a
        pager, a channel, a ticket queue — with thresholds.
    """,
    fix="add `alerts: pagerduty` (or slack, email…) to a monitor",
    bad="""
        system recs {
          monitor quality: evidently { drift: psi }
        }
    """,
    good="""
        system recs {
          monitor quality: evidently { drift: psi alerts: pagerduty }
        }
    """,
)
def no_alerts(context: LintContext) -> Iterator[Finding]:
    monitors = context.of_kind(Kind.MONITOR)
    if monitors and not any(_is_set(monitor, "alerts") for monitor in monitors):
        yield context.at(monitors[0], "no monitor sends alerts")


@rule(
    code="MON004",
    name="no-retraining-trigger",
    step=Step.MONITORING,
    severity=Severity.WARNING,
    title="Trained models are never retrained",
    rationale="""
        Non-stationary data (user behaviour, fraud, news) makes yesterday's model worse every day.
        Say when models are retrained: a pipeline schedule, a monitor's retraining trigger or a
        model's `retrain` cadence (Rules of ML #8; ML Test Score, monitoring 4).
    """,
    fix="add `schedule: daily` to the training pipeline, `retrain_trigger: drift` to a monitor or "
    "`retrain:` to the model",
    bad="""
        system recs {
          pipeline training: airflow
          model ranker: lightgbm
          training -> ranker
        }
    """,
    good="""
        system recs {
          pipeline training: airflow { schedule: daily }
          model ranker: lightgbm
          training -> ranker
        }
    """,
)
def no_retraining_trigger(context: LintContext) -> Iterator[Finding]:
    if not context.trained_models:
        return
    triggers = (
        any(m.has("retrain") for m in context.trained_models)
        or any(p.has("schedule") or p.has("trigger") for p in context.of_kind(Kind.PIPELINE))
        or any(m.has("retrain_trigger") for m in context.of_kind(Kind.MONITOR))
    )
    if not triggers:
        yield context.at_system("nothing says when models are retrained")


@rule(
    code="MON005",
    name="no-service-health-monitoring",
    step=Step.MONITORING,
    severity=Severity.INFO,
    title="Online serving whose latency and errors nobody watches",
    rationale="""
        Model quality monitoring does not catch a slow or failing endpoint. Watch latency,
        throughput and error rate of online serving too (ML Test Score, monitoring 6).
    """,
    fix="add `watches: [latency, errors]` (or `metrics: [...]`) to a monitor",
    bad="""
        system recs {
          serving api: online
          monitor quality: evidently { watches: [features, predictions] }
          api -> quality
        }
    """,
    good="""
        system recs {
          serving api: online
          monitor quality: evidently { watches: [features, predictions, latency, errors] }
          api -> quality
        }
    """,
)
def no_service_health_monitoring(context: LintContext) -> Iterator[Finding]:
    monitors = context.of_kind(Kind.MONITOR)
    if not monitors or not context.online_servings:
        return
    for monitor in monitors:
        watched = words_of(monitor.get("watches")) + words_of(monitor.get("metrics"))
        if any(signal in word for word in watched for signal in HEALTH_SIGNALS):
            return
    yield context.at(monitors[0], "no monitor watches the latency or errors of online serving")


@rule(
    code="MON006",
    name="no-feedback-loop",
    step=Step.MONITORING,
    severity=Severity.WARNING,
    title="Production outcomes never flow back into the data",
    rationale="""
        Logging what was served and how users reacted is how an ML system gets new labels, detects
        drift against ground truth and retrains. Without an edge from serving (or clients) back to
        a source, stream, storage, labelling queue or dataset, the system cannot learn from
        production (ML Test Score, monitoring 7).
    """,
    fix='add an edge such as `api -> events : "logs impressions"`',
    bad="""
        system recs {
          source events: kafka { type: events }
          serving api: online
          events -> api
        }
    """,
    good="""
        system recs {
          source events: kafka { type: events }
          serving api: online
          events -> api
          api -> events : "logs impressions"
        }
    """,
)
def no_feedback_loop(context: LintContext) -> Iterator[Finding]:
    if not context.online_servings or not context.has(*DATA_KINDS):
        return
    components = context.spec.components
    for edge in context.spec.edges:
        if edge.type is EdgeType.LOG:
            return
        if (
            not edge.typed
            and components[edge.source].kind in PRODUCTION_KINDS
            and components[edge.target].kind in DATA_KINDS
        ):
            return
    yield context.at(context.online_servings[0], "nothing logs production outcomes back into the data")


def _is_set(component: Component, key: str) -> bool:
    value = component.get(key)
    return value is not None and not (isinstance(value, BoolValue) and not value.value)


ADVERSARIAL = re.compile(
    r"fraud|spam|abuse|abusive|scam|phish|\bbots?\b|fake|adversar|attack|malware|chargeback|"
    r"harmful|toxic|moderat|counterfeit|launder|intrusion|account.takeover|evasion",
    re.IGNORECASE,
)
WEEK_MS = 7 * 86_400_000.0
RETRAIN_ON_EVENT = re.compile(r"drift|data|performance|alert|degrad|continuous|online", re.IGNORECASE)


@rule(
    code="MON007",
    name="slow-retraining-drift-prone",
    step=Step.MONITORING,
    severity=Severity.WARNING,
    title="An adversarial or fast-drifting task retrained slowly, with no drift trigger",
    rationale="""
        Fraudsters, spammers and abusers adapt to the model within days; a model retrained monthly
        spends most of its life behind them. Adversarial tasks retrain at least weekly, or when
        drift or fresh labels say so (a monitor that triggers training, `trigger: [drift]`).
    """,
    fix="retrain at least weekly, or add a drift or data trigger: `trigger: [schedule, drift]` on the "
    "pipeline, or `monitor -trigger-> training`",
    bad="""
        system fraud {
          requirements { goal: "cut card fraud losses" }
          pipeline training: airflow { schedule: monthly }
          model scorer: xgboost
          training -> scorer
        }
    """,
    good="""
        system fraud {
          requirements { goal: "cut card fraud losses" }
          pipeline training: airflow { schedule: monthly trigger: [schedule, drift] }
          model scorer: xgboost
          training -> scorer
        }
    """,
)
def slow_retraining_drift_prone(context: LintContext) -> Iterator[Finding]:
    if not context.trained_models or not _adversarial(context):
        return
    if _retrains_on_events(context):
        return
    cadences = [
        (every, component)
        for component in (*context.trained_models, *context.of_kind(Kind.PIPELINE))
        if (every := cadence_ms(component.get("retrain" if component.kind is Kind.MODEL else "schedule")))
        is not None
    ]
    if not cadences:
        return
    every, component = min(cadences, key=lambda pair: pair[0])
    if every > WEEK_MS:
        key = "retrain" if component.kind is Kind.MODEL else "schedule"
        yield context.at(
            component,
            f"an adversarial, fast-drifting task retrained every {show_ms(every)} (> 7d) with no drift- or "
            "data-triggered retraining",
            key=key,
        )


def _adversarial(context: LintContext) -> bool:
    texts = [context.spec.name or "", context.spec.label or ""]
    for section in (context.requirements, context.framing):
        if section is not None:
            texts += [section.word(key) or "" for key in ("goal", "objective", "labels")]
    texts += [d.word("label") or "" for d in context.of_kind(Kind.DATASET)]
    return any(ADVERSARIAL.search(text) for text in texts)


def _retrains_on_events(context: LintContext) -> bool:
    if context.spec.edges_of_type(EdgeType.TRIGGER):
        components = context.spec.components
        if any(
            components[edge.target].kind in (Kind.PIPELINE, Kind.MODEL)
            for edge in context.spec.edges_of_type(EdgeType.TRIGGER)
        ):
            return True
    for pipeline in context.of_kind(Kind.PIPELINE):
        if any(RETRAIN_ON_EVENT.search(word) for word in words_of(pipeline.get("trigger"))):
            return True
    for monitor in context.of_kind(Kind.MONITOR):
        trigger = monitor.word("retrain_trigger")
        if trigger and trigger.lower() not in ("none", "manual", "false"):
            return True
    return any(
        RETRAIN_ON_EVENT.search(m.word("retrain") or "") and cadence_ms(m.get("retrain")) in (None, 0.0)
        for m in context.trained_models
    )
