"""The syntax tree of one `.mlsd` file, exactly as written (before names are resolved).

The compiler turns it into the typed `Spec`; the formatter prints it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.model.span import Span
from mlsd_dsl.model.values import Value


@dataclass(slots=True)
class Name:
    text: str
    span: Span


@dataclass(slots=True)
class AttributeNode:
    key: Name
    value: Value

    @property
    def span(self) -> Span:
        return self.key.span


@dataclass(slots=True)
class DeclarationNode:
    kind: Name
    name: Name
    tech: Name | None = None
    label: Name | None = None
    attributes: list[AttributeNode] | None = None

    @property
    def span(self) -> Span:
        return self.kind.span


@dataclass(slots=True)
class SectionNode:
    name: Name
    attributes: list[AttributeNode]

    @property
    def span(self) -> Span:
        return self.name.span


@dataclass(slots=True)
class GroupNode:
    keyword: Span
    name: Name
    label: Name | None
    members: list[Name]

    @property
    def span(self) -> Span:
        return self.keyword


@dataclass(slots=True)
class EdgesNode:
    """`a -> b, c -request-> d : label { ... }`: each step is the list of names between arrows;
    `arrows[i]` joins `steps[i]` to `steps[i + 1]` and holds the type written in it, if any."""

    steps: list[list[Name]]
    arrows: list[Name | None] = field(default_factory=list)
    label: Name | None = None
    attributes: list[AttributeNode] | None = None

    @property
    def span(self) -> Span:
        return self.steps[0][0].span


Statement = DeclarationNode | SectionNode | GroupNode | EdgesNode


@dataclass(slots=True)
class ImportNode:
    path: Name
    keyword: Span
    resolved: str | None = None

    @property
    def span(self) -> Span:
        return self.keyword


@dataclass(slots=True)
class SystemNode:
    keyword: Span
    name: Name
    label: Name | None
    statements: list[Statement]

    @property
    def span(self) -> Span:
        return self.keyword


@dataclass(slots=True)
class CommentNode:
    text: str
    span: Span


@dataclass(slots=True)
class FileNode:
    path: str
    imports: list[ImportNode] = field(default_factory=list)
    systems: list[SystemNode] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    comments: list[CommentNode] = field(default_factory=list)
