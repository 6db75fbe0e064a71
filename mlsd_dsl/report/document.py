"""A tiny document model for the design report, printed as Markdown or as HTML.

The report's content is built once (content.py); markdown.py and html.py each print it, so the
two formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.coverage import CoverageStatus

Style = Literal["text", "strong", "code", "em", "badge"]
Badge = CoverageStatus | Severity
BADGES: tuple[Badge, ...] = (*CoverageStatus, *Severity)


@dataclass(frozen=True)
class Span:
    """A run of inline text in one style."""

    text: str
    style: Style = "text"
    badge: Badge | None = None  # set when style is "badge"


Inline = list[Span]


def text(value: str) -> Span:
    return Span(value)


def strong(value: str) -> Span:
    return Span(value, "strong")


def code(value: str) -> Span:
    return Span(value, "code")


def em(value: str) -> Span:
    return Span(value, "em")


def badge(status: Badge) -> Span:
    """A coverage status or a severity, drawn as a coloured mark."""
    return Span(status.value, "badge", status)


@dataclass
class Heading:
    level: int
    content: Inline
    anchor: str | None = None


@dataclass
class Paragraph:
    content: Inline


@dataclass
class BulletList:
    items: list[Inline]


@dataclass
class Table:
    header: list[str]
    rows: list[list[Inline]]


@dataclass
class Diagram:
    """The architecture diagram: inline SVG, a linked image file, or Mermaid source."""

    title: str
    svg: str | None = None
    image_path: str | None = None
    mermaid: str | None = None


Block = Heading | Paragraph | BulletList | Table | Diagram


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
