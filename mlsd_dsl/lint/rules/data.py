"""Step 3 — data preparation: sources, datasets, labels, splits, imbalance, feature stores."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import FEEDBACK_AND_FLOW, LintContext
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.analyses import cadence_ms, chain, show_ms
from mlsd_dsl.model.framework import Step
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import (
    DatasetPurpose,
    EdgeType,
    FeatureDefinition,
    FeatureKnownAt,
    LabelSource,
    ModelStage,
    ProcessorMode,
    ServingMode,
    SourceType,
    Split,
    Task,
)
from mlsd_dsl.model.spec import Component, Edge
from mlsd_dsl.model.values import DurationValue, PercentValue

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
        Data is time-ordered when it comes from a stream or a streaming technology (Kafka, Kinesis,
        Pub/Sub…) even if the source does not say `type: events`, from a streaming job, or from
        what serving logs back. A forecast is tested on the periods after its training data, so a
        forecasting task splits by time, not by store, group or user.
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
    forecasting = context.task == Task.FORECASTING
    randomly_split = [
        d
        for d in context.of_kind(Kind.DATASET)
        if d.word("split") == Split.RANDOM or (forecasting and d.word("split") not in (None, Split.TIME))
    ]
    if not randomly_split:
        return
    origins = _time_ordered_origins(context)
    reached = context.reach(origins, types=FEEDBACK_AND_FLOW)
    for dataset in randomly_split:
        if dataset.name in reached:
            origin = chain(reached, dataset.name)[0]
            how = "at random" if dataset.word("split") == Split.RANDOM else f"by {dataset.word('split')}"
            yield context.at(
                dataset,
                f"'{dataset.name}' is built from time-ordered data ({origins[origin]} '{origin}') "
                f"but split {how}",
                key="split",
            )


def _time_ordered_origins(context: LintContext) -> dict[str, str]:
    """Components whose records arrive in time order, with why: streams, event and log sources,
    sources on a streaming technology (Kafka, Kinesis, Pub/Sub…), streaming jobs, logged feedback."""
    origins: dict[str, str] = {}
    for edge in context.spec.edges_of_type(EdgeType.LOG):
        origins[edge.target] = f"logged by '{edge.source}' into"
    for processor in context.of_kind(Kind.PROCESSOR):
        if processor.word("mode") == ProcessorMode.STREAMING:
            origins[processor.name] = "the streaming job"
    for source in context.of_kind(Kind.SOURCE):
        kind_of_data = source.word("type")
        technology = context.technology(source)
        if kind_of_data in TIME_ORDERED_SOURCE_TYPES:
            origins[source.name] = f"the {kind_of_data} source"
        elif kind_of_data in (None, SourceType.API) and technology and technology.can_play(Kind.STREAM):
            origins[source.name] = f"the {technology.title} stream"
    for stream in context.of_kind(Kind.STREAM):
        origins[stream.name] = "the stream"
    return origins


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
        upsample positives, SMOTE, class weights or a focal loss — on the dataset, or on the model
        it trains (`loss: focal`, a class-weighted loss). An evaluation set (`purpose: evaluation`)
        keeps its natural distribution, so metrics and thresholds measured on it hold in production.
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
    untreated = [
        d
        for d in context.imbalanced_datasets
        if d.word("imbalance") in (None, "none") and d.word("purpose") != DatasetPurpose.EVALUATION
    ]
    if not untreated:
        return
    treating_models = [m.name for m in context.of_kind(Kind.MODEL) if _treats_imbalance(m)]
    treated_by_model = context.upstream_of(treating_models)
    for dataset in untreated:
        if dataset.name not in treated_by_model:
            rate = dataset.get("positive_rate")
            assert isinstance(rate, PercentValue)
            yield context.at(
                dataset,
                f"'{dataset.name}' has {rate.raw} positives and no imbalance treatment",
                key="positive_rate",
            )


IMBALANCE_AWARE_LOSS = re.compile(r"focal|weight|balanced|class_?weights?", re.IGNORECASE)


def _treats_imbalance(model: Component) -> bool:
    """A loss that treats imbalance on the model: focal loss, class or sample weights."""
    loss = model.word("loss")
    return loss is not None and IMBALANCE_AWARE_LOSS.search(loss) is not None


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
    reads: dict[str, list[str]] = {}
    for edge in context.spec.edges:
        if edge.type in (EdgeType.READ, EdgeType.DATA) and components[edge.source].kind in RAW_DATA_KINDS:
            reads.setdefault(edge.target, []).append(edge.source)
    for serving in context.online_servings:
        raw = reads.get(serving.name, [])
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
        training/serving skew, the bug offline metrics cannot see. "Log and wait" is the other cure:
        serving logs the exact features it used (`api -log-> feature_log`) and training reads that
        log; then the store feeds training through serving's log.
    """,
    fix="connect the feature store to the dataset or training pipeline, or log served features for training",
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
    feeds_learning = context.feeds_learning
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


FEATURE_KINDS = (Kind.FEATURE, Kind.FEATURE_STORE)
WINDOW_TOLERANCE = 0.1  # a feature aggregated over a window may lag by a tenth of it


@rule(
    code="DATA012",
    name="freshness-not-met",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Features or predictions staler than required",
    rationale="""
        A feature is only as fresh as the job that computes it: a feature store filled by a daily
        batch job serves values up to a day old, however fresh the requirement or the store's own
        `freshness` says. A feature or store's `freshness` must be backed by its fastest producer
        (a streaming job, a stream, a batch schedule), and what serving reads must be as fresh as
        the requirements' `freshness` — or, for a feature aggregated over a long `window`, lag by no
        more than a tenth of it (a 90-day merchant risk may be a day old, a 1-hour velocity may
        not). A feature with neither a `freshness` nor a `window` (a static attribute, a calendar)
        is taken to change slowly; a feature store is held to the requirement. Batch predictions
        likewise age with their schedule.
    """,
    fix="compute the feature in a streaming job (or on request), run the batch job more often, or "
    "relax the freshness",
    bad="""
        system recs {
          requirements { freshness: 5min }
          processor etl: spark { mode: batch schedule: daily }
          feature_store features: feast { online: redis }
          serving api: online
          etl -> features -read-> api
        }
    """,
    good="""
        system recs {
          requirements { freshness: 5min }
          processor etl: spark { mode: batch schedule: daily }
          processor live: flink { mode: streaming }
          feature_store features: feast { online: redis }
          serving api: online
          etl, live -> features -read-> api
        }
    """,
)
def freshness_not_met(context: LintContext) -> Iterator[Finding]:
    required = context.requirements.get("freshness") if context.requirements else None
    required_ms = required.ms if isinstance(required, DurationValue) else None
    for component in context.of_kind(*FEATURE_KINDS):
        own = component.get("freshness")
        produced = None
        if isinstance(own, DurationValue) or required_ms is not None:
            produced = context.staleness(component.name)
        if isinstance(own, DurationValue) and produced is not None and produced[0] > own.ms:
            every, producer = produced
            yield context.at(
                component,
                f"'{component.name}' promises freshness {own.raw} but its data can be {show_ms(every)} old "
                f"('{producer}' runs every {show_ms(every)}): {show_ms(every)} > {own.raw}",
                key="freshness",
            )
            continue
        if required_ms is None or component.name not in context.feeds_serving:
            continue
        window = component.get("window")
        tolerated = max(
            required_ms, window.ms * WINDOW_TOLERANCE if isinstance(window, DurationValue) else 0.0
        )
        if isinstance(own, DurationValue) and own.ms > tolerated:
            yield context.at(
                component,
                f"'{component.name}' is up to {own.raw} old (its freshness) but the requirements ask for "
                f"{show_ms(required_ms)}: {own.raw} > {show_ms(required_ms)}",
                key="freshness",
            )
        elif _changes_fast(component) and produced is not None and produced[0] > tolerated:
            every, producer = produced
            yield context.at(
                component,
                f"'{component.name}' is served but its data can be {show_ms(every)} old ('{producer}' runs "
                f"every {show_ms(every)}), staler than the required freshness {show_ms(required_ms)}: "
                f"{show_ms(every)} > {show_ms(required_ms)}",
            )
    if required_ms is None:
        return
    for serving in context.of_kind(Kind.SERVING):
        batch_every = (
            cadence_ms(serving.get("schedule")) if serving.serving_mode == ServingMode.BATCH else None
        )
        if batch_every is not None and batch_every > required_ms:
            every = batch_every
            yield context.at(
                serving,
                f"'{serving.name}' precomputes predictions every {show_ms(every)} but the requirements ask "
                f"for freshness {show_ms(required_ms)}: {show_ms(every)} > {show_ms(required_ms)}",
                key="schedule",
            )


def _changes_fast(component: Component) -> bool:
    """A feature store, or a feature aggregated over a window: what the required freshness is about."""
    return component.kind is Kind.FEATURE_STORE or component.has("window")


@rule(
    code="DATA013",
    name="training-serving-skew",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Serving computes features on a different path than training",
    rationale="""
        When the features a model sees online are computed by other code than the features it was
        trained on — a separate definition, or a job or table serving reads that training never
        does — the two drift apart and the model's offline quality never shows online. Share one
        definition (a feature store both sides read), or log what serving used and train on the log.
        Likewise an index searched with queries embedded by another model than the one that built
        it compares vectors from two different spaces.
    """,
    fix="declare `definition: shared` and read the same feature store in training and serving, or log "
    "served features (`api -log-> feature_log`) and train on that log",
    bad="""
        system fraud {
          feature velocity: flink { compute: streaming definition: separate }
          dataset train { label: "chargeback" }
          serving api: online
          velocity -read-> api
          velocity -> train
        }
    """,
    good="""
        system fraud {
          feature velocity: flink { compute: streaming definition: shared }
          dataset train { label: "chargeback" }
          serving api: online
          velocity -read-> api
          velocity -> train
        }
    """,
)
def training_serving_skew(context: LintContext) -> Iterator[Finding]:
    for feature in context.of_kind(Kind.FEATURE):
        if feature.word("definition") == FeatureDefinition.SEPARATE:
            yield context.at(
                feature,
                f"'{feature.name}' is computed by separate code for training and serving",
                key="definition",
            )
    if context.has(Kind.DATASET, Kind.PIPELINE):
        yield from _reads_training_never_does(context)
    yield from _query_embedder_differs(context)


SKEW_PRONE_READS = frozenset({Kind.FEATURE, Kind.PROCESSOR, Kind.STORAGE, Kind.STREAM, Kind.SOURCE})


def _reads_training_never_does(context: LintContext) -> Iterator[Finding]:
    """Serving computes features its own way: training reads declared features (a feature or a
    feature store) but serving reads none of them, only jobs or tables; or serving looks up raw data
    (`-read->`) that training only sees processed into features."""
    components = context.spec.components
    feature_path = context.training_features
    if not feature_path:
        return
    logs_for_training = {
        edge.source
        for edge in context.spec.edges_of_type(EdgeType.LOG)
        if edge.target in context.feeds_learning and context.logs_features(edge)
    }
    inputs: dict[str, list[Edge]] = defaultdict(list)
    for edge in context.spec.edges:
        if edge.type in (EdgeType.READ, EdgeType.DATA) and components[edge.target].kind is Kind.SERVING:
            inputs[edge.target].append(edge)
    for serving in context.of_kind(Kind.SERVING):
        if serving.name in logs_for_training:
            continue
        reads = inputs.get(serving.name, [])
        read_names = {edge.source for edge in reads} | context.calls.below(serving.name)
        raw = [edge for edge in reads if components[edge.source].kind in SKEW_PRONE_READS]
        if not raw:
            continue
        if not read_names & feature_path:
            yield context.at(
                serving,
                f"'{serving.name}' computes its features from '{raw[0].source}', while training reads "
                f"'{sorted(feature_path)[0]}'",
            )
            continue
        for edge in raw:
            if edge.source in feature_path:
                continue
            if (
                edge.typed
                and edge.type is EdgeType.READ
                and context.downstream_of([edge.source]) & feature_path
            ):
                yield context.at(
                    serving,
                    f"'{serving.name}' looks up '{edge.source}' raw at serving time, "
                    "while training sees it only "
                    "processed into features",
                )


def _query_embedder_differs(context: LintContext) -> Iterator[Finding]:
    """Online serving embeds queries with one model and searches an index another model built."""
    components = context.spec.components
    calls = context.calls
    indexes_read = {i.name for i in context.of_kind(Kind.VECTOR_DB) if i.name in calls.callers}
    if not indexes_read:
        return
    embedders = {m.name for m in context.of_kind(Kind.MODEL) if context.produces_embeddings(m)}
    for serving in context.online_servings:
        called = calls.below(serving.name)
        indexes = [name for name in called if name in indexes_read]
        query_embedders = called & embedders
        if not indexes or not query_embedders:
            continue
        for index in sorted(indexes):
            writers = context.embedding_writers(index)
            foreign = sorted(writers - query_embedders)
            shared = sorted(writers & query_embedders)
            if shared and foreign:
                yield context.at(
                    components[index],
                    f"'{index}' mixes vectors from '{foreign[0]}' with those of '{shared[0]}', "
                    f"whose space '{serving.name}' queries",
                )
            elif writers and not writers & query_embedders:
                yield context.at(
                    components[index],
                    f"'{index}' holds vectors from '{sorted(writers)[0]}' "
                    f"but '{serving.name}' embeds queries "
                    f"with '{sorted(query_embedders)[0]}': the two live in different spaces",
                )


@rule(
    code="DATA014",
    name="no-label-arrival",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="A supervised model with no declared way labels arrive",
    missing=Kind.LABELING,
    rationale="""
        A label definition says what a positive is, not how the system learns it. Labels arrive
        from recorded outcomes (a source, or a feedback edge from serving back to the data the
        dataset is built from) or from people (a labelling queue that feeds it), and reach the
        dataset as labels, not folded into features. A dataset that trains a model with neither has
        no labels after
        launch, and the model can never be retrained; `label_source: none` says it needs none.
    """,
    fix="connect where outcomes are recorded (a source, a `labeling` queue, or serving's log: `api -log-> "
    "events`) to the dataset, not only through features",
    bad="""
        system churn {
          dataset train { label: "cancelled within 30 days" split: time }
          model scorer: xgboost
          train -> scorer
        }
    """,
    good="""
        system churn {
          source accounts: postgres
          dataset train { label: "cancelled within 30 days" label_source: natural split: time }
          model scorer: xgboost
          serving crm: batch
          accounts -> train -> scorer -> crm
          crm -log-> accounts : "renewals and cancellations"
        }
    """,
)
def no_label_arrival(context: LintContext) -> Iterator[Finding]:
    if not context.trained_models:
        return
    trains = context.trained_lineage
    for dataset in context.of_kind(Kind.DATASET):
        if dataset.word("label_source") == LabelSource.NONE or dataset.name in context.label_arrival:
            continue
        if any(name in trains for name in context.spec.successors(dataset.name)):
            yield context.at(
                dataset,
                f"nothing brings labels to '{dataset.name}': no source, labelling queue or logged outcome "
                "reaches it except through features",
            )


RANKING_TASKS: frozenset[str] = frozenset({Task.RANKING, Task.RECOMMENDATION})
CLICKS = re.compile(r"\bclick", re.IGNORECASE)
POSITION_BIAS_TREATED = re.compile(
    r"position.{0,12}(bias|feature|aware|correct|weight)|\bposition\b(?!s? ?,|s?\))|"
    r"propensit|\bipw\b|\bips\b|"
    r"debias|unbias|randomi[sz]|shuffl|exploration|counterfactual|interleav|examination",
    re.IGNORECASE,
)


@rule(
    code="DATA015",
    name="click-labels-position-bias",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Click labels for ranking with no position-bias treatment",
    rationale="""
        Users click what is shown first. A ranker trained on clicks learns the old ranking's order
        as much as relevance, and keeps whatever it showed on top. Treat position bias: the shown
        position as a training feature set to a constant at serving, inverse-propensity weights
        from a randomised slice, or interleaving. Checked for ranking and recommendation, where
        shown-but-not-clicked items become negatives.
    """,
    fix='say how: `features: [position]` (fixed at serving), a dataset `description: "IPW from a '
    'randomised 1% slice"`, or a position-debiasing processor',
    bad="""
        system search {
          framing { task: ranking }
          dataset train { label: "clicked result" }
        }
    """,
    good="""
        system search {
          framing { task: ranking }
          dataset train { label: "clicked result" description: "position as a feature, IPW-weighted" }
        }
    """,
)
def click_labels_position_bias(context: LintContext) -> Iterator[Finding]:
    clicked = [d for d in context.of_kind(Kind.DATASET) if CLICKS.search(d.word("label") or "")]
    labels = context.framing.word("labels") if context.framing else None
    framed_by_clicks = bool(labels and CLICKS.search(labels))
    if not clicked and not framed_by_clicks:
        return
    if context.task not in RANKING_TASKS:
        rankers = [m.name for m in context.trained_models if m.word("stage") in RANKER_STAGES]
        trains_ranker = context.upstream_of(rankers, through=(Kind.SERVING, Kind.CLIENT, Kind.MONITOR))
        clicked = [d for d in clicked if d.name in trains_ranker]
        if not clicked:
            return
    if _treats_position_bias(context, clicked):
        return
    if clicked:
        yield context.at(
            clicked[0],
            f"'{clicked[0].name}' learns ranking from clicks with no position-bias treatment",
            "label",
        )
    else:
        assert context.framing is not None
        yield context.at_section(
            context.framing, "ranking labels come from clicks with no position-bias treatment", "labels"
        )


RANKER_STAGES: frozenset[str] = frozenset({ModelStage.RANKING, ModelStage.RE_RANKING})


def _treats_position_bias(context: LintContext, clicked: list[Component]) -> bool:
    """The framing, the click datasets, what feeds them, or a ranking model says how."""
    components = context.spec.components
    names = {d.name for d in clicked}
    names |= {p for d in clicked for p in context.spec.predecessors(d.name)}
    names |= {m.name for m in context.trained_models if m.word("stage") in RANKER_STAGES}
    holders = [components[name] for name in names]
    text = context.text_of(*holders, sections=(context.framing,))
    return POSITION_BIAS_TREATED.search(text) is not None


@rule(
    code="DATA016",
    name="outcome-feature-in-training",
    step=Step.DATA,
    severity=Severity.ERROR,
    title="A feature known only after the outcome feeds training",
    rationale="""
        A feature that is only known after what the model predicts (a refund for a fraud model, the
        delivery time for an ETA model) is the label in disguise. Training on it gives excellent
        offline metrics and a model that cannot work: at prediction time the value does not exist.
    """,
    fix="drop the feature, or replace it with what is known at prediction time (`known_at: prediction`)",
    bad="""
        system fraud {
          feature refunded: spark { known_at: outcome }
          dataset train { label: "chargeback" }
          refunded -> train
        }
    """,
    good="""
        system fraud {
          feature refunded: spark { known_at: outcome }
          feature velocity: flink { known_at: prediction }
          dataset train { label: "chargeback" }
          monitor quality: evidently
          velocity -> train
          refunded -> quality : "label delay tracking"
        }
    """,
)
def outcome_feature_in_training(context: LintContext) -> Iterator[Finding]:
    outcome = [
        f.name for f in context.of_kind(*FEATURE_KINDS) if f.word("known_at") == FeatureKnownAt.OUTCOME
    ]
    if not outcome:
        return
    components = context.spec.components
    referenced = context.referenced_by
    for name in outcome:
        downstream = context.reach([name], types=FLOW_ONLY)
        learners = [other for other in downstream if components[other].kind in LEARNING_KINDS]
        learners += [other for other in referenced.get(name, ()) if components[other].kind in LEARNING_KINDS]
        if learners:
            yield context.at(
                components[name],
                f"'{name}' is only known after the outcome (known_at: outcome) but feeds '{learners[0]}'",
                key="known_at",
            )


FLOW_ONLY = frozenset({EdgeType.DATA})


THIRD_PARTY_KINDS = (Kind.MODEL, Kind.SERVICE)
PERSONAL_DATA_SINKS = {
    Kind.STORAGE: "storage",
    Kind.DATASET: "training set",
    Kind.FEATURE_STORE: "feature store",
    Kind.VECTOR_DB: "index",
    Kind.SEARCH_INDEX: "index",
}


@rule(
    code="DATA017",
    name="personal-data-unprotected",
    step=Step.DATA,
    severity=Severity.WARNING,
    title="Personal data reaches storage, training or a third party unprotected",
    missing=Kind.PROCESSOR,
    rationale="""
        Personal data (`pii: true`) copied into a lake, a training set or an index multiplies what
        must be protected, deleted on request and explained to a regulator; sent to a third-party
        API, or typed by users into a prompt for a vendor's model, it leaves the company. Put a
        redaction, hashing, pseudonymisation, aggregation or anonymisation step on the way
        (`processor scrub { privacy: [redact] }`, or a guardrail that checks for pii), and state the
        privacy requirement for what is kept. A store that says it holds none (`pii: false`) must
        receive none unprotected, and once a design protects a source on one path, every other path
        from it to storage must be protected too. (Data marked personal reaching a vendor model is
        DATA052's finding.)
    """,
    fix="route the data through `processor scrub { privacy: [redact, hash] }`, or state a `privacy` "
    "requirement for personal data kept in-house",
    bad="""
        system support {
          source tickets: postgres { pii: true }
          storage lake: s3
          tickets -> lake
        }
    """,
    good="""
        system support {
          source tickets: postgres { pii: true }
          processor scrub: spark { privacy: [redact] }
          storage lake: s3
          tickets -> scrub -> lake
        }
    """,
)
def personal_data_unprotected(context: LintContext) -> Iterator[Finding]:
    components = context.spec.components
    reached = context.personal_data
    has_privacy = context.requirements is not None and context.requirements.has("privacy")
    for name, came_from in reached.items():
        third_party = context.is_third_party(components[name])
        # a vendor model reached by data marked personal is DATA052's (pii-sent-to-vendor-model)
        if came_from is not None and third_party and components[name].kind is not Kind.MODEL:
            yield context.at(
                components[name],
                f"personal data reaches the third party '{name}' "
                f"({' → '.join(chain(reached, name))}) with no "
                "redaction or anonymisation step",
            )
    bypassing = context.protected_elsewhere if has_privacy else {}
    for name, came_from in reached.items():
        sink = components[name]
        if came_from is None or sink.kind not in PERSONAL_DATA_SINKS or sink.flag("pii"):
            continue
        says_none = sink.has("pii")  # `pii: false`: the design believes nothing personal is kept
        bypassed = bypassing.get(name) is not None
        if has_privacy and not says_none and not bypassed:
            continue  # the privacy requirement covers what the design knowingly keeps
        if not has_privacy:
            why = " and no privacy requirement"
        elif bypassed:
            why = ", bypassing the protection it gets elsewhere"
        else:
            why = ""
        if says_none:
            why += " (and it says it holds none: pii: false)"
        route = " → ".join(chain(reached, name))
        yield context.at(
            sink,
            f"personal data reaches the {PERSONAL_DATA_SINKS[sink.kind]} '{name}' ({route}) "
            f"with no redaction or anonymisation step{why}",
            key="pii",
        )
    prompts = context.user_input_to_vendors
    for name, came_from in prompts.items():
        if (
            came_from is not None
            and context.is_third_party(components[name])
            and components[name].kind is Kind.MODEL
        ):
            if name in reached and reached[name] is not None:
                continue  # reported above
            yield context.at(
                components[name],
                f"what users send reaches the vendor model '{name}' ({' → '.join(chain(prompts, name))}) "
                "with no redaction step on the way",
            )
