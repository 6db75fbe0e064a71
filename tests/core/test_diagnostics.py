"""Every kind of language error: its code, exact message, caret and help — as `mlsd check` prints it."""

from __future__ import annotations

import textwrap

from tests.core.conftest import compile_snippet, rendered, system


def expect(text: str, *diagnostics: str) -> None:
    assert rendered(text) == [textwrap.dedent(d).strip("\n") for d in diagnostics]


def test_unknown_kind_suggests_the_nearest_kind() -> None:
    expect(
        system("sevring api: online"),
        """
        spec.mlsd:2:3: error[E101]: unknown component kind 'sevring'
        2 |   sevring api: online
          |   ^^^^^^^
          = help: did you mean 'serving'?
          = expected: one of: client, source, stream, storage, processor, dataset, feature, feature_store, vector_db, search_index, model, prompt, pipeline, registry, serving, service, guardrail, cache, monitor, labeling
    """,
    )


def test_unknown_attribute_lists_the_valid_ones() -> None:
    (diagnostic,) = rendered(system("registry models: mlflow { versoning: true }"))
    assert diagnostic.startswith(
        textwrap.dedent("""\
        spec.mlsd:2:29: error[E102]: unknown attribute 'versoning' for registry 'models'
        2 |   registry models: mlflow { versoning: true }
          |                             ^^^^^^^^^
          = help: did you mean 'versioning'?
          = expected: one of: approval, description, owner, versioning""")
    )


def test_wrong_type_says_what_was_expected_and_how_to_fix_it() -> None:
    expect(
        system("serving api: online { latency_p99: 150 }"),
        """
        spec.mlsd:2:38: error[E103]: 'latency_p99' expects a duration such as 150ms, got a number '150'
        2 |   serving api: online { latency_p99: 150 }
          |                                      ^^^
          = help: add a unit, e.g. 150ms or 150s
    """,
    )


def test_booleans_are_true_or_false() -> None:
    expect(
        system("model m { baseline: yes }"),
        """
        spec.mlsd:2:23: error[E103]: 'baseline' expects true or false, got a word 'yes'
        2 |   model m { baseline: yes }
          |                       ^^^
          = help: booleans are written true or false
    """,
    )


def test_invalid_choice_suggests_the_nearest_choice() -> None:
    expect(
        system("dataset d { split: tiem }"),
        """
        spec.mlsd:2:22: error[E104]: 'tiem' is not a valid split
        2 |   dataset d { split: tiem }
          |                      ^^^^
          = help: did you mean 'time'?
          = expected: one of: random, time, user, group, stratified, geo, session
    """,
    )


def test_duplicate_name_points_at_the_second_declaration() -> None:
    expect(
        system("model ranker\nmodel ranker"),
        """
        spec.mlsd:3:9: error[E105]: 'ranker' is already declared
        3 |   model ranker
          |         ^^^^^^
          = help: first declared at line 2; names must be unique
    """,
    )


def test_duplicate_attribute_and_duplicate_section() -> None:
    expect(
        system("model m { loss: a  loss: b }\nframing { task: ranking }\nframing { task: ranking }"),
        """
        spec.mlsd:2:22: error[E106]: attribute 'loss' is given twice in model 'm'
        2 |   model m { loss: a  loss: b }
          |                      ^^^^
          = help: first given at line 2; keep one
    """,
        """
        spec.mlsd:4:3: error[E107]: 'framing' is given twice
        4 |   framing { task: ranking }
          |   ^^^^^^^
          = help: first given at line 3; merge them
    """,
    )


def test_dangling_edge_suggests_a_declared_component() -> None:
    expect(
        system("model ranker\nserving api\nrankr -> api"),
        """
        spec.mlsd:4:3: error[E108]: 'rankr' is not a declared component
        4 |   rankr -> api
          |   ^^^^^
          = help: did you mean 'ranker'?
    """,
    )


def test_references_in_attributes_and_groups_are_checked() -> None:
    diagnostics = compile_snippet(
        system("model popular\nserving api { fallback: populr }\ngroup g { api nope }")
    ).diagnostics
    assert [(d.code, d.message, d.span.line, d.span.column) for d in diagnostics] == [
        ("E108", "'populr' is not a declared component", 3, 27),
        ("E108", "'nope' is not a declared component", 4, 17),
    ]


def test_a_fallback_may_be_described_in_words() -> None:
    assert compile_snippet(system('serving api { fallback: "most popular items" }')).diagnostics == []


def test_unknown_and_ambiguous_units() -> None:
    expect(
        system("serving api { latency_p99: 1m  timeout: 5xs }"),
        """
        spec.mlsd:2:30: error[E005]: ambiguous unit 'm' in '1m'
        2 |   serving api { latency_p99: 1m  timeout: 5xs }
          |                              ^^
          = help: use 'min' for minutes or 'M' for millions
    """,
        """
        spec.mlsd:2:43: error[E005]: unknown unit 'xs' in '5xs'
        2 |   serving api { latency_p99: 1m  timeout: 5xs }
          |                                           ^^^
          = help: units are SI counts (k, M, B, T), durations (us, ms, s, min, h, d, w, mo, y), data sizes (KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB), percentages (%) and rates such as 100k/s
    """,
    )


def test_syntax_error_names_what_was_expected_in_words() -> None:
    expect(
        system("model m { loss focal }"),
        """
        spec.mlsd:2:18: error[E001]: unexpected name 'focal'
        2 |   model m { loss focal }
          |                  ^^^^^
          = help: an attribute is written 'key: value'
          = expected: ':'
    """,
    )


def test_missing_name_after_a_kind() -> None:
    expect(
        system('storage "lake"'),
        """
        spec.mlsd:2:11: error[E001]: unexpected string "lake" after 'storage'
        2 |   storage "lake"
          |           ^^^^^^
          = help: a declaration is written: storage NAME [: TECH] ["label"] [{ attributes }]
          = expected: a name
    """,
    )


def test_unterminated_string() -> None:
    expect(
        system('model m "ranker'),
        """
        spec.mlsd:2:11: error[E003]: unterminated string: missing closing '"'
        2 |   model m "ranker
          |           ^
          = help: strings are written on one line between double quotes
    """,
    )


def test_invalid_character() -> None:
    (diagnostic,) = rendered(system("model m $"))
    assert diagnostic.splitlines()[:3] == [
        "spec.mlsd:2:11: error[E002]: unexpected character '$'",
        "2 |   model m $",
        "  |           ^",
    ]


def test_an_unclosed_brace_is_reported_where_it_was_opened() -> None:
    expect(
        "system s {\n  model m {\n",
        """
        spec.mlsd:2:11: error[E007]: '{' opened at line 2, column 11 is never closed
        2 |   model m {
          |           ^
          = help: add '}' where the block ends; the '{' at line 1, column 10 is not closed either
    """,
    )


def test_a_block_closed_by_a_less_indented_brace_is_named_as_the_likely_culprit() -> None:
    # Only the first syntax error inside that block: `m -> api` is unexpected only because the
    # block is still open.
    text = "system s {\n  model m {\n    loss: ce\n  serving api\n  m -> api\n}\n"
    expect(
        text,
        """
        spec.mlsd:1:10: error[E007]: '{' opened at line 1, column 10 is never closed
        1 | system s {
          |          ^
          = help: the '{' at line 2, column 11 may be the one missing its '}': the '}' on line 6 that closes it is indented less than line 2
    """,
        """
        spec.mlsd:4:11: error[E001]: unexpected name 'api'
        4 |   serving api
          |           ^^^
          = help: an attribute is written 'key: value'
          = expected: ':'
    """,
    )


def test_an_unclosed_list_is_reported_where_it_was_opened() -> None:
    expect(
        system("monitor m {\n  watches: [a, b\n}\nmodel a\nmodel b"),
        """
        spec.mlsd:3:14: error[E007]: '[' opened at line 3, column 14 is never closed
        3 |     watches: [a, b
          |              ^
          = help: add ']' before the '}' at line 4, column 3
    """,
    )


def test_a_list_left_open_at_the_end_of_the_file() -> None:
    expect(
        "system s {\n  monitor m { watches: [a, b\n",
        """
        spec.mlsd:2:24: error[E007]: '[' opened at line 2, column 24 is never closed
        2 |   monitor m { watches: [a, b
          |                        ^
          = help: add ']' where the list ends; the '{' at line 2, column 13 is not closed either
    """,
    )


def test_a_brace_in_a_string_or_a_comment_is_not_a_bracket() -> None:
    expect(
        'system s { # {\n  model m "{["\n',
        """
        spec.mlsd:1:10: error[E007]: '{' opened at line 1, column 10 is never closed
        1 | system s { # {
          |          ^
          = help: add '}' where the block ends
    """,
    )


def test_unexpected_end_of_file_in_a_statement() -> None:
    expect(
        "system s {\n  model m:\n}\n  ",
        """
        spec.mlsd:3:1: error[E001]: unexpected '}'
        3 | }
          | ^
          = expected: one of: a name, a string
    """,
    )
    expect(
        "model m:\n",
        """
        spec.mlsd:1:9: error[E004]: unexpected end of file
        1 | model m:
          |         ^
          = expected: one of: a name, a string
    """,
    )


def test_all_recoverable_syntax_errors_are_reported() -> None:
    text = system('model a { loss focal }\nstorage "lake"\nmonitor m { watches: [x y] }\nmodel b: $')
    diagnostics = compile_snippet(text).diagnostics
    assert [(d.code, d.span.line) for d in diagnostics] == [
        ("E001", 2),
        ("E001", 3),
        ("E001", 4),
        ("E002", 5),
    ]


def test_all_semantic_errors_are_reported_together() -> None:
    text = system("sevring api\nmodel m { baseline: yes }\ndataset d { split: tiem }\nx -> m")
    assert [d.code for d in compile_snippet(text).diagnostics] == ["E101", "E103", "E104", "E108"]


def test_one_system_per_file_and_nothing_outside_it() -> None:
    diagnostics = compile_snippet("storage lake\nsystem a { }\nsystem b { }\n").diagnostics
    assert [(d.code, d.message) for d in diagnostics] == [
        ("E109", "this statement is outside the system block"),
        ("E109", "a file holds one system; 'b' is a second one"),
    ]


def test_empty_file() -> None:
    expect(
        "# only a comment\n",
        """
        spec.mlsd:1:1: error[E303]: the file declares nothing
        1 | # only a comment
          | ^
          = help: start with: system my_system "My system" { ... }
    """,
    )


def test_misspelt_section_keyword() -> None:
    expect(
        system('requirments { goal: "x" }'),
        """
        spec.mlsd:2:15: error[E001]: unexpected '{' after 'requirments'
        2 |   requirments { goal: "x" }
          |               ^
          = help: did you mean 'requirements'?
          = expected: one of: ',', '->', a name
    """,
    )
