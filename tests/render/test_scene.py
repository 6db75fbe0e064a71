"""The scene: what both backends draw — nodes, clusters, edges and layout hints."""

from __future__ import annotations

from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.rendering.gaps import Gap
from mlsd_dsl.rendering.scene import SceneEdge, build_scene

from .conftest import fixture_spec, spec_of


def test_without_groups_components_are_clustered_by_stage_in_flow_order(tiny) -> None:
    scene = build_scene(tiny)
    assert [(c.label, c.members) for c in scene.clusters] == [
        ("Clients", ("app",)),
        ("Data", ("events",)),
        ("Features", ("train_data",)),
        ("Training", ("ranker",)),
        ("Registry", ("models",)),
        ("Serving", ("api",)),
        ("Monitoring", ("quality",)),
    ]
    assert scene.loose_nodes() == []


def test_declared_groups_come_first_and_the_rest_keep_their_stage_clusters() -> None:
    spec = spec_of("""
        system s {
          source a: s3
          model b
          serving c
          group first "First" { a b }
          group empty "Nothing" { }
          a -> b -> c
        }
    """)
    scene = build_scene(spec)
    assert [(c.id, c.label, c.stage, c.members) for c in scene.clusters] == [
        ("cluster_group_first", "First", Stage.DATA, ("a", "b")),  # coloured as its first member's
        ("cluster_stage_serving", "Serving", Stage.SERVING, ("c",)),
    ]
    assert scene.loose_nodes() == []


def test_nodes_show_the_catalog_title_of_a_known_tech_and_raw_text_otherwise(tiny) -> None:
    scene = build_scene(tiny)
    assert scene.nodes["events"].tech == "Apache Kafka"
    assert scene.nodes["events"].icon == "diagrams.onprem.queue:Kafka"
    assert scene.nodes["events"].description == "click events"
    assert scene.nodes["api"].tech == "online"
    assert scene.nodes["api"].icon is None
    assert scene.nodes["train_data"].tech is None


def test_an_edge_against_the_flow_does_not_pull_the_layout(tiny) -> None:
    edges = {(e.source, e.target): e for e in build_scene(tiny).edges if not e.invisible}
    assert edges[("api", "events")] == SceneEdge(
        "api", "events", "logs impressions", constraint=False, type=EdgeType.LOG, label_node="label.1"
    )
    assert edges[("events", "train_data")].constraint is True


def test_components_no_edge_places_are_pinned_after_the_previous_stage(tiny) -> None:
    hints = [(e.source, e.target) for e in build_scene(tiny).edges if e.invisible]
    assert hints == [("api", "quality")]  # the monitor nothing connects follows serving


def test_a_component_with_only_edges_against_the_flow_is_pinned_too() -> None:
    spec = spec_of("""
        system s {
          dataset d
          pipeline p
          serving api
          monitor watch
          d -> p -> api
          watch -> p : retrain
        }
    """)
    hints = [(e.source, e.target) for e in build_scene(spec).edges if e.invisible]
    assert hints == [("api", "watch")]


def test_summary_lists_requirements_and_framing_as_written(tiny) -> None:
    assert build_scene(tiny).summary == (
        ("Requirements", (("goal", "more watch time"), ("latency_p99", "100ms"))),
        ("Framing", (("task", "ranking"), ("objective", "P(watch)"))),
    )


def test_gaps_become_ghost_nodes_in_their_stage_linked_where_they_belong(tiny) -> None:
    gaps = [Gap("MODEL002", "no-baseline", Kind.MODEL), Gap("SERVE009", "no-cache", Kind.CACHE)]
    scene = build_scene(tiny, gaps)
    ghost = scene.nodes["gap_MODEL002"]
    assert (ghost.kind, ghost.name, ghost.description, ghost.stage) == (
        Kind.MODEL,
        "MODEL002",
        "no-baseline",
        Stage.TRAINING,
    )
    training = next(c for c in scene.clusters if c.stage is Stage.TRAINING)
    assert training.members == ("ranker", "gap_MODEL002")
    ghost_edges = [(e.source, e.target) for e in scene.edges if e.ghost]
    assert ghost_edges == [("train_data", "gap_MODEL002"), ("gap_MODEL002", "api"), ("api", "gap_SERVE009")]


def test_a_gap_of_a_stage_the_spec_lacks_gets_a_cluster_of_its_own() -> None:
    spec = fixture_spec("groups.mlsd")
    scene = build_scene(
        spec_of("system s { serving api: online }"), [Gap("MON001", "no-monitoring", Kind.MONITOR)]
    )
    assert [(c.label, c.members) for c in scene.clusters] == [
        ("Serving", ("api",)),
        ("Monitoring", ("gap_MON001",)),
    ]
    assert spec.groups  # declared groups: a ghost outside them gets its stage's cluster
    grouped = build_scene(spec, [Gap("MON001", "no-monitoring", Kind.MONITOR)])
    assert [c.members for c in grouped.clusters if c.stage is Stage.MONITORING][-1] == ("gap_MON001",)


def test_kinds_are_listed_once_in_vocabulary_order(tiny) -> None:
    assert build_scene(tiny).kinds == (
        Kind.CLIENT,
        Kind.SOURCE,
        Kind.DATASET,
        Kind.MODEL,
        Kind.REGISTRY,
        Kind.SERVING,
        Kind.MONITOR,
    )
