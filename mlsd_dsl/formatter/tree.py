"""The formatter's view of a file: every element with its source extent and the comments it carries.

Comments are attached by position, so they move with what they annotate:
- a comment alone on its line leads the next element of its block (or, with none left, dangles
  before the block's closing bracket);
- a comment after an element on the element's last line trails that element;
- a comment after the opening bracket of a block (with no element before it on that line) opens it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from mlsd_dsl.formatter.brackets import Brackets, Position
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.values import ListValue, Value
from mlsd_dsl.parser.ast import (
    AttributeNode,
    CommentNode,
    DeclarationNode,
    EdgesNode,
    FileNode,
    GroupNode,
    ImportNode,
    Name,
    SectionNode,
    Statement,
    SystemNode,
)

END_OF_FILE: Position = (10**9, 0)
Syntax = FileNode | ImportNode | SystemNode | Statement | AttributeNode | Name | Value


@dataclass(eq=False)
class Element:
    syntax: Syntax
    start: Position
    end: Position  # exclusive
    opener: Position | None = None  # the `{` or `[` of its block
    children: list[Element] = field(default_factory=list)
    leading: list[CommentNode] = field(default_factory=list)
    opening: list[CommentNode] = field(default_factory=list)
    trailing: CommentNode | None = None
    dangling: list[CommentNode] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.leading[0].span.line if self.leading else self.start[0]

    @property
    def trails_first_line(self) -> bool:
        return self.trailing is not None and self.trailing.span.line == self.start[0]

    def has_inner_comments(self) -> bool:
        """Comments inside its brackets, which need the element laid out over several lines."""
        return bool(self.opening or self.dangling) or any(
            child.leading or child.trailing or child.has_inner_comments() for child in self.children
        )


def start_of(span: Span) -> Position:
    return (span.line, span.column)


def end_of(span: Span) -> Position:
    return (span.end_line, span.end_column)


class TreeBuilder:
    def __init__(self, brackets: Brackets) -> None:
        self.brackets = brackets

    def file(self, file: FileNode) -> Element:
        items: list[ImportNode | SystemNode | Statement] = [*file.imports, *file.systems, *file.statements]
        children = sorted((self.item(item) for item in items), key=lambda element: element.start)
        return Element(file, (1, 1), END_OF_FILE, children=children)

    def item(self, node: ImportNode | SystemNode | Statement) -> Element:
        if isinstance(node, ImportNode):
            return Element(node, start_of(node.path.span), end_of(node.path.span))
        if isinstance(node, SystemNode):
            return self._block(
                node, node.name.span, _last(node.name, node.label), [self.item(s) for s in node.statements]
            )
        if isinstance(node, SectionNode):
            return self._block(
                node, node.name.span, node.name.span, [self.attribute(a) for a in node.attributes]
            )
        if isinstance(node, DeclarationNode):
            return self.declaration(node)
        if isinstance(node, GroupNode):
            members = [Element(m, start_of(m.span), end_of(m.span)) for m in node.members]
            return self._block(node, node.name.span, _last(node.name, node.label), members)
        return self.edges(node)

    def declaration(self, node: DeclarationNode) -> Element:
        head_end = _last(node.name, node.tech, node.label)
        if node.attributes is None:
            return Element(node, start_of(node.kind.span), end_of(head_end))
        return self._block(node, node.kind.span, head_end, [self.attribute(a) for a in node.attributes])

    def edges(self, node: EdgesNode) -> Element:
        last = node.label.span if node.label else node.steps[-1][-1].span
        if node.attributes is None:
            return Element(node, start_of(node.steps[0][0].span), end_of(last))
        return self._block(node, node.steps[0][0].span, last, [self.attribute(a) for a in node.attributes])

    def attribute(self, node: AttributeNode) -> Element:
        if isinstance(node.value, ListValue):
            opener, end, items = self._list(node.value, end_of(node.key.span))
            return Element(node, start_of(node.key.span), end, opener, items)
        return Element(node, start_of(node.key.span), end_of(_span_of(node.value)))

    def _list(self, value: ListValue, search_from: Position) -> tuple[Position, Position, list[Element]]:
        opener = self.brackets.next_opener("[", search_from)
        items: list[Element] = []
        position = (opener[0], opener[1] + 1)
        for item in value.items:
            items.append(self._list_item(item, position))
            position = items[-1].end
        return opener, self.brackets.end_of(opener), items

    def _list_item(self, value: Value, search_from: Position) -> Element:
        if isinstance(value, ListValue):
            opener, end, items = self._list(value, search_from)
            return Element(value, opener, end, opener, items)
        span = _span_of(value)
        return Element(value, start_of(span), end_of(span))

    def _block(self, node: Syntax, start: Span, head_end: Span, children: list[Element]) -> Element:
        opener = self.brackets.next_opener("{", end_of(head_end))
        return Element(node, start_of(start), self.brackets.end_of(opener), opener, children)


def _last(*names: Name | None) -> Span:
    spans = [name.span for name in names if name is not None]
    return max(spans, key=end_of)


class CommentAttacher:
    """Gives each comment to the element it annotates (see the module docstring)."""

    def __init__(self, root: Element, lines: list[str]) -> None:
        self.root = root
        self.lines = lines
        self._starts: dict[int, list[Position]] = {}

    def attach_all(self, comments: list[CommentNode]) -> None:
        for comment in sorted(comments, key=lambda c: start_of(c.span)):
            self.attach(comment)
        for child in self.root.children:
            _move_inner_comments_of_leaves(child)

    def attach(self, comment: CommentNode) -> None:
        position = start_of(comment.span)
        container = self.root
        while True:
            index = self._last_starting_at_or_before(container, position)
            candidate = container.children[index] if index >= 0 else None
            if candidate is None or position >= candidate.end:
                break
            container = candidate
        if candidate is not None and candidate.end[0] == position[0]:
            candidate.trailing = comment
        elif container.opener is not None and position > container.opener and self._code_before(comment):
            container.opening.append(comment)
        elif index + 1 < len(container.children):
            container.children[index + 1].leading.append(comment)
        else:
            container.dangling.append(comment)

    def _code_before(self, comment: CommentNode) -> bool:
        line = self.lines[comment.span.line - 1]
        return bool(line[: comment.span.column - 1].strip())

    def _last_starting_at_or_before(self, container: Element, position: Position) -> int:
        starts = self._starts.get(id(container))
        if starts is None:
            starts = self._starts[id(container)] = [child.start for child in container.children]
        return bisect_right(starts, position) - 1


def _move_inner_comments_of_leaves(element: Element) -> None:
    """An element without brackets keeps comments found between its words just above itself."""
    if element.opener is None and (element.opening or element.dangling):
        element.leading.extend(element.opening + element.dangling)
        element.leading.sort(key=lambda c: start_of(c.span))
        element.opening, element.dangling = [], []
    for child in element.children:
        _move_inner_comments_of_leaves(child)


def _span_of(value: Value) -> Span:
    """Where a scalar value is written; the parser gives every scalar a span (only `[]` has none)."""
    assert value.span is not None, f"value {value.raw!r} has no position"
    return value.span
