"""Every construct of the language, compiled into the typed model."""

from __future__ import annotations

from pathlib import Path

import mlsd_dsl
from mlsd_dsl.model import Kind
from tests.core.conftest import compile_snippet, system, trees_from_both_parsers

ISSUE_EXAMPLE = Path(__file__).parent / "data" / "issue_example.mlsd"


def test_the_issue_example_compiles_with_every_part() -> None:
    compilation = mlsd_dsl.compile_file(ISSUE_EXAMPLE)
    assert compilation.diagnostics == []
    spec = compilation.spec
    assert (spec.name, spec.label) == ("video_recs", "YouTube video recommendations")
    assert spec.requirements.get("latency_p99").ms == 200
    assert spec.requirements.get("users").value == 2e9
    assert spec.framing.word("task") == "ranking"
    assert spec.evaluation.flag("ab_test")
    assert len(spec.components) == 15  # 12 declared here + 3 from the imported module
    assert spec.components["platform_events"].span.file.endswith("common/platform.mlsd")
    assert spec.components["api"].serving_mode == "online"
    assert spec.components["api"].word("fallback") == "popular"
    assert [(g.name, g.label, g.members) for g in spec.groups] == [
        ("online", "Online serving", ["api", "video_index", "ranker"])
    ]
    assert spec.imports[0].path == "common/platform.mlsd"


def test_declaration_forms() -> None:
    spec = compile_snippet(
        system("""
        storage lake
        storage warehouse: bigquery
        source events: kafka "click events"
        model llm: "gpt-4o" "answer generator" { stage: generation }
        dataset train "training set" { label: "clicked" }
        vector_db video-index: faiss
    """)
    ).spec
    components = spec.components
    assert (components["lake"].kind, components["lake"].tech, components["lake"].label) == (
        Kind.STORAGE,
        None,
        None,
    )
    assert components["warehouse"].tech == "bigquery"
    assert (components["events"].tech, components["events"].label) == ("kafka", "click events")
    assert (components["llm"].tech, components["llm"].label) == ("gpt-4o", "answer generator")
    assert (components["train"].tech, components["train"].label) == (None, "training set")
    assert "video-index" in components


def test_edges_chains_fan_out_fan_in_and_labels() -> None:
    spec = compile_snippet(
        system("""
        source a
        storage b
        dataset c
        model d
        model e
        a -> b -> c : "daily ETL"
        c -> d, e
        d, e -> b : registers
    """)
    ).spec
    edges = [(e.source, e.target, e.label) for e in spec.edges]
    assert edges == [
        ("a", "b", "daily ETL"),
        ("b", "c", "daily ETL"),
        ("c", "d", None),
        ("c", "e", None),
        ("d", "b", "registers"),
        ("e", "b", "registers"),
    ]
    assert spec.successors("c") == ["d", "e"]
    assert spec.predecessors("b") == ["a", "d", "e"]


def test_sections_hold_typed_attributes() -> None:
    spec = compile_snippet(
        system("""
        requirements { goal: "more watch time"  peak_qps: 100k  constraints: ["GDPR", cold_start] }
        framing { task: classification  input: [user, post]  output: "P(harmful)" }
        evaluation { offline: [pr_auc]  online: [prevalence]  experiment: ab_test }
    """)
    ).spec
    assert spec.requirements.word("goal") == "more watch time"
    assert spec.framing.word("task") == "classification"
    assert spec.evaluation.word("experiment") == "ab_test"


def test_comments_are_kept_with_positions() -> None:
    spec = compile_snippet("# header\nsystem s { # inline\n  storage lake  # trailing\n}\n").spec
    assert [(c.text, c.span.line, c.span.column) for c in spec.comments] == [
        ("# header", 1, 1),
        ("# inline", 2, 12),
        ("# trailing", 3, 17),
    ]


def test_every_object_knows_its_source_position() -> None:
    spec = compile_snippet(system("model ranker: lightgbm { loss: focal }\nranker -> ranker : loop")).spec
    ranker = spec.components["ranker"]
    assert (ranker.span.file, ranker.span.line, ranker.span.column) == ("spec.mlsd", 2, 3)
    assert (ranker.attributes["loss"].span.line, ranker.attributes["loss"].span.column) == (2, 28)
    assert (ranker.get("loss").span.line, ranker.get("loss").span.column) == (2, 34)
    assert (spec.edges[0].span.line, spec.edges[0].span.column) == (3, 3)


def test_a_file_without_a_system_is_a_module() -> None:
    spec = compile_snippet("storage lake: s3\nsource events: kafka\nevents -> lake\n").spec
    assert spec.is_module and spec.name is None
    assert list(spec.components) == ["lake", "events"]


def test_serving_mode_from_attribute_or_tech() -> None:
    spec = compile_snippet(
        system("serving a: online\nserving b: triton { mode: batch }\nserving c: triton")
    ).spec
    assert [spec.components[n].serving_mode for n in "abc"] == ["online", "batch", None]


def test_keywords_can_still_be_names_where_no_keyword_fits() -> None:
    # The fast lexer reserves keywords; such files take the careful path and still compile.
    text = system("storage group\nmodel true: lightgbm\ngroup g { group }")
    assert compile_snippet(text).diagnostics == []
    assert set(compile_snippet(text).spec.components) == {"group", "true"}


def test_fast_and_careful_parsers_build_the_same_tree() -> None:
    fast, careful = trees_from_both_parsers(ISSUE_EXAMPLE.read_text())
    assert repr(fast.systems) == repr(careful.systems)
    assert repr(fast.imports) == repr(careful.imports)
