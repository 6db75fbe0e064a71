"""Completion: what may be written at the cursor (`context.context_at`), from the vocabulary
(kinds, sections, attributes, choices, units), the catalog, the rules and the spec's own names."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types as lsp

from mlsd_dsl.catalog import technologies
from mlsd_dsl.lint import all_rules
from mlsd_dsl.lsp.context import Context, Expect, context_at
from mlsd_dsl.lsp.docs import attribute_doc, kind_doc, rule_doc, technology_doc
from mlsd_dsl.lsp.documents import Document, Library
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import (
    BOOL,
    DURATION,
    NUMBER,
    PERCENT,
    RATE,
    REF,
    SECTION_ATTRIBUTES,
    SIZE,
    EdgeType,
    ServingMode,
)
from mlsd_dsl.model.values import DURATION_MS, SI_MULTIPLIERS, SIZE_BYTES

Kinds = lsp.CompletionItemKind
NUMBER_PART = re.compile(r"-?[0-9][0-9_]*(?:\.[0-9]+)?")
MAX_IMPORT_PATHS = 200


def complete(document: Document, library: Library, offset: int) -> list[lsp.CompletionItem]:
    context = context_at(document.text, offset, document.tokens)
    edit = _Editor(document, context.start, offset)
    expect = context.expect
    if expect in (Expect.STATEMENT, Expect.TOP_LEVEL):
        return _statements(edit, expect is Expect.TOP_LEVEL) + _components(edit, document, library)
    if expect is Expect.ATTRIBUTE:
        return _attributes(edit, context)
    if expect is Expect.VALUE:
        return _values(edit, context, document, library)
    if expect is Expect.UNIT:
        return _units(edit, context)
    if expect is Expect.COMPONENT:
        return _components(edit, document, library)
    if expect is Expect.TECHNOLOGY:
        return _technologies(edit, context.kind)
    if expect is Expect.IMPORT_PATH:
        return _import_paths(
            edit, document, library, quoted=document.text[context.start - 1 : context.start] == '"'
        )
    if expect is Expect.RULE_CODE:
        return _rule_codes(edit, context.present)
    if expect is Expect.EDGE_TYPE:
        return [edit.item(f"{t.value}->", Kinds.Operator, t.doc, label=t.value) for t in EdgeType]
    return []


class _Editor:
    """Builds items that replace what is typed of the word (from `start` to the cursor)."""

    def __init__(self, document: Document, start: int, end: int) -> None:
        self.range = document.range(start, end)

    def item(
        self,
        text: str,
        kind: lsp.CompletionItemKind,
        detail: str | None = None,
        doc: str | None = None,
        label: str | None = None,
        sort: str | None = None,
    ) -> lsp.CompletionItem:
        return lsp.CompletionItem(
            label=label or text,
            kind=kind,
            detail=detail,
            documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, doc) if doc else None,
            text_edit=lsp.TextEdit(self.range, text),
            filter_text=text if label and label != text else None,
            sort_text=sort,
        )


def _statements(edit: _Editor, top_level: bool) -> list[lsp.CompletionItem]:
    items = [
        edit.item(kind.value, Kinds.Class, info.doc, kind_doc(kind), sort=f"1{kind.value}")
        for kind, info in KINDS.items()
    ]
    if not top_level:
        items += [
            edit.item(section.value, Kinds.Module, "section", sort=f"2{section.value}")
            for section in SECTION_ATTRIBUTES
        ]
    keywords = ["group", "system", "import"] if top_level else ["group"]
    items += [edit.item(word, Kinds.Keyword, sort=f"3{word}") for word in keywords]
    return items


def _attributes(edit: _Editor, context: Context) -> list[lsp.CompletionItem]:
    table = context.block.attributes() if context.block else {}
    return [
        edit.item(
            f"{name}: ", Kinds.Property, spec.describe_type(), attribute_doc(spec), label=name, sort=f"{i:03}"
        )
        for i, (name, spec) in enumerate(table.items())
        if name not in context.present
    ]


def _values(
    edit: _Editor, context: Context, document: Document, library: Library
) -> list[lsp.CompletionItem]:
    table = context.block.attributes() if context.block else {}
    spec = table.get(context.attribute or "")
    if spec is None:
        return []
    types = spec.item_types if context.in_list and spec.item_types else spec.types
    items = [edit.item(choice, Kinds.EnumMember, f"{spec.name}: {choice}") for choice in spec.choices]
    if BOOL in types:
        items += [edit.item(word, Kinds.Keyword) for word in ("true", "false")]
    if REF in types:
        items += _components(edit, document, library)
    return items


def _units(edit: _Editor, context: Context) -> list[lsp.CompletionItem]:
    """The number typed so far with each unit its attribute's types accept (all units of the
    vocabulary when the attribute is unknown); a rate keeps the count's multiplier (`10k/s`)."""
    table = context.block.attributes() if context.block else {}
    spec = table.get(context.attribute or "")
    types = set(spec.types if spec else (DURATION, SIZE, PERCENT, RATE, NUMBER))
    if spec and spec.item_types:
        types |= set(spec.item_types)
    typed = context.prefix
    found = NUMBER_PART.match(typed)
    number = found.group() if found else typed
    multiplier = typed[len(number) : len(number) + 1]
    counts = dict.fromkeys([number + multiplier if multiplier in SI_MULTIPLIERS else number, number])
    texts: list[tuple[str, str]] = []
    if DURATION in types:
        texts += [(number + unit, "duration") for unit in DURATION_MS]
    if SIZE in types:
        texts += [(number + unit, "data size") for unit in SIZE_BYTES]
    if PERCENT in types:
        texts.append((number + "%", "percentage"))
    if RATE in types:
        texts += [(f"{count}/{per}", "rate") for count in counts for per in DURATION_MS]
    if NUMBER in types:
        texts += [(number + unit, "count") for unit in SI_MULTIPLIERS]
    seen: set[str] = set()
    items = []
    for text, what in texts:
        if text not in seen:
            seen.add(text)
            items.append(edit.item(text, Kinds.Unit, what, label=text[len(number) :]))
    return items


def _components(edit: _Editor, document: Document, library: Library) -> list[lsp.CompletionItem]:
    items: dict[str, lsp.CompletionItem] = {}
    for source in (document, *library.imported(document)):
        for name, item in source.components().items():
            where = "" if source is document else f" (from {Path(source.name).name})"
            items.setdefault(name, edit.item(name, Kinds.Variable, f"{item.kind}{where}", sort=f"0{name}"))
    return list(items.values())


def _technologies(edit: _Editor, kind_word: str | None) -> list[lsp.CompletionItem]:
    kind = Kind(kind_word) if kind_word in set(Kind) else None
    items = []
    if kind is Kind.SERVING:
        items += [edit.item(mode.value, Kinds.EnumMember, "serving mode") for mode in ServingMode]
    for technology in technologies():
        if kind is None or technology.can_play(kind):
            doc = technology_doc(technology)
            items.append(edit.item(technology.key, Kinds.Reference, technology.title, doc))
    return items


def _import_paths(
    edit: _Editor, document: Document, library: Library, quoted: bool
) -> list[lsp.CompletionItem]:
    base = document.path.parent if document.path else Path.cwd()
    items = []
    for path in library.workspace_files() or _nearby_specs(base):
        if path == document.path or not _is_module(library, path):
            continue
        relative = Path(os.path.relpath(path, base)).as_posix()
        text = relative if quoted else f'"{relative}"'
        items.append(edit.item(text, Kinds.File, label=relative))
        if len(items) >= MAX_IMPORT_PATHS:
            break
    return items


def _is_module(library: Library, path: Path) -> bool:
    """Whether a file can be imported: it declares no system."""
    found = library.document_at(path)
    return found is not None and not any(d.kind == "system" for d in found.declarations())


def _nearby_specs(base: Path) -> Iterable[Path]:
    try:
        return sorted(p.resolve() for p in base.rglob("*.mlsd"))[:MAX_IMPORT_PATHS]
    except OSError:
        return []


def _rule_codes(edit: _Editor, present: frozenset[str]) -> list[lsp.CompletionItem]:
    return [
        edit.item(rule.code, Kinds.Constant, f"{rule.name} — {rule.title}", rule_doc(rule.code))
        for rule in all_rules()
        if rule.code not in present and rule.name not in present
    ]
