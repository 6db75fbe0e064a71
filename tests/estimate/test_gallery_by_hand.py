"""Gallery specs estimated by hand, formula by formula.

Each expected number is written out as the arithmetic a reviewer would do on a whiteboard, from the
values in the spec (quoted in the comments) and the documented defaults (docs/estimate.md).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mlsd_dsl import load
from mlsd_dsl.estimate import Estimate, Origin, estimate

SPECS = Path(__file__).resolve().parents[2] / "specs"
DAY = 86_400
KB = 1_000  # default bytes_per_event and bytes_per_example
PEAK_FACTOR = 3  # default
UTILISATION = 1 - 0.40  # default headroom 40%
HNSW_M = 32  # default links per node
PQ_BYTES = 64  # default PQ code


def value(figures: Estimate, key: str) -> float:
    figure = figures.figure(key)
    assert figure is not None, f"no figure {key}"
    assert figure.value is not None, figure.formula
    return figure.value


@pytest.fixture(scope="module")
def video_recs() -> Estimate:
    return estimate(load(SPECS / "video_recommendation.mlsd"))


def test_video_recommendation_load_and_replicas(video_recs: Estimate) -> None:
    assert value(video_recs, "load.peak_qps") == 100_000  # peak_qps: 100k
    assert value(video_recs, "load.average_qps") == pytest.approx(100_000 / PEAK_FACTOR)
    # api: qps 100k, replica_qps 400 → 100,000 ÷ (400 × 0.6) = 416.7 → 417
    assert value(video_recs, "serving.api.replicas") == math.ceil(100_000 / (400 * UTILISATION)) == 417


def test_video_recommendation_latency_budget(video_recs: Estimate) -> None:
    # api calls features (10ms), video_index (30ms), reranker (10ms) and rec_cache (2ms) in turn
    assert value(video_recs, "latency.api.path") == pytest.approx((10 + 30 + 10 + 2) / 1000)
    # the tighter of requirements.latency_p99 200ms and api.latency_p99 150ms: 150 − 52 = 98 ms
    assert value(video_recs, "latency.api.slack") == pytest.approx((150 - 52) / 1000)
    assert video_recs.figure("latency.api.path").limit == pytest.approx(0.150)  # type: ignore[union-attr]


def test_video_recommendation_storage(video_recs: Estimate) -> None:
    # events: 10B/day × 1 KB = 10 TB/day, kept 730 days = 7.3 PB
    assert value(video_recs, "storage.events.daily") == pytest.approx(10e9 * KB)
    assert value(video_recs, "storage.events.retained") == pytest.approx(10e9 * KB * 730)
    # train_data: 5B examples × 1 KB = 5 TB
    assert value(video_recs, "storage.train_data.size") == pytest.approx(5e9 * KB)
    # api logs: 100k ÷ 3 average × 86,400 s × 1 KB = 2.88 TB/day
    assert value(video_recs, "storage.api.logs") == pytest.approx(100_000 / 3 * DAY * KB)
    # kept: the 7.3 PB of raw events and the 5 TB training set (no storage_budget stated: no limit)
    assert value(video_recs, "storage.total") == pytest.approx(10e9 * KB * 730 + 5e9 * KB)
    assert video_recs.figure("storage.total").limit is None  # type: ignore[union-attr]


def test_video_recommendation_index_features_cache_cost(video_recs: Estimate) -> None:
    # video_index: ivfpq, 10B vectors, dim 256: codes 10B × (64 + 8) B = 720 GB, plus
    # 4 × √10B = 400,000 centroids × 256 × 4 B = 409.6 MB
    centroids = round(4 * math.sqrt(10e9)) * 256 * 4
    assert value(video_recs, "index.video_index.memory") == pytest.approx(10e9 * (PQ_BYTES + 8) + centroids)
    # 720.4 GB ÷ 64 GB per node = 11.26 → 12 shards
    assert value(video_recs, "index.video_index.shards") == math.ceil((720e9 + centroids) / 64e9) == 12
    # features: 12B entities × 50 features × 8 B × 3 copies = 14.4 TB
    assert value(video_recs, "features.features.online_size") == pytest.approx(12e9 * 50 * 8 * 3)
    # rec_cache: 100k × (1 − 60%) = 40k qps reach the backends
    assert value(video_recs, "cache.rec_cache.backend_qps") == pytest.approx(40_000)
    # 417 replicas × $0.7 per hour × 24 h = $7,005.6 a day; × 30 days
    assert value(video_recs, "cost.replicas.day") == pytest.approx(417 * 0.7 * 24)
    assert value(video_recs, "cost.total.month") == pytest.approx(417 * 0.7 * 24 * 30)


@pytest.fixture(scope="module")
def rag() -> Estimate:
    return estimate(load(SPECS / "rag_support_assistant.mlsd"))


def test_rag_replicas_from_concurrency(rag: Estimate) -> None:
    # api: concurrency 200 ÷ latency_p99 4s = 50 qps per replica; peak 3.5 ÷ (50 × 0.6) = 0.12 → 1
    assert value(rag, "serving.api.replicas") == math.ceil(3.5 / (200 / 4 * UTILISATION)) == 1


def test_rag_hnsw_index(rag: Estimate) -> None:
    # passages: hnsw, 2M vectors × (768 dims × 4 B + 32 links × 2 × 4 B) = 6.656 GB → 1 shard
    assert value(rag, "index.passages.memory") == pytest.approx(2e6 * (768 * 4 + HNSW_M * 2 * 4))
    assert value(rag, "index.passages.shards") == 1


def test_rag_latency_path_hop_by_hop(rag: Estimate) -> None:
    # api calls in turn: search_links (its fallback, kept on the path) → keywords (30ms); answers
    # (10ms); shield (40ms) → orchestrator (200ms) → passages (20ms), keywords (already waited
    # for: its answer is shared, so not counted again), reranker (120ms); checker (150ms)
    hops_ms = [30, 10, 40, 200, 20, 120, 150]
    assert value(rag, "latency.api.path") == pytest.approx(sum(hops_ms) / 1000)
    assert value(rag, "latency.api.slack") == pytest.approx((4000 - sum(hops_ms)) / 1000)
    # llm states its time to first token, not a latency_p99: the path names it as not counted
    assert "not counted): llm" in rag.figure("latency.api.path").formula  # type: ignore[union-attr]


def test_rag_token_cost_after_the_semantic_cache(rag: Estimate) -> None:
    # the llm sees the cache's misses: 3.5 × (1 − 15%) = 2.975 peak, ÷ 3 = 0.99 average
    requests_per_day = 3.5 * (1 - 0.15) / PEAK_FACTOR * DAY  # 85,680 of 100,800 questions
    # "$0.0025 in, $0.01 out": 3k × 0.0025 + 300 × 0.01 = $10.5 per 1,000 requests
    per_request = (3000 * 0.0025 + 300 * 0.01) / 1000
    assert value(rag, "cost.llm.day") == pytest.approx(requests_per_day * per_request)  # $899.64
    # backup_llm answers only when llm fails: nothing on the normal path
    assert value(rag, "cost.backup_llm.day") == 0
    replicas = 1 * 0.7 * 24  # $16.80
    day = requests_per_day * per_request + replicas
    assert value(rag, "cost.total.day") == pytest.approx(day)
    # $916.44 × 30 = $27,493 a month, within the typed cost_budget of 30k
    month = rag.figure("cost.total.month")
    assert month is not None
    assert month.value == pytest.approx(day * 30)
    assert month.limit == 30_000
    assert month.value < month.limit
    # conversations: 300k/day × 1 KB, kept 90 days
    assert value(rag, "storage.conversations.retained") == pytest.approx(300e3 * KB * 90)


@pytest.fixture(scope="module")
def chat() -> Estimate:
    return estimate(load(SPECS / "chat_assistant.mlsd"))


def test_chat_gpus_for_the_self_hosted_model(chat: Estimate) -> None:
    # small sees the cache's misses: 500 × (1 − 20%) = 400 qps × 250 tokens out = 100k tokens/s
    assert value(chat, "serving.small.tokens_per_s") == pytest.approx(400 * 250)
    # 100k ÷ (2.5k tokens/s per GPU × 0.6) = 66.7 → 67 GPUs; weights 8B × 2 B = 16 GB fit one 80 GB GPU
    assert value(chat, "serving.small.gpus") == math.ceil(100_000 / (2_500 * UTILISATION)) == 67
    assert value(chat, "serving.small.weights") == pytest.approx(8e9 * 2)
    # engine: 400 qps ÷ (10 qps per replica × 0.6) = 66.7 → 67 replicas
    assert value(chat, "serving.engine.replicas") == 67
    # api: concurrency 200 ÷ 2s = 100 qps per replica; 500 ÷ 60 = 8.3 → 9
    assert value(chat, "serving.api.replicas") == 9


def test_chat_cost(chat: Estimate) -> None:
    # large: qps 10 stated (hard turns only) ÷ 3 × 86,400 × (4k × $0.003 + 400 × $0.015) ÷ 1000
    large = 10 / PEAK_FACTOR * DAY * (4000 * 0.003 + 400 * 0.015) / 1000
    assert value(chat, "cost.large.day") == pytest.approx(large)  # 288k calls × $0.018 = $5,184
    # small has no per-token price: its 67 GPUs are priced by the hour, 67 × $3 × 24 h = $4,824
    assert chat.figure("cost.small.day") is None
    gpus = 67 * 3 * 24
    assert value(chat, "cost.gpus.day") == pytest.approx(gpus)
    # engine's GPUs are small's, so only api's 9 CPU replicas are priced by the replica-hour: $151.20
    api = 9 * 0.7 * 24
    assert value(chat, "cost.total.day") == pytest.approx(large + gpus + api)
    # $10,159.20 × 30 = $304,776 a month, within the typed cost_budget of 320k
    assert value(chat, "cost.total.month") == pytest.approx((large + gpus + api) * 30)
    assert chat.figure("cost.total.month").limit == 320_000  # type: ignore[union-attr]
    assert "engine" in chat.figure("cost.total.day").formula  # type: ignore[union-attr]


def test_coding_assistant_fallback_gpus_and_cost_per_answer() -> None:
    coding = estimate(load(SPECS / "coding_assistant.mlsd"))
    # local_llm is a fallback, sized to take the whole load: peak 3.5 qps × 400 tokens = 1,400 tokens/s
    # ÷ (500 tokens/s per GPU × 0.6) = 4.67 → 5 GPUs; its 32B × 2 B = 64 GB of weights fit one 80 GB GPU
    assert value(coding, "serving.local_llm.gpus") == math.ceil(3.5 * 400 / (500 * UTILISATION)) == 5
    # answerer: 3.5 ÷ 3 × 86,400 = 100,800 answers a day × (4.5k × $0.003 + 400 × $0.015) ÷ 1000
    answers_per_day = 3.5 / PEAK_FACTOR * DAY
    tokens = answers_per_day * (4500 * 0.003 + 400 * 0.015) / 1000  # $0.0195 an answer: $1,965.60
    assert value(coding, "cost.answerer.day") == pytest.approx(tokens)
    # the reserved GPUs cost whether the vendor is up or not: 5 × $3 × 24 h = $360; api: 1 × $0.7 × 24
    day = tokens + 5 * 3 * 24 + 1 * 0.7 * 24
    assert value(coding, "cost.total.day") == pytest.approx(day)
    # $2,342.40 ÷ 100,800 answers = $0.0232 an answer, under the $0.025 the cost_budget allows
    assert day / answers_per_day < 0.025
    assert value(coding, "cost.total.month") == pytest.approx(day * 30)  # $70,272
    assert coding.figure("cost.total.month").limit == 75_000  # type: ignore[union-attr]


def test_visual_search_ivfpq_index_and_gpu_replicas() -> None:
    figures = estimate(load(SPECS / "visual_search.mlsd"))
    # image_index: 5B × (64 + 8) B + round(4 × √5B) = 282,843 lists × 256 × 4 B
    lists = round(4 * math.sqrt(5e9))
    memory = 5e9 * (PQ_BYTES + 8) + lists * 256 * 4
    assert value(figures, "index.image_index.memory") == pytest.approx(memory)
    assert value(figures, "index.image_index.shards") == math.ceil(memory / 64e9) == 6
    # query_encoder (hardware gpu): 50k ÷ (800 × 0.6) = 104.2 → 105 replicas of one GPU at $3 an hour
    assert value(figures, "serving.query_encoder.replicas") == 105
    assert value(figures, "cost.gpus.day") == pytest.approx(105 * 1 * 3 * 24)


def test_every_input_says_where_it_comes_from(video_recs: Estimate) -> None:
    replicas = video_recs.figure("serving.api.replicas")
    assert replicas is not None
    origins = {item.name: item for item in replicas.inputs}
    assert origins["api.replica_qps"].origin is Origin.SPEC
    assert origins["api.replica_qps"].location is not None
    assert origins["api.replica_qps"].location.endswith(":5")  # file:line:column of the attribute
    assert origins["headroom"].origin is Origin.DEFAULT
    cost = video_recs.figure("cost.replicas.day")
    assert cost is not None
    price = next(item for item in cost.inputs if item.name.endswith("replica_hour_price"))
    assert price.origin is Origin.ASSUMPTION
