"""The vocabulary of the language: component kinds, sections and the attributes each accepts.

This is the one place that says which attributes exist, what type their values have and which
words an enumerated attribute accepts. The compiler checks specs against it, the language
reference documents it and the JSON Schema describes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


def attr(
    name: str, *types: str, doc: str, choices: tuple[str, ...] = (), items: tuple[str, ...] = ()
) -> AttributeSpec:
    return AttributeSpec(name=name, types=types, doc=doc, choices=choices, item_types=items)


def table(*specs: AttributeSpec) -> dict[str, AttributeSpec]:
    return {spec.name: spec for spec in specs}


WORDS = (IDENT, STRING)


class ProcessorMode(StrEnum):
    BATCH = "batch"
    STREAMING = "streaming"


class VectorPrecision(StrEnum):
    """How each component of a stored vector is encoded (`VECTOR_PRECISION_BYTES` says its size)."""

    FP32 = "fp32"
    FP16 = "fp16"
    BF16 = "bf16"
    INT8 = "int8"


VECTOR_PRECISION_BYTES: dict[VectorPrecision, int] = {
    VectorPrecision.FP32: 4,
    VectorPrecision.FP16: 2,
    VectorPrecision.BF16: 2,
    VectorPrecision.INT8: 1,
}


class VectorMetric(StrEnum):
    COSINE = "cosine"
    DOT = "dot"
    L2 = "l2"
    IP = "ip"


class Task(StrEnum):
    CLASSIFICATION = "classification"
    BINARY_CLASSIFICATION = "binary_classification"
    MULTICLASS_CLASSIFICATION = "multiclass_classification"
    MULTILABEL_CLASSIFICATION = "multilabel_classification"
    REGRESSION = "regression"
    RANKING = "ranking"
    RETRIEVAL = "retrieval"
    RECOMMENDATION = "recommendation"
    DETECTION = "detection"
    SEGMENTATION = "segmentation"
    GENERATION = "generation"
    FORECASTING = "forecasting"
    CLUSTERING = "clustering"
    LINK_PREDICTION = "link_prediction"
    REPRESENTATION_LEARNING = "representation_learning"
    ANOMALY_DETECTION = "anomaly_detection"


class Split(StrEnum):
    RANDOM = "random"
    TIME = "time"
    USER = "user"
    GROUP = "group"
    STRATIFIED = "stratified"
    GEO = "geo"
    SESSION = "session"


class DatasetPurpose(StrEnum):
    TRAINING = "training"  # examples a model learns from (the default)
    EVALUATION = "evaluation"  # held out to measure models and set thresholds, never resampled


class ImbalanceTreatment(StrEnum):
    NONE = "none"
    DOWNSAMPLE = "downsample"
    UPSAMPLE = "upsample"
    SMOTE = "smote"
    CLASS_WEIGHTS = "class_weights"
    FOCAL_LOSS = "focal_loss"
    NEGATIVE_SAMPLING = "negative_sampling"


class LabelSource(StrEnum):
    HUMAN = "human"
    NATURAL = "natural"
    PROXY = "proxy"
    HEURISTIC = "heuristic"
    MIXED = "mixed"
    NONE = "none"


class ServingMode(StrEnum):
    ONLINE = "online"
    BATCH = "batch"
    STREAMING = "streaming"
    ON_DEVICE = "on_device"


class Rollout(StrEnum):
    CANARY = "canary"
    SHADOW = "shadow"
    AB_TEST = "ab_test"
    BLUE_GREEN = "blue_green"
    INTERLEAVING = "interleaving"
    BANDIT = "bandit"
    ALL_AT_ONCE = "all_at_once"


class ModelStage(StrEnum):
    CANDIDATE_GENERATION = "candidate_generation"
    RETRIEVAL = "retrieval"
    RANKING = "ranking"
    RE_RANKING = "re_ranking"
    SCORING = "scoring"
    FILTERING = "filtering"
    EMBEDDING = "embedding"
    CLASSIFICATION = "classification"
    DETECTION = "detection"
    GENERATION = "generation"
    REGRESSION = "regression"
    FORECASTING = "forecasting"


class Experiment(StrEnum):
    AB_TEST = "ab_test"
    INTERLEAVING = "interleaving"
    BANDIT = "bandit"
    SHADOW = "shadow"
    SWITCHBACK = "switchback"
    NONE = "none"


class SourceType(StrEnum):
    EVENTS = "events"
    TABLE = "table"
    FILES = "files"
    IMAGES = "images"
    VIDEO = "video"
    TEXT = "text"
    GRAPH = "graph"
    API = "api"
    LOGS = "logs"


class Provenance(StrEnum):
    """Where a model comes from; each framework rule decides what it asks of each."""

    TRAINED = "trained"  # trained here, from this system's data (the default)
    FINE_TUNED = "fine_tuned"  # a pretrained base adapted on this system's data
    PRETRAINED = "pretrained"  # a published checkpoint used as is, frozen
    VENDOR = "vendor"  # called through a provider's API (a hosted LLM, a vision API)


class FeatureCompute(StrEnum):
    BATCH = "batch"  # computed on a schedule and looked up
    STREAMING = "streaming"  # kept up to date from an event stream
    ON_REQUEST = "on_request"  # computed from the request itself when it arrives


class FeatureDefinition(StrEnum):
    SHARED = "shared"  # one definition computes it for training and for serving
    SEPARATE = "separate"  # training and serving compute it with different code


class FeatureKnownAt(StrEnum):
    PREDICTION = "prediction"  # known when the prediction is made
    OUTCOME = "outcome"  # only known after the outcome being predicted (leaks the label)


class PrivacyTreatment(StrEnum):
    REDACT = "redact"
    HASH = "hash"
    PSEUDONYMIZE = "pseudonymize"
    AGGREGATE = "aggregate"
    ANONYMIZE = "anonymize"
    DELETE = "delete"  # honours deletion requests
    ENCRYPT = "encrypt"


PROTECTING_TREATMENTS = frozenset(
    {
        PrivacyTreatment.REDACT,
        PrivacyTreatment.HASH,
        PrivacyTreatment.PSEUDONYMIZE,
        PrivacyTreatment.AGGREGATE,
        PrivacyTreatment.ANONYMIZE,
    }
)
"""Treatments after which data no longer identifies a person."""


class GuardrailCheck(StrEnum):
    """What a guardrail looks for in a generator's input or output."""

    PROMPT_INJECTION = "prompt_injection"  # instructions smuggled into the input or retrieved text
    JAILBREAK = "jailbreak"  # attempts to talk the model out of its policy
    PII = "pii"  # personal data, detected and redacted or blocked
    TOXICITY = "toxicity"  # hateful, violent or sexual content
    GROUNDEDNESS = "groundedness"  # claims the retrieved sources do not support
    POLICY = "policy"  # off-topic or forbidden subjects, legal or medical advice…
    SECRETS = "secrets"  # keys, passwords, internal data
    NSFW = "nsfw"  # unsafe images or video
    COPYRIGHT = "copyright"  # protected text, faces, logos or styles


class GuardrailPosition(StrEnum):
    INPUT = "input"  # filters what goes into the model: the user's prompt, retrieved text
    OUTPUT = "output"  # filters what the model returns before a user sees it


class BlockAction(StrEnum):
    """What happens when a guardrail blocks."""

    REFUSE = "refuse"  # a polite refusal
    REDACT = "redact"  # the offending part is removed and the rest goes on
    FALLBACK = "fallback"  # a safe canned or retrieved answer
    REGENERATE = "regenerate"  # ask the model again
    ESCALATE = "escalate"  # hand over to a person
    FLAG = "flag"  # let it through but log it for review


class Modality(StrEnum):
    """What a generative model produces."""

    TEXT = "text"
    CODE = "code"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    EMBEDDING = "embedding"


FLOATING_VERSIONS: frozenset[str] = frozenset({"latest", "stable", "default", "current", "preview", "newest"})
"""Version aliases a vendor moves: they pin nothing."""


class EdgeType(StrEnum):
    """What a connection means (`EDGE_TYPE_DOCS`). Written in the arrow (`a -request-> b`); plain
    `->` is `data`."""

    DATA = "data"
    REQUEST = "request"
    READ = "read"
    LOG = "log"
    DEPLOY = "deploy"
    TRIGGER = "trigger"

    @property
    def doc(self) -> str:
        return EDGE_TYPE_DOCS[self]

    @property
    def on_request_path(self) -> bool:
        return self in (EdgeType.REQUEST, EdgeType.READ)

    @property
    def layer(self) -> EdgeLayer:
        return EDGE_LAYERS[self]


class EdgeLayer(StrEnum):
    """How a diagram treats an edge type, independent of any backend (each maps a layer to a style):
    data flow carries the layout; the other layers are drawn in their own style on top of it."""

    FLOW = "flow"  # data flow: solid, lays the diagram out
    ONLINE = "online"  # the request path: bold
    FEEDBACK = "feedback"  # logs written back and triggers: dashed, against the flow
    RELEASE = "release"  # deploys and promotions: dotted


EDGE_TYPE_DOCS: dict[EdgeType, str] = {
    EdgeType.DATA: "data moves from source to target, in batch or as a stream (the default)",
    EdgeType.REQUEST: "source calls target on the request path and waits for its answer",
    EdgeType.READ: "target reads source while serving: a feature, embedding or index lookup",
    EdgeType.LOG: "source writes logs, predictions or outcomes back to target (feedback)",
    EdgeType.DEPLOY: "source's model or artefact is deployed or promoted to target",
    EdgeType.TRIGGER: "source starts target: a retrain, a re-index, a backfill",
}


EDGE_LAYERS: dict[EdgeType, EdgeLayer] = {
    EdgeType.DATA: EdgeLayer.FLOW,
    EdgeType.REQUEST: EdgeLayer.ONLINE,
    EdgeType.READ: EdgeLayer.ONLINE,
    EdgeType.LOG: EdgeLayer.FEEDBACK,
    EdgeType.TRIGGER: EdgeLayer.FEEDBACK,
    EdgeType.DEPLOY: EdgeLayer.RELEASE,
}


REQUEST_PATH_ATTRIBUTES = table(
    attr("latency_p99", DURATION, doc="99th-percentile latency of one call"),
    attr("latency_p50", DURATION, doc="median latency of one call"),
    attr("qps", NUMBER, RATE, doc="queries per second it must sustain"),
    attr("timeout", DURATION, doc="how long a caller waits before giving up"),
    attr("replicas", INTEGER, doc="number of replicas (processes, pods) that answer its calls"),
    attr(
        "replica_qps",
        NUMBER,
        RATE,
        doc="queries per second one replica sustains within its latency (measured in a load test)",
    ),
    attr(
        "concurrency",
        INTEGER,
        doc="requests one replica handles at once; with its latency it gives replica_qps (Little's law)",
    ),
)
"""Latency and capacity, accepted by every kind that can sit on the request path."""


EDGE_ATTRIBUTES = table(
    attr("latency_p99", DURATION, doc="99th-percentile latency of the hop (network and call)"),
    attr("latency_p50", DURATION, doc="median latency of the hop"),
    attr("async", BOOL, doc="the source does not wait for the target"),
    attr(
        "parallel",
        BOOL,
        doc="made at the same time as the caller's other parallel calls: the slowest counts, not the sum",
    ),
    attr("volume", RATE, NUMBER, SIZE, STRING, doc="how much moves along the edge, e.g. 10M/day"),
    attr("timeout", DURATION, doc="how long the source waits before giving up"),
    attr("protocol", *WORDS, doc="grpc, http, kafka, s3…"),
    attr("pii", BOOL, doc="whether personal data moves along the edge"),
    attr("description", STRING, doc="what the connection is for"),
)


COMMON_ATTRIBUTES = table(
    attr("description", STRING, doc="what this component is for"),
    attr("owner", *WORDS, doc="the team or person who owns it"),
)


class SectionName(StrEnum):
    REQUIREMENTS = "requirements"
    FRAMING = "framing"
    EVALUATION = "evaluation"
    ASSUMPTIONS = "assumptions"


@dataclass(frozen=True)
class Assumption:
    """A figure `mlsd estimate` assumes unless the spec states it, with where the default comes from.

    `default` is in the attribute's base unit (bytes, a fraction for a percentage, US dollars); None
    means there is no sensible default: an estimate that needs it says so instead of guessing.
    A component that accepts an attribute of the same name overrides it for itself."""

    attribute: AttributeSpec
    default: float | str | None
    source: str

    @property
    def name(self) -> str:
        return self.attribute.name


def assume(
    name: str,
    *types: str,
    default: float | str | None,
    doc: str,
    source: str,
    choices: tuple[str, ...] = (),
) -> Assumption:
    return Assumption(attr(name, *types, doc=doc, choices=choices), default, source)


ASSUMPTIONS: tuple[Assumption, ...] = (
    assume(
        "peak_factor",
        NUMBER,
        default=3.0,
        doc="peak QPS ÷ average QPS",
        source="2–3× is the usual peak-to-average ratio assumed for consumer traffic in system-design "
        "estimates; 3 is the cautious end",
    ),
    assume(
        "requests_per_user",
        NUMBER,
        default=None,
        doc="requests one user makes per day, to derive QPS from users",
        source="no default: how often users call a system varies too much to guess; state it",
    ),
    assume(
        "headroom",
        PERCENT,
        default=0.4,
        doc="share of each replica's capacity kept free for spikes and failures: "
        "replicas = peak QPS ÷ (replica_qps × (1 − headroom))",
        source="serving is commonly planned at 50–70% target utilisation; 40% headroom is 60% utilisation",
    ),
    assume(
        "concurrency",
        INTEGER,
        default=None,
        doc="requests one replica handles at once, when a component states no replica_qps",
        source="no default: it depends on the runtime (threads, event loop, batch size); state it",
    ),
    assume(
        "bytes_per_event",
        SIZE,
        NUMBER,
        default=1000.0,
        doc="size of one logged event or prediction log record (a number is bytes)",
        source="a logged event is typically 100 B–1 KB; 1 KB is the cautious end",
    ),
    assume(
        "bytes_per_example",
        SIZE,
        NUMBER,
        default=1000.0,
        doc="size of one training example with its features (a number is bytes)",
        source="an example is a logged event joined with its features: typically 100 B–1 KB per event "
        "as logged; 1 KB is the cautious end",
    ),
    assume(
        "bytes_per_feature",
        SIZE,
        NUMBER,
        default=8.0,
        doc="size of one feature value in the online store (a number is bytes)",
        source="a numeric feature value is 4–8 B (float32, float64, int64); 8 B is the cautious end",
    ),
    assume(
        "replication",
        NUMBER,
        default=3.0,
        doc="copies an online store keeps of each value",
        source="3 copies: HDFS's default replication factor and the usual size of a replica set",
    ),
    assume(
        "node_memory",
        SIZE,
        default=64e9,
        doc="memory of one index node, to count shards",
        source="a common memory-optimised server size, as in issue 18's worked example (64 GB shards)",
    ),
    assume(
        "precision",
        IDENT,
        default=VectorPrecision.FP32.value,
        doc="how vector components are stored: fp32 (4 B), fp16/bf16 (2 B) or int8 (1 B)",
        source="float32 (4 B) is the default of FAISS, hnswlib and most vector databases",
        choices=tuple(VectorPrecision),
    ),
    assume(
        "hnsw_m",
        INTEGER,
        default=32.0,
        doc="links per node of an HNSW graph (M); each costs 2 × 4 B at layer 0",
        source="M is commonly 16–64 (hnswlib and FAISS documentation); 32 is the middle",
    ),
    assume(
        "pq_bytes",
        INTEGER,
        default=64.0,
        doc="bytes of one product-quantisation code (m sub-quantisers of 8 bits)",
        source="FAISS IVF-PQ codes are commonly 8–64 B per vector; 64 B is the cautious end",
    ),
    assume(
        "ivf_lists",
        INTEGER,
        default=None,
        doc="inverted lists (nlist) of an IVF index, whose centroids take nlist × dim × 4 B",
        source="when not stated, 4 × √N: the low end of the FAISS guideline of 4–16 × √N lists",
    ),
    assume(
        "gpu_tokens_per_s",
        NUMBER,
        RATE,
        default=None,
        doc="tokens per second one GPU generates over all the streams it batches",
        source="no default: it ranges from hundreds to thousands with model size, GPU and batching",
    ),
    assume(
        "gpu_memory",
        SIZE,
        default=80e9,
        doc="memory of one GPU, to hold a model's weights",
        source="NVIDIA A100 and H100, the usual serving GPUs, have 80 GB",
    ),
    assume(
        "bytes_per_param",
        NUMBER,
        default=2.0,
        doc="bytes per model parameter as served",
        source="fp16/bf16 weights: 2 B per parameter (7B parameters ≈ 14 GB)",
    ),
    assume(
        "gpus_per_replica",
        NUMBER,
        default=1.0,
        doc="GPUs of one replica of a component with `hardware: gpu`, to price it by the GPU-hour",
        source="one accelerator per replica: the common deployment of a model that fits in one GPU",
    ),
    assume(
        "replica_hour_price",
        NUMBER,
        default=None,
        doc="price of one serving replica for an hour, in US dollars",
        source="no default: prices depend on the provider and the instance; state them",
    ),
    assume(
        "gpu_hour_price",
        NUMBER,
        default=None,
        doc="price of one GPU for an hour, in US dollars",
        source="no default: prices depend on the provider and the GPU; state them",
    ),
)
"""The defaults of `mlsd estimate`, one record each; docs/estimate.md is generated from them."""

ASSUMPTION_BY_NAME: dict[str, Assumption] = {a.name: a for a in ASSUMPTIONS}


SECTION_ATTRIBUTES: dict[SectionName, dict[str, AttributeSpec]] = {
    SectionName.REQUIREMENTS: table(
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
        attr(
            "constraints",
            LIST,
            STRING,
            items=(STRING, IDENT),
            doc="constraints: privacy, cold start, budget…",
        ),
        attr("privacy", STRING, LIST, items=(STRING, IDENT), doc="privacy controls for personal data"),
        attr("budget", STRING, doc="cost budget"),
        attr("data_size", SIZE, NUMBER, doc="how much data the system handles"),
    ),
    SectionName.FRAMING: table(
        attr("task", IDENT, choices=tuple(Task), doc="the ML task"),
        attr("objective", STRING, doc="the ML objective, tied to the business goal"),
        attr("input", *WORDS, LIST, items=WORDS, doc="what the model sees"),
        attr("output", *WORDS, LIST, items=WORDS, doc="what the model returns"),
        attr("labels", STRING, doc="where labels come from, in words"),
        attr("personalized", BOOL, doc="whether predictions depend on the user"),
    ),
    SectionName.EVALUATION: table(
        attr("offline", LIST, METRIC, IDENT, items=(METRIC, IDENT), doc="offline metrics"),
        attr("online", LIST, METRIC, IDENT, items=(METRIC, IDENT), doc="online metrics tied to the goal"),
        attr("ab_test", BOOL, doc="whether models are compared in an A/B test"),
        attr("experiment", IDENT, choices=tuple(Experiment), doc="the online experiment design"),
        attr("slices", LIST, items=(IDENT, STRING), doc="slices evaluated separately"),
        attr("guardrails", LIST, items=(METRIC, IDENT), doc="metrics that must not regress"),
        attr("calibration", BOOL, IDENT, doc="calibration check or method"),
        attr("human_eval", BOOL, STRING, doc="human evaluation of outputs"),
        attr("judge", REF, STRING, doc="the model that grades outputs (LLM-as-judge)"),
        attr(
            "judge_agreement",
            PERCENT,
            NUMBER,
            STRING,
            doc="the judge's agreement with human raters, e.g. 87% or a kappa of 0.7",
        ),
        attr("red_team", BOOL, STRING, doc="adversarial testing of a generator before launch"),
    ),
    SectionName.ASSUMPTIONS: table(*(assumption.attribute for assumption in ASSUMPTIONS)),
}
