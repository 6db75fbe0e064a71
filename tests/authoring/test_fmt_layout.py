"""The canonical layout, case by case: a small spec in, the exact formatted text out."""

from __future__ import annotations

from textwrap import dedent

import pytest

from mlsd_dsl.formatter import format_source


def fmt(text: str) -> str:
    result = format_source(dedent(text).lstrip("\n"))
    assert result.text is not None, result.diagnostics
    return result.text


def expect(text: str) -> str:
    return dedent(text).lstrip("\n")


def test_blocks_are_indented_and_attributes_follow_the_vocabulary_order() -> None:
    assert fmt('system s{requirements{latency_p99:200ms users:2B goal:"x"}}') == expect("""
        system s {
          requirements {
            goal: "x"
            users: 2B
            latency_p99: 200ms
          }
        }
    """)


def test_one_line_declarations_are_aligned_in_columns() -> None:
    assert fmt("""
        system s {
          source events: kafka "clicks" {volume: 10B/day}
          storage lake: s3
          dataset train_data { split: time, label: "watched" }
        }
    """) == expect("""
        system s {
          source  events: kafka "clicks" { volume: 10B/day }
          storage lake: s3
          dataset train_data    { label: "watched"  split: time }
        }
    """)


def test_framework_steps_are_separated_by_a_blank_line() -> None:
    assert fmt("""
        system s {
          source events
          model m
          model n
          serving api: online
          events -> m
        }
    """) == expect("""
        system s {
          source events

          model m
          model n

          serving api: online

          events -> m
        }
    """)


def test_a_declaration_too_long_for_one_line_gets_one_attribute_per_line() -> None:
    long_label = "x" * 60
    assert fmt(f'system s {{ model m: lightgbm "{long_label}" {{ loss: focal  retrain: 1d }} }}') == expect(f'''
        system s {{
          model m: lightgbm "{long_label}" {{
            loss: focal
            retrain: 1d
          }}
        }}
    ''')


def test_long_lists_are_split_one_item_per_line() -> None:
    items = ", ".join(f'"constraint number {n}"' for n in range(5))
    assert fmt(f"system s {{ requirements {{ constraints: [{items}] }} }}") == expect("""
        system s {
          requirements {
            constraints: [
              "constraint number 0",
              "constraint number 1",
              "constraint number 2",
              "constraint number 3",
              "constraint number 4",
            ]
          }
        }
    """)


def test_groups_edges_strings_and_words_are_written_canonically() -> None:
    assert fmt("""
        system s "A \\"quoted\\" label" {
          model a  model b
          group g "G" {a,b}
          a->b:"fan out"
          b -> a: back
        }
    """) == expect("""
        system s "A \\"quoted\\" label" {
          model a
          model b

          group g "G" { a  b }

          a -> b : "fan out"
          b -> a : back
        }
    """)


def test_at_most_one_blank_line_is_kept() -> None:
    assert fmt("system s {\n  model a\n\n\n\n  model b\n}\n\n\n") == "system s {\n  model a\n\n  model b\n}\n"


@pytest.mark.parametrize(
    "source, formatted",
    [
        ("system s { model m { loss: focal } # why\n}", "system s {\n  model m { loss: focal }  # why\n}\n"),
        ("system s { # about s\n model m }", "system s {  # about s\n  model m\n}\n"),
        ("system s {\n # about m\n model m }", "system s {\n  # about m\n  model m\n}\n"),
        ("system s { model m\n # the end\n}", "system s {\n  model m\n  # the end\n}\n"),
        ("# top\nsystem s { model m }\n# bottom", "# top\nsystem s {\n  model m\n}\n# bottom\n"),
    ],
)
def test_comments_stay_next_to_what_they_annotate(source: str, formatted: str) -> None:
    assert fmt(source) == formatted


def test_comments_inside_a_block_move_with_their_attribute_and_keep_it_multi_line() -> None:
    assert fmt("""
        system s {
          dataset d { split: random  # mlsd: ignore[DATA003] -- events are i.i.d. here
            label: "y" }
        }
    """) == expect("""
        system s {
          dataset d {
            label: "y"
            split: random  # mlsd: ignore[DATA003] -- events are i.i.d. here
          }
        }
    """)


def test_a_suppression_after_a_one_line_declaration_stays_on_its_first_line() -> None:
    long_label = "y" * 85
    assert fmt(
        f'system s {{ model m "{long_label}" {{ loss: focal }}  # mlsd: ignore[MODEL001]\n}}'
    ) == expect(f'''
        system s {{
          model m "{long_label}" {{  # mlsd: ignore[MODEL001]
            loss: focal
          }}
        }}
    ''')


def test_comments_inside_lists_keep_the_list_open() -> None:
    assert fmt("system s { evaluation { offline: [recall@10, # for candidates\n ndcg@10] } }") == expect("""
        system s {
          evaluation {
            offline: [
              recall@10,  # for candidates
              ndcg@10,
            ]
          }
        }
    """)


def test_a_module_file_formats_its_top_level_statements() -> None:
    assert (
        fmt("storage lake: s3\nstream bus: kafka {retention: 7d}")
        == "storage lake: s3\nstream  bus: kafka { retention: 7d }\n"
    )


def test_a_spec_with_syntax_errors_is_not_formatted() -> None:
    result = format_source("system s { model m { loss focal } }")
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["E001"]
