"""Component kinds: one record per kind holding every fact about it.

A kind's record says what it is (doc), which attributes it accepts, where it sits in the flow of
an ML system (stage, which also picks its colour) and in the 7-step framework (step), how it is
drawn (a backend-neutral shape family and a generic icon) and where a missing one is wired in
the `--gaps` overlay. Parser, compiler, linter, renderers, exports and the report read these
records and nothing else, so a new kind is one enum member and one record in this file
(a test adds a throwaway kind this way and runs it through every consumer).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType

from mlsd_dsl.model.framework import Stage, Step
from mlsd_dsl.model.schema import (
    BOOL,
    COMMON_ATTRIBUTES,
    DURATION,
    IDENT,
    INTEGER,
    LIST,
    METRIC,
    NUMBER,
    PERCENT,
    RATE,
    REF,
    REQUEST_PATH_ATTRIBUTES,
    SIZE,
    STRING,
    WORDS,
    AttributeSpec,
    BlockAction,
    DatasetPurpose,
    FeatureCompute,
    FeatureDefinition,
    FeatureKnownAt,
    GuardrailCheck,
    GuardrailPosition,
    ImbalanceTreatment,
    LabelSource,
    Modality,
    ModelStage,
    PrivacyTreatment,
    ProcessorMode,
    Provenance,
    Rollout,
    ServingMode,
    SourceType,
    Split,
    VectorMetric,
    VectorPrecision,
    attr,
    table,
)


class Kind(StrEnum):
    CLIENT = "client"
    SOURCE = "source"
    STREAM = "stream"
    STORAGE = "storage"
    PROCESSOR = "processor"
    DATASET = "dataset"
    FEATURE = "feature"
    FEATURE_STORE = "feature_store"
    VECTOR_DB = "vector_db"
    SEARCH_INDEX = "search_index"
    MODEL = "model"
    PROMPT = "prompt"
    PIPELINE = "pipeline"
    REGISTRY = "registry"
    SERVING = "serving"
    SERVICE = "service"
    GUARDRAIL = "guardrail"
    CACHE = "cache"
    MONITOR = "monitor"
    LABELING = "labeling"


class ShapeFamily(StrEnum):
    """How a kind looks, independent of any backend; each backend maps a family to its own shape."""

    ACTOR = "actor"  # someone or something outside the system
    DOCUMENT = "document"  # raw records as they arrive
    QUEUE = "queue"  # messages in flight
    DATABASE = "database"  # data at rest
    JOB = "job"  # a process that transforms data
    HUMAN_TASK = "human_task"  # work done by people
    COLLECTION = "collection"  # a curated set of examples
    FEATURE_TABLE = "feature_table"  # features served to training and serving alike
    VECTOR_INDEX = "vector_index"  # nearest-neighbour lookup
    TEXT_INDEX = "text_index"  # keyword lookup
    MODEL = "model"  # a learned or hand-written function
    WORKFLOW = "workflow"  # orchestrated steps
    CATALOG = "catalog"  # versioned artefacts
    ENDPOINT = "endpoint"  # where predictions are served
    CACHE = "cache"  # a short-lived copy
    WATCHER = "watcher"  # something that observes and alerts
    GATE = "gate"  # a filter that lets a request or an answer through, or stops it


@dataclass(frozen=True)
class GhostWiring:
    """Where a missing component of this kind would sit in the `--gaps` overlay: the kinds it
    receives from and the kinds it feeds, in preference order (the first kind present is linked)."""

    receives_from: tuple[Kind, ...] = ()
    feeds: tuple[Kind, ...] = ()


@dataclass(frozen=True)
class KindInfo:
    """Every fact about one component kind."""

    kind: Kind
    doc: str
    stage: Stage
    step: Step
    shape: ShapeFamily
    icon: str  # drawn when the tech has none: "mlsd:<glyph>", an mlsd icon file or diagrams' "module:Class"
    ghost: GhostWiring
    own_attributes: Mapping[str, AttributeSpec]
    request_path: bool = False  # can answer calls while a request waits: takes latency and capacity
    computed_by: Kind | None = None  # its tech names what computes it, a technology of this kind

    @cached_property
    def attributes(self) -> Mapping[str, AttributeSpec]:
        """The kind's own attributes (in their order, which the formatter follows), then latency and
        capacity when it can sit on the request path, then the ones every kind accepts."""
        on_path = REQUEST_PATH_ATTRIBUTES if self.request_path else {}
        added = {name: spec for name, spec in on_path.items() if name not in self.own_attributes}
        return {**self.own_attributes, **added, **COMMON_ATTRIBUTES}


K = Kind

_RECORDS: tuple[KindInfo, ...] = (
    KindInfo(
        K.CLIENT,
        doc="who or what calls the system: apps, users, upstream services",
        stage=Stage.CLIENTS,
        step=Step.SERVING,
        shape=ShapeFamily.ACTOR,
        icon="mlsd:client",
        ghost=GhostWiring(receives_from=(), feeds=(K.SERVING,)),
        own_attributes=table(
            attr("users", NUMBER, doc="how many users call through this client"),
            attr("platform", *WORDS, LIST, items=WORDS, doc="web, ios, android, backend…"),
        ),
    ),
    KindInfo(
        K.SOURCE,
        doc="where raw data comes from: event logs, databases, crawls, uploads",
        stage=Stage.DATA,
        step=Step.DATA,
        shape=ShapeFamily.DOCUMENT,
        icon="mlsd:source",
        ghost=GhostWiring(receives_from=(), feeds=(K.STREAM, K.STORAGE, K.PROCESSOR, K.DATASET)),
        own_attributes=table(
            attr(
                "type", IDENT, choices=tuple(SourceType), doc="what the source holds; events are time-ordered"
            ),
            attr("volume", RATE, NUMBER, SIZE, STRING, doc="how much data arrives, e.g. 10B/day"),
            attr("schema", STRING, IDENT, doc="the schema or contract of the data"),
            attr("pii", BOOL, doc="whether the data holds personal information"),
            attr("retention", DURATION, doc="how long the data is kept"),
            attr(
                "permissions",
                BOOL,
                STRING,
                doc="whether records carry per-user access rights (document ACLs) that readers must honour",
            ),
        ),
    ),
    KindInfo(
        K.STREAM,
        doc="a message bus or event stream such as Kafka or Kinesis",
        stage=Stage.DATA,
        step=Step.DATA,
        shape=ShapeFamily.QUEUE,
        icon="mlsd:stream",
        ghost=GhostWiring(receives_from=(K.SOURCE,), feeds=(K.PROCESSOR, K.STORAGE)),
        own_attributes=table(
            attr("throughput", RATE, NUMBER, STRING, doc="messages per unit of time"),
            attr("retention", DURATION, doc="how long messages are kept"),
            attr("partitions", INTEGER, doc="number of partitions"),
            attr("schema", STRING, IDENT, doc="the message schema"),
            attr("pii", BOOL, doc="whether messages hold personal information"),
            attr("encryption", BOOL, *WORDS, doc="encryption in transit and at rest, e.g. tls or kms"),
        ),
    ),
    KindInfo(
        K.STORAGE,
        doc="a data lake, warehouse, object store or database",
        stage=Stage.DATA,
        step=Step.DATA,
        shape=ShapeFamily.DATABASE,
        icon="mlsd:storage",
        ghost=GhostWiring(receives_from=(K.STREAM, K.SOURCE), feeds=(K.PROCESSOR, K.DATASET)),
        own_attributes=table(
            attr("format", *WORDS, doc="parquet, delta, iceberg, csv…"),
            attr("size", SIZE, NUMBER, doc="how much data it holds"),
            attr("retention", DURATION, doc="how long data is kept"),
            attr("pii", BOOL, doc="whether it stores personal information"),
            attr("encryption", BOOL, *WORDS, doc="encryption at rest, e.g. true, kms or sse"),
            attr(
                "permissions",
                BOOL,
                STRING,
                doc="whether records carry per-user access rights (document ACLs) that readers must honour",
            ),
        ),
    ),
    KindInfo(
        K.PROCESSOR,
        doc="a batch or streaming job that transforms data (Spark, Flink, Beam)",
        stage=Stage.DATA,
        step=Step.DATA,
        shape=ShapeFamily.JOB,
        icon="mlsd:processor",
        ghost=GhostWiring(receives_from=(K.STORAGE, K.STREAM, K.SOURCE), feeds=(K.DATASET, K.FEATURE_STORE)),
        own_attributes=table(
            attr("mode", IDENT, choices=tuple(ProcessorMode), doc="batch or streaming processing"),
            attr("schedule", DURATION, *WORDS, doc="how often a batch job runs"),
            attr("validation", BOOL, STRING, doc="whether the job validates its input data"),
            attr(
                "privacy",
                IDENT,
                LIST,
                choices=tuple(PrivacyTreatment),
                items=(IDENT,),
                doc="what it does to personal data: redact, hash, aggregate, anonymize, delete…",
            ),
        ),
    ),
    KindInfo(
        K.DATASET,
        doc="a training or evaluation dataset: its label, split and class balance",
        stage=Stage.FEATURES,
        step=Step.DATA,
        shape=ShapeFamily.COLLECTION,
        icon="mlsd:dataset",
        ghost=GhostWiring(
            receives_from=(K.LABELING, K.PROCESSOR, K.STORAGE, K.SOURCE), feeds=(K.PIPELINE, K.MODEL)
        ),
        own_attributes=table(
            attr("label", STRING, doc='the label definition, e.g. "watched > 50%"'),
            attr(
                "purpose",
                IDENT,
                choices=tuple(DatasetPurpose),
                doc="training (the default) or evaluation: held out, measured on its natural distribution",
            ),
            attr("label_source", IDENT, choices=tuple(LabelSource), doc="where labels come from"),
            attr("label_delay", DURATION, doc="how long after a prediction its label is known, e.g. 90d"),
            attr("split", IDENT, choices=tuple(Split), doc="how train/validation/test are split"),
            attr("positive_rate", PERCENT, doc="share of positive examples"),
            attr("imbalance", IDENT, choices=tuple(ImbalanceTreatment), doc="class-imbalance treatment"),
            attr("negatives", *WORDS, doc="negative sampling: random, hard, in_batch…"),
            attr("size", NUMBER, SIZE, doc="number of examples or bytes"),
            attr("snapshot", *WORDS, BOOL, doc="pinned data snapshot or version for reproducibility"),
            attr("window", DURATION, doc="time span of data used for training"),
            attr("features", LIST, items=(REF, IDENT, STRING), doc="features used"),
            attr("augmentation", *WORDS, LIST, items=WORDS, doc="data augmentation applied"),
            attr("point_in_time", BOOL, doc="features are joined as of each label's time, not as of today"),
            attr("pii", BOOL, doc="whether examples hold personal information"),
            attr("retention", DURATION, doc="how long the dataset is kept"),
        ),
    ),
    KindInfo(
        K.FEATURE,
        doc="a feature or feature group: how, when and from what it is computed",
        stage=Stage.FEATURES,
        step=Step.DATA,
        shape=ShapeFamily.FEATURE_TABLE,
        icon="mlsd:feature",
        ghost=GhostWiring(
            receives_from=(K.PROCESSOR, K.STREAM, K.SOURCE), feeds=(K.FEATURE_STORE, K.DATASET, K.MODEL)
        ),
        own_attributes=table(
            attr("compute", IDENT, choices=tuple(FeatureCompute), doc="batch, streaming or on_request"),
            attr(
                "definition",
                IDENT,
                choices=tuple(FeatureDefinition),
                doc="one definition for training and serving (shared) or two (separate)",
            ),
            attr(
                "known_at",
                IDENT,
                choices=tuple(FeatureKnownAt),
                doc="prediction, or outcome when it is only known after what is predicted",
            ),
            attr("window", DURATION, doc="the time window it aggregates over"),
            attr("freshness", DURATION, doc="how stale it may be when read"),
            attr("entity", *WORDS, doc="what it describes: user, item, session…"),
            attr("pii", BOOL, doc="whether it holds personal information"),
        ),
        computed_by=K.PROCESSOR,
    ),
    KindInfo(
        K.FEATURE_STORE,
        doc="a feature store serving the same features to training and serving",
        stage=Stage.FEATURES,
        step=Step.DATA,
        shape=ShapeFamily.FEATURE_TABLE,
        icon="mlsd:feature_store",
        ghost=GhostWiring(receives_from=(K.PROCESSOR, K.STREAM, K.STORAGE), feeds=(K.SERVING, K.MODEL)),
        own_attributes=table(
            attr("online", *WORDS, doc="the online store technology, e.g. redis"),
            attr("offline", *WORDS, doc="the offline store technology, e.g. s3 or bigquery"),
            attr("features", LIST, items=(IDENT, STRING), doc="feature groups it serves"),
            attr("entities", NUMBER, doc="entities with a row online: users, items, users + items…"),
            attr("feature_count", INTEGER, doc="feature values stored online per entity"),
            attr("ttl", DURATION, doc="how long online features stay valid"),
            attr("freshness", DURATION, doc="how stale a served feature may be"),
            attr("streaming", BOOL, doc="whether streaming features are computed"),
            attr("pii", BOOL, doc="whether features hold personal information"),
            attr("encryption", BOOL, *WORDS, doc="encryption at rest"),
            attr("retention", DURATION, doc="how long feature values are kept"),
        ),
        request_path=True,
    ),
    KindInfo(
        K.VECTOR_DB,
        doc="an approximate-nearest-neighbour index over embeddings",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.VECTOR_INDEX,
        icon="mlsd:vector_db",
        ghost=GhostWiring(receives_from=(K.MODEL,), feeds=(K.SERVING,)),
        own_attributes=table(
            attr("index", *WORDS, doc="hnsw, ivf, ivfpq, pq, flat, scann…"),
            attr("dim", INTEGER, doc="embedding dimension"),
            attr("metric", IDENT, choices=tuple(VectorMetric), doc="similarity metric"),
            attr("size", NUMBER, SIZE, doc="number of vectors or bytes"),
            attr(
                "precision",
                IDENT,
                choices=tuple(VectorPrecision),
                doc="how vector components are stored: fp32 (4 B), fp16/bf16 (2 B) or int8 (1 B)",
            ),
            attr("hnsw_m", INTEGER, doc="links per node of an HNSW index (M)"),
            attr("pq_bytes", INTEGER, doc="bytes of one product-quantisation code, for ivfpq and pq"),
            attr("ivf_lists", INTEGER, doc="inverted lists (nlist) of an ivf or ivfpq index"),
            attr("node_memory", SIZE, doc="memory of one index node, to count shards"),
            attr("shards", INTEGER, doc="number of shards the index is split into"),
            attr("refresh", DURATION, *WORDS, doc="how often the index is rebuilt or updated"),
            attr("pii", BOOL, doc="whether indexed content holds personal information"),
            attr("encryption", BOOL, *WORDS, doc="encryption at rest"),
            attr("chunk_size", INTEGER, doc="tokens per indexed chunk, for retrieval-augmented generation"),
            attr("chunk_overlap", INTEGER, doc="tokens shared by neighbouring chunks"),
            attr(
                "acl",
                BOOL,
                STRING,
                doc="whether a query only returns what the caller may read (permission filtering)",
            ),
        ),
        request_path=True,
    ),
    KindInfo(
        K.SEARCH_INDEX,
        doc="an inverted (text) index such as Elasticsearch",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.TEXT_INDEX,
        icon="mlsd:search_index",
        ghost=GhostWiring(receives_from=(K.STORAGE, K.PROCESSOR), feeds=(K.SERVING,)),
        own_attributes=table(
            attr("fields", LIST, items=WORDS, doc="indexed fields"),
            attr("refresh", DURATION, *WORDS, doc="how often the index is updated"),
            attr("size", NUMBER, SIZE, doc="number of documents or bytes"),
            attr("pii", BOOL, doc="whether indexed documents hold personal information"),
            attr("chunk_size", INTEGER, doc="tokens per indexed chunk, for retrieval-augmented generation"),
            attr("chunk_overlap", INTEGER, doc="tokens shared by neighbouring chunks"),
            attr(
                "acl",
                BOOL,
                STRING,
                doc="whether a query only returns what the caller may read (permission filtering)",
            ),
        ),
        request_path=True,
    ),
    KindInfo(
        K.MODEL,
        doc="a model: a heuristic baseline, a classical model or a deep network",
        stage=Stage.TRAINING,
        step=Step.MODEL,
        shape=ShapeFamily.MODEL,
        icon="mlsd:model",
        ghost=GhostWiring(receives_from=(K.DATASET, K.PIPELINE), feeds=(K.SERVING, K.REGISTRY)),
        own_attributes=table(
            attr("baseline", BOOL, doc="true for the simple model every other model must beat"),
            attr("stage", IDENT, choices=tuple(ModelStage), doc="the model's role in the system"),
            attr("loss", *WORDS, doc="training loss, e.g. cross_entropy, focal, softmax"),
            attr("objective", STRING, doc="what the model predicts"),
            attr("features", LIST, items=(REF, IDENT, STRING), doc="input features"),
            attr("heads", LIST, items=WORDS, doc="task heads of a multi-task model"),
            attr("calibration", *WORDS, doc="platt, isotonic…"),
            attr("negatives", *WORDS, doc="negative sampling for embedding/two-tower training"),
            attr("params", NUMBER, doc="number of parameters"),
            attr("compression", *WORDS, LIST, items=WORDS, doc="distillation, quantization, pruning"),
            attr("retrain", DURATION, *WORDS, doc="retraining cadence, e.g. 1d or continuous"),
            attr("cold_start", STRING, IDENT, doc="how new users or items are handled"),
            attr("embedding_dim", INTEGER, doc="size of the embedding the model produces"),
            attr("hardware", *WORDS, doc="cpu, gpu, tpu"),
            attr(
                "provenance",
                IDENT,
                choices=tuple(Provenance),
                doc="trained here (default), fine_tuned from a base, pretrained and frozen, or vendor",
            ),
            attr("base", *WORDS, doc="the pretrained checkpoint it starts from or is, e.g. bert-base"),
            attr("provider", *WORDS, doc="who hosts a vendor model, e.g. openai"),
            attr("version", *WORDS, NUMBER, doc="the pinned model version, e.g. gpt-4o-2024-08-06"),
            attr("fallback", REF, STRING, doc="what answers when this model is unavailable"),
            attr("modality", IDENT, choices=tuple(Modality), doc="what a generative model produces"),
            attr("context_window", NUMBER, doc="the most tokens a prompt and its answer may hold"),
            attr("tokens_in", NUMBER, doc="prompt tokens per request: instructions, context, question"),
            attr("tokens_out", NUMBER, doc="generated tokens per request"),
            attr("ttft_p99", DURATION, doc="99th-percentile time to the first generated token"),
            attr("tokens_per_s", NUMBER, RATE, doc="tokens generated per second per stream once it starts"),
            attr(
                "gpu_tokens_per_s",
                NUMBER,
                RATE,
                doc="tokens per second one GPU generates over all the streams it batches (self-hosted)",
            ),
            attr("cost_per_1k_tokens", NUMBER, STRING, doc='price per 1,000 tokens: "$0.0025 in, $0.01 out"'),
            attr("cost_per_request", NUMBER, STRING, doc="price of one call: an image, a clip, an answer"),
            attr("rate_limit", RATE, NUMBER, STRING, doc="the provider's quota, e.g. 10k/min"),
        ),
        request_path=True,
    ),
    KindInfo(
        K.PROMPT,
        doc="a versioned prompt template: its instructions, examples and output format",
        stage=Stage.REGISTRY,
        step=Step.MODEL,
        shape=ShapeFamily.DOCUMENT,
        icon="genai/prompt.png",
        ghost=GhostWiring(receives_from=(), feeds=(K.SERVICE, K.SERVING, K.MODEL)),
        own_attributes=table(
            attr("version", *WORDS, NUMBER, doc="the version callers pin, e.g. v12 or a commit"),
            attr("store", *WORDS, doc="where templates live and are versioned: git, a prompt registry…"),
            attr(
                "eval_set",
                REF,
                STRING,
                doc="the dataset or test suite a changed prompt must pass before it ships",
            ),
            attr(
                "rollout", IDENT, LIST, choices=tuple(Rollout), items=(IDENT,), doc="how a new version ships"
            ),
            attr("few_shot", INTEGER, doc="number of worked examples in the prompt"),
            attr("output_schema", *WORDS, doc="the format answers must follow, e.g. json or a schema name"),
            attr("tokens", NUMBER, doc="tokens the template adds to every request"),
        ),
    ),
    KindInfo(
        K.PIPELINE,
        doc="a training or orchestration pipeline (Airflow, Kubeflow, Dagster)",
        stage=Stage.TRAINING,
        step=Step.MODEL,
        shape=ShapeFamily.WORKFLOW,
        icon="mlsd:pipeline",
        ghost=GhostWiring(receives_from=(K.DATASET, K.FEATURE_STORE), feeds=(K.MODEL, K.REGISTRY)),
        own_attributes=table(
            attr("schedule", DURATION, *WORDS, doc="daily, hourly, 1d, continuous…"),
            attr("trigger", IDENT, LIST, items=(IDENT,), doc="schedule, drift, data, manual"),
            attr("validation", BOOL, STRING, doc="a validation gate before a model is promoted"),
            attr("hardware", *WORDS, doc="cpu, gpu, tpu"),
        ),
    ),
    KindInfo(
        K.REGISTRY,
        doc="a model registry that versions and promotes models",
        stage=Stage.REGISTRY,
        step=Step.SERVING,
        shape=ShapeFamily.CATALOG,
        icon="mlsd:registry",
        ghost=GhostWiring(receives_from=(K.PIPELINE, K.MODEL), feeds=(K.SERVING,)),
        own_attributes=table(
            attr("versioning", BOOL, doc="whether models are versioned"),
            attr("approval", BOOL, STRING, doc="a promotion approval step"),
        ),
    ),
    KindInfo(
        K.SERVING,
        doc="how predictions reach users: an online endpoint or a batch job",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.ENDPOINT,
        icon="mlsd:serving",
        ghost=GhostWiring(receives_from=(K.REGISTRY, K.MODEL), feeds=(K.CLIENT,)),
        own_attributes=table(
            attr("mode", IDENT, choices=tuple(ServingMode), doc="online, batch, streaming or on_device"),
            attr("latency_p99", DURATION, doc="99th-percentile latency budget of the whole request"),
            attr("latency_p50", DURATION, doc="median latency budget of the whole request"),
            attr("qps", NUMBER, RATE, doc="queries per second it must sustain"),
            attr("fallback", REF, STRING, doc="what answers when the model or a feature is unavailable"),
            attr(
                "rollout", IDENT, LIST, choices=tuple(Rollout), items=(IDENT,), doc="canary, shadow, ab_test…"
            ),
            attr("rollback", BOOL, STRING, doc="how a bad model is rolled back"),
            attr("cache", REF, BOOL, doc="a cache in front of the model"),
            attr("schedule", DURATION, *WORDS, doc="how often a batch job runs"),
            attr("autoscale", BOOL, doc="whether replicas scale with load"),
            attr("hardware", *WORDS, doc="cpu, gpu, tpu"),
            attr("cold_start", STRING, IDENT, doc="what new users or items are shown"),
            attr(
                "streaming", BOOL, doc="whether generated output is streamed to the client as it is written"
            ),
            attr("batching", *WORDS, doc="how requests share accelerators: continuous batching, KV cache…"),
            attr("citations", BOOL, STRING, doc="whether generated answers cite the sources they used"),
        ),
        request_path=True,
    ),
    KindInfo(
        K.SERVICE,
        doc="a service called on the request path: a gateway, a rules engine, a third-party API",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.ENDPOINT,
        icon="mlsd:service",
        ghost=GhostWiring(receives_from=(K.SERVING, K.CLIENT), feeds=(K.SERVING,)),
        own_attributes=table(
            attr("provider", *WORDS, doc="who runs it, when it is a third party"),
            attr("availability", PERCENT, doc="its availability target or SLA, e.g. 99.9%"),
            attr("fallback", REF, STRING, doc="what answers when it is unavailable"),
            attr("pii", BOOL, doc="whether personal data is sent to it"),
            attr("routes", LIST, items=(REF,), doc="the models a router or gateway chooses among"),
            attr("routing", STRING, doc='how it chooses, e.g. "small model first, escalate when unsure"'),
        ),
        request_path=True,
    ),
    KindInfo(
        K.GUARDRAIL,
        doc="a filter on a generator's input or output: prompt injection, PII, toxicity, groundedness",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.GATE,
        icon="genai/guardrail.png",
        ghost=GhostWiring(receives_from=(K.CLIENT, K.SERVING), feeds=(K.SERVING, K.MODEL)),
        own_attributes=table(
            attr(
                "position",
                IDENT,
                LIST,
                choices=tuple(GuardrailPosition),
                items=(IDENT,),
                doc="input (before the model) or output (before the user), or both",
            ),
            attr(
                "checks",
                IDENT,
                LIST,
                choices=tuple(GuardrailCheck),
                items=(IDENT,),
                doc="what it looks for: prompt_injection, jailbreak, pii, toxicity, groundedness…",
            ),
            attr("on_block", IDENT, choices=tuple(BlockAction), doc="what happens when it blocks"),
            attr("threshold", NUMBER, PERCENT, STRING, doc="the score above which it blocks"),
        ),
        request_path=True,
    ),
    KindInfo(
        K.CACHE,
        doc="a cache in front of a model or a feature lookup",
        stage=Stage.SERVING,
        step=Step.SERVING,
        shape=ShapeFamily.CACHE,
        icon="mlsd:cache",
        ghost=GhostWiring(receives_from=(K.SERVING,), feeds=()),
        own_attributes=table(
            attr("ttl", DURATION, doc="how long entries live"),
            attr("hit_rate", PERCENT, doc="expected hit rate"),
            attr("size", SIZE, NUMBER, doc="capacity"),
            attr("semantic", BOOL, doc="whether entries match by embedding similarity, not by exact key"),
            attr("similarity", NUMBER, doc="the similarity above which a semantic cache answers"),
        ),
        request_path=True,
    ),
    KindInfo(
        K.MONITOR,
        doc="monitoring of data, features, predictions and service health",
        stage=Stage.MONITORING,
        step=Step.MONITORING,
        shape=ShapeFamily.WATCHER,
        icon="mlsd:monitor",
        ghost=GhostWiring(receives_from=(K.SERVING, K.MODEL), feeds=()),
        own_attributes=table(
            attr(
                "watches",
                LIST,
                items=(IDENT, REF, STRING),
                doc="features, predictions, latency, data_quality, performance…",
            ),
            attr("drift", BOOL, *WORDS, doc="drift detection method, e.g. psi or ks"),
            attr("alerts", *WORDS, LIST, items=WORDS, doc="where alerts go, e.g. pagerduty"),
            attr("retrain_trigger", *WORDS, doc="what triggers retraining, e.g. drift"),
            attr("metrics", LIST, items=(IDENT, METRIC, STRING), doc="metrics tracked in production"),
            attr("schedule", DURATION, *WORDS, doc="how often checks run"),
            attr("threshold", NUMBER, PERCENT, STRING, doc="alerting threshold"),
        ),
    ),
    KindInfo(
        K.LABELING,
        doc="human labelling or review: annotation queues, moderators",
        stage=Stage.DATA,
        step=Step.DATA,
        shape=ShapeFamily.HUMAN_TASK,
        icon="mlsd:labeling",
        ghost=GhostWiring(receives_from=(K.SERVING, K.SOURCE, K.STORAGE), feeds=(K.DATASET,)),
        own_attributes=table(
            attr("throughput", RATE, NUMBER, doc="labels per unit of time"),
            attr("sla", DURATION, doc="time to a label or a review decision"),
            attr("labelers", NUMBER, STRING, doc="who labels: number of reviewers, vendor"),
        ),
    ),
)


def _by_kind(records: tuple[KindInfo, ...]) -> Mapping[Kind, KindInfo]:
    by_kind = {record.kind: record for record in records}
    missing = [kind.value for kind in Kind if kind not in by_kind]
    if missing or len(by_kind) != len(records):
        raise RuntimeError(
            f"every kind needs exactly one record in mlsd_dsl/model/kinds.py; missing: {missing}"
        )
    return MappingProxyType({kind: by_kind[kind] for kind in Kind})


KINDS: Mapping[Kind, KindInfo] = _by_kind(_RECORDS)


def attributes_for_kind(kind: Kind) -> Mapping[str, AttributeSpec]:
    return KINDS[kind].attributes


KIND_WORDS: frozenset[str] = frozenset(Kind)
