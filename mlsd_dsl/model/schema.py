"""The vocabulary of the language: component kinds, sections and the attributes each accepts.

This is the one place that says which attributes exist, what type their values have and which
words an enumerated attribute accepts. The compiler checks specs against it, the language
reference documents it and the JSON Schema describes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    CLIENT = "client"
    SOURCE = "source"
    STREAM = "stream"
    STORAGE = "storage"
    PROCESSOR = "processor"
    DATASET = "dataset"
    FEATURE_STORE = "feature_store"
    VECTOR_DB = "vector_db"
    SEARCH_INDEX = "search_index"
    MODEL = "model"
    PIPELINE = "pipeline"
    REGISTRY = "registry"
    SERVING = "serving"
    CACHE = "cache"
    MONITOR = "monitor"
    LABELING = "labeling"


KIND_DOCS: dict[Kind, str] = {
    Kind.CLIENT: "who or what calls the system: apps, users, upstream services",
    Kind.SOURCE: "where raw data comes from: event logs, databases, crawls, uploads",
    Kind.STREAM: "a message bus or event stream such as Kafka or Kinesis",
    Kind.STORAGE: "a data lake, warehouse, object store or database",
    Kind.PROCESSOR: "a batch or streaming job that transforms data (Spark, Flink, Beam)",
    Kind.DATASET: "a training or evaluation dataset: its label, split and class balance",
    Kind.FEATURE_STORE: "a feature store serving the same features to training and serving",
    Kind.VECTOR_DB: "an approximate-nearest-neighbour index over embeddings",
    Kind.SEARCH_INDEX: "an inverted (text) index such as Elasticsearch",
    Kind.MODEL: "a model: a heuristic baseline, a classical model or a deep network",
    Kind.PIPELINE: "a training or orchestration pipeline (Airflow, Kubeflow, Dagster)",
    Kind.REGISTRY: "a model registry that versions and promotes models",
    Kind.SERVING: "how predictions reach users: an online endpoint or a batch job",
    Kind.CACHE: "a cache in front of a model or a feature lookup",
    Kind.MONITOR: "monitoring of data, features, predictions and service health",
    Kind.LABELING: "human labelling or review: annotation queues, moderators",
}

STRING = "string"
NUMBER = "number"
INTEGER = "integer"
DURATION = "duration"
PERCENT = "percent"
SIZE = "size"
RATE = "rate"
BOOL = "bool"
IDENT = "ident"
METRIC = "metric"
REF = "ref"
LIST = "list"

TYPE_WORDS: dict[str, str] = {
    STRING: "a string",
    NUMBER: "a number",
    INTEGER: "a whole number",
    DURATION: "a duration such as 150ms",
    PERCENT: "a percentage such as 3%",
    SIZE: "a data size such as 10GB",
    RATE: "a rate such as 100k/s",
    BOOL: "true or false",
    IDENT: "a word",
    METRIC: "a metric name",
    REF: "the name of a component",
    LIST: "a list",
}

TYPE_PLURALS: dict[str, str] = {
    STRING: "strings",
    NUMBER: "numbers",
    INTEGER: "whole numbers",
    DURATION: "durations",
    PERCENT: "percentages",
    SIZE: "data sizes",
    RATE: "rates",
    BOOL: "booleans",
    IDENT: "words",
    METRIC: "metrics",
    REF: "component names",
}


@dataclass(frozen=True)
class AttributeSpec:
    """One attribute: its accepted value types and, for words, the accepted choices."""

    name: str
    types: tuple[str, ...]
    doc: str
    choices: tuple[str, ...] = ()
    item_types: tuple[str, ...] = ()

    def describe_type(self) -> str:
        words = []
        for type_name in self.types:
            if type_name == LIST and self.item_types:
                words.append("a list of " + " or ".join(self._plural(t) for t in self.item_types))
            elif type_name == IDENT and self.choices:
                words.append("one of " + ", ".join(self.choices))
            else:
                words.append(TYPE_WORDS[type_name])
        return " or ".join(words)

    def _plural(self, type_name: str) -> str:
        if type_name == IDENT and self.choices:
            return "words (" + ", ".join(self.choices) + ")"
        return TYPE_PLURALS[type_name]


def attr(name: str, *types: str, doc: str, choices: tuple[str, ...] = (), items: tuple[str, ...] = ()) -> AttributeSpec:
    return AttributeSpec(name=name, types=types, doc=doc, choices=choices, item_types=items)


def _table(*specs: AttributeSpec) -> dict[str, AttributeSpec]:
    return {spec.name: spec for spec in specs}


WORDS = (IDENT, STRING)
TASKS = (
    "classification",
    "binary_classification",
    "multiclass_classification",
    "multilabel_classification",
    "regression",
    "ranking",
    "retrieval",
    "recommendation",
    "detection",
    "segmentation",
    "generation",
    "forecasting",
    "clustering",
    "link_prediction",
    "representation_learning",
    "anomaly_detection",
)
SPLITS = ("random", "time", "user", "group", "stratified", "geo", "session")
IMBALANCE_TREATMENTS = (
    "none",
    "downsample",
    "upsample",
    "smote",
    "class_weights",
    "focal_loss",
    "negative_sampling",
)
LABEL_SOURCES = ("human", "natural", "proxy", "heuristic", "mixed", "none")
SERVING_MODES = ("online", "batch", "streaming", "on_device")
ROLLOUTS = ("canary", "shadow", "ab_test", "blue_green", "interleaving", "bandit", "all_at_once")
MODEL_STAGES = (
    "candidate_generation",
    "retrieval",
    "ranking",
    "re_ranking",
    "scoring",
    "filtering",
    "embedding",
    "classification",
    "detection",
    "generation",
    "regression",
    "forecasting",
)
EXPERIMENTS = ("ab_test", "interleaving", "bandit", "shadow", "switchback", "none")
SOURCE_TYPES = ("events", "table", "files", "images", "video", "text", "graph", "api", "logs")

COMMON_ATTRIBUTES = _table(
    attr("description", STRING, doc="what this component is for"),
    attr("owner", *WORDS, doc="the team or person who owns it"),
)

KIND_ATTRIBUTES: dict[Kind, dict[str, AttributeSpec]] = {
    Kind.CLIENT: _table(
        attr("users", NUMBER, doc="how many users call through this client"),
        attr("platform", *WORDS, LIST, items=WORDS, doc="web, ios, android, backend…"),
    ),
    Kind.SOURCE: _table(
        attr("type", IDENT, choices=SOURCE_TYPES, doc="what the source holds; events are time-ordered"),
        attr("volume", RATE, NUMBER, SIZE, STRING, doc="how much data arrives, e.g. 10B/day"),
        attr("schema", STRING, IDENT, doc="the schema or contract of the data"),
        attr("pii", BOOL, doc="whether the data holds personal information"),
        attr("retention", DURATION, doc="how long the data is kept"),
    ),
    Kind.STREAM: _table(
        attr("throughput", RATE, NUMBER, STRING, doc="messages per unit of time"),
        attr("retention", DURATION, doc="how long messages are kept"),
        attr("partitions", INTEGER, doc="number of partitions"),
        attr("schema", STRING, IDENT, doc="the message schema"),
    ),
    Kind.STORAGE: _table(
        attr("format", *WORDS, doc="parquet, delta, iceberg, csv…"),
        attr("size", SIZE, NUMBER, doc="how much data it holds"),
        attr("retention", DURATION, doc="how long data is kept"),
        attr("pii", BOOL, doc="whether it stores personal information"),
    ),
    Kind.PROCESSOR: _table(
        attr("mode", IDENT, choices=("batch", "streaming"), doc="batch or streaming processing"),
        attr("schedule", DURATION, *WORDS, doc="how often a batch job runs"),
        attr("validation", BOOL, STRING, doc="whether the job validates its input data"),
    ),
    Kind.DATASET: _table(
        attr("label", STRING, doc="the label definition, e.g. \"watched > 50%\""),
        attr("label_source", IDENT, choices=LABEL_SOURCES, doc="where labels come from"),
        attr("split", IDENT, choices=SPLITS, doc="how train/validation/test are split"),
        attr("positive_rate", PERCENT, doc="share of positive examples"),
        attr("imbalance", IDENT, choices=IMBALANCE_TREATMENTS, doc="class-imbalance treatment"),
        attr("negatives", *WORDS, doc="negative sampling: random, hard, in_batch…"),
        attr("size", NUMBER, SIZE, doc="number of examples or bytes"),
        attr("snapshot", *WORDS, BOOL, doc="pinned data snapshot or version for reproducibility"),
        attr("window", DURATION, doc="time span of data used for training"),
        attr("features", LIST, items=(REF, IDENT, STRING), doc="features used"),
        attr("augmentation", *WORDS, LIST, items=WORDS, doc="data augmentation applied"),
    ),
    Kind.FEATURE_STORE: _table(
        attr("online", *WORDS, doc="the online store technology, e.g. redis"),
        attr("offline", *WORDS, doc="the offline store technology, e.g. s3 or bigquery"),
        attr("features", LIST, items=(IDENT, STRING), doc="feature groups it serves"),
        attr("ttl", DURATION, doc="how long online features stay valid"),
        attr("freshness", DURATION, doc="how stale a served feature may be"),
        attr("streaming", BOOL, doc="whether streaming features are computed"),
    ),
    Kind.VECTOR_DB: _table(
        attr("index", *WORDS, doc="hnsw, ivf, ivfpq, pq, flat, scann…"),
        attr("dim", INTEGER, doc="embedding dimension"),
        attr("metric", IDENT, choices=("cosine", "dot", "l2", "ip"), doc="similarity metric"),
        attr("size", NUMBER, SIZE, doc="number of vectors or bytes"),
        attr("refresh", DURATION, *WORDS, doc="how often the index is rebuilt or updated"),
    ),
    Kind.SEARCH_INDEX: _table(
        attr("fields", LIST, items=WORDS, doc="indexed fields"),
        attr("refresh", DURATION, *WORDS, doc="how often the index is updated"),
        attr("size", NUMBER, SIZE, doc="number of documents or bytes"),
    ),
    Kind.MODEL: _table(
        attr("baseline", BOOL, doc="true for the simple model every other model must beat"),
        attr("stage", IDENT, choices=MODEL_STAGES, doc="the model's role in the system"),
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
    ),
    Kind.PIPELINE: _table(
        attr("schedule", DURATION, *WORDS, doc="daily, hourly, 1d, continuous…"),
        attr("trigger", IDENT, LIST, items=(IDENT,), doc="schedule, drift, data, manual"),
        attr("validation", BOOL, STRING, doc="a validation gate before a model is promoted"),
        attr("hardware", *WORDS, doc="cpu, gpu, tpu"),
    ),
    Kind.REGISTRY: _table(
        attr("versioning", BOOL, doc="whether models are versioned"),
        attr("approval", BOOL, STRING, doc="a promotion approval step"),
    ),
    Kind.SERVING: _table(
        attr("mode", IDENT, choices=SERVING_MODES, doc="online, batch, streaming or on_device"),
        attr("latency_p99", DURATION, doc="99th-percentile latency budget"),
        attr("latency_p50", DURATION, doc="median latency budget"),
        attr("qps", NUMBER, RATE, doc="queries per second it must sustain"),
        attr("fallback", REF, STRING, doc="what answers when the model or a feature is unavailable"),
        attr("rollout", IDENT, LIST, choices=ROLLOUTS, items=(IDENT,), doc="canary, shadow, ab_test…"),
        attr("rollback", BOOL, STRING, doc="how a bad model is rolled back"),
        attr("cache", REF, BOOL, doc="a cache in front of the model"),
        attr("schedule", DURATION, *WORDS, doc="how often a batch job runs"),
        attr("replicas", INTEGER, doc="number of serving replicas"),
        attr("autoscale", BOOL, doc="whether replicas scale with load"),
        attr("hardware", *WORDS, doc="cpu, gpu, tpu"),
        attr("timeout", DURATION, doc="request timeout"),
        attr("cold_start", STRING, IDENT, doc="what new users or items are shown"),
    ),
    Kind.CACHE: _table(
        attr("ttl", DURATION, doc="how long entries live"),
        attr("hit_rate", PERCENT, doc="expected hit rate"),
        attr("size", SIZE, NUMBER, doc="capacity"),
    ),
    Kind.MONITOR: _table(
        attr("watches", LIST, items=(IDENT, REF, STRING), doc="features, predictions, latency, data_quality, performance…"),
        attr("drift", BOOL, *WORDS, doc="drift detection method, e.g. psi or ks"),
        attr("alerts", *WORDS, LIST, items=WORDS, doc="where alerts go, e.g. pagerduty"),
        attr("retrain_trigger", *WORDS, doc="what triggers retraining, e.g. drift"),
        attr("metrics", LIST, items=(IDENT, METRIC, STRING), doc="metrics tracked in production"),
        attr("schedule", DURATION, *WORDS, doc="how often checks run"),
        attr("threshold", NUMBER, PERCENT, STRING, doc="alerting threshold"),
    ),
    Kind.LABELING: _table(
        attr("throughput", RATE, NUMBER, doc="labels per unit of time"),
        attr("sla", DURATION, doc="time to a label or a review decision"),
        attr("labelers", NUMBER, STRING, doc="who labels: number of reviewers, vendor"),
    ),
}


class SectionName(StrEnum):
    REQUIREMENTS = "requirements"
    FRAMING = "framing"
    EVALUATION = "evaluation"


SECTION_ATTRIBUTES: dict[SectionName, dict[str, AttributeSpec]] = {
    SectionName.REQUIREMENTS: _table(
        attr("goal", STRING, doc="the business objective"),
        attr("users", NUMBER, doc="number of users (daily or monthly active)"),
        attr("items", NUMBER, doc="catalogue size: videos, listings, ads…"),
        attr("peak_qps", NUMBER, RATE, doc="peak queries per second"),
        attr("qps", NUMBER, RATE, doc="average queries per second"),
        attr("throughput", NUMBER, RATE, SIZE, STRING, doc="batch throughput, e.g. 1M/day"),
        attr("latency_p99", DURATION, doc="99th-percentile latency requirement"),
        attr("latency_p50", DURATION, doc="median latency requirement"),
        attr("freshness", DURATION, doc="how fresh predictions or features must be"),
        attr("availability", PERCENT, doc="availability target, e.g. 99.9%"),
        attr("constraints", LIST, STRING, items=(STRING, IDENT), doc="constraints: privacy, cold start, budget…"),
        attr("privacy", STRING, LIST, items=(STRING, IDENT), doc="privacy controls for personal data"),
        attr("budget", STRING, doc="cost budget"),
        attr("data_size", SIZE, NUMBER, doc="how much data the system handles"),
    ),
    SectionName.FRAMING: _table(
        attr("task", IDENT, choices=TASKS, doc="the ML task"),
        attr("objective", STRING, doc="the ML objective, tied to the business goal"),
        attr("input", *WORDS, LIST, items=WORDS, doc="what the model sees"),
        attr("output", *WORDS, LIST, items=WORDS, doc="what the model returns"),
        attr("labels", STRING, doc="where labels come from, in words"),
        attr("personalized", BOOL, doc="whether predictions depend on the user"),
    ),
    SectionName.EVALUATION: _table(
        attr("offline", LIST, METRIC, IDENT, items=(METRIC, IDENT), doc="offline metrics"),
        attr("online", LIST, METRIC, IDENT, items=(METRIC, IDENT), doc="online metrics tied to the goal"),
        attr("ab_test", BOOL, doc="whether models are compared in an A/B test"),
        attr("experiment", IDENT, choices=EXPERIMENTS, doc="the online experiment design"),
        attr("slices", LIST, items=(IDENT, STRING), doc="slices evaluated separately"),
        attr("guardrails", LIST, items=(METRIC, IDENT), doc="metrics that must not regress"),
        attr("calibration", BOOL, IDENT, doc="calibration check or method"),
        attr("human_eval", BOOL, STRING, doc="human evaluation of outputs"),
    ),
}


def attributes_for_kind(kind: Kind) -> dict[str, AttributeSpec]:
    return _KIND_TABLES[kind]


_KIND_TABLES: dict[Kind, dict[str, AttributeSpec]] = {
    kind: {**KIND_ATTRIBUTES[kind], **COMMON_ATTRIBUTES} for kind in Kind
}
