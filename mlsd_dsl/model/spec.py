"""The typed model a `.mlsd` file compiles into."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType, SectionName, ServingMode
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.values import BoolValue, IdentValue, StringValue, Value

SERVING_MODE_WORDS: frozenset[str] = frozenset(ServingMode)


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    span: Span


class Attribute(Node):
    key: str
    value: Value


class _HasAttributes(Node):
    attributes: dict[str, Attribute] = Field(default_factory=dict)

    def get(self, key: str) -> Value | None:
        attribute = self.attributes.get(key)
        return attribute.value if attribute else None

    def has(self, key: str) -> bool:
        return key in self.attributes

    def word(self, key: str) -> str | None:
        """The attribute as text when it is a word or a string (`split: time` → `'time'`)."""
        value = self.get(key)
        if isinstance(value, IdentValue):
            return value.name
        if isinstance(value, StringValue):
            return value.value
        return None

    def flag(self, key: str) -> bool:
        value = self.get(key)
        return isinstance(value, BoolValue) and value.value


class Component(_HasAttributes):
    kind: Kind
    name: str
    tech: str | None = None
    label: str | None = None

    @property
    def serving_mode(self) -> str | None:
        """`mode:` if given, else a tech that names a mode (`serving api: online`)."""
        mode = self.word("mode")
        if mode is None and self.tech in SERVING_MODE_WORDS:
            return self.tech
        return mode


class Section(_HasAttributes):
    name: SectionName


class Edge(_HasAttributes):
    """One connection. `type` is what it means: written in the arrow (`-request->`), inferred from
    the kinds it joins (see `model/edges.py`), or `data`; `typed` says whether it was written."""

    source: str
    target: str
    label: str | None = None
    type: EdgeType = EdgeType.DATA
    typed: bool = False


class Group(Node):
    name: str
    label: str | None = None
    members: list[str] = Field(default_factory=list)


class Import(Node):
    path: str
    resolved: str | None = None


class Comment(Node):
    text: str


class Spec(Node):
    """One compiled file: a system, or a module of shared declarations meant to be imported."""

    path: str
    name: str | None = Field(default=None, description="The system's name; None for a module file.")
    label: str | None = None
    imports: list[Import] = Field(default_factory=list)
    requirements: Section | None = None
    framing: Section | None = None
    evaluation: Section | None = None
    assumptions: Section | None = Field(
        default=None, description="Figures `mlsd estimate` should use instead of its defaults."
    )
    components: dict[str, Component] = Field(default_factory=dict)
    edges: list[Edge] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    comments: list[Comment] = Field(default_factory=list)

    @property
    def is_module(self) -> bool:
        return self.name is None

    @property
    def title(self) -> str:
        """The label, unless it is blank; else the system's name, else the file."""
        return self.label if self.label and self.label.strip() else self.name or self.path

    def section(self, name: SectionName) -> Section | None:
        sections = {
            SectionName.REQUIREMENTS: self.requirements,
            SectionName.FRAMING: self.framing,
            SectionName.EVALUATION: self.evaluation,
            SectionName.ASSUMPTIONS: self.assumptions,
        }
        return sections[name]

    def of_kind(self, *kinds: Kind) -> list[Component]:
        return [c for c in self.components.values() if c.kind in kinds]

    def edges_of_type(self, *types: EdgeType) -> list[Edge]:
        return [edge for edge in self.edges if edge.type in types]

    @cached_property
    def _adjacency(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        outgoing: dict[str, list[str]] = defaultdict(list)
        incoming: dict[str, list[str]] = defaultdict(list)
        for edge in self.edges:
            outgoing[edge.source].append(edge.target)
            incoming[edge.target].append(edge.source)
        return outgoing, incoming

    def successors(self, name: str) -> list[str]:
        return self._adjacency[0].get(name, [])

    def predecessors(self, name: str) -> list[str]:
        return self._adjacency[1].get(name, [])
