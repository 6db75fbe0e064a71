"""Syntax trees → the typed `Spec`: kinds, names, attributes and references are checked here."""

from __future__ import annotations

from collections import deque
from itertools import pairwise

from mlsd_dsl.compiler.attributes import AttributeChecker, Reference, check_references
from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.edges import inferred_edge_type
from mlsd_dsl.model.kinds import KIND_WORDS, Kind, attributes_for_kind
from mlsd_dsl.model.schema import EDGE_ATTRIBUTES, SECTION_ATTRIBUTES, EdgeType, SectionName
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.spec import Comment, Component, Edge, Group, Import, Section, Spec
from mlsd_dsl.parser.ast import (
    DeclarationNode,
    EdgesNode,
    FileNode,
    GroupNode,
    Name,
    SectionNode,
    Statement,
    SystemNode,
)
from mlsd_dsl.suggest import did_you_mean

KIND_NAMES = [kind.value for kind in Kind]
EDGE_TYPE_NAMES = [edge_type.value for edge_type in EdgeType]


class SpecBuilder:
    """Builds one `Spec` from an entry file and the modules it imports."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.references: list[Reference] = []
        self.attributes = AttributeChecker(self.diagnostics, self.references)
        self.components: dict[str, Component] = {}
        self.declared: dict[str, Span] = {}  # component and group names, for duplicates
        self.component_names: list[str] = []  # declared components, even of an unknown kind
        self.kinds: dict[str, Kind] = {}  # each name's first declared kind, to infer edge types
        self.sections: dict[SectionName, Section] = {}
        self.edges: list[Edge] = []
        self.groups: list[Group] = []

    def build(self, entry: FileNode, modules: list[FileNode]) -> Spec:
        """The spec of `entry` and the modules it imports; takes the statements out of their trees."""
        system = self._system_of(entry)
        statements = _take_statements(system or entry, modules)
        self._declare_all(statements)
        pending = deque(statements)
        del statements
        while pending:  # each statement's syntax tree is freed once its model objects are built
            self._statement(pending.popleft())
        known = set(self.component_names)
        self.diagnostics.extend(check_references(self.references, known.__contains__, self.component_names))
        first_line = Span(entry.path, 1, 1, 1, 2)
        return trusted(
            Spec,
            span=system.span if system else first_line,
            path=entry.path,
            name=system.name.text if system else None,
            label=system.label.text if system and system.label else None,
            imports=[
                trusted(Import, span=i.span, path=i.path.text, resolved=i.resolved) for i in entry.imports
            ],
            requirements=self.sections.get(SectionName.REQUIREMENTS),
            framing=self.sections.get(SectionName.FRAMING),
            evaluation=self.sections.get(SectionName.EVALUATION),
            assumptions=self.sections.get(SectionName.ASSUMPTIONS),
            components=self.components,
            edges=self.edges,
            groups=self.groups,
            comments=[trusted(Comment, span=c.span, text=c.text) for c in entry.comments],
        )

    def _system_of(self, entry: FileNode) -> SystemNode | None:
        if not entry.systems:
            if not entry.statements and not entry.imports:
                self.diagnostics.append(
                    error(
                        ErrorCode.EMPTY_FILE,
                        "the file declares nothing",
                        Span(entry.path, 1, 1, 1, 2),
                        hint='start with: system my_system "My system" { ... }',
                    )
                )
            return None
        system, *extra = entry.systems
        for other in extra:
            self.diagnostics.append(
                error(
                    ErrorCode.MISPLACED_STATEMENT,
                    f"a file holds one system; '{other.name.text}' is a second one",
                    other.name.span,
                    hint="put each system in its own file and share components through `import`",
                )
            )
        for statement in entry.statements:
            self.diagnostics.append(
                error(
                    ErrorCode.MISPLACED_STATEMENT,
                    "this statement is outside the system block",
                    statement.span,
                    hint=f"move it inside `system {system.name.text} {{ ... }}`, or into a module file "
                    "that is imported",
                )
            )
        return system

    def _declare_all(self, statements: list[Statement]) -> None:
        for statement in statements:
            if isinstance(statement, DeclarationNode | GroupNode):
                self._declare(statement.name.text, statement.name.span)
            if isinstance(statement, DeclarationNode):
                self.component_names.append(statement.name.text)
                if statement.kind.text in KIND_WORDS:
                    self.kinds.setdefault(statement.name.text, Kind(statement.kind.text))

    def _declare(self, name: str, span: Span) -> None:
        first = self.declared.get(name)
        if first is None:
            self.declared[name] = span
            return
        where = f"line {first.line}" if first.file == span.file else f"{first.file}:{first.line}"
        self.diagnostics.append(
            error(
                ErrorCode.DUPLICATE_NAME,
                f"'{name}' is already declared",
                span,
                hint=f"first declared at {where}; names must be unique",
            )
        )

    def _statement(self, statement: Statement) -> None:
        if isinstance(statement, DeclarationNode):
            self._declaration(statement)
        elif isinstance(statement, SectionNode):
            self._section(statement)
        elif isinstance(statement, GroupNode):
            self._group(statement)
        else:
            self._edges(statement)

    def _declaration(self, node: DeclarationNode) -> None:
        try:
            kind = Kind(node.kind.text)
        except ValueError:
            self.diagnostics.append(
                error(
                    ErrorCode.UNKNOWN_KIND,
                    f"unknown component kind '{node.kind.text}'",
                    node.kind.span,
                    hint=did_you_mean(node.kind.text, [*KIND_NAMES, *SectionName]),
                    expected="one of: " + ", ".join(KIND_NAMES),
                )
            )
            return
        name = node.name.text
        owner = f"{kind.value} '{name}'"
        attributes = self.attributes.check_block(node.attributes or [], attributes_for_kind(kind), owner)
        if self.declared.get(name) is not node.name.span:
            return  # a duplicate, already reported
        self.components[name] = trusted(
            Component,
            span=node.kind.span,
            kind=kind,
            name=name,
            tech=node.tech.text if node.tech else None,
            label=node.label.text if node.label else None,
            attributes=attributes,
        )

    def _section(self, node: SectionNode) -> None:
        name = SectionName(node.name.text)
        if name in self.sections:
            first = self.sections[name].span
            self.diagnostics.append(
                error(
                    ErrorCode.DUPLICATE_SECTION,
                    f"'{name.value}' is given twice",
                    node.name.span,
                    hint=f"first given at line {first.line}; merge them",
                )
            )
            return
        attributes = self.attributes.check_block(node.attributes, SECTION_ATTRIBUTES[name], f"'{name.value}'")
        self.sections[name] = trusted(Section, span=node.name.span, name=name, attributes=attributes)

    def _group(self, node: GroupNode) -> None:
        self.references.extend((member.text, member.span) for member in node.members)
        self.groups.append(
            trusted(
                Group,
                span=node.name.span,
                name=node.name.text,
                label=node.label.text if node.label else None,
                members=[member.text for member in node.members],
            )
        )

    def _edges(self, node: EdgesNode) -> None:
        for step in node.steps:
            self.references.extend((name.text, name.span) for name in step)
        label = node.label.text if node.label else None
        attributes = self.attributes.check_block(node.attributes or [], EDGE_ATTRIBUTES, "an edge")
        arrows = node.arrows or [None] * (len(node.steps) - 1)
        for (sources, targets), arrow in zip(pairwise(node.steps), arrows, strict=True):
            written = self._edge_type(arrow)
            for source in sources:
                for target in targets:
                    self.edges.append(
                        trusted(
                            Edge,
                            span=source.span,
                            source=source.text,
                            target=target.text,
                            label=label,
                            attributes=attributes,
                            type=written or self._inferred(source.text, target.text),
                            typed=written is not None,
                        )
                    )

    def _inferred(self, source: str, target: str) -> EdgeType:
        """The type of an untyped edge, from the kinds it joins (every declaration is known by now)."""
        return inferred_edge_type(self.kinds.get(source), self.kinds.get(target))

    def _edge_type(self, arrow: Name | None) -> EdgeType | None:
        """The type written in an arrow; None for a plain `->` or an unknown type (reported)."""
        if arrow is None:
            return None
        try:
            return EdgeType(arrow.text)
        except ValueError:
            self.diagnostics.append(
                error(
                    ErrorCode.UNKNOWN_EDGE_TYPE,
                    f"unknown edge type '{arrow.text}'",
                    arrow.span,
                    hint=did_you_mean(arrow.text, EDGE_TYPE_NAMES)
                    or did_you_mean(arrow.text.lower(), EDGE_TYPE_NAMES),
                    expected="one of: " + ", ".join(EDGE_TYPE_NAMES),
                )
            )
            return None


def _take_statements(owner: SystemNode | FileNode, modules: list[FileNode]) -> list[Statement]:
    """The statements to build, modules' first, removed from their syntax trees.

    A large spec's syntax tree is as big as its model. Freeing it while the model is built keeps
    fewer objects alive for Python's garbage collector to scan, again and again as they grow.
    """
    statements: list[Statement] = []
    for tree in (*modules, owner):
        statements += tree.statements
        tree.statements = []
    return statements
