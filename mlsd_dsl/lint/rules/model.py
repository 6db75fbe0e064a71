"""Step 4 — model development: a baseline first, losses that fit, pipelines that train models."""

from __future__ import annotations

from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import ModelStage, ServingMode, Task
from mlsd_dsl.model.spec import Component

CLASSIFICATION_TASKS: frozenset[str] = frozenset(
    {
        Task.CLASSIFICATION,
        Task.BINARY_CLASSIFICATION,
        Task.MULTICLASS_CLASSIFICATION,
        Task.MULTILABEL_CLASSIFICATION,
        Task.ANOMALY_DETECTION,
    }
)
REGRESSION_TASKS: frozenset[str] = frozenset({Task.REGRESSION, Task.FORECASTING})
CLASSIFICATION_LOSSES = frozenset(
    {
        "cross_entropy",
        "binary_cross_entropy",
        "bce",
        "categorical_cross_entropy",
        "log_loss",
        "logloss",
        "focal",
        "focal_loss",
        "hinge",
        "normalized_cross_entropy",
    }
)
REGRESSION_LOSSES = frozenset(
    {
        "mse",
        "mae",
        "rmse",
        "huber",
        "l1",
        "l2",
        "quantile",
        "pinball",
        "poisson",
        "squared_error",
        "absolute_error",
    }
)
RANKING_STAGES: frozenset[str] = frozenset({ModelStage.RANKING, ModelStage.RE_RANKING, ModelStage.SCORING})
RANKING_TASKS: frozenset[str] = frozenset({Task.RANKING, Task.RECOMMENDATION})
CANDIDATE_STAGES: frozenset[str] = frozenset({ModelStage.CANDIDATE_GENERATION, ModelStage.RETRIEVAL})
SMALL_CATALOGUE = 10_000


@rule(
    code="MODEL001",
    name="no-model",
    step=Step.MODEL,
    severity=Severity.ERROR,
    title="The system has no model",
    missing=Kind.MODEL,
    rationale="""
        An ML system design names its models: at least the baseline and the model that will be
        served. Without one the design is a data platform, not an ML system.
    """,
    fix="declare the models, e.g. `model ranker: lightgbm { loss: cross_entropy }`",
    bad="""
        system recs {
          serving api: online
        }
    """,
    good="""
        system recs {
          model ranker: lightgbm
          serving api: online
          ranker -> api
        }
    """,
)
def no_model(context: LintContext) -> Iterator[Finding]:
    if not context.has(Kind.MODEL):
        yield context.at_system("the system declares no model")


@rule(
    code="MODEL002",
    name="no-baseline",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="No simple baseline model",
    missing=Kind.MODEL,
    rationale="""
        Start with a simple model — a heuristic, popularity, logistic regression or a tree model —
        before a deep one. It sets the bar every complex model must beat, ships early and is the
        natural fallback when the main model fails (Rules of ML #1–#4; ML Test Score, model 5).
    """,
    fix="declare a baseline, e.g. `model popular: heuristic { baseline: true }`",
    bad="""
        system recs {
          model ranker: dcn
        }
    """,
    good="""
        system recs {
          model popular: popularity { baseline: true }
          model ranker: dcn
        }
    """,
)
def no_baseline(context: LintContext) -> Iterator[Finding]:
    models = context.of_kind(Kind.MODEL)
    if models and not any(context.is_baseline(model) for model in models):
        yield context.at_system("no model is a simple baseline (`baseline: true` or a baseline technology)")


@rule(
    code="MODEL003",
    name="no-training-pipeline",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="Trained models but no training pipeline",
    missing=Kind.PIPELINE,
    rationale="""
        A model that is trained once by hand is never retrained. A training pipeline (Airflow,
        Kubeflow, Dagster…) makes training reproducible, scheduled and triggerable by drift.
    """,
    fix="declare `pipeline training: airflow { schedule: daily }` and connect it to the models it trains",
    bad="""
        system recs {
          model ranker: lightgbm
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
def no_training_pipeline(context: LintContext) -> Iterator[Finding]:
    if context.trained_models and not context.has(Kind.PIPELINE):
        yield context.at_system("models are trained but the system has no training pipeline")


@rule(
    code="MODEL004",
    name="model-not-trained",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="A model no pipeline trains",
    rationale="""
        Every trained model should be downstream of the pipeline that trains it. A model outside
        every pipeline is trained by hand, or the diagram forgot an edge.
    """,
    fix="connect a pipeline to the model: `training -> model`",
    bad="""
        system recs {
          pipeline training: airflow
          model ranker: lightgbm
          model reranker: dnn
          training -> ranker
        }
    """,
    good="""
        system recs {
          pipeline training: airflow
          model ranker: lightgbm
          model reranker: dnn
          training -> ranker, reranker
        }
    """,
)
def model_not_trained(context: LintContext) -> Iterator[Finding]:
    pipelines = context.named([Kind.PIPELINE])
    if not pipelines:
        return
    trained_by_pipeline = context.downstream_of(pipelines)
    for model in context.trained_models:
        if model.name not in trained_by_pipeline:
            yield context.at(model, f"no pipeline trains model '{model.name}'")


@rule(
    code="MODEL005",
    name="no-loss",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="A trained model without a loss function",
    applies_to_modules=True,
    rationale="""
        The loss is where the ML objective becomes maths: cross-entropy for a probability, a
        softmax or contrastive loss for retrieval, focal loss for rare positives, MSE or Huber for
        a quantity. Name it; rules then check that it fits the task.
    """,
    fix="add `loss: cross_entropy` (or focal, softmax, contrastive, mse…) to the model",
    bad="""
        system fraud {
          model scorer: xgboost
        }
    """,
    good="""
        system fraud {
          model scorer: xgboost { loss: log_loss }
        }
    """,
)
def no_loss(context: LintContext) -> Iterator[Finding]:
    for model in context.trained_models:
        if not model.has("loss"):
            yield context.at(model, f"model '{model.name}' does not name its loss")


@rule(
    code="MODEL006",
    name="loss-does-not-fit-task",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="A loss that does not fit the model's task",
    applies_to_modules=True,
    rationale="""
        A regression loss (MSE, MAE, Huber) on a classification task ignores that the output is a
        probability; a classification loss (cross-entropy, focal) on a regression or forecasting
        task cannot fit a quantity. The model's `stage` decides its task; without one, the framing's
        `task` does.
    """,
    fix="use a classification loss for classification and a regression loss for regression",
    bad="""
        system eta {
          framing { task: regression }
          model eta_model: lightgbm { loss: cross_entropy }
        }
    """,
    good="""
        system eta {
          framing { task: regression }
          model eta_model: lightgbm { loss: huber }
        }
    """,
)
def loss_does_not_fit_task(context: LintContext) -> Iterator[Finding]:
    for model in context.of_kind(Kind.MODEL):
        loss = model.word("loss")
        task = _model_task(context, model)
        if loss is None or task is None:
            continue
        loss = loss.lower()
        if task in CLASSIFICATION_TASKS and loss in REGRESSION_LOSSES:
            yield context.at(
                model, f"'{model.name}' does {task} but its loss '{loss}' is for regression", key="loss"
            )
        elif task in REGRESSION_TASKS and loss in CLASSIFICATION_LOSSES:
            yield context.at(
                model, f"'{model.name}' does {task} but its loss '{loss}' is for classification", key="loss"
            )


def _model_task(context: LintContext, model: Component) -> str | None:
    stage = model.word("stage")
    if stage in ("classification", "regression", "forecasting"):
        return stage
    return context.task if stage is None else None


def _ranks_a_catalogue(model: Component, task: str | None) -> bool:
    """A ranking model does; a scoring model only in a ranking system (elsewhere it scores one
    request, as a pricing or fraud policy does)."""
    stage = model.word("stage")
    if stage == ModelStage.SCORING:
        return task is None or task in RANKING_TASKS
    return stage in RANKING_STAGES


@rule(
    code="MODEL007",
    name="no-candidate-generation",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="Ranking a large catalogue with no candidate generation",
    missing=Kind.MODEL,
    rationale="""
        A ranker is too expensive to score every item of a large catalogue within a latency budget.
        Recommendation and search systems first retrieve a few hundred candidates (two-tower model
        with an ANN index, an inverted index, co-visitation) and rank only those. Catalogues under
        10k items, stated with `items:`, may be ranked whole.
    """,
    fix="add a candidate generator (`stage: candidate_generation`), a vector_db or a search_index before "
    "ranking",
    bad="""
        system recs {
          framing { task: recommendation }
          model ranker: dcn { stage: ranking }
        }
    """,
    good="""
        system recs {
          framing { task: recommendation }
          model candidates: two_tower { stage: candidate_generation }
          vector_db index: faiss
          model ranker: dcn { stage: ranking }
          candidates -> index -> ranker
        }
    """,
)
def no_candidate_generation(context: LintContext) -> Iterator[Finding]:
    models = context.of_kind(Kind.MODEL)
    rankers = [m for m in models if _ranks_a_catalogue(m, context.task)]
    if not rankers and context.task not in RANKING_TASKS:
        return
    if context.has(Kind.VECTOR_DB, Kind.SEARCH_INDEX) or any(
        m.word("stage") in CANDIDATE_STAGES for m in models
    ):
        return
    items = context.requirements.get("items") if context.requirements else None
    catalogue = items.plain() if items is not None else None
    if isinstance(catalogue, float) and catalogue < SMALL_CATALOGUE:
        return
    if rankers:
        yield context.at(
            rankers[0], f"'{rankers[0].name}' ranks with no candidate-generation stage before it"
        )
    else:
        yield context.at_system(f"a {context.task} system with no candidate-generation stage")


@rule(
    code="MODEL008",
    name="embedding-without-negatives",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="An embedding model trained with no negative-sampling strategy",
    rationale="""
        Two-tower and contrastive embedding models learn by telling positives from negatives. Which
        negatives (random, in-batch, hard, popularity-corrected) shapes the embedding space more
        than the architecture does. State it on the model or on the dataset that trains it.
    """,
    fix="add `negatives: in_batch` (or random, hard…) to the model or its training dataset",
    bad="""
        system search {
          dataset pairs { label: "clicked result" }
          model encoder: two_tower { stage: retrieval }
          pairs -> encoder
        }
    """,
    good="""
        system search {
          dataset pairs { label: "clicked result" negatives: in_batch }
          model encoder: two_tower { stage: retrieval }
          pairs -> encoder
        }
    """,
)
def embedding_without_negatives(context: LintContext) -> Iterator[Finding]:
    learners = [
        m for m in context.trained_models if context.is_embedding_retriever(m) and not m.has("negatives")
    ]
    if not learners:
        return
    with_negatives = context.downstream_of(
        d.name for d in context.of_kind(Kind.DATASET) if d.has("negatives")
    )
    for model in learners:
        if model.name not in with_negatives:
            yield context.at(model, f"embedding model '{model.name}' has no negative-sampling strategy")


@rule(
    code="MODEL009",
    name="vector-db-without-writer",
    step=Step.MODEL,
    severity=Severity.WARNING,
    title="A vector database that no model or indexing job writes to",
    missing=Kind.MODEL,
    rationale="""
        A vector database holds embeddings; something must compute them and keep the index fresh as
        new items arrive — an embedding model, an indexing pipeline or job, or a batch-inference job
        that embeds new items. Without that edge the index is empty or stale.
    """,
    fix="connect the embedding model, indexing job or batch embedding job to the vector DB: `encoder -> "
    "index`",
    bad="""
        system search {
          model encoder: clip { stage: embedding }
          vector_db index: faiss
          serving api: online
          index -> api
        }
    """,
    good="""
        system search {
          model encoder: clip { stage: embedding }
          vector_db index: faiss
          serving api: online
          encoder -> index -> api
        }
    """,
)
def vector_db_without_writer(context: LintContext) -> Iterator[Finding]:
    components = context.spec.components
    for index in context.of_kind(Kind.VECTOR_DB):
        if not any(_writes_embeddings(components[name]) for name in context.spec.predecessors(index.name)):
            yield context.at(index, f"no model or indexing job writes embeddings to '{index.name}'")


def _writes_embeddings(component: Component) -> bool:
    """Models, pipelines and processing jobs write embeddings; so does batch inference."""
    if component.kind in (Kind.MODEL, Kind.PIPELINE, Kind.PROCESSOR):
        return True
    return component.kind is Kind.SERVING and component.serving_mode == ServingMode.BATCH
