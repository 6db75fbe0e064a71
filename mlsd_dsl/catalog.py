"""The one catalog of known technologies: which component kinds each can play, and its icon.

A component's tech is free text; when it names a technology listed here, lint rules learn what
it is (`registry x: kafka` is a mismatch) and renderers draw its icon. Nothing else in mlsd keeps
a table of technologies.

Icons are `module:Class` paths into mingrammer `diagrams`, or files of mlsd's own icons for tools
diagrams has none for (`genai/vector_db.png`, drawn by `mlsd_dsl/rendering/draw_icons.py`); the
renderer resolves them lazily.
Traits describe models: `baseline` (simple models that make a good first baseline),
`embedding` (models that produce embeddings), `deep` (neural networks), `gbdt`, `llm`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.model.kinds import KINDS, Kind

K = Kind


@dataclass(frozen=True)
class Technology:
    key: str
    title: str
    kinds: frozenset[Kind]
    icon: str | None = None
    traits: frozenset[str] = field(default_factory=frozenset)
    aliases: tuple[str, ...] = ()

    def can_play(self, kind: Kind) -> bool:
        """Whether it can be a component of this kind (a feature's tech is what computes it)."""
        return kind in self.kinds or KINDS[kind].computed_by in self.kinds


def _tech(
    key: str,
    title: str,
    kinds: set[Kind],
    icon: str | None = None,
    traits: set[str] | None = None,
    aliases: tuple[str, ...] = (),
) -> Technology:
    return Technology(key, title, frozenset(kinds), icon, frozenset(traits or ()), aliases)


DATA_STORES = {K.STORAGE, K.SOURCE}
MODEL = {K.MODEL}
LLM = {"deep", "llm"}
LLM_ICON = "genai/llm.png"
LLM_SERVER_ICON = "genai/llm_server.png"
ORCHESTRATOR_ICON = "genai/orchestrator.png"
ROUTER_ICON = "genai/router.png"
VECTOR_ICON = "genai/vector_db.png"
GUARDRAIL_ICON = "genai/guardrail.png"
PROMPT_ICON = "genai/prompt.png"
IMAGE_ICON = "genai/image_generator.png"

_TECHNOLOGIES: list[Technology] = [
    # streams and event sources
    _tech("kafka", "Apache Kafka", {K.STREAM, K.SOURCE}, "diagrams.onprem.queue:Kafka"),
    _tech("kinesis", "Amazon Kinesis", {K.STREAM, K.SOURCE}, "diagrams.aws.analytics:Kinesis"),
    _tech(
        "pubsub",
        "Google Pub/Sub",
        {K.STREAM, K.SOURCE},
        "diagrams.gcp.analytics:Pubsub",
        aliases=("pub_sub",),
    ),
    _tech("pulsar", "Apache Pulsar", {K.STREAM, K.SOURCE}),
    _tech("rabbitmq", "RabbitMQ", {K.STREAM}, "diagrams.onprem.queue:Rabbitmq"),
    # storage, lakes and warehouses
    _tech("s3", "Amazon S3", DATA_STORES, "diagrams.aws.storage:S3"),
    _tech("gcs", "Google Cloud Storage", DATA_STORES, "diagrams.gcp.storage:GCS"),
    _tech("hdfs", "HDFS", DATA_STORES, "diagrams.onprem.analytics:Hadoop"),
    _tech("bigquery", "BigQuery", DATA_STORES, "diagrams.gcp.analytics:Bigquery"),
    _tech("snowflake", "Snowflake", DATA_STORES, "diagrams.saas.analytics:Snowflake"),
    _tech("redshift", "Amazon Redshift", DATA_STORES, "diagrams.aws.database:Redshift"),
    _tech("hive", "Apache Hive", DATA_STORES, "diagrams.onprem.analytics:Hive"),
    _tech(
        "delta", "Delta Lake", DATA_STORES, "diagrams.onprem.analytics:Databricks", aliases=("delta_lake",)
    ),
    _tech("iceberg", "Apache Iceberg", DATA_STORES),
    _tech(
        "postgres", "PostgreSQL", DATA_STORES, "diagrams.onprem.database:Postgresql", aliases=("postgresql",)
    ),
    _tech("mysql", "MySQL", DATA_STORES, "diagrams.onprem.database:Mysql"),
    _tech("cassandra", "Apache Cassandra", DATA_STORES, "diagrams.onprem.database:Cassandra"),
    _tech("dynamodb", "Amazon DynamoDB", DATA_STORES | {K.FEATURE_STORE}, "diagrams.aws.database:Dynamodb"),
    _tech("bigtable", "Cloud Bigtable", DATA_STORES | {K.FEATURE_STORE}, "diagrams.gcp.database:Bigtable"),
    _tech("mongodb", "MongoDB", DATA_STORES, "diagrams.onprem.database:Mongodb"),
    _tech("neo4j", "Neo4j", DATA_STORES, "diagrams.onprem.database:Neo4J"),
    # processing
    _tech("spark", "Apache Spark", {K.PROCESSOR, K.PIPELINE}, "diagrams.onprem.analytics:Spark"),
    # Flink also serves: a streaming job that scores every event
    _tech("flink", "Apache Flink", {K.PROCESSOR, K.SERVING}, "diagrams.onprem.analytics:Flink"),
    _tech("beam", "Apache Beam", {K.PROCESSOR}, "diagrams.onprem.analytics:Beam"),
    _tech("dataflow", "Google Dataflow", {K.PROCESSOR}, "diagrams.gcp.analytics:Dataflow"),
    _tech("dbt", "dbt", {K.PROCESSOR}, "diagrams.onprem.analytics:Dbt"),
    _tech("ray", "Ray", {K.PROCESSOR, K.PIPELINE, K.SERVING}, "mlsd:tool-ray"),
    # feature stores
    _tech("feast", "Feast", {K.FEATURE_STORE}, "mlsd:tool-feast"),
    _tech("tecton", "Tecton", {K.FEATURE_STORE}, "mlsd:tool-tecton"),
    _tech("hopsworks", "Hopsworks", {K.FEATURE_STORE}, "mlsd:tool-hopsworks"),
    _tech("vertex_feature_store", "Vertex AI Feature Store", {K.FEATURE_STORE}, "diagrams.gcp.ml:VertexAI"),
    _tech(
        "sagemaker_feature_store", "SageMaker Feature Store", {K.FEATURE_STORE}, "diagrams.aws.ml:Sagemaker"
    ),
    # vector databases and search
    _tech("milvus", "Milvus", {K.VECTOR_DB}, VECTOR_ICON),
    _tech("faiss", "FAISS", {K.VECTOR_DB}, "mlsd:tool-faiss"),
    _tech("pinecone", "Pinecone", {K.VECTOR_DB}, VECTOR_ICON),
    _tech("weaviate", "Weaviate", {K.VECTOR_DB}, VECTOR_ICON),
    _tech("qdrant", "Qdrant", {K.VECTOR_DB}, "diagrams.onprem.database:Qdrant"),
    _tech("pgvector", "pgvector", {K.VECTOR_DB}, VECTOR_ICON),
    _tech("chroma", "Chroma", {K.VECTOR_DB}, VECTOR_ICON, aliases=("chromadb",)),
    _tech("lancedb", "LanceDB", {K.VECTOR_DB}, VECTOR_ICON),
    _tech("scann", "ScaNN", {K.VECTOR_DB}, "mlsd:tool-scann"),
    _tech("annoy", "Annoy", {K.VECTOR_DB}, "mlsd:tool-annoy"),
    _tech(
        "vertex_matching_engine",
        "Vertex AI Vector Search",
        {K.VECTOR_DB},
        "diagrams.gcp.ml:VertexAI",
        aliases=("vertex_vector_search",),
    ),
    _tech(
        "elasticsearch",
        "Elasticsearch",
        {K.SEARCH_INDEX, K.VECTOR_DB},
        "diagrams.elastic.elasticsearch:Elasticsearch",
    ),
    _tech("opensearch", "OpenSearch", {K.SEARCH_INDEX, K.VECTOR_DB}),
    _tech("solr", "Apache Solr", {K.SEARCH_INDEX}, "diagrams.onprem.search:Solr"),
    # orchestration and training pipelines
    _tech("airflow", "Apache Airflow", {K.PIPELINE}, "diagrams.onprem.workflow:Airflow"),
    _tech("kubeflow", "Kubeflow", {K.PIPELINE, K.SERVING}, "diagrams.onprem.workflow:Kubeflow"),
    _tech("dagster", "Dagster", {K.PIPELINE}),
    _tech("prefect", "Prefect", {K.PIPELINE}),
    _tech("argo", "Argo Workflows", {K.PIPELINE}, "diagrams.onprem.gitops:Argocd"),
    _tech("metaflow", "Metaflow", {K.PIPELINE}),
    _tech("tfx", "TFX", {K.PIPELINE}),
    # registries and ML platforms
    _tech("mlflow", "MLflow", {K.REGISTRY, K.PIPELINE}, "mlsd:tool-mlflow"),
    _tech("wandb", "Weights & Biases", {K.REGISTRY}, "mlsd:tool-wandb"),
    _tech(
        "sagemaker",
        "Amazon SageMaker",
        {K.REGISTRY, K.PIPELINE, K.SERVING, K.MONITOR},
        "diagrams.aws.ml:Sagemaker",
    ),
    _tech(
        "vertex",
        "Vertex AI",
        {K.REGISTRY, K.PIPELINE, K.SERVING, K.MONITOR},
        "diagrams.gcp.ml:VertexAI",
        aliases=("vertex_ai",),
    ),
    _tech(
        "azureml",
        "Azure Machine Learning",
        {K.REGISTRY, K.PIPELINE, K.SERVING},
        "diagrams.azure.ml:MachineLearningServiceWorkspaces",
    ),
    _tech("dvc", "DVC", {K.REGISTRY}),
    # serving
    _tech("triton", "NVIDIA Triton", {K.SERVING}, "mlsd:tool-triton"),
    _tech("torchserve", "TorchServe", {K.SERVING}, "mlsd:tool-torchserve"),
    _tech("tfserving", "TensorFlow Serving", {K.SERVING}, aliases=("tf_serving", "tensorflow_serving")),
    _tech("bentoml", "BentoML", {K.SERVING}, "mlsd:tool-bentoml"),
    _tech("seldon", "Seldon Core", {K.SERVING}, "mlsd:tool-seldon"),
    _tech("kserve", "KServe", {K.SERVING}, "mlsd:tool-kserve"),
    _tech("vllm", "vLLM", {K.SERVING}, LLM_SERVER_ICON),
    _tech(
        "tgi",
        "Text Generation Inference",
        {K.SERVING},
        LLM_SERVER_ICON,
        aliases=("text_generation_inference",),
    ),
    _tech("tensorrt_llm", "TensorRT-LLM", {K.SERVING}, LLM_SERVER_ICON, aliases=("trt_llm",)),
    _tech("sglang", "SGLang", {K.SERVING}, LLM_SERVER_ICON),
    _tech("ollama", "Ollama", {K.SERVING}, LLM_SERVER_ICON),
    _tech("fastapi", "FastAPI", {K.SERVING}, "diagrams.programming.framework:Fastapi"),
    _tech("kubernetes", "Kubernetes", {K.SERVING, K.PROCESSOR}, "diagrams.k8s.compute:Pod", aliases=("k8s",)),
    _tech("lambda", "AWS Lambda", {K.SERVING, K.PROCESSOR}, "diagrams.aws.compute:Lambda"),
    _tech("tflite", "TensorFlow Lite", {K.SERVING}),
    _tech("coreml", "Core ML", {K.SERVING}),
    # caches
    _tech(
        "redis", "Redis", {K.CACHE, K.FEATURE_STORE, K.STORAGE, K.VECTOR_DB}, "diagrams.onprem.inmemory:Redis"
    ),
    _tech("memcached", "Memcached", {K.CACHE}, "diagrams.onprem.inmemory:Memcached"),
    _tech("elasticache", "Amazon ElastiCache", {K.CACHE}, "diagrams.aws.database:Elasticache"),
    # monitoring and alerting
    _tech("prometheus", "Prometheus", {K.MONITOR}, "diagrams.onprem.monitoring:Prometheus"),
    _tech("grafana", "Grafana", {K.MONITOR}, "diagrams.onprem.monitoring:Grafana"),
    _tech("datadog", "Datadog", {K.MONITOR}, "diagrams.saas.logging:Datadog"),
    _tech("evidently", "Evidently", {K.MONITOR}, "mlsd:tool-evidently"),
    _tech("arize", "Arize", {K.MONITOR}, "mlsd:tool-arize"),
    _tech("whylabs", "WhyLabs", {K.MONITOR}, "mlsd:tool-whylabs"),
    _tech("fiddler", "Fiddler", {K.MONITOR}),
    _tech("great_expectations", "Great Expectations", {K.MONITOR, K.PROCESSOR}),
    _tech("pagerduty", "PagerDuty", {K.MONITOR}, "diagrams.saas.alerting:Pagerduty"),
    # labelling and human review
    _tech("labelbox", "Labelbox", {K.LABELING}),
    _tech("scale_ai", "Scale AI", {K.LABELING}, aliases=("scale",)),
    _tech("mturk", "Amazon Mechanical Turk", {K.LABELING}),
    _tech("label_studio", "Label Studio", {K.LABELING}),
    # clients
    _tech("web", "Web app", {K.CLIENT}, "diagrams.onprem.client:Client"),
    _tech("mobile", "Mobile app", {K.CLIENT}, "diagrams.generic.device:Mobile", aliases=("ios", "android")),
    # models: baselines
    _tech("heuristic", "Heuristic", MODEL, traits={"baseline"}, aliases=("rule_based", "rules")),
    _tech("popularity", "Popularity baseline", MODEL, traits={"baseline"}, aliases=("most_popular",)),
    _tech("logistic_regression", "Logistic regression", MODEL, traits={"baseline"}, aliases=("logreg", "lr")),
    _tech("linear_regression", "Linear regression", MODEL, traits={"baseline"}),
    _tech("naive_bayes", "Naive Bayes", MODEL, traits={"baseline"}),
    _tech("bm25", "BM25", MODEL | {K.SEARCH_INDEX}, traits={"baseline"}),
    _tech("arima", "ARIMA", MODEL, traits={"baseline"}),
    _tech("prophet", "Prophet", MODEL, traits={"baseline"}),
    _tech("sklearn", "scikit-learn", MODEL, traits={"baseline"}, aliases=("scikit_learn",)),
    # models: trees
    _tech("lightgbm", "LightGBM", MODEL, traits={"gbdt"}),
    _tech("xgboost", "XGBoost", MODEL, traits={"gbdt"}),
    _tech("catboost", "CatBoost", MODEL, traits={"gbdt"}),
    _tech("gbdt", "Gradient-boosted trees", MODEL, traits={"gbdt"}),
    _tech("random_forest", "Random forest", MODEL, traits={"gbdt"}),
    # models: embeddings and retrieval
    _tech("two_tower", "Two-tower network", MODEL, traits={"embedding", "deep"}),
    _tech("matrix_factorization", "Matrix factorization", MODEL, traits={"embedding"}, aliases=("mf", "als")),
    _tech("word2vec", "word2vec", MODEL, traits={"embedding"}, aliases=("skip_gram", "item2vec")),
    _tech("clip", "CLIP", MODEL, traits={"embedding", "deep"}),
    _tech("bert", "BERT", MODEL, traits={"embedding", "deep"}, aliases=("distilbert", "multilingual_bert")),
    _tech(
        "sentence_transformers",
        "Sentence Transformers",
        MODEL,
        traits={"embedding", "deep"},
        aliases=("sbert",),
    ),
    _tech("resnet", "ResNet", MODEL, traits={"embedding", "deep"}),
    _tech("vit", "Vision Transformer", MODEL, traits={"embedding", "deep"}),
    _tech("simclr", "SimCLR", MODEL, traits={"embedding", "deep"}),
    _tech(
        "gnn",
        "Graph neural network",
        MODEL,
        traits={"embedding", "deep"},
        aliases=("graphsage", "gcn", "gat"),
    ),
    _tech("openai_embeddings", "OpenAI embeddings", MODEL, traits={"embedding", "deep"}),
    # models: deep rankers, detectors, generators
    _tech("pytorch", "PyTorch", MODEL, traits={"deep"}, aliases=("torch",)),
    _tech("tensorflow", "TensorFlow", MODEL, traits={"deep"}, aliases=("keras",)),
    _tech("dnn", "Deep neural network", MODEL, traits={"deep"}, aliases=("mlp",)),
    _tech("deepfm", "DeepFM", MODEL, traits={"deep"}),
    _tech("dcn", "Deep & Cross Network", MODEL, traits={"deep"}, aliases=("dcn_v2",)),
    _tech("wide_and_deep", "Wide & Deep", MODEL, traits={"deep"}),
    _tech("transformer", "Transformer", MODEL, traits={"deep"}),
    _tech("lstm", "LSTM", MODEL, traits={"deep"}),
    _tech("faster_rcnn", "Faster R-CNN", MODEL, traits={"deep"}),
    _tech("yolo", "YOLO", MODEL, traits={"deep"}),
    _tech("detr", "DETR", MODEL, traits={"deep"}),
    _tech("llm", "Large language model", MODEL, traits={"deep", "llm"}, aliases=("gpt", "llama")),
    # generative AI: hosted LLMs (a vendor model is a `model` with `provenance: vendor`)
    _tech(
        "openai", "OpenAI API", MODEL, LLM_ICON, LLM, aliases=("gpt_4o", "gpt_4", "chatgpt", "azure_openai")
    ),
    _tech("anthropic", "Anthropic API", MODEL, LLM_ICON, LLM, aliases=("claude",)),
    _tech("gemini", "Google Gemini API", MODEL, LLM_ICON, LLM),
    _tech("mistral", "Mistral", MODEL, LLM_ICON, LLM, aliases=("mixtral",)),
    _tech("bedrock", "Amazon Bedrock", MODEL, LLM_ICON, LLM),
    _tech("cohere", "Cohere", MODEL, LLM_ICON, LLM),
    # generative AI: open models, embedders and re-rankers
    _tech("llama_3", "Llama 3", MODEL, LLM_ICON, LLM, aliases=("llama_3_1", "llama3")),
    _tech("e5", "E5 text embeddings", MODEL, traits={"embedding", "deep"}, aliases=("e5_base", "e5_large")),
    _tech("bge", "BGE embeddings", MODEL, traits={"embedding", "deep"}, aliases=("bge_m3", "bge_base")),
    _tech("cross_encoder", "Cross-encoder re-ranker", MODEL, traits={"deep"}, aliases=("bge_reranker",)),
    _tech("stable_diffusion", "Stable Diffusion", MODEL, IMAGE_ICON, {"deep"}, aliases=("sdxl", "diffusion")),
    _tech("dall_e", "DALL·E API", MODEL, IMAGE_ICON, {"deep"}, aliases=("dalle", "imagen")),
    # generative AI: orchestration, gateways, prompts, guardrails
    _tech("langchain", "LangChain", {K.SERVICE, K.PIPELINE}, ORCHESTRATOR_ICON, aliases=("langgraph",)),
    _tech("llamaindex", "LlamaIndex", {K.SERVICE, K.PIPELINE}, ORCHESTRATOR_ICON, aliases=("llama_index",)),
    _tech("haystack", "Haystack", {K.SERVICE, K.PIPELINE}, ORCHESTRATOR_ICON),
    _tech("semantic_kernel", "Semantic Kernel", {K.SERVICE}, ORCHESTRATOR_ICON),
    _tech("litellm", "LiteLLM gateway", {K.SERVICE}, ROUTER_ICON, aliases=("llm_gateway",)),
    _tech("portkey", "Portkey gateway", {K.SERVICE}, ROUTER_ICON),
    _tech("langfuse", "Langfuse", {K.PROMPT, K.MONITOR}, PROMPT_ICON),
    _tech("langsmith", "LangSmith", {K.PROMPT, K.MONITOR}, PROMPT_ICON),
    _tech("promptlayer", "PromptLayer", {K.PROMPT}, PROMPT_ICON),
    _tech("llama_guard", "Llama Guard", {K.GUARDRAIL, K.MODEL}, GUARDRAIL_ICON),
    _tech("nemo_guardrails", "NeMo Guardrails", {K.GUARDRAIL}, GUARDRAIL_ICON),
    _tech("guardrails_ai", "Guardrails AI", {K.GUARDRAIL}, GUARDRAIL_ICON),
    _tech("presidio", "Microsoft Presidio", {K.GUARDRAIL, K.PROCESSOR}, GUARDRAIL_ICON),
    _tech("lakera", "Lakera Guard", {K.GUARDRAIL}, GUARDRAIL_ICON, aliases=("lakera_guard",)),
    _tech("ragas", "Ragas", {K.MONITOR}),
]

CATALOG: dict[str, Technology] = {}
for _technology in _TECHNOLOGIES:
    for _key in (_technology.key, *_technology.aliases):
        CATALOG[_key] = _technology


def normalise(tech: str) -> str:
    """`"Apache Kafka"`, `"apache-kafka"` → `"apache_kafka"`; lookups are case-insensitive."""
    return "_".join(tech.strip().lower().replace("-", " ").replace(".", " ").split())


def lookup(tech: str | None) -> Technology | None:
    """The catalog entry for a component's tech, if it is a known technology."""
    if not tech:
        return None
    key = normalise(tech)
    return CATALOG.get(key) or CATALOG.get(key.removeprefix("apache_"))


def technologies() -> list[Technology]:
    """Every known technology once, in catalog order."""
    return list(_TECHNOLOGIES)
