"""The report as GitHub-flavoured Markdown."""

from __future__ import annotations

import re

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.coverage import CoverageStatus
from mlsd_dsl.report.document import (
    Badge,
    Block,
    BulletList,
    Diagram,
    Document,
    Heading,
    Inline,
    Paragraph,
    Table,
)

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")  # `$` would start math on GitHub
BADGES: dict[Badge, str] = {
    CoverageStatus.COVERED: "✅ covered",
    CoverageStatus.PARTIAL: "⚠️ partial",
    CoverageStatus.MISSING: "❌ missing",
    Severity.ERROR: "🔴 error",
    Severity.WARNING: "🟡 warning",
    Severity.INFO: "🔵 info",
}


def escape(value: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", value).replace("\n", " ")


def inline(content: Inline, in_table: bool = False) -> str:
    return "".join(
        BADGES[span.badge] if span.badge else _span(span.text, span.style, in_table) for span in content
    )


def _span(value: str, style: str, in_table: bool) -> str:
    if style == "code":
        return _code_span(value.replace("\n", " "), in_table)
    if style == "strong":
        return f"**{escape(value)}**"
    if style == "em":
        return f"*{escape(value)}*"
    return escape(value)


def _code_span(value: str, in_table: bool) -> str:
    """A code span whose fence is longer than any run of backticks inside, so nothing in `value`
    can close it early; padded when `value` starts or ends with a backtick (CommonMark 6.1)."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    body = value.replace("|", "\\|") if in_table else value
    return f"{fence}{padding}{body}{padding}{fence}"


def render_markdown(document: Document) -> str:
    return "\n\n".join(_block(block) for block in document.blocks) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + inline(block.content)
    if isinstance(block, Paragraph):
        return inline(block.content)
    if isinstance(block, BulletList):
        return "\n".join(f"- {inline(item)}" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    return _diagram(block)


def _table(table: Table) -> str:
    lines = [
        "| " + " | ".join(escape(cell) for cell in table.header) + " |",
        "|" + "|".join("---" for _ in table.header) + "|",
    ]
    lines += ["| " + " | ".join(inline(cell, in_table=True) for cell in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _diagram(diagram: Diagram) -> str:
    if diagram.mermaid is not None:
        return f"```mermaid\n{diagram.mermaid.rstrip()}\n```"
    if diagram.image_path is not None:
        return f"![{escape(diagram.title)}]({diagram.image_path})"
    return ""
