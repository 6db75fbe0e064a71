"""Step 5 — evaluation: offline metrics that fit the task, online metrics, online experiments."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext, is_metric_at_k, words_of
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import Experiment, Rollout, Task
from mlsd_dsl.model.spec import Section
from mlsd_dsl.model.values import BoolValue

CLASSIFICATION = frozenset(
    {
        "auc",
        "roc_auc",
        "pr_auc",
        "auprc",
        "average_precision",
        "f1",
        "f1_score",
        "precision",
        "recall",
        "log_loss",
        "logloss",
        "accuracy",
        "ne",
        "normalized_cross_entropy",
        "cross_entropy",
        "brier",
        "ece",
        "fpr",
        "tpr",
        "specificity",
        "mcc",
    }
)
RANKING = frozenset({"ndcg", "map", "mrr", "hit_rate", "hitrate", "hr", "recall_at_k", "precision_at_k"})
REGRESSION = frozenset(
    {
        "rmse",
        "mse",
        "mae",
        "mape",
        "smape",
        "wape",
        "wmape",
        "r2",
        "mase",
        "pinball",
        "quantile_loss",
        "rmsle",
    }
)
DETECTION = frozenset({"map", "iou", "miou", "ap", "ap50", "ap75", "dice", "pq"})
GENERATION = frozenset(
    {
        "bleu",
        "rouge",
        "rouge_l",
        "meteor",
        "perplexity",
        "bertscore",
        "faithfulness",
        "groundedness",
        "exact_match",
        "win_rate",
        "answer_relevance",
        "context_recall",
    }
)
FITTING_METRICS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            Task.CLASSIFICATION,
            Task.BINARY_CLASSIFICATION,
            Task.MULTICLASS_CLASSIFICATION,
            Task.MULTILABEL_CLASSIFICATION,
            Task.ANOMALY_DETECTION,
        ),
        CLASSIFICATION,
    ),
    **dict.fromkeys((Task.RANKING, Task.RETRIEVAL, Task.RECOMMENDATION), RANKING),
    Task.LINK_PREDICTION: RANKING | CLASSIFICATION,
    **dict.fromkeys((Task.REGRESSION, Task.FORECASTING), REGRESSION),
    **dict.fromkeys((Task.DETECTION, Task.SEGMENTATION), DETECTION),
    Task.GENERATION: GENERATION,
}
RANKING_AT_K_OK: frozenset[str] = frozenset(
    {
        Task.RANKING,
        Task.RETRIEVAL,
        Task.RECOMMENDATION,
        Task.LINK_PREDICTION,
        Task.DETECTION,
    }
)
ONLINE_EXPERIMENT_ROLLOUTS: frozenset[str] = frozenset(
    {Rollout.AB_TEST, Rollout.INTERLEAVING, Rollout.BANDIT}
)


@rule(
    code="EVAL001",
    name="no-evaluation",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="The system says nothing about evaluation",
    rationale="""
        A model is only as good as the way it is measured: offline metrics that fit the task before
        launch, online metrics tied to the business goal after, and an experiment that compares the
        two models fairly.
    """,
    fix="add `evaluation { offline: [...] online: [...] ab_test: true }`",
    bad="""
        system recs {
          model ranker: lightgbm
        }
    """,
    good="""
        system recs {
          model ranker: lightgbm
          evaluation { offline: [ndcg@10] online: [watch_time] ab_test: true }
        }
    """,
)
def no_evaluation(context: LintContext) -> Iterator[Finding]:
    if context.evaluation is None:
        yield context.at_system("the system has no `evaluation` section")


@rule(
    code="EVAL002",
    name="no-offline-metric",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="No offline metric",
    rationale="""
        Offline metrics (AUC, nDCG@k, recall@k, mAP, RMSE…) on a held-out set decide which model is
        worth an online test. Without them every candidate model goes to production blind.
    """,
    fix="add `offline: [...]` to `evaluation`",
    bad="""
        system recs {
          evaluation { online: [ctr] }
        }
    """,
    good="""
        system recs {
          evaluation { offline: [ndcg@10] online: [ctr] }
        }
    """,
)
def no_offline_metric(context: LintContext) -> Iterator[Finding]:
    if context.evaluation is not None and not context.evaluation.has("offline"):
        yield context.at_section(context.evaluation, "the evaluation names no `offline` metric")


@rule(
    code="EVAL003",
    name="no-online-metric",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="No online metric",
    rationale="""
        Offline gains often vanish in production. Online metrics tied to the business goal (watch
        time, conversion, revenue, prevalence of harmful content) are the ones that decide whether a
        model ships (ML Test Score, model 3).
    """,
    fix="add `online: [...]` to `evaluation`",
    bad="""
        system recs {
          evaluation { offline: [ndcg@10] }
        }
    """,
    good="""
        system recs {
          evaluation { offline: [ndcg@10] online: [watch_time] }
        }
    """,
)
def no_online_metric(context: LintContext) -> Iterator[Finding]:
    if context.evaluation is not None and not context.evaluation.has("online"):
        yield context.at_section(context.evaluation, "the evaluation names no `online` metric")


@rule(
    code="EVAL004",
    name="no-online-experiment",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="No A/B test or other online experiment",
    rationale="""
        Online metrics only mean something when the new model is compared with the current one on
        comparable traffic: an A/B test, interleaving or a bandit. Before/after comparisons confuse
        the model's effect with seasonality and product changes.
    """,
    fix="add `ab_test: true` or `experiment: interleaving` (or roll out with `rollout: ab_test`)",
    bad="""
        system recs {
          evaluation { offline: [ndcg@10] online: [watch_time] }
        }
    """,
    good="""
        system recs {
          evaluation { offline: [ndcg@10] online: [watch_time] ab_test: true }
        }
    """,
)
def no_online_experiment(context: LintContext) -> Iterator[Finding]:
    evaluation = context.evaluation
    if (
        evaluation is None
        or evaluation.flag("ab_test")
        or evaluation.word("experiment") not in (None, Experiment.NONE, Experiment.SHADOW)
    ):
        return
    if evaluation.word("experiment") == Experiment.SHADOW:
        return  # EVAL009 says why a shadow deployment is not an experiment
    for serving in context.of_kind(Kind.SERVING):
        if ONLINE_EXPERIMENT_ROLLOUTS & set(words_of(serving.get("rollout"))):
            return
    yield context.at_section(evaluation, "no A/B test or other online experiment compares models")


@rule(
    code="EVAL005",
    name="accuracy-on-imbalanced-data",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="Accuracy measured on imbalanced data",
    rationale="""
        With 1% positives a model that always says "negative" is 99% accurate. On imbalanced data
        use precision/recall, PR-AUC, ROC-AUC or F1 instead of accuracy.
    """,
    fix="replace `accuracy` with pr_auc, roc_auc, f1 or precision/recall",
    bad="""
        system fraud {
          dataset train { label: "chargeback" positive_rate: 1% imbalance: class_weights }
          evaluation { offline: [accuracy] }
        }
    """,
    good="""
        system fraud {
          dataset train { label: "chargeback" positive_rate: 1% imbalance: class_weights }
          evaluation { offline: [pr_auc, recall] }
        }
    """,
)
def accuracy_on_imbalanced_data(context: LintContext) -> Iterator[Finding]:
    evaluation = context.evaluation
    if evaluation and context.imbalanced_datasets and "accuracy" in context.offline_metrics():
        dataset = context.imbalanced_datasets[0]
        yield context.at_section(
            evaluation, f"accuracy is misleading: '{dataset.name}' is imbalanced", key="offline"
        )


@rule(
    code="EVAL006",
    name="offline-metric-does-not-fit-task",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="No offline metric fits the framed task",
    rationale="""
        Each task has its metrics: nDCG, MAP, MRR or recall@k for ranking and retrieval; AUC,
        PR-AUC, F1 or log loss for classification; RMSE or MAE for regression; IoU-based mAP for
        detection; BLEU/ROUGE, faithfulness or human evaluation for generation. Metrics from another
        task do not measure what the model is for.
    """,
    fix="add an offline metric that fits the framing's task",
    bad="""
        system recs {
          framing { task: ranking }
          evaluation { offline: [accuracy] }
        }
    """,
    good="""
        system recs {
          framing { task: ranking }
          evaluation { offline: [ndcg@10, recall@100] }
        }
    """,
)
def offline_metric_does_not_fit_task(context: LintContext) -> Iterator[Finding]:
    task = context.task
    evaluation = context.evaluation
    if task not in FITTING_METRICS or evaluation is None or not evaluation.has("offline"):
        return
    if task in RANKING_AT_K_OK and is_metric_at_k(evaluation.get("offline")):
        return
    if FITTING_METRICS[task] & set(context.offline_metrics()):
        return
    if task == "generation" and _has_human_eval(evaluation):
        return
    yield context.at_section(evaluation, f"no offline metric fits the task '{task}'", key="offline")


@rule(
    code="EVAL007",
    name="no-slice-evaluation",
    step=Step.EVALUATION,
    severity=Severity.INFO,
    title="Metrics are not evaluated per slice",
    rationale="""
        An aggregate metric hides the groups a model fails: new users, small countries, rare
        languages, a device type. Evaluating named slices separately catches those regressions
        before users do (ML Test Score, model 6).
    """,
    fix="add `slices: [new_users, country, device]` to `evaluation`",
    bad="""
        system recs {
          evaluation { offline: [ndcg@10] }
        }
    """,
    good="""
        system recs {
          evaluation { offline: [ndcg@10] slices: [new_users, country] }
        }
    """,
)
def no_slice_evaluation(context: LintContext) -> Iterator[Finding]:
    if context.evaluation is not None and not context.evaluation.has("slices"):
        yield context.at_section(context.evaluation, "the evaluation names no `slices`")


@rule(
    code="EVAL008",
    name="generation-without-human-eval",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="Generated output is never judged by people",
    rationale="""
        Automatic metrics for generated text or images (BLEU, ROUGE, perplexity) correlate poorly
        with what users value. Generation systems need human (or carefully validated model-based)
        evaluation of samples.
    """,
    fix="add `human_eval: true` (or a description of the rating protocol) to `evaluation`",
    bad="""
        system assistant {
          framing { task: generation }
          evaluation { offline: [rouge] }
        }
    """,
    good="""
        system assistant {
          framing { task: generation }
          evaluation { offline: [rouge] human_eval: "weekly side-by-side ratings" }
        }
    """,
)
def generation_without_human_eval(context: LintContext) -> Iterator[Finding]:
    evaluation = context.evaluation
    if context.task == "generation" and evaluation is not None and not _has_human_eval(evaluation):
        yield context.at_section(evaluation, "a generation system with no human evaluation")


def _has_human_eval(evaluation: Section) -> bool:
    """`human_eval: true` or a description of the protocol; `human_eval: false` says there is none."""
    value = evaluation.get("human_eval")
    return value is not None and not (isinstance(value, BoolValue) and not value.value)


@rule(
    code="EVAL009",
    name="shadow-only-experiment",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="The only online experiment is a shadow deployment",
    rationale="""
        A shadow model scores real traffic but its answers are never shown, so it can check
        latency, errors and agreement with production, never what users do: watch time, conversion,
        fraud caught. Only an experiment that shows the new model to some users (an A/B test,
        interleaving, a bandit, a switchback) measures a user metric. Checked for systems whose
        clients send requests to online serving.
    """,
    fix="keep the shadow stage for safety and add `experiment: ab_test` (or interleaving, bandit)",
    bad="""
        system recs {
          client app: mobile
          serving api: online { rollout: [shadow, canary] }
          evaluation { offline: [ndcg@10] online: [watch_time] experiment: shadow }
          app -request-> api
        }
    """,
    good="""
        system recs {
          client app: mobile
          serving api: online { rollout: [shadow, canary] }
          evaluation { offline: [ndcg@10] online: [watch_time] experiment: ab_test }
          app -request-> api
        }
    """,
)
def shadow_only_experiment(context: LintContext) -> Iterator[Finding]:
    evaluation = context.evaluation
    if evaluation is None or evaluation.flag("ab_test") or evaluation.word("experiment") != Experiment.SHADOW:
        return
    if not _users_wait_on_serving(context):
        return  # no user meets the answers: a shadow comparison is as good as it gets
    for serving in context.of_kind(Kind.SERVING):
        if ONLINE_EXPERIMENT_ROLLOUTS & set(words_of(serving.get("rollout"))):
            return
    yield context.at_section(
        evaluation,
        "the only online experiment is a shadow deployment, which cannot measure a user metric",
        key="experiment",
    )


SYSTEM_METRIC = re.compile(
    r"latency|p50|p90|p95|p99|qps|rps|throughput|error|uptime|availability|cpu|gpu|memory|"
    r"timeout|saturation|utili[sz]ation|cost|tokens|ttft|requests_per|load|duration|runtime|rows|"
    r"job|lag|backlog|queue|crash|restart|success_rate|status|fail|run_?time|written|processed",
    re.IGNORECASE,
)


@rule(
    code="EVAL010",
    name="online-metrics-only-system",
    step=Step.EVALUATION,
    severity=Severity.WARNING,
    title="Online metrics are all system metrics",
    rationale="""
        Latency, throughput and error rate say the service is healthy, not that the model helps.
        The online metrics that decide whether a model ships are tied to the business goal: watch
        time, conversion, fraud losses, resolved tickets. System health belongs in monitoring and
        guardrails.
    """,
    fix="add an online metric tied to the goal (conversion, watch_time, fraud_loss…); keep latency as a "
    "guardrail",
    bad="""
        system recs {
          evaluation { offline: [ndcg@10] online: [latency_p99, qps] }
        }
    """,
    good="""
        system recs {
          evaluation { offline: [ndcg@10] online: [watch_time] guardrails: [latency_p99] }
        }
    """,
)
def online_metrics_only_system(context: LintContext) -> Iterator[Finding]:
    evaluation = context.evaluation
    metrics = words_of(evaluation.get("online")) if evaluation else []
    if evaluation and metrics and all(SYSTEM_METRIC.search(metric) for metric in metrics):
        yield context.at_section(
            evaluation,
            f"every online metric ({', '.join(metrics)}) measures the system, none the business goal",
            key="online",
        )


def _users_wait_on_serving(context: LintContext) -> bool:
    """A client's request reaches online serving: users see the answers."""
    components = context.spec.components
    clients = [name for name in context.calls.roots if components[name].kind is Kind.CLIENT]
    online = {s.name for s in context.online_servings}
    return any(online & (context.calls.below(client) | {client}) for client in clients)
