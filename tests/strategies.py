"""Hypothesis strategies for valid specs, written with random layout and comments (shared by the
formatter and parser property tests).

Specs are drawn from the vocabulary in model/schema.py (every kind, section and attribute type), so
they compile; the layout (spaces, newlines, optional commas) and the comments are random, which is
what the formatter has to normalise.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import (
    BOOL,
    DURATION,
    EDGE_ATTRIBUTES,
    IDENT,
    INTEGER,
    LIST,
    METRIC,
    NUMBER,
    PERCENT,
    RATE,
    REF,
    SECTION_ATTRIBUTES,
    SIZE,
    STRING,
    AttributeSpec,
    EdgeType,
)

KEYWORDS = {"true", "false", "system", "group", "import", "requirements", "framing", "evaluation"}
LITERALS: dict[str, list[str]] = {
    NUMBER: ["256", "2B", "1.5M", "10_000", "100k"],
    INTEGER: ["8", "256"],
    DURATION: ["150ms", "1h", "7d", "2w", "6mo", "2y", "3years"],
    PERCENT: ["3%", "0.5%"],
    SIZE: ["10GB", "512MiB"],
    RATE: ["100k/s", "10B/day"],
    BOOL: ["true", "false"],
    METRIC: ["recall@10", "ndcg@k", "precision@90%recall", "recall@0.1%fpr", "precision@0.5"],
}
WORDS = ["daily", "redis", "s3", "hnsw", "psi", "gpu", "cross_entropy"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\t", "  "]

names = st.from_regex(r"\A[a-z][a-z0-9_]{0,6}(-[a-z0-9]{1,3})?\Z").filter(lambda name: name not in KEYWORDS)
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"), max_size=12
)
strings = texts.map(lambda text: json.dumps(text, ensure_ascii=False))


@st.composite
def value_tokens(draw: st.DrawFn, spec: AttributeSpec, refs: list[str]) -> list[str]:
    value_type = draw(st.sampled_from(spec.types))
    if value_type == LIST:
        items = draw(
            st.lists(st.sampled_from(spec.item_types).flatmap(lambda t: scalar(t, spec, refs)), max_size=4)
        )
        tokens = ["["]
        for index, item in enumerate(items):
            tokens += [item, ","] if index < len(items) - 1 else [item]
        if items and draw(st.booleans()):
            tokens.append(",")
        return [*tokens, "]"]
    return [draw(scalar(value_type, spec, refs))]


def scalar(value_type: str, spec: AttributeSpec, refs: list[str]) -> st.SearchStrategy[str]:
    if value_type == STRING:
        return strings
    if value_type == IDENT:
        return st.sampled_from(spec.choices or WORDS)
    if value_type == REF:
        return st.sampled_from(refs)
    return st.sampled_from(LITERALS[value_type])


@st.composite
def attribute_block(draw: st.DrawFn, vocabulary: dict[str, AttributeSpec], refs: list[str]) -> list[str]:
    keys = draw(st.lists(st.sampled_from(sorted(vocabulary)), unique=True, max_size=4))
    tokens = ["{"]
    for key in keys:
        tokens += [key, ":", *draw(value_tokens(vocabulary[key], refs))]
        if draw(st.booleans()):
            tokens.append(",")
    return [*tokens, "}"]


@st.composite
def declaration(draw: st.DrawFn, name: str, refs: list[str]) -> list[str]:
    kind = draw(st.sampled_from(list(Kind)))
    tokens = [kind.value, name]
    if draw(st.booleans()):
        tokens += [":", draw(st.one_of(st.sampled_from(["kafka", "faiss", "two_tower"]), strings))]
    if draw(st.booleans()):
        tokens.append(draw(strings))
    if draw(st.booleans()):
        tokens += draw(attribute_block(KINDS[kind].own_attributes, refs))
    return tokens


@st.composite
def edges(draw: st.DrawFn, refs: list[str]) -> list[str]:
    steps = draw(st.lists(st.lists(st.sampled_from(refs), min_size=1, max_size=2), min_size=2, max_size=3))
    tokens: list[str] = []
    for index, step in enumerate(steps):
        if index:
            edge_type = draw(st.one_of(st.none(), st.sampled_from(list(EdgeType))))
            tokens.append(f"-{edge_type.value}->" if edge_type else "->")
        for position, name in enumerate(step):
            tokens += [",", name] if position else [name]
    if draw(st.booleans()):
        tokens += [":", draw(st.one_of(strings, st.sampled_from(["deploys", "logs"])))]
    if draw(st.booleans()):
        tokens += draw(attribute_block(EDGE_ATTRIBUTES, refs))
    return tokens


@st.composite
def spec_tokens(draw: st.DrawFn) -> list[str]:
    """The tokens of a valid system, in a random but valid statement order."""
    component_names = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    statements = [draw(declaration(name, component_names)) for name in component_names]
    for section in draw(st.lists(st.sampled_from(list(SECTION_ATTRIBUTES)), unique=True)):
        statements.append(
            [section.value, *draw(attribute_block(SECTION_ATTRIBUTES[section], component_names))]
        )
    for _ in range(draw(st.integers(0, 3))):
        statements.append(draw(edges(component_names)))
    if draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(component_names), unique=True))
        statements.append(["group", "the_group_", *draw(st.lists(strings, max_size=1)), "{", *members, "}"])
    ordered = draw(st.permutations(statements))
    label = draw(st.lists(strings, max_size=1))
    return ["system", "the_system_", *label, "{", *[token for s in ordered for token in s], "}"]


@st.composite
def laid_out(draw: st.DrawFn, tokens: list[str]) -> str:
    """The tokens joined by random whitespace, with comments at random line ends."""
    counter = iter(range(10**6))
    pieces = [tokens[0]]
    for token in tokens[1:]:
        separator = draw(st.sampled_from(SEPARATORS))
        if draw(st.integers(0, 9)) == 0:
            comment = draw(st.sampled_from(["# note {n}", "# mlsd: ignore[DATA003] -- reason {n}", "#{n}"]))
            separator = draw(st.sampled_from([" ", "\n", ""])) + comment.format(n=next(counter)) + "\n"
        pieces += [separator, token]
    if draw(st.booleans()):
        pieces.insert(0, "# header\n" + draw(st.sampled_from(["", "\n"])))
    if draw(st.booleans()):
        pieces.append("\n# footer")
    return "".join(pieces) + draw(st.sampled_from(["", "\n", "\n\n"]))


specs = spec_tokens().flatmap(laid_out)
