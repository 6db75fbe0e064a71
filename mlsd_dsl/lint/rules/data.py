"""Step 3 — data preparation: sources, datasets, labels, splits, imbalance, feature stores."""

from __future__ import annotations

from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import DatasetPurpose, SourceType, Split
from mlsd_dsl.model.values import PercentValue

TIME_ORDERED_SOURCE_TYPES: frozenset[str] = frozenset({SourceType.EVENTS, SourceType.LOGS})
RAW_DATA_KINDS = (Kind.SOURCE, Kind.STREAM, Kind.STORAGE, Kind.PROCESSOR)
LEARNING_KINDS = (Kind.DATASET, Kind.PIPELINE, Kind.MODEL)
PRODUCTION_KINDS = (Kind.SERVING, Kind.CLIENT, Kind.MONITOR)


@rule(
    code="DATA001",
    name="no-data-source",
    step=Step.DATA,
    severity=Severity.ERROR,
    title="The system has no data source",
    missing=Kind.SOURCE,
    rationale="""
        An ML system learns from data and usually logs what it serves back into it. A design that
        names no source, stream or storage cannot say where training examples and features come
        from.
    """,
    fix="declare where data comes from, e.g. `source events: kafka { type: events }`",
    bad="""
        system fraud {
          model scorer: xgboost
        }
    """,
    good="""
        system fraud {
          source payments: postgres { type: table }
          model scorer: xgboost
          payments -> scorer
        }
    """,
)
def no_data_source(context: LintContext) -> Iterator[Finding]:
    if not context.has(Kind.SOURCE, Kind.STREAM, Kind.STORAGE):
        yield context.at_system("the system declares no data source, stream or storage")


@rule(
    code="DATA002",
    name="no-dataset",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Trained models but no dataset",
    missing=Kind.DATASET,
    rationale="""
        A trained model needs a training dataset with a label definition, a split and a known class
        balance. Declaring it makes those decisions visible and checkable.
    """,
    fix='declare `dataset train { label: "..." split: time }` and connect it to training',
    bad="""
        system fraud {
          model scorer: xgboost
        }
    """,
    good="""
        system fraud {
          dataset train { label: "chargeback within 60 days" split: time }
          model scorer: xgboost
          train -> scorer
        }
    """,
)
def no_dataset(context: LintContext) -> Iterator[Finding]:
    if context.trained_models and not context.has(Kind.DATASET):
        yield context.at_system("the system trains models but declares no dataset")


@rule(
    code="DATA003",
    name="random-split-on-time-data",
    step=Step.DATA,
    severity=Severity.ERROR,
    title="A random split on time-ordered data leaks the future",
    applies_to_modules=True,
    rationale="""
        When examples come from events or a stream, a random train/test split puts later events in
        training and earlier ones in test: the model sees the future and offline metrics look far
        better than production. Split by time (train on the past, evaluate on the following period).
    """,
    fix="use `split: time` for datasets built from events, logs or streams",
    bad="""
        system recs {
          source clicks: kafka { type: events }
          dataset train { split: random }
          clicks -> train
        }
    """,
    good="""
        system recs {
          source clicks: kafka { type: events }
          dataset train { split: time }
          clicks -> train
        }
    """,
)
def random_split_on_time_data(context: LintContext) -> Iterator[Finding]:
    randomly_split = [d for d in context.of_kind(Kind.DATASET) if d.word("split") == Split.RANDOM]
    if not randomly_split:
        return
    time_ordered = [c.name for c in context.of_kind(Kind.STREAM)]
    time_ordered += [
        s.name for s in context.of_kind(Kind.SOURCE) if s.word("type") in TIME_ORDERED_SOURCE_TYPES
    ]
    downstream = context.downstream_of(time_ordered)
    for dataset in randomly_split:
        if dataset.name in downstream:
            yield context.at(
                dataset, f"'{dataset.name}' is built from time-ordered data but split at random", key="split"
            )


@rule(
    code="DATA004",
    name="imbalance-untreated",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Rare positives with no imbalance treatment",
    applies_to_modules=True,
    rationale="""
        With fewer than 10% positives a model can score well by predicting the majority class, and
        gradients are dominated by easy negatives. Treat the imbalance: downsample negatives,
        upsample positives, SMOTE, class weights or a focal loss. An evaluation set
        (`purpose: evaluation`) keeps its natural distribution, so metrics and thresholds measured on
        it hold in production.
    """,
    fix="add `imbalance: downsample` (or upsample, smote, class_weights, focal_loss) to the dataset",
    bad="""
        system fraud {
          dataset train { positive_rate: 0.5% }
        }
    """,
    good="""
        system fraud {
          dataset train { positive_rate: 0.5% imbalance: class_weights }
        }
    """,
)
def imbalance_untreated(context: LintContext) -> Iterator[Finding]:
    for dataset in context.imbalanced_datasets:
        if dataset.word("purpose") == DatasetPurpose.EVALUATION:
            continue
        if dataset.word("imbalance") in (None, "none"):
            rate = dataset.get("positive_rate")
            assert isinstance(rate, PercentValue)
            yield context.at(
                dataset,
                f"'{dataset.name}' has {rate.raw} positives and no imbalance treatment",
                key="positive_rate",
            )


@rule(
    code="DATA005",
    name="no-label-definition",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="A dataset without a label definition",
    applies_to_modules=True,
    rationale="""
        "What is a positive?" is the most consequential decision in data preparation: a watch of
        more than half the video, a chargeback within 60 days, a human moderator's decision. Write it
        down. Datasets for self-supervised training say `label_source: none`.
    """,
    fix='add `label: "..."` to the dataset (or `label_source: none` for unlabelled data)',
    bad="""
        system recs {
          dataset train { split: time }
        }
    """,
    good="""
        system recs {
          dataset train { label: "watched > 50%" split: time }
        }
    """,
)
def no_label_definition(context: LintContext) -> Iterator[Finding]:
    for dataset in context.of_kind(Kind.DATASET):
        if not dataset.has("label") and dataset.word("label_source") != "none":
            yield context.at(dataset, f"dataset '{dataset.name}' does not define its label")


@rule(
    code="DATA006",
    name="no-split",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="A dataset without a train/evaluation split",
    applies_to_modules=True,
    rationale="""
        How examples are split into training, validation and test decides whether offline metrics
        can be trusted: by time for events, by user or group to avoid the same user on both sides.
    """,
    fix="add `split: time` (or user, group, stratified, random…) to the dataset",
    bad="""
        system recs {
          dataset train { label: "watched > 50%" }
        }
    """,
    good="""
        system recs {
          dataset train { label: "watched > 50%" split: time }
        }
    """,
)
def no_split(context: LintContext) -> Iterator[Finding]:
    for dataset in context.of_kind(Kind.DATASET):
        if not dataset.has("split"):
            yield context.at(dataset, f"dataset '{dataset.name}' does not say how it is split")


@rule(
    code="DATA007",
    name="online-features-without-feature-store",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Online serving reads features without a feature store",
    missing=Kind.FEATURE_STORE,
    rationale="""
        When an online endpoint reads features straight from raw sources, the features computed for
        training and for serving drift apart (training/serving skew) and lookups are slow. A
        feature store serves the same features offline and online with bounded freshness.
    """,
    fix="declare a `feature_store` with an online store and read serving features from it",
    bad="""
        system recs {
          storage warehouse: bigquery
          serving api: online
          warehouse -> api
        }
    """,
    good="""
        system recs {
          storage warehouse: bigquery
          feature_store features: feast { online: redis offline: bigquery }
          serving api: online
          warehouse -> features -> api
        }
    """,
)
def online_features_without_feature_store(context: LintContext) -> Iterator[Finding]:
    if context.has(Kind.FEATURE_STORE):
        return
    components = context.spec.components
    for serving in context.online_servings:
        raw = [
            name
            for name in context.spec.predecessors(serving.name)
            if components[name].kind in RAW_DATA_KINDS
        ]
        if raw:
            yield context.at(
                serving,
                f"'{serving.name}' serves online and reads features from '{raw[0]}' with no feature store",
            )


@rule(
    code="DATA008",
    name="labels-go-nowhere",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Human labels that never reach a dataset or training",
    rationale="""
        A labelling queue or a review team is expensive. If nothing connects its output to a
        dataset, a pipeline or a model, the labels are never used to train or evaluate anything.
    """,
    fix="connect the labelling component to the dataset or pipeline that uses its labels",
    bad="""
        system moderation {
          labeling reviewers { labelers: 200 }
          dataset train { label: "policy violation" }
          serving api: online
          api -> reviewers
        }
    """,
    good="""
        system moderation {
          labeling reviewers { labelers: 200 }
          dataset train { label: "policy violation" }
          serving api: online
          api -> reviewers -> train
        }
    """,
)
def labels_go_nowhere(context: LintContext) -> Iterator[Finding]:
    labeling = context.of_kind(Kind.LABELING)
    if not labeling:
        return
    feeds_learning = context.upstream_of(context.named(LEARNING_KINDS))
    for component in labeling:
        if component.name not in feeds_learning:
            yield context.at(component, f"labels from '{component.name}' reach no dataset, pipeline or model")


@rule(
    code="DATA009",
    name="feature-store-skips-training",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="A feature store that serves features but never feeds training",
    rationale="""
        A feature store earns its keep by giving training and serving the same feature values. If
        it only feeds serving, training computes its features elsewhere and the two drift apart:
        training/serving skew, the bug offline metrics cannot see.
    """,
    fix="connect the feature store to the dataset or training pipeline too",
    bad="""
        system recs {
          feature_store features: feast
          dataset train { label: "clicked" }
          serving api: online
          features -> api
        }
    """,
    good="""
        system recs {
          feature_store features: feast
          dataset train { label: "clicked" }
          serving api: online
          features -> api
          features -> train
        }
    """,
)
def feature_store_skips_training(context: LintContext) -> Iterator[Finding]:
    stores = context.of_kind(Kind.FEATURE_STORE)
    if not stores or not context.has(*LEARNING_KINDS):
        return
    feeds_learning = context.upstream_of(context.named(LEARNING_KINDS), through=PRODUCTION_KINDS)
    for store in stores:
        if store.name not in feeds_learning and context.spec.successors(store.name):
            yield context.at(store, f"feature store '{store.name}' feeds no dataset, pipeline or model")


@rule(
    code="DATA010",
    name="feature-store-without-online-store",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Online serving reads a feature store that has no online store",
    applies_to_modules=True,
    rationale="""
        An offline store (a warehouse or lake table) answers in seconds, not milliseconds. A feature
        store that feeds online serving needs an online store (Redis, DynamoDB, Bigtable) kept in
        sync with the offline one.
    """,
    fix="add `online: redis` (or dynamodb, bigtable…) to the feature store",
    bad="""
        system recs {
          feature_store features: feast { offline: bigquery }
          serving api: online
          features -> api
        }
    """,
    good="""
        system recs {
          feature_store features: feast { online: redis offline: bigquery }
          serving api: online
          features -> api
        }
    """,
)
def feature_store_without_online_store(context: LintContext) -> Iterator[Finding]:
    components = context.spec.components
    for serving in context.online_servings:
        for name in context.spec.predecessors(serving.name):
            store = components[name]
            if store.kind is Kind.FEATURE_STORE and not store.has("online"):
                yield context.at(
                    store, f"'{serving.name}' serves online from '{name}', which has no online store"
                )


@rule(
    code="DATA011",
    name="unpinned-training-data",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Training data with no pinned snapshot or version",
    rationale="""
        A model can only be reproduced, debugged or rolled back if the exact data it was trained on
        can be found again (ML Test Score, infrastructure 1). A dataset that feeds training should
        name its snapshot or versioning scheme: a dated partition, a table version, a DVC tag.
    """,
    fix='add `snapshot: "..."` to the dataset, e.g. `snapshot: "daily partition, kept 90d"`',
    bad="""
        system recs {
          dataset train { label: "clicked" }
          pipeline training: airflow
          train -> training
        }
    """,
    good="""
        system recs {
          dataset train { label: "clicked"  snapshot: "dated partition per run" }
          pipeline training: airflow
          train -> training
        }
    """,
)
def unpinned_training_data(context: LintContext) -> Iterator[Finding]:
    components = context.spec.components
    trainers = (Kind.PIPELINE, Kind.MODEL)
    for dataset in context.of_kind(Kind.DATASET):
        feeds_training = any(
            components[name].kind in trainers for name in context.spec.successors(dataset.name)
        )
        if feeds_training and not dataset.has("snapshot"):
            yield context.at(dataset, f"'{dataset.name}' feeds training but no `snapshot` pins its version")
