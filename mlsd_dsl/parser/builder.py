"""Lark callbacks that build the syntax tree while the LALR parser runs (no intermediate tree)."""

from __future__ import annotations

from typing import Any

from lark import Token, Transformer

from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.values import (
    BoolValue,
    IdentValue,
    ListValue,
    LiteralError,
    StringValue,
    Value,
    parse_metric,
    parse_number,
    unescape_string,
)
from mlsd_dsl.parser.ast import (
    AttributeNode,
    DeclarationNode,
    EdgesNode,
    FileNode,
    GroupNode,
    ImportNode,
    Name,
    SectionNode,
    SystemNode,
)

MAX_LIST_DEPTH = 32  # deeper lists are error E006: no design needs them, and every consumer recurses


def token_span(path: str, token: Token) -> Span:
    """Where a token is; both lexers set every position (lark types them as optional)."""
    line, column = token.line or 1, token.column or 1
    return Span(path, line, column, token.end_line or line, token.end_column or column + len(token))


class LiteralProblem(Exception):
    """A literal that lexed but has no meaning (`5xs`); collected, not raised to the user."""

    def __init__(self, error: LiteralError, span: Span) -> None:
        super().__init__(error.message)
        self.error = error
        self.span = span


class AstBuilder(Transformer[Token, FileNode]):
    """Turns grammar rules into `mlsd_dsl.parser.ast` nodes for one file."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.path = "<string>"
        self.literal_problems: list[LiteralProblem] = []
        self.nested_too_deep = False  # a list nested deeper than MAX_LIST_DEPTH (error E006)
        self._list_depths: dict[int, int] = {}

    def reset(self, path: str) -> None:
        self.path = path
        self.literal_problems = []
        self.nested_too_deep = False
        self._list_depths = {}

    def _span(self, token: Token) -> Span:
        return token_span(self.path, token)

    def _name(self, token: Token) -> Name:
        return Name(str(token), self._span(token))

    def _string(self, token: Token) -> Name:
        return Name(self._unescaped(token), self._span(token))

    def _unescaped(self, token: Token) -> str:
        """A string literal's text; an unknown escape is recorded as a problem (the raw text stands in)."""
        try:
            return unescape_string(str(token))
        except LiteralError as problem:
            self.literal_problems.append(LiteralProblem(problem, self._span(token)))
            return str(token)[1:-1]

    # --- top level ---------------------------------------------------------------------------
    def start(self, items: list[Any]) -> FileNode:
        file = FileNode(path=self.path)
        for item in items:
            if isinstance(item, ImportNode):
                file.imports.append(item)
            elif isinstance(item, SystemNode):
                file.systems.append(item)
            else:
                file.statements.append(item)
        return file

    def import_stmt(self, children: list[Token]) -> ImportNode:
        (path,) = children
        return ImportNode(path=self._string(path), keyword=self._span(path))

    def system(self, children: list[Any]) -> SystemNode:
        name, *rest = children
        label = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            label = self._string(rest.pop(0))
        return SystemNode(keyword=self._span(name), name=self._name(name), label=label, statements=rest)

    # --- statements --------------------------------------------------------------------------
    def section(self, children: list[Any]) -> SectionNode:
        keyword, attributes = children
        return SectionNode(name=self._name(keyword), attributes=attributes)

    def declaration(self, children: list[Any]) -> DeclarationNode:
        kind, name, *rest = children
        node = DeclarationNode(kind=self._name(kind), name=self._name(name))
        for child in rest:
            if isinstance(child, Name):
                node.tech = child
            elif isinstance(child, Token):
                node.label = self._string(child)
            else:
                node.attributes = child
        return node

    def tech(self, children: list[Token]) -> Name:
        (token,) = children
        return self._string(token) if token.type == "STRING" else self._name(token)

    def attributes(self, children: list[AttributeNode]) -> list[AttributeNode]:
        return children

    def attribute(self, children: list[Any]) -> AttributeNode:
        key, value = children
        return AttributeNode(key=self._name(key), value=value)

    def group(self, children: list[Any]) -> GroupNode:
        name, *rest = children
        label = None
        if rest and isinstance(rest[0], Token):
            label = self._string(rest.pop(0))
        return GroupNode(keyword=self._span(name), name=self._name(name), label=label, members=rest)

    def member(self, children: list[Token]) -> Name:
        return self._name(children[0])

    def edges(self, children: list[Any]) -> EdgesNode:
        """Children: a step, then (ARROW, step) pairs, then an optional label and attribute block."""
        node = EdgesNode(steps=[children[0]])
        position = 1
        while position < len(children) and isinstance(children[position], Token):
            node.arrows.append(self._arrow_type(children[position]))
            node.steps.append(children[position + 1])
            position += 2
        for child in children[position:]:
            if isinstance(child, Name):
                node.label = child
            else:
                node.attributes = child
        return node

    def _arrow_type(self, arrow: Token) -> Name | None:
        """The type written in a typed arrow (`-log->` → `log`), spanning just the word; None for `->`."""
        text = str(arrow)
        if text == "->":
            return None
        span = self._span(arrow)
        return Name(
            text[1:-2], Span(span.file, span.line, span.column + 1, span.end_line, span.end_column - 2)
        )

    def endpoints(self, children: list[Token]) -> list[Name]:
        return [self._name(token) for token in children]

    def edge_label(self, children: list[Token]) -> Name:
        (token,) = children
        return self._string(token) if token.type == "STRING" else self._name(token)

    # --- values ------------------------------------------------------------------------------
    def string(self, children: list[Token]) -> StringValue:
        (token,) = children
        return trusted(StringValue, raw=str(token), span=self._span(token), value=self._unescaped(token))

    def number(self, children: list[Token]) -> Value:
        (token,) = children
        span = self._span(token)
        try:
            return parse_number(str(token), span)
        except LiteralError as problem:
            self.literal_problems.append(LiteralProblem(problem, span))
            return trusted(StringValue, raw=str(token), span=span, value=str(token))

    def metric(self, children: list[Token]) -> Value:
        (token,) = children
        span = self._span(token)
        try:
            return parse_metric(str(token), span)
        except LiteralError as problem:
            self.literal_problems.append(LiteralProblem(problem, span))
            return trusted(StringValue, raw=str(token), span=span, value=str(token))

    def ident(self, children: list[Token]) -> IdentValue:
        (token,) = children
        return trusted(IdentValue, raw=str(token), span=self._span(token), name=str(token))

    def true(self, children: list[Token]) -> BoolValue:
        return trusted(BoolValue, raw="true", span=self._span(children[0]), value=True)

    def false(self, children: list[Token]) -> BoolValue:
        return trusted(BoolValue, raw="false", span=self._span(children[0]), value=False)

    def list(self, children: list[Any]) -> ListValue:
        items = [child for child in children if child is not None]
        span = items[0].span if items else None
        depth = 1 + max((self._list_depths.get(id(item), 0) for item in items), default=0)
        if depth > MAX_LIST_DEPTH:
            self.nested_too_deep = True
            return trusted(ListValue, raw="[]", span=span, items=[])  # the parse fails; keep the tree small
        raw = "[" + ", ".join(item.raw for item in items) + "]"
        value = trusted(ListValue, raw=raw, span=span, items=items)
        self._list_depths[id(value)] = depth
        return value
