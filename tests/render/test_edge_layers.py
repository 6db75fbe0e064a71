"""Edge layers, role-aware model stages and clusters for components outside every group."""

from __future__ import annotations

from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.rendering import to_dot
from mlsd_dsl.rendering.scene import build_scene
from mlsd_dsl.rendering.style import EDGE_STYLES, edge_attributes
from mlsd_dsl.rendering.themes import THEMES

from .conftest import spec_of

LOOP = """
    system s {
      client app
      source events: kafka
      dataset data
      pipeline train
      model ranker
      model reranker: rules { stage: re_ranking }
      model llm { provenance: vendor }
      registry models
      serving api
      monitor watch
      app -> api -> reranker
      api -> llm
      events -> data -> train -> ranker -> models -> api
      api -> events : logs
      watch -> train : retrain
    }
"""


def _typed(spec: Spec, source: str, target: str, edge_type: EdgeType) -> Spec:
    """The spec with one edge typed as the typed-arrow syntax would type it."""
    edges = [
        edge.model_copy(update={"type": edge_type, "typed": True})
        if (edge.source, edge.target) == (source, target)
        else edge
        for edge in spec.edges
    ]
    return spec.model_copy(update={"edges": edges})


def test_untyped_edges_take_the_type_their_kinds_imply_and_only_flow_places_components() -> None:
    edges = {(e.source, e.target): e for e in build_scene(spec_of(LOOP)).edges if not e.invisible}
    assert edges[("app", "api")].type is EdgeType.REQUEST
    assert edges[("models", "api")].type is EdgeType.DEPLOY
    assert edges[("api", "events")].type is EdgeType.LOG
    assert edges[("watch", "train")].type is EdgeType.TRIGGER
    assert edges[("events", "data")].type is EdgeType.DATA
    assert [key for key, edge in edges.items() if not edge.constraint] == [
        ("api", "events"),
        ("watch", "train"),
    ]


def test_a_typed_edge_keeps_its_type_over_the_inferred_one() -> None:
    spec = _typed(spec_of(LOOP), "api", "events", EdgeType.DATA)
    edge = next(e for e in build_scene(spec).edges if (e.source, e.target) == ("api", "events"))
    assert edge.type is EdgeType.DATA
    assert edge.constraint is False  # still against the flow


def test_each_layer_is_drawn_in_its_own_style() -> None:
    theme = THEMES["light"]
    drawn = {
        edge.type: edge_attributes(edge, theme)
        for edge in build_scene(spec_of(LOOP)).edges
        if not edge.invisible
    }
    assert "style" not in drawn[EdgeType.DATA]
    assert drawn[EdgeType.LOG]["style"] == "dashed"
    assert drawn[EdgeType.DEPLOY]["style"] == "dotted"
    styles = {(style.style, style.arrowhead, style.penwidth) for style in EDGE_STYLES.values()}
    assert len(styles) == len(EdgeType)  # told apart in black and white too


def test_feedback_edges_can_be_left_out() -> None:
    spec = spec_of(LOOP)
    scene = build_scene(spec, feedback=False)
    assert {e.type for e in scene.edges if not e.invisible} == {
        EdgeType.DATA,
        EdgeType.REQUEST,
        EdgeType.DEPLOY,
    }
    assert "retrain" in to_dot(spec, direction="LR")
    assert "retrain" not in to_dot(spec, direction="LR", feedback=False)


def test_a_model_s_stage_follows_its_role() -> None:
    nodes = build_scene(spec_of(LOOP)).nodes
    assert nodes["ranker"].stage is Stage.TRAINING  # trained from a pipeline
    assert nodes["reranker"].stage is Stage.SERVING  # rules invoked by the endpoint
    assert nodes["llm"].stage is Stage.SERVING  # a vendor model
    assert nodes["reranker"].model_stage is not None and nodes["reranker"].baseline


def test_one_group_leaves_stage_clusters_for_everything_outside_it() -> None:
    spec = spec_of(
        LOOP.replace("watch -> train : retrain", "watch -> train : retrain\n group ml { ranker train }")
    )
    clusters = build_scene(spec).clusters
    assert (clusters[0].id, clusters[0].stage) == ("cluster_group_ml", Stage.TRAINING)
    assert [c.label for c in clusters[1:]] == [
        "Clients",
        "Data",
        "Features",
        "Registry",
        "Serving",
        "Monitoring",
    ]
    clustered = [member for cluster in clusters for member in cluster.members]
    assert sorted(clustered) == sorted(spec.components) and len(clustered) == len(set(clustered))


def test_an_edge_label_sits_inside_the_cluster_of_both_ends_or_outside_every_cluster() -> None:
    scene = build_scene(spec_of(LOOP.replace("api -> reranker", "api -> reranker : rerank")))
    clusters = {label.text: label.cluster for label in scene.labels}
    assert clusters == {"rerank": "cluster_stage_serving", "logs": None, "retrain": None}
