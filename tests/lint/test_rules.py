"""Rules one by one on tiny specs: exactly what they report, and the cases they must not report."""

from __future__ import annotations

from .helpers import codes, only


def test_no_requirements_points_at_the_system_line() -> None:
    assert only(
        "REQ001",
        """\
        # a comment
        system recs {
          model ranker: lightgbm
        }
    """,
    ) == [(2, "the system has no `requirements` section")]


def test_missing_section_rules_do_not_pile_on_when_the_whole_section_is_missing() -> None:
    found = codes("system recs {\n}\n")
    assert "REQ001" in found and "FRAME001" in found and "EVAL001" in found
    assert not {"REQ002", "REQ003", "FRAME002", "FRAME003", "EVAL002", "EVAL003"} & set(found)


def test_latency_requirement_is_only_needed_for_online_serving() -> None:
    text = """\
        system s {
          requirements { goal: "g" }
          serving job: batch
        }
    """
    assert only("REQ004", text) == []
    assert only("REQ004", text.replace("batch", "online")) == [
        (2, "'job' serves online but the requirements state no latency")
    ]


def test_random_split_is_fine_when_no_time_ordered_data_reaches_the_dataset() -> None:
    assert (
        only(
            "DATA003",
            """\
        system s {
          source photos: s3 { type: images }
          source clicks: kafka { type: events }
          dataset train { split: random }
          photos -> train
        }
    """,
        )
        == []
    )


def test_random_split_is_found_through_intermediate_components() -> None:
    assert only(
        "DATA003",
        """\
        system s {
          stream bus: kafka
          storage lake: s3
          dataset train { label: "x" split: random }
          bus -> lake -> train
        }
    """,
    ) == [(4, "'train' is built from time-ordered data but split at random")]


def test_imbalance_threshold_is_ten_percent() -> None:
    assert only("DATA004", "system s {\n  dataset d { positive_rate: 10% }\n}\n") == []
    assert only("DATA004", "system s {\n  dataset d { positive_rate: 9.5% imbalance: none }\n}\n") == [
        (2, "'d' has 9.5% positives and no imbalance treatment")
    ]


def test_unlabelled_datasets_can_say_so() -> None:
    assert only("DATA005", "system s {\n  dataset d { label_source: none split: time }\n}\n") == []


def test_feature_store_reaching_training_only_through_serving_logs_still_skips_training() -> None:
    text = """\
        system s {
          source events: kafka { type: events }
          feature_store features: feast
          dataset train { label: "clicked" }
          serving api: online
          features -> api -> events -> train
        }
    """
    assert only("DATA009", text) == [(3, "feature store 'features' feeds no dataset, pipeline or model")]
    assert only("DATA009", text.replace("-> train", "-> train\n  features -> train")) == []


def test_baselines_need_no_pipeline_loss_or_registry() -> None:
    found = codes("""\
        system s {
          model popular: heuristic
          model lr: logistic_regression { baseline: true }
          serving api: batch
          popular, lr -> api
        }
    """)
    assert not {"MODEL002", "MODEL003", "MODEL005", "SERVE004", "MON004", "DATA002"} & set(found)


def test_model_not_trained_follows_paths_from_the_pipeline() -> None:
    assert only(
        "MODEL004",
        """\
        system s {
          pipeline training: airflow
          dataset d { label: "x" }
          model a: dnn
          model b: dnn
          training -> d -> a
        }
    """,
    ) == [(5, "no pipeline trains model 'b'")]


def test_loss_fit_uses_the_model_stage_before_the_framing_task() -> None:
    text = """\
        system s {
          framing { task: ranking }
          model watch_time: lightgbm { stage: regression loss: focal }
          model ranker: lightgbm { loss: mse }
        }
    """
    assert only("MODEL006", text) == [
        (3, "'watch_time' does regression but its loss 'focal' is for classification")
    ]


def test_small_catalogues_may_be_ranked_whole() -> None:
    text = """\
        system s {
          requirements { items: 5k }
          framing { task: recommendation }
          model ranker: dnn { stage: ranking }
        }
    """
    assert only("MODEL007", text) == []
    assert only("MODEL007", text.replace("5k", "2M")) == [
        (4, "'ranker' ranks with no candidate-generation stage before it")
    ]


def test_negatives_on_an_upstream_dataset_count() -> None:
    text = """\
        system s {
          dataset sessions { label: "booked" negatives: random }
          storage lake: s3
          model listing_emb: word2vec { stage: embedding }
          sessions -> lake -> listing_emb
        }
    """
    assert only("MODEL008", text) == []


def test_batch_inference_can_write_a_vector_db_but_online_serving_cannot() -> None:
    text = """\
        system search {
          model encoder: clip { stage: embedding }
          serving indexer: batch "embeds new images nightly"
          vector_db index: faiss
          encoder -> indexer -> index
        }
    """
    assert only("MODEL009", text) == []
    assert only("MODEL009", text.replace("indexer: batch", "indexer: online")) == [
        (4, "no model or indexing job writes embeddings to 'index'")
    ]


def test_ranking_metrics_at_k_fit_ranking_tasks() -> None:
    text = "system s {\n  framing { task: ranking }\n  evaluation { offline: [precision@5] }\n}\n"
    assert only("EVAL006", text) == []
    assert only("EVAL006", text.replace("precision@5", "rmse")) == [
        (3, "no offline metric fits the task 'ranking'")
    ]


def test_online_experiment_can_come_from_the_rollout() -> None:
    assert (
        only(
            "EVAL004",
            """\
        system s {
          evaluation { offline: [auc] online: [ctr] }
          serving api: online { rollout: [canary, ab_test] }
        }
    """,
        )
        == []
    )


def test_latency_over_budget_compares_units() -> None:
    text = """\
        system s {
          requirements { latency_p99: 0.2s }
          serving api: online { latency_p99: 200ms }
          serving slow: online { latency_p99: 250ms }
        }
    """
    assert only("SERVE005", text) == [(4, "'slow' has latency_p99 250ms, above the required 0.2s")]


def test_all_at_once_is_not_a_safe_rollout_but_shadow_is() -> None:
    assert only("SERVE006", "system s {\n  serving a: online { rollout: shadow }\n}\n") == []


def test_batch_serving_is_fine_with_a_latency_of_a_second_or_more() -> None:
    assert only("SERVE007", "system s {\n  requirements { latency_p99: 2s }\n  serving job: batch\n}\n") == []


def test_monitoring_rules_need_a_monitor_to_complain_about() -> None:
    found = codes("system s {\n  serving api: online\n}\n")
    assert "MON001" in found
    assert not {"MON002", "MON003", "MON005"} & set(found)


def test_drift_false_is_no_drift_detection() -> None:
    assert only("MON002", "system s {\n  monitor m: prometheus { drift: false alerts: pagerduty }\n}\n") == [
        (2, "no monitor detects data or prediction drift")
    ]


def test_feedback_loop_from_a_client_counts() -> None:
    assert (
        only(
            "MON006",
            """\
        system s {
          client app: mobile
          source events: kafka { type: events }
          serving api: online
          app -> api
          app -> events : "logs taps"
        }
    """,
        )
        == []
    )


def test_components_named_by_attributes_are_not_orphans() -> None:
    assert (
        only(
            "GRAPH001",
            """\
        system s {
          model popular: popularity
          cache hot: redis
          serving api: online { fallback: popular cache: hot }
          model ranker: dnn
          ranker -> api
        }
    """,
        )
        == []
    )


def test_labelled_feedback_loop_is_not_reported_but_a_bare_cycle_is_once() -> None:
    text = """\
        system s {
          source a: kafka
          storage b: s3
          dataset c { label: "x" }
          a -> b -> c
          c -> a
        }
    """
    assert only("GRAPH003", text) == [(5, "unlabelled cycle through a, b, c")]
    assert only("GRAPH003", text.replace("c -> a", 'c -> a : "replay"')) == []


def test_self_loop_is_a_cycle() -> None:
    assert only("GRAPH003", "system s {\n  source a: kafka\n  a -> a\n}\n") == [
        (3, "unlabelled cycle through a")
    ]


def test_tech_kind_mismatch_names_what_the_tech_can_be() -> None:
    assert only("GRAPH002", "system s {\n  registry models: kafka\n}\n") == [
        (2, "Apache Kafka is not a registry (it can be: source, stream)")
    ]


def test_unknown_technologies_are_not_checked() -> None:
    assert only("GRAPH002", 'system s {\n  registry models: "in-house registry"\n}\n') == []


def test_cold_start_plan_is_needed_only_for_personalized_recommenders() -> None:
    text = """\
        system s {
          framing { task: ranking  personalized: true }
          model ranker: lightgbm
          serving api: online
        }
    """
    assert only("SERVE011", text) == [(2, "a personalized ranking system with no cold-start plan")]
    assert only("SERVE011", text.replace("personalized: true", "personalized: false")) == []
    assert only("SERVE011", text.replace("api: online", 'api: online { cold_start: "popular items" }')) == []
    assert only("SERVE011", text.replace("task: ranking  personalized: true", "task: classification")) == []


def test_a_scoring_model_of_a_regression_system_ranks_no_catalogue() -> None:
    text = """\
        system pricing {
          framing { task: regression }
          model policy: rules { stage: scoring }
        }
    """
    assert only("MODEL007", text) == []
    assert only("MODEL007", text.replace("regression", "ranking")) != []


def test_a_feature_names_the_engine_that_computes_it() -> None:
    assert only("GRAPH002", "system s {\n  feature clicks_1h: flink { compute: streaming }\n}\n") == []
    assert only("GRAPH002", "system s {\n  feature clicks_1h: redis\n}\n") != []


def test_an_evaluation_set_keeps_its_natural_class_balance() -> None:
    text = """\
        system fraud {
          dataset verdicts { purpose: evaluation  positive_rate: 0.5% }
        }
    """
    assert only("DATA004", text) == []
    assert only("DATA004", text.replace("purpose: evaluation  ", "")) != []
