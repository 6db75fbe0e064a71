"""The TextMate grammar of the VS Code extension highlights what the parser reads.

Every gallery spec, lint fixture and example of docs/language.md is tokenised with vscode-textmate
on Oniguruma (as VS Code does, tests/editors/node.py), then each part of the parser's syntax tree
is looked up among the tokens: kinds, names, technologies, keys, values by type, arrows, labels,
comments and suppressions must carry their scope over their whole span. No character of a file
that parses may be left without a scope or marked invalid.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from mlsd_dsl.lint.suppress import DIRECTIVE
from mlsd_dsl.model.kinds import Kind, attributes_for_kind
from mlsd_dsl.model.schema import EDGE_ATTRIBUTES, IDENT, REF, SECTION_ATTRIBUTES, AttributeSpec, SectionName
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.textmate import textmate_json
from mlsd_dsl.model.values import IdentValue, ListValue, Value
from mlsd_dsl.parser import parse_source
from mlsd_dsl.parser.ast import (
    AttributeNode,
    DeclarationNode,
    EdgesNode,
    FileNode,
    GroupNode,
    Name,
    SectionNode,
)
from tests.editors.node import EXTENSION, Token, requires_node, tokenize

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = EXTENSION / "syntaxes" / "mlsd.tmLanguage.json"
GALLERY = sorted((ROOT / "specs").rglob("*.mlsd"))
FIXTURES = sorted((ROOT / "tests" / "lint" / "fixtures").rglob("*.mlsd"))


def test_the_committed_grammar_is_generated_from_the_model() -> None:
    assert GRAMMAR.read_text(encoding="utf-8") == textmate_json(), (
        "run: python -m mlsd_dsl.model.textmate editors/vscode/syntaxes/mlsd.tmLanguage.json"
    )


def _language_examples(folder: Path) -> list[Path]:
    """The ```mlsd blocks of docs/language.md as files; fragments wrapped in a system."""
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    files = []
    for number, block in enumerate(text.split("```mlsd\n")[1:]):
        body = block.split("```", 1)[0]
        if not body.lstrip().startswith(("system", "#", "import")):
            body = "system s {\n" + body + "}\n"
        files.append(folder / f"language_{number}.mlsd")
        files[-1].write_text(body, encoding="utf-8")
    return files


# Valid spellings the gallery does not use: see grammars/mlsd.lark (`a-request->b` is an edge from
# `a-request`, as the lexer reads the longest name).
TRICKY = r"""
import "common/platform.mlsd"
# every construct in its less usual spellings
system tricky
  "a label on its own line" {
  requirements  # a comment before the brace
  { users: 1.5M, peak_qps: 100/s, throughput: 5M/h, freshness: 90min, data_size: 2TiB, items: 10_000 }
  framing { task: binary_classification  input: [a, "b", [c]]  personalized: false }
  model a  model b
  model llm: "gpt-4o" "with \"quotes\" and \\ and \t" { provenance: vendor  fallback: b  stage: re_ranking }
  feature f-1: flink { compute: on_request  known_at: prediction  window: -1 }
  a->b
  a-request->f-1
  a, b -read-> llm, f-1 : looked_up { latency_p99: 0.2s, parallel: true }
  evaluation { offline: [precision@top5%, recall@0.1%fpr, precision@k, recall@600k, auc@0.5] }
  group g "G" { a, b, llm }
}
"""


@dataclass
class Corpus:
    tokens: dict[Path, list[list[Token]]]
    trees: dict[Path, FileNode]
    ms: float


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("language")
    (folder / "tricky.mlsd").write_text(TRICKY, encoding="utf-8")
    files = [*GALLERY, *FIXTURES, folder / "tricky.mlsd", *_language_examples(folder)]
    tokens, ms = tokenize(files)
    trees = {}
    for path in files:
        result = parse_source(path.read_text(encoding="utf-8"), str(path))
        if result.file is not None:
            trees[path] = result.file
    return Corpus(tokens, trees, ms)


def _text(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@requires_node
def test_the_corpus_is_the_whole_gallery_and_parses(corpus: Corpus) -> None:
    assert len(GALLERY) >= 20
    assert set(GALLERY) <= set(corpus.trees), "a gallery spec does not parse"
    assert any(path.name == "tricky.mlsd" for path in corpus.trees), "TRICKY does not parse"
    assert len(corpus.trees) >= len(GALLERY) + len(FIXTURES) // 2
    lines = sum(len(_text(path)) for path in corpus.tokens)
    print(f"tokenised {len(corpus.tokens)} files, {lines} lines, in {corpus.ms:.0f} ms")


@requires_node
def test_every_character_of_a_valid_file_has_a_meaningful_scope(corpus: Corpus) -> None:
    problems = []
    for path in corpus.trees:
        for number, (line, tokens) in enumerate(zip(_text(path), corpus.tokens[path], strict=True), 1):
            for start, end, scopes in tokens:
                text = line[start:end]
                meaningful = [s for s in scopes[1:] if not s.startswith("meta.")]
                if text.strip() and (not meaningful or any(s.startswith("invalid") for s in scopes)):
                    problems.append(f"{path.name}:{number}:{start + 1}: {text!r} {scopes}")
    assert not problems, "\n".join(problems[:40])


# What the parser read → the scope its whole span must carry.


@dataclass(frozen=True)
class Expect:
    span: Span
    scopes: tuple[str, ...]  # any of these prefixes
    what: str


def _expect(node: Name | Value | Span, *scopes: str, what: str) -> Expect:
    span = node if isinstance(node, Span) else node.span
    assert span is not None
    return Expect(span, scopes, what)


def _keyword_before(name: Name, keyword: str, scope: str) -> Expect:
    """The keyword written just before a name on its line (`system NAME`, `group NAME`)."""
    span = name.span
    assert span.column > len(keyword), span
    column = span.column - 1 - len(keyword)
    return Expect(Span(span.file, span.line, column, span.line, column + len(keyword)), (scope,), keyword)


UNIT = re.compile(r"[A-Za-z%/][A-Za-z/]*$")


def _value(value: Value, spec: AttributeSpec | None) -> Iterator[Expect]:
    if isinstance(value, ListValue):
        for item in value.items:
            yield from _value(item, spec)
        return
    if isinstance(value, IdentValue):
        yield _expect(value, *_word_scopes(value.name, spec), what=f"word {value.name}")
        return
    scope = {
        "string": "string.quoted.double",
        "bool": "constant.language.boolean",
        "metric": "support.function.metric",
    }.get(value.type, f"constant.numeric.{value.type}")
    yield _expect(value, scope, what=f"{value.type} {value.raw}")
    unit = UNIT.search(value.raw) if scope.startswith("constant.numeric") else None
    if unit and value.span is not None:
        span = value.span
        column = span.end_column - len(unit.group())
        yield Expect(
            Span(span.file, span.line, column, span.line, span.end_column), ("keyword.other.unit",), "unit"
        )


def _word_scopes(word: str, spec: AttributeSpec | None) -> tuple[str, ...]:
    """A choice of the attribute is a constant; a word where only components may be named is a
    component; any other word is a plain value (or a choice of the same key on another kind)."""
    if spec is None:
        return ("variable.other", "constant.language.enum")
    if word in spec.choices:
        return ("constant.language.enum",)
    accepted = set(spec.types) | set(spec.item_types)
    if REF in accepted and IDENT not in accepted:
        return ("variable.other.component",)
    return ("variable.other", "constant.language.enum")


def _attributes(
    attributes: list[AttributeNode] | None, table: Mapping[str, AttributeSpec]
) -> Iterator[Expect]:
    for attribute in attributes or []:
        yield _expect(attribute.key, "support.type.property-name", what=f"key {attribute.key.text}")
        yield from _value(attribute.value, table.get(attribute.key.text))


def expectations(tree: FileNode) -> Iterator[Expect]:
    for imported in tree.imports:
        yield _keyword_before(imported.path, "import", "keyword.control.import")
        yield _expect(imported.path, "string.quoted.double", what="import path")
    statements = list(tree.statements)
    for system in tree.systems:
        yield _keyword_before(system.name, "system", "keyword.other.system")
        yield _expect(system.name, "entity.name.namespace.system", what="system name")
        if system.label:
            yield _expect(system.label, "string.quoted.double", what="system label")
        statements += system.statements
    for statement in statements:
        yield from _statement(statement)
    for comment in tree.comments:
        yield _expect(comment.span, "comment.line", what="comment")
        yield from _suppression(comment.text, comment.span)


def _statement(statement: DeclarationNode | SectionNode | GroupNode | EdgesNode) -> Iterator[Expect]:
    if isinstance(statement, SectionNode):
        yield _expect(statement.name, "keyword.other.section", what="section")
        yield from _attributes(statement.attributes, SECTION_ATTRIBUTES[SectionName(statement.name.text)])
    elif isinstance(statement, DeclarationNode):
        yield _expect(statement.kind, "storage.type.kind", what="kind")
        yield _expect(statement.name, "entity.name.type.component", what="component name")
        if statement.tech:
            yield _expect(statement.tech, "support.class.technology", what="technology")
        if statement.label:
            yield _expect(statement.label, "string.quoted.double", what="label")
        yield from _attributes(statement.attributes, attributes_for_kind(Kind(statement.kind.text)))
    elif isinstance(statement, GroupNode):
        yield _keyword_before(statement.name, "group", "keyword.other.group")
        yield _expect(statement.name, "entity.name.namespace.group", what="group name")
        if statement.label:
            yield _expect(statement.label, "string.quoted.double", what="group label")
        for member in statement.members:
            yield _expect(member, "variable.other.component", what="group member")
    else:
        for step in statement.steps:
            for name in step:
                yield _expect(name, "variable.other.component", what="edge endpoint")
        for arrow in statement.arrows:
            if arrow is not None:
                yield _expect(arrow, "support.type.edge-type", what="edge type")
        if statement.label:
            yield _expect(statement.label, "string.quoted.double", "string.unquoted.label", what="edge label")
        yield from _attributes(statement.attributes, EDGE_ATTRIBUTES)


def _suppression(text: str, span: Span) -> Iterator[Expect]:
    match = DIRECTIVE.search(text)
    if match is None:
        return
    yield Expect(_within(span, *match.span("form")), ("keyword.control.suppression",), "suppression")
    if match["rules"] is not None:
        start = match.start("rules")
        for rule in re.finditer(r"[^,\s]+", match["rules"]):
            where = _within(span, start + rule.start(), start + rule.end())
            yield Expect(where, ("constant.language.rule",), f"suppressed rule {rule.group()}")


def _within(span: Span, start: int, end: int) -> Span:
    return Span(span.file, span.line, span.column + start, span.line, span.column + end)


def _scopes_over(tokens: list[list[Token]], span: Span) -> list[list[str]]:
    """The scopes of every token that overlaps a one-line span."""
    start, end = span.column - 1, span.end_column - 1
    return [scopes for s, e, scopes in tokens[span.line - 1] if s < end and e > start]


@requires_node
def test_every_part_the_parser_reads_has_its_scope(corpus: Corpus) -> None:
    problems = []
    checked = 0
    for path, tree in corpus.trees.items():
        lines = _text(path)
        for expect in expectations(tree):
            span = expect.span
            if span.line != span.end_line:
                continue  # only lists span lines, and their items are checked one by one
            checked += 1
            for scopes in _scopes_over(corpus.tokens[path], span):
                if not any(s.startswith(expect.scopes) for s in scopes):
                    text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
                    problems.append(f"{path.name}:{span.line}:{span.column}: {expect.what} {text!r} {scopes}")
    assert not problems, "\n".join(problems[:40])
    assert checked > 5000


# Concrete lines: what a reader sees, including what the grammar marks as wrong.

SAMPLE = """\
import "common/platform.mlsd"  # shared
system feed "News feed" {  # mlsd: ignore-file[DATA003] -- a prototype
  requirements { users: 2B  peak_qps: 100k/s  latency_p99: 200ms  availability: 99.9%  data_size: 512MiB }
  framing { task: ranking  input: [user, "post text"] }
  model ranker: lightgbm "ranks posts" { provenance: vendor  fallback: popular  version: "v\\"2\\"" }
  serving api: online { rollout: [canary, shadow] }  # mlsd: ignore[no-fallback, SERVE003] -- clients retry
  evaluation { offline: [ndcg@10, precision@90%recall]  ab_test: true }
  app -request-> api -log-> events : "impressions" { latency_p99: 8ms }
  group online { api ranker }
  dataset d { latency: 150m  split: tiem  path: "C:\\data" }
  a --> b
  c -lgo-> d
  sevring api: online { latency_p99: 1s }
}
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[list[Token]]]:
    path = tmp_path_factory.mktemp("sample") / "sample.mlsd"
    path.write_text(SAMPLE, encoding="utf-8")
    tokens, _ = tokenize([path])
    return SAMPLE.split("\n"), tokens[path]


def _scope_of(sample: tuple[list[str], list[list[Token]]], line: int, text: str, nth: int = 0) -> list[str]:
    """The scopes of the token that holds `text`, as it occurs for the nth time on the 1-based line."""
    lines, tokens = sample
    start = -1
    for _ in range(nth + 1):
        start = lines[line - 1].index(text, start + 1)
    (scopes,) = [scopes for s, e, scopes in tokens[line - 1] if s <= start and e >= start + len(text)]
    return scopes


@pytest.mark.parametrize(
    ("line", "text", "scope"),
    [
        (1, "import", "keyword.control.import.mlsd"),
        (1, '"', "punctuation.definition.string.begin.mlsd"),
        (1, "shared", "comment.line.number-sign.mlsd"),
        (2, "system", "keyword.other.system.mlsd"),
        (2, "feed", "entity.name.namespace.system.mlsd"),
        (2, "News feed", "string.quoted.double.mlsd"),
        (2, "mlsd:", "keyword.other.directive.mlsd"),
        (2, "ignore-file", "keyword.control.suppression.mlsd"),
        (2, "DATA003", "constant.language.rule.mlsd"),
        (2, "a prototype", "string.unquoted.reason.mlsd"),
        (3, "requirements", "keyword.other.section.mlsd"),
        (3, "users", "support.type.property-name.mlsd"),
        (3, "B", "keyword.other.unit.number.mlsd"),
        (3, "k/s", "keyword.other.unit.rate.mlsd"),
        (3, "200", "constant.numeric.duration.mlsd"),
        (3, "ms", "keyword.other.unit.duration.mlsd"),
        (3, "99.9", "constant.numeric.percent.mlsd"),
        (3, "MiB", "keyword.other.unit.size.mlsd"),
        (4, "ranking", "constant.language.enum.mlsd"),
        (4, "user", "variable.other.value.mlsd"),
        (4, "post text", "string.quoted.double.mlsd"),
        (5, "model", "storage.type.kind.mlsd"),
        (5, "ranker", "entity.name.type.component.mlsd"),
        (5, "lightgbm", "support.class.technology.mlsd"),
        (5, "ranks posts", "string.quoted.double.mlsd"),
        (5, "vendor", "constant.language.enum.mlsd"),
        (5, "popular", "variable.other.component.mlsd"),
        (5, '\\"', "constant.character.escape.mlsd"),
        (6, "online", "support.class.technology.mlsd"),
        (6, "canary", "constant.language.enum.mlsd"),
        (6, "no-fallback", "constant.language.rule.mlsd"),
        (6, "SERVE003", "constant.language.rule.mlsd"),
        (7, "evaluation", "keyword.other.section.mlsd"),
        (7, "ndcg@10", "support.function.metric.mlsd"),
        (7, "precision@90%recall", "support.function.metric.mlsd"),
        (7, "true", "constant.language.boolean.mlsd"),
        (8, "app", "variable.other.component.mlsd"),
        (8, "request", "support.type.edge-type.mlsd"),
        (8, "->", "keyword.operator.arrow.mlsd"),
        (8, "log", "support.type.edge-type.mlsd"),
        (8, "impressions", "string.quoted.double.mlsd"),
        (9, "group", "keyword.other.group.mlsd"),
        (9, "online", "entity.name.namespace.group.mlsd"),
        (9, "ranker", "variable.other.component.mlsd"),
        # wrong: a misspelt choice is a plain word, an ambiguous unit, an unknown escape, arrows
        # from other languages, unknown edge types and unknown kinds are marked
        (10, "tiem", "variable.other.value.mlsd"),
        (10, "m", "invalid.illegal.unit.mlsd"),
        (10, "\\d", "invalid.illegal.escape.mlsd"),
        (11, "-", "invalid.illegal.character.mlsd"),
        (12, "lgo", "invalid.illegal.edge-type.mlsd"),
        (13, "sevring", "invalid.illegal.kind.mlsd"),
        (13, "api", "entity.name.type.component.mlsd"),
        (13, "online", "support.class.technology.mlsd"),
        (13, "1", "constant.numeric.duration.mlsd"),
        (14, "}", "punctuation.section.block.end.mlsd"),
    ],
)
@requires_node
def test_concrete_lines_have_the_scopes_a_reader_expects(
    sample: tuple[list[str], list[list[Token]]], line: int, text: str, scope: str
) -> None:
    assert _scope_of(sample, line, text)[-1] == scope


@requires_node
def test_a_broken_line_does_not_spill_into_the_next_statement(
    sample: tuple[list[str], list[list[Token]]],
) -> None:
    # after `a --> b` and `c -lgo-> d`, the system still closes on the last line
    assert _scope_of(sample, 14, "}")[:3] == ["source.mlsd", "meta.system.mlsd", "meta.block.system.mlsd"]
    assert "meta.declaration.mlsd" not in _scope_of(sample, 11, "a")


def test_the_grammar_names_every_kind_section_and_edge_type() -> None:
    from mlsd_dsl.model.schema import EdgeType

    grammar = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    repository = grammar["repository"]
    for kind in Kind:
        assert re.search(repository["declaration"]["begin"], f"{kind.value} name")
    assert not re.search(repository["declaration"]["begin"], "modelx name")
    for section in SectionName:
        assert re.search(repository["section"]["begin"], section.value)
    typed = repository["arrow"]["patterns"][1]["match"]
    for edge_type in EdgeType:
        assert re.fullmatch(typed, f"-{edge_type.value}->")
