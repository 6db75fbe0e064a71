"""Rules that read what a design means: typed edges, provenance, latency, feature timing, privacy.

Each test pins one behaviour the issue-12 rules promise: sums shown with their arithmetic, false
positives of the presence rules removed, and the analyses' edge cases (cycles, async calls).
"""

from __future__ import annotations

from .helpers import codes, only

PRESENCE_RULES_FOR_TRAINING = {
    "DATA002",
    "MODEL002",
    "MODEL003",
    "MODEL005",
    "MODEL008",
    "SERVE004",
    "MON004",
}


def test_a_system_with_nothing_to_train_is_not_asked_for_training() -> None:
    found = codes("""\
        system rag {
          client chat: web
          model embedder: "e5-base" { provenance: pretrained base: "intfloat/e5-base-v2" stage: embedding }
          vector_db passages: qdrant { refresh: 15min }
          model llm: openai { provenance: vendor provider: openai version: "gpt-4o-2024-08-06" }
          serving assistant: online { fallback: "top articles" }
          embedder -> passages
          chat -request-> assistant -request-> embedder, llm
          passages -read-> assistant
        }
    """)
    assert not PRESENCE_RULES_FOR_TRAINING & set(found)
    assert "MODEL010" not in found


def test_a_served_model_nothing_trains_is_an_error_unless_pretrained() -> None:
    text = """\
        system s {
          model classifier: bert
          serving api: online
          api -request-> classifier
        }
    """
    assert only("MODEL010", text) == [
        (
            2,
            "'classifier' is served online but no dataset or pipeline trains it, and its provenance is "
            "'trained' (not pretrained or vendor)",
        )
    ]
    assert only("MODEL010", text.replace("bert", "bert { provenance: pretrained }")) == []


def test_imbalance_treated_by_the_models_loss_is_treated() -> None:
    text = """\
        system s {
          dataset train { label: "fraud" positive_rate: 0.2% }
          model scorer: xgboost { loss: focal }
          train -> scorer
        }
    """
    assert only("DATA004", text) == []
    assert only("DATA004", text.replace("focal", "log_loss")) == [
        (2, "'train' has 0.2% positives and no imbalance treatment")
    ]


def test_the_latency_sum_shows_its_arithmetic() -> None:
    assert only(
        "SERVE012",
        """\
        system s {
          requirements { latency_p99: 100ms }
          client app: web
          service gateway { latency_p99: 60ms }
          model ranker: lightgbm { latency_p99: 50ms }
          feature_store features: feast { latency_p99: 15ms }
          app -request-> gateway -request-> ranker
          features -read-> ranker
        }
        """,
    ) == [
        (
            3,
            "a request from 'app' waits for gateway 60ms + ranker 50ms + features 15ms = 125ms > required 100ms",
        )
    ]


def test_an_edge_p99_counts_the_call_once_and_async_calls_are_not_waited_for() -> None:
    text = """\
        system s {
          requirements { latency_p99: 100ms }
          client app: web
          serving api: online
          model ranker: lightgbm { latency_p99: 40ms }
          service audit { latency_p99: 70ms }
          app -request-> api -request-> ranker { latency_p99: 45ms }
          api -request-> audit { async: true }
        }
    """
    assert only("SERVE012", text) == []
    assert only("SERVE012", text.replace("async: true", "async: false")) == [
        (3, "a request from 'app' waits for ranker 45ms + audit 70ms = 115ms > required 100ms")
    ]


def test_a_cycle_of_calls_is_cut_not_followed_forever() -> None:
    found = only(
        "SERVE012",
        """\
        system s {
          requirements { latency_p99: 100ms }
          client app: web
          service a { latency_p99: 60ms }
          service b { latency_p99: 60ms }
          app -request-> a -request-> b -request-> a
        }
        """,
    )
    assert found == [(3, "a request from 'app' waits for a 60ms + b 60ms = 120ms > required 100ms")]


def test_a_random_split_of_data_from_a_streaming_technology_is_time_ordered() -> None:
    assert only(
        "DATA003",
        """\
        system s {
          source clicks: kinesis
          dataset train { split: random }
          clicks -> train
        }
        """,
    ) == [
        (
            3,
            "'train' is built from time-ordered data (the Amazon Kinesis stream 'clicks') but split at random",
        )
    ]


def test_personal_data_bypassing_the_designs_own_protection_is_found() -> None:
    text = """\
        system s {
          requirements { privacy: "ids hashed before storage" }
          source orders: postgres { pii: true }
          processor scrub: spark { privacy: [hash] }
          storage lake: s3 { pii: false }
          orders -> scrub -> lake
        }
    """
    assert only("DATA017", text) == []
    bypass = text.replace("orders -> scrub -> lake", "orders -> scrub -> lake\n  orders -> lake")
    assert [line for line, _ in only("DATA017", bypass)] == [5]


def test_user_text_sent_to_a_vendor_model_needs_a_scrubbing_step() -> None:
    text = """\
        system s {
          client chat: web
          processor scrub: presidio { privacy: [redact] }
          model llm: openai { provenance: vendor provider: openai }
          serving api: online
          chat -request-> api -request-> scrub, llm
        }
    """
    assert only("DATA017", text) == []
    assert only("DATA017", text.replace("scrub, llm", "llm")) == [
        (
            4,
            "what users send reaches the vendor model 'llm' (chat → api → llm) with no redaction step on the way",
        )
    ]


def test_a_feature_may_name_the_job_that_computes_it() -> None:
    assert "GRAPH002" not in codes("system s {\n  feature clicks_1h: flink { compute: streaming }\n}\n")


def test_a_routers_routes_and_a_callees_fallback_are_not_added_up() -> None:
    text = """\
        system s {
          requirements { latency_p99: 4s }
          client app: web
          serving api: online
          service router: litellm { routes: [small, large] latency_p99: 10ms }
          model small: openai { provenance: vendor latency_p99: 1s fallback: spare }
          model large: openai { provenance: vendor latency_p99: 3s }
          model spare: "llama-3" { provenance: pretrained latency_p99: 3.5s }
          app -request-> api -request-> router -request-> small, large
          api -request-> spare : "only when small fails"
        }
    """
    assert only("SERVE012", text) == []
    assert only("SERVE012", text.replace("routes: [small, large] ", "")) == [
        (3, "a request from 'app' waits for router 10ms + small 1s + large 3s = 4.01s > required 4s")
    ]


def test_a_guardrail_that_checks_for_personal_data_protects_a_prompt() -> None:
    text = """\
        system s {
          client chat: web
          guardrail shield { position: input checks: [prompt_injection, pii] on_block: redact }
          model llm: openai { provenance: vendor provider: openai }
          serving api: online
          chat -request-> api -request-> shield -request-> llm
        }
    """
    assert only("DATA017", text) == []
    assert [
        line for line, _ in only("DATA017", text.replace("prompt_injection, pii", "prompt_injection"))
    ] == [4]


def test_a_fallback_that_a_router_also_calls_first_is_on_the_path() -> None:
    # large falls back to small, but small is also the router's first route: waited for there
    text = """\
        system s {
          requirements { latency_p99: 1s }
          client app: web
          serving api: online
          service router: litellm { routes: [small, large] latency_p99: 10ms }
          model small: "llama-3" { provenance: pretrained latency_p99: 1.2s }
          model large: openai { provenance: vendor latency_p99: 500ms fallback: small }
          app -request-> api -request-> router -request-> small, large
        }
    """
    assert only("SERVE012", text) == [
        (
            3,
            "a request from 'app' waits for router 10ms + small (slowest of the routes, with large) 1.2s = 1.21s > required 1s",
        )
    ]


def test_a_fallback_a_component_hosts_for_the_router_is_on_the_path() -> None:
    # the chat assistant's shape: the router reaches small through the engine that hosts it
    text = """\
        system s {
          requirements { latency_p99: 1s }
          client app: web
          serving api: online
          service router: litellm { routes: [small, large] latency_p99: 10ms }
          serving engine: vllm { mode: online }
          model small: "llama-3" { provenance: pretrained latency_p99: 1.2s }
          model large: openai { provenance: vendor latency_p99: 500ms fallback: small }
          app -request-> api -request-> router -request-> engine -request-> small
          router -request-> large
        }
    """
    assert only("SERVE012", text) == [
        (3, "a request from 'app' waits for router 10ms + small 1.2s = 1.21s > required 1s")
    ]
    # small as large's fallback only (engine calls large first): off the normal path
    assert only("SERVE012", text.replace("engine -request-> small", "engine -request-> large, small")) == []


def test_a_component_reached_along_two_routes_is_waited_for_once() -> None:
    # a diamond: a and b both read the feature store; the request waits for it once
    text = """\
        system s {
          requirements { latency_p99: 120ms }
          client app: web
          serving api: online
          service a { latency_p99: 30ms }
          service b { latency_p99: 30ms }
          feature_store features: feast { latency_p99: 50ms }
          app -request-> api -request-> a, b
          features -read-> a, b
        }
    """
    assert only("SERVE012", text) == []
    assert only("SERVE012", text.replace("120ms", "100ms")) == [
        (3, "a request from 'app' waits for a 30ms + features 50ms + b 30ms = 110ms > required 100ms")
    ]


def test_parallel_branches_each_wait_for_what_they_share() -> None:
    # a and b are called together and both wait for features: the slower branch counts it
    text = """\
        system s {
          requirements { latency_p99: 100ms }
          client app: web
          serving api: online
          service a { latency_p99: 30ms }
          service b { latency_p99: 60ms }
          feature_store features: feast { latency_p99: 50ms }
          app -request-> api -request-> a, b { parallel: true }
          features -read-> a, b
        }
    """
    assert only("SERVE012", text) == [
        (
            3,
            "a request from 'app' waits for b (slowest of parallel a) 60ms + features 50ms = 110ms > required 100ms",
        )
    ]


def test_a_component_waited_for_before_a_parallel_fan_out_is_not_waited_for_again() -> None:
    # api asks c first (which reads features), then a and b together; a reuses features' answer
    text = """\
        system s {
          requirements { latency_p99: 120ms }
          client app: web
          serving api: online
          service a { latency_p99: 30ms }
          service b { latency_p99: 30ms }
          service c { latency_p99: 30ms }
          feature_store features: feast { latency_p99: 50ms }
          app -request-> api -request-> c
          api -request-> a, b { parallel: true }
          features -read-> c, a
        }
    """
    assert only("SERVE012", text) == []
    assert only("SERVE012", text.replace("120ms", "100ms")) == [
        (
            3,
            "a request from 'app' waits for c 30ms + features 50ms + a (slowest of parallel b) 30ms = 110ms "
            "> required 100ms",
        )
    ]


def test_a_routers_alternatives_count_the_slowest_even_through_a_host() -> None:
    # the router takes fast or slow; slow is reached through the serving that hosts it
    text = """\
        system s {
          requirements { latency_p99: 400ms }
          client app: web
          service router: litellm { routes: [fast, slow] latency_p99: 10ms }
          serving host: torchserve { mode: online }
          model fast: "small" { provenance: pretrained latency_p99: 100ms }
          model slow: "large" { provenance: pretrained latency_p99: 300ms }
          app -request-> router -request-> fast, host
          host -request-> slow
        }
    """
    assert only("SERVE012", text) == []
    assert only("SERVE012", text.replace("routes: [fast, slow] ", "")) == [
        (3, "a request from 'app' waits for router 10ms + fast 100ms + slow 300ms = 410ms > required 400ms")
    ]
