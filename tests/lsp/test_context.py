"""What is at a position (`mlsd_dsl.lsp.context`): the role of every token and what the cursor
expects, on whole, half-typed and broken texts. `|` marks the cursor in each case."""

from __future__ import annotations

import pytest

from mlsd_dsl.lsp.context import Block, Expect, Role, classify, context_at, token_at
from mlsd_dsl.lsp.tokens import LineIndex, lex

SPEC = """\
import "common.mlsd"
system shop "Shop" {
  requirements { goal: "x"  latency_p99: 200ms }
  model ranker: lightgbm { loss: cross_entropy }
  serving api: online { fallback: ranker  rollout: [shadow, canary] }
  group serving_side { api, ranker }
  events -> ranker -request-> api : "scores" { latency_p99: 20ms }
  # mlsd: ignore[MON001] -- reason
}
"""


def at(marked: str) -> tuple[str, int]:
    offset = marked.index("|")
    return marked[:offset] + marked[offset + 1 :], offset


@pytest.mark.parametrize(
    ("marked", "expect", "prefix"),
    [
        ("|", Expect.TOP_LEVEL, ""),
        ("system s {\n  mod|\n}", Expect.STATEMENT, "mod"),
        ("system s {\n  model m: lightgbm\n  |\n}", Expect.STATEMENT, ""),
        ("system s {\n  a -> b\n  ser|\n}", Expect.STATEMENT, "ser"),
        ("model m: light|", Expect.TECHNOLOGY, "light"),
        ("system s { a -> | }", Expect.COMPONENT, ""),
        ("system s { a -> b, c| }", Expect.COMPONENT, "c"),
        ("system s { group g { a | } }", Expect.COMPONENT, ""),
        ('import "sp|', Expect.IMPORT_PATH, "sp"),
        ("import |", Expect.IMPORT_PATH, ""),
        ("system s { # mlsd: ignore[MON001, DA|", Expect.RULE_CODE, "DA"),
        ("system s {\n  a -re|", Expect.EDGE_TYPE, "re"),
        ("system s {\n  a -|", Expect.EDGE_TYPE, ""),
        ('system s { requirements { goal: "abc|" } }', Expect.NOTHING, "abc"),
        ("system s { # a plain comment| }", Expect.NOTHING, ""),
        ("system s { model | }", Expect.NOTHING, ""),
        ("system s { dataset d { split | } }", Expect.NOTHING, ""),
    ],
)
def test_what_the_cursor_expects(marked: str, expect: Expect, prefix: str) -> None:
    text, offset = at(marked)
    context = context_at(text, offset)
    assert (context.expect, context.prefix) == (expect, prefix)
    assert context.start == offset - len(prefix)


def test_an_attribute_of_the_block_kind_with_the_keys_already_given() -> None:
    context = context_at(*at('system s {\n  dataset d { label: "x"  spl| }\n}'))
    assert context.expect is Expect.ATTRIBUTE
    assert context.block == Block("component", "dataset", "d")
    assert context.present == {"label"}
    assert "split" in context.block.attributes()


@pytest.mark.parametrize(
    ("marked", "block", "attribute", "in_list"),
    [
        ("system s { dataset d { split: ti| } }", Block("component", "dataset", "d"), "split", False),
        ("system s { framing { task: |", Block("section", "framing"), "task", False),
        (
            "system s { evaluation { offline: [ndcg@10, |] } }",
            Block("section", "evaluation"),
            "offline",
            True,
        ),
        ("system s { a -> b { async: | } }", Block("edge"), "async", False),
    ],
)
def test_a_value_of_the_attribute(marked: str, block: Block, attribute: str, in_list: bool) -> None:
    context = context_at(*at(marked))
    assert (context.expect, context.block, context.attribute, context.in_list) == (
        Expect.VALUE,
        block,
        attribute,
        in_list,
    )


def test_a_unit_after_a_number_in_a_value() -> None:
    context = context_at(*at("system s { serving api { latency_p99: 150m| } }"))
    assert (context.expect, context.prefix, context.attribute) == (Expect.UNIT, "150m", "latency_p99")


def test_the_technology_of_the_kind_being_declared() -> None:
    context = context_at(*at("system s {\n  vector_db index: |\n}"))
    assert (context.expect, context.kind) == (Expect.TECHNOLOGY, "vector_db")


ROLES = [
    ('"common.mlsd"', Role.IMPORT_PATH, None),
    ("shop", Role.DECLARATION, "system"),
    ("requirements", Role.SECTION, None),
    ("goal", Role.ATTRIBUTE, None),
    ("200ms", Role.VALUE, None),
    ("model", Role.KIND, None),
    ("ranker", Role.DECLARATION, "model"),
    ("lightgbm", Role.TECH, "model"),
    ("cross_entropy", Role.VALUE, None),
    ("online", Role.TECH, "serving"),
    ("fallback", Role.ATTRIBUTE, None),
    ("shadow", Role.VALUE, None),
    ("serving_side", Role.DECLARATION, "group"),
    ("events", Role.REFERENCE, None),
    ("-request->", Role.ARROW, None),
    ('"scores"', Role.LABEL, None),
    ("# mlsd: ignore[MON001] -- reason", Role.COMMENT, None),
]


@pytest.mark.parametrize(("text", "role", "kind"), ROLES)
def test_every_token_gets_its_role(text: str, role: Role, kind: str | None) -> None:
    found = [c for c in classify(lex(SPEC)) if c.token.text == text]
    assert found, text
    assert (found[0].role, found[0].kind) == (role, kind)


def test_component_names_are_references_where_they_are_used() -> None:
    uses = [c for c in classify(lex(SPEC)) if c.token.text in ("api", "ranker")]
    assert [c.role for c in uses] == [
        Role.DECLARATION,  # model ranker
        Role.DECLARATION,  # serving api
        Role.REFERENCE,  # fallback: ranker (a component-valued attribute)
        Role.REFERENCE,  # group members
        Role.REFERENCE,
        Role.REFERENCE,  # events -> ranker -request-> api
        Role.REFERENCE,
    ]


def test_a_broken_line_does_not_derail_the_lines_after_it() -> None:
    broken = SPEC.replace('goal: "x"', 'goal: "x', 1).replace("loss: cross_entropy", "loss cross_entropy ]")
    roles = {c.token.text: c.role for c in classify(lex(broken))}
    assert roles["serving"] is Role.KIND
    assert roles["serving_side"] is Role.DECLARATION
    assert roles["-request->"] is Role.ARROW


def test_token_at_prefers_the_token_under_the_cursor() -> None:
    classified = classify(lex(SPEC))
    offset = SPEC.index("lightgbm") + 3
    found = token_at(classified, offset)
    assert found is not None and found.token.text == "lightgbm"
    assert token_at(classified, SPEC.index("lightgbm") + len("lightgbm")) is found  # at its end


def test_every_text_lexes_back_to_itself() -> None:
    text = 'system s { model m: "x\n a -re -> ] } @ ~ 5xs "unterminated\n'
    tokens = lex(text)
    assert "".join(t.text for t in tokens) == "".join(text.split())
    assert [t.type for t in tokens if t.type in ("OPEN_STRING", "ERROR")] == [
        "OPEN_STRING",
        "ERROR",
        "ERROR",
        "ERROR",
        "OPEN_STRING",
    ]


@pytest.mark.parametrize(("encoding", "column"), [("utf-16", 8), ("utf-8", 11), ("utf-32", 7)])
def test_positions_count_the_clients_units(encoding: str, column: int) -> None:
    text = 'a "😋é" b\nnext'
    index = LineIndex(text, encoding)
    offset = text.index("b")
    assert index.position(offset) == (0, column)
    assert index.offset(0, column) == offset
    assert index.position(text.index("next")) == (1, 0)
