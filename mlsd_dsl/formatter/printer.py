"""Printing the formatter's tree in the canonical layout.

- Two-space indentation; one statement per line; blocks close on their own line.
- A declaration stays on one line (`{ key: value  key: value }`) when it fits in `WIDTH` columns
  and holds no comments; otherwise its attributes go one per line. Sections are always blocks.
- Consecutive one-line declarations are aligned in columns: kind, then name and tech.
- Attributes are ordered as the vocabulary lists them (model/schema.py); order there carries no
  meaning. Statements keep the author's order, which the diagram follows.
- One blank line at most; one is always put between statements of different framework steps or
  categories (sections, declarations, groups, edges) and around multi-line blocks.
- Comments keep their place relative to what they annotate (see `tree.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar, cast, get_args

from mlsd_dsl.formatter.tree import Element
from mlsd_dsl.model.kinds import KIND_WORDS, KINDS, Kind, attributes_for_kind
from mlsd_dsl.model.schema import EDGE_ATTRIBUTES, SECTION_ATTRIBUTES, AttributeSpec, SectionName
from mlsd_dsl.model.values import ListValue, StringValue, Value
from mlsd_dsl.parser.ast import (
    AttributeNode,
    CommentNode,
    DeclarationNode,
    EdgesNode,
    GroupNode,
    ImportNode,
    Name,
    SectionNode,
    SystemNode,
)

SyntaxT = TypeVar("SyntaxT")
VALUE_CLASSES: tuple[type, ...] = get_args(get_args(Value)[0])  # Value is Annotated[A | B | …, discriminator]

Body = Callable[[Element, str], list[str]]
INDENT = "  "
WIDTH = 100
COMMENT_GAP = "  "
ATTRIBUTE_GAP = "  "


def quote(text: str) -> str:
    """A string literal that reads back as `text`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def value_text(value: Value) -> str:
    if isinstance(value, ListValue):
        return "[" + ", ".join(value_text(item) for item in value.items) + "]"
    if isinstance(value, StringValue):
        return quote(value.value)
    return value.raw


def comment_text(comment: CommentNode) -> str:
    return comment.text.rstrip()


@dataclass
class Row:
    """A one-line declaration, printed in columns aligned with its neighbours."""

    indent: str
    kind: str
    head: str
    rest: str
    trailing: CommentNode | None


@dataclass
class Printed:
    element: Element
    lines: list[str] | None = None
    row: Row | None = None

    @property
    def multiline(self) -> bool:
        return self.lines is not None and len(self.lines) > 1


class Printer:
    def __init__(self, source_lines: list[str]) -> None:
        self.source_lines = source_lines
        self._blank_lines_up_to = [0]
        for line in source_lines:
            self._blank_lines_up_to.append(self._blank_lines_up_to[-1] + (not line.strip()))

    def _blank_between(self, first_line: int, last_line: int) -> bool:
        """Whether a blank source line lies strictly between the two lines."""
        return (
            last_line - first_line > 1
            and self._blank_lines_up_to[last_line - 1] > self._blank_lines_up_to[first_line]
        )

    # --- statement lists: the file and the system body ---------------------------------------
    def file(self, root: Element) -> str:
        lines = self.statements(root, "")
        lines += self._dangling(root, "", keep_blank_lines=True)
        return "\n".join(lines) + "\n" if lines else ""

    def statements(self, parent: Element, indent: str) -> list[str]:
        printed = [self.statement(element, indent) for element in parent.children]
        blank_before = [
            index > 0 and self._separated(printed[index - 1], item) for index, item in enumerate(printed)
        ]
        _align_rows(printed, blank_before)
        lines: list[str] = []
        for item, blank in zip(printed, blank_before, strict=True):
            if blank:
                lines.append("")
            lines += self._leading(item.element, indent, keep_blank_lines=True)
            lines += item.lines or []
        return lines

    def statement(self, element: Element, indent: str) -> Printed:
        syntax = element.syntax
        if isinstance(syntax, ImportNode):
            return Printed(
                element, [self._with_trailing(f"{indent}import {quote(syntax.path.text)}", element.trailing)]
            )
        if isinstance(syntax, SystemNode):
            head = f"system {syntax.name.text}" + _label(syntax.label)
            return Printed(
                element, self._block(element, head, indent, self.statements, keep_blank_lines=True)
            )
        if isinstance(syntax, SectionNode):
            return Printed(element, self._block(element, syntax.name.text, indent, self._attributes))
        if isinstance(syntax, DeclarationNode):
            return self.declaration(element, syntax, indent)
        if isinstance(syntax, GroupNode):
            return Printed(element, self.group(element, syntax, indent))
        assert isinstance(syntax, EdgesNode)
        return self.edges_statement(element, syntax, indent)

    def _separated(self, previous: Printed, current: Printed) -> bool:
        return (
            self._blank_between(previous.element.end[0], current.element.first_line)
            or previous.multiline
            or current.multiline
            or _category(previous.element) != _category(current.element)
        )

    # --- statements -------------------------------------------------------------------------
    def declaration(self, element: Element, node: DeclarationNode, indent: str) -> Printed:
        head = node.name.text + (f": {self._word(node.tech)}" if node.tech else "")
        label = quote(node.label.text) if node.label else ""
        inline_attributes = self._inline_attributes(element)
        rest = " ".join(part for part in (label, inline_attributes) if part)
        one_line = f"{indent}{node.kind.text} {head}" + (f" {rest}" if rest else "")
        if inline_attributes is not None and len(one_line) <= WIDTH:
            return Printed(element, row=Row(indent, node.kind.text, head, rest, element.trailing))
        block_head = f"{node.kind.text} {head}" + (f" {label}" if label else "")
        return Printed(element, self._block(element, block_head, indent, self._attributes))

    def _inline_attributes(self, element: Element) -> str | None:
        """`{ a: 1  b: 2 }`, "" without attributes, None when the attributes need their own lines."""
        if element.has_inner_comments():
            return None
        if not element.children:
            return ""
        attributes = ATTRIBUTE_GAP.join(self._attribute_text(child) for child in _ordered(element))
        return "{ " + attributes + " }"

    def group(self, element: Element, node: GroupNode, indent: str) -> list[str]:
        head = f"group {node.name.text}" + _label(node.label)
        members = [_syntax(child, Name).text for child in element.children]
        one_line = (
            f"{indent}{head} {{ {ATTRIBUTE_GAP.join(members)} }}" if members else f"{indent}{head} {{}}"
        )
        if not element.has_inner_comments() and len(one_line) <= WIDTH:
            return [self._with_trailing(one_line, element.trailing)]
        return self._block(element, head, indent, self._members)

    def edges_statement(self, element: Element, node: EdgesNode, indent: str) -> Printed:
        head = self.edges(node)
        inline_attributes = self._inline_attributes(element)
        one_line = f"{indent}{head} {inline_attributes}".rstrip()  # an empty block says nothing
        if inline_attributes is not None and len(one_line) <= WIDTH:
            return Printed(element, [self._with_trailing(one_line, element.trailing)])
        return Printed(element, self._block(element, head, indent, self._attributes))

    def edges(self, node: EdgesNode) -> str:
        """`a -> b, c -log-> d : label`."""
        arrows = node.arrows or [None] * (len(node.steps) - 1)
        chain = ", ".join(name.text for name in node.steps[0])
        for arrow, step in zip(arrows, node.steps[1:], strict=True):
            chain += f" -{arrow.text}-> " if arrow else " -> "
            chain += ", ".join(name.text for name in step)
        return chain + (f" : {self._word(node.label)}" if node.label else "")

    # --- block bodies ------------------------------------------------------------------------
    def _attributes(self, parent: Element, indent: str) -> list[str]:
        lines: list[str] = []
        for element in _ordered(parent):
            lines += self._leading(element, indent)
            lines += self._attribute_lines(element, indent)
        return lines

    def _members(self, parent: Element, indent: str) -> list[str]:
        lines: list[str] = []
        for element in parent.children:
            lines += self._leading(element, indent)
            lines.append(self._with_trailing(indent + _syntax(element, Name).text, element.trailing))
        return lines

    def _attribute_text(self, element: Element) -> str:
        node = _syntax(element, AttributeNode)
        return f"{node.key.text}: {value_text(node.value)}"

    def _attribute_lines(self, element: Element, indent: str) -> list[str]:
        node = _syntax(element, AttributeNode)
        one_line = indent + self._attribute_text(element)
        if element.opener is None or (not element.has_inner_comments() and len(one_line) <= WIDTH):
            return [self._with_trailing(one_line, element.trailing)]
        return self._list_lines(element, f"{node.key.text}: ", indent, "")

    def _list_lines(self, element: Element, prefix: str, indent: str, suffix: str) -> list[str]:
        def items(parent: Element, inner: str) -> list[str]:
            lines: list[str] = []
            for child in parent.children:
                lines += self._leading(child, inner)
                text = value_text(_value(child))
                if child.opener is not None and (child.has_inner_comments() or len(inner + text) > WIDTH):
                    lines += self._list_lines(child, "", inner, ",")
                else:
                    lines.append(self._with_trailing(f"{inner}{text},", child.trailing))
            return lines

        return self._bracketed(element, prefix, indent, items, ("[", "]" + suffix))

    def _block(
        self, element: Element, head: str, indent: str, body: Body, keep_blank_lines: bool = False
    ) -> list[str]:
        return self._bracketed(element, head + " ", indent, body, ("{", "}"), keep_blank_lines)

    def _bracketed(
        self,
        element: Element,
        prefix: str,
        indent: str,
        body: Body,
        brackets: tuple[str, str],
        keep_blank_lines: bool = False,
    ) -> list[str]:
        """`prefix{` body `}`, with the element's opening, trailing and dangling comments."""
        opener, closer = brackets
        inner = indent + INDENT
        trailing_first = (
            [element.trailing] if element.trailing is not None and element.trails_first_line else []
        )
        first_line_comments = element.opening + trailing_first
        last_comment = None if element.trails_first_line else element.trailing
        if not (element.children or element.dangling or element.opening):
            return [self._with_trailing(f"{indent}{prefix}{opener}{closer}", element.trailing)]
        lines = [f"{indent}{prefix}{opener}"]
        if first_line_comments:
            lines[0] += COMMENT_GAP + comment_text(first_line_comments[0])
            lines += [inner + comment_text(comment) for comment in first_line_comments[1:]]
        lines += body(element, inner)
        lines += self._dangling(element, inner, keep_blank_lines)
        lines.append(self._with_trailing(f"{indent}{closer}", last_comment))
        return lines

    # --- comments ----------------------------------------------------------------------------
    def _leading(self, element: Element, indent: str, keep_blank_lines: bool = False) -> list[str]:
        lines: list[str] = []
        for index, comment in enumerate(element.leading):
            following = (
                element.leading[index + 1].span.line if index + 1 < len(element.leading) else element.start[0]
            )
            lines.append(indent + comment_text(comment))
            if keep_blank_lines and self._blank_between(comment.span.end_line, following):
                lines.append("")
        return lines

    def _dangling(self, element: Element, indent: str, keep_blank_lines: bool) -> list[str]:
        """Comments after the last element of a block, before its closing bracket."""
        lines: list[str] = []
        previous_line = element.children[-1].end[0] if element.children else None
        for comment in element.dangling:
            if (
                keep_blank_lines
                and previous_line is not None
                and self._blank_between(previous_line, comment.span.line)
            ):
                lines.append("")
            lines.append(indent + comment_text(comment))
            previous_line = comment.span.end_line
        return lines

    @staticmethod
    def _with_trailing(line: str, comment: CommentNode | None) -> str:
        return line + COMMENT_GAP + comment_text(comment) if comment else line

    def _word(self, name: Name) -> str:
        """A tech or an edge label as the author wrote it: a bare word or a string."""
        written_as_string = self.source_lines[name.span.line - 1][name.span.column - 1] == '"'
        return quote(name.text) if written_as_string else name.text


def _label(label: Name | None) -> str:
    return f" {quote(label.text)}" if label else ""


def _category(element: Element) -> tuple[str, str]:
    syntax = element.syntax
    if isinstance(syntax, DeclarationNode):
        step = KINDS[Kind(syntax.kind.text)].step if syntax.kind.text in KIND_WORDS else None
        return ("declaration", step.name if step else "")
    if isinstance(syntax, SectionNode):
        return ("section", syntax.name.text)
    return (type(syntax).__name__, "")


def _vocabulary(element: Element) -> Mapping[str, AttributeSpec]:
    syntax = element.syntax
    if isinstance(syntax, SectionNode):
        return SECTION_ATTRIBUTES[SectionName(syntax.name.text)]
    if isinstance(syntax, DeclarationNode) and syntax.kind.text in KIND_WORDS:
        return attributes_for_kind(Kind(syntax.kind.text))
    if isinstance(syntax, EdgesNode):
        return EDGE_ATTRIBUTES
    return {}


def _ordered(element: Element) -> list[Element]:
    """The attributes of a block in the vocabulary's order; unknown ones after, as written."""
    rank = {name: index for index, name in enumerate(_vocabulary(element))}
    unknown = len(rank)
    return sorted(
        element.children, key=lambda child: rank.get(_syntax(child, AttributeNode).key.text, unknown)
    )


def _syntax(element: Element, kind: type[SyntaxT]) -> SyntaxT:
    """The element's syntax node, which its place in the tree makes a `kind`."""
    syntax = element.syntax
    if not isinstance(syntax, kind):
        raise TypeError(f"expected {kind.__name__} here, found {type(syntax).__name__}")
    return syntax


def _value(element: Element) -> Value:
    """The value a list item element holds."""
    if not isinstance(element.syntax, VALUE_CLASSES):
        raise TypeError(f"expected a value here, found {type(element.syntax).__name__}")
    return cast(Value, element.syntax)


def _align_rows(printed: list[Printed], blank_before: list[bool]) -> None:
    """Turn runs of one-line declarations (not separated by a blank line) into aligned lines."""
    run: list[Printed] = []
    for item, blank in zip([*printed, None], [*blank_before, True], strict=True):
        if item is None or blank or item.row is None:
            _print_run(run)
            run = []
        if item is not None and item.row is not None:
            run.append(item)
    _print_run(run)


def _print_run(run: list[Printed]) -> None:
    if not run:
        return
    rows = [item.row for item in run if item.row is not None]
    kind_width = max(len(row.kind) for row in rows)
    head_width = max((len(row.head) for row in rows if row.rest), default=0)
    for item, row in zip(run, rows, strict=True):
        text = f"{row.indent}{row.kind.ljust(kind_width)} "
        text += f"{row.head.ljust(head_width)} {row.rest}" if row.rest else row.head
        item.lines = [Printer._with_trailing(text, row.trailing)]
