"""The typed model of an ML system design: values, vocabulary and the spec itself."""

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.spec import Attribute, Comment, Component, Edge, Group, Import, Section, Spec

__all__ = [
    "Attribute",
    "Comment",
    "Component",
    "Edge",
    "Group",
    "Import",
    "Kind",
    "Section",
    "SectionName",
    "Span",
    "Spec",
]
