"""Hover: the docs of what is under the cursor (a kind, section, attribute, choice, technology,
edge type or component) and the explanation of the rules whose findings cover it."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from mlsd_dsl.catalog import lookup
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint import get_rule
from mlsd_dsl.lsp.context import Classified, Role, token_at
from mlsd_dsl.lsp.docs import attribute_doc, kind_doc, rule_doc, technology_doc
from mlsd_dsl.lsp.documents import Document, Library
from mlsd_dsl.model.kinds import KIND_WORDS, Kind
from mlsd_dsl.model.schema import SECTION_ATTRIBUTES, EdgeType, SectionName

RULE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def hover(document: Document, library: Library, offset: int, findings: list[Diagnostic]) -> lsp.Hover | None:
    item = token_at(document.classified, offset)
    parts: list[str] = []
    if item is not None:
        parts += _about(item, document, library, offset)
    parts += [_explanation(finding) for finding in _findings_at(document, findings, offset)]
    if not parts:
        return None
    where = document.token_range(item.token) if item is not None else None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), where)


def _about(item: Classified, document: Document, library: Library, offset: int) -> list[str]:
    text = item.token.text
    role = item.role
    if role is Role.KIND and text in KIND_WORDS:
        return [kind_doc(Kind(text))]
    if role is Role.SECTION:
        names = ", ".join(f"`{name}`" for name in SECTION_ATTRIBUTES[SectionName(text)])
        return [f"**{text}** section\n\nAttributes: {names}"]
    if role is Role.ATTRIBUTE and item.block is not None:
        spec = item.block.attributes().get(text)
        return [attribute_doc(spec)] if spec else []
    if role in (Role.VALUE, Role.REFERENCE) and item.attribute and item.block is not None:
        spec = item.block.attributes().get(item.attribute)
        found = [attribute_doc(spec)] if spec else []
        if role is Role.REFERENCE:
            found = _component(text, document, library) + found
        return found
    if role is Role.TECH:
        return _technology(text)
    if role is Role.ARROW:
        typed = text.strip("->")
        edge_type = EdgeType(typed) if typed in set(EdgeType) else EdgeType.DATA if not typed else None
        return [f"**{edge_type.value}** edge — {edge_type.doc}"] if edge_type else []
    if role in (Role.REFERENCE, Role.DECLARATION):
        return _component(text, document, library)
    if role is Role.COMMENT:
        return _suppressed_rule(item, offset)
    return []


def _technology(text: str) -> list[str]:
    technology = lookup(text)
    if technology is None:
        return [f"`{text}` is not in the technology catalog"]
    return [technology_doc(technology)]


def _component(name: str, document: Document, library: Library) -> list[str]:
    for source in (document, *library.imported(document)):
        declared = source.components().get(name)
        if declared is not None:
            where = "" if source is document else f" in {source.name}"
            line = source.index.position(declared.token.start)[0] + 1
            return [f"**{name}**: {declared.kind} (declared at line {line}{where})"]
    return []


def _suppressed_rule(item: Classified, offset: int) -> list[str]:
    """In `# mlsd: ignore[CODE]`, the rule named under the cursor."""
    relative = offset - item.token.start
    for word in RULE_WORD.finditer(item.token.text):
        if word.start() <= relative <= word.end():
            rule = get_rule(word.group())
            return [rule_doc(rule.code)] if rule else []
    return []


def _findings_at(document: Document, findings: list[Diagnostic], offset: int) -> list[Diagnostic]:
    found = []
    for finding in findings:
        span = finding.span
        if span is None or span.file != document.name:
            continue
        start, end = document.index.span_offsets(span.line, span.column, span.end_line, span.end_column)
        if start <= offset <= end:
            found.append(finding)
    return found


def _explanation(finding: Diagnostic) -> str:
    return f"**{finding.code}**: {finding.message}\n\n" + rule_doc(finding.code)
