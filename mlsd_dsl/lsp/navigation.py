"""Go to definition, find references, document symbols and workspace symbols.

Names and where they are written come from the classified tokens, so they work on a document
that does not parse. The outline comes from the parser's tree (the recovered one when the text
has errors), with each block's extent from its brackets.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from lsprotocol import types as lsp

from mlsd_dsl.lsp.context import Classified, Role, token_at
from mlsd_dsl.lsp.documents import NOT_COMPONENTS, Document, Library
from mlsd_dsl.model.span import Span
from mlsd_dsl.parser import parse_source
from mlsd_dsl.parser.ast import DeclarationNode, FileNode, GroupNode, Name, SectionNode, Statement, SystemNode
from mlsd_dsl.parser.brackets import scan_brackets

Symbols = lsp.SymbolKind
NAMED = (Role.REFERENCE, Role.DECLARATION)


def definition(document: Document, library: Library, offset: int) -> list[lsp.Location]:
    item = token_at(document.classified, offset)
    if item is None:
        return []
    if item.role is Role.IMPORT_PATH:
        target = _import_target(document, item)
        if target is not None and target.is_file():
            return [lsp.Location(target.as_uri(), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)))]
        return []
    if item.role not in NAMED:
        return []
    return [
        lsp.Location(source.uri, source.token_range(declared.token))
        for source, declared in _declarations(item.token.text, document, library)
    ][:1]


def _import_target(document: Document, item: Classified) -> Path | None:
    return next((path for written, path in document.imports() if written is item), None)


def _imports_of(target: Path | None, library: Library) -> list[lsp.Location]:
    """Every `import` of the file, in the workspace and the open documents."""
    if target is None:
        return []
    return [
        lsp.Location(source.uri, source.token_range(written.token))
        for source in library.workspace_documents()
        for written, path in source.imports()
        if path == target
    ]


def _declarations(name: str, document: Document, library: Library) -> list[tuple[Document, Classified]]:
    found = []
    for source in (document, *library.imported(document)):
        for declared in source.declarations():
            if declared.token.text == name and declared.kind != "system":
                found.append((source, declared))
    return found


def references(
    document: Document, library: Library, offset: int, include_declaration: bool
) -> list[lsp.Location]:
    item = token_at(document.classified, offset)
    if item is not None and item.role is Role.IMPORT_PATH:
        return _imports_of(_import_target(document, item), library)
    if item is None or item.role not in NAMED:
        return []
    name = item.token.text
    declared = _declarations(name, document, library)
    home = declared[0][0] if declared else document
    sources = [document, *library.imported(document)]
    if home is not document and home.path is not None:  # a module's name: every spec importing it
        for other in library.workspace_documents():
            if other.uri not in {s.uri for s in sources} and home.path in {
                d.path for d in library.imported(other)
            }:
                sources.append(other)
    wanted = NAMED if include_declaration else (Role.REFERENCE,)
    return [
        lsp.Location(source.uri, source.token_range(c.token))
        for source in sources
        for c in source.classified
        if c.role in wanted and c.token.text == name and c.kind != "system"
    ]


def document_symbols(document: Document, tree: FileNode | None) -> list[lsp.DocumentSymbol]:
    """system → sections, groups → their components, other components; a module's top level."""
    if tree is None:
        return []
    extents = _Extents(document)
    symbols = [_system(system, extents) for system in tree.systems]
    return symbols + _statements(tree.statements, extents)


def outline_tree(document: Document) -> FileNode | None:
    """The parser's tree of the text, or what recovery kept of it; None when neither exists."""
    parsed = parse_source(document.text, document.name)
    if parsed.file is not None:
        return parsed.file
    return parsed.recovered.file if parsed.recovered else None


class _Extents:
    """Where each statement ends: the '}' that closes the block after its header."""

    def __init__(self, document: Document) -> None:
        self.document = document
        pairs = sorted(scan_brackets(document.text).pairs, key=lambda pair: pair[0].position)
        braces = [pair for pair in pairs if pair[0].char == "{"]
        self.openers = [opener.position for opener, _ in braces]
        self.closers = [closer.position for _, closer in braces]

    def block_end(self, after: Span) -> tuple[int, int] | None:
        """The position just past the '}' of the first block opened after `after`."""
        at = bisect.bisect_left(self.openers, (after.end_line, after.end_column))
        if at == len(self.openers):
            return None
        line, column = self.closers[at]
        return line, column + 1

    def range(self, start: Span, header_end: Span, has_block: bool) -> lsp.Range:
        end = self.block_end(header_end) if has_block else None
        end_line, end_column = end or (header_end.end_line, header_end.end_column)
        return self.document.span_range(Span(start.file, start.line, start.column, end_line, end_column))


def _symbol(
    name: Name, detail: str | None, kind: lsp.SymbolKind, full: lsp.Range, document: Document
) -> lsp.DocumentSymbol:
    selection = document.span_range(name.span)
    full = _enclosing(full, selection)
    return lsp.DocumentSymbol(name.text, kind, full, selection, detail=detail, children=[])


def _enclosing(outer: lsp.Range, inner: lsp.Range) -> lsp.Range:
    start = min((outer.start.line, outer.start.character), (inner.start.line, inner.start.character))
    end = max((outer.end.line, outer.end.character), (inner.end.line, inner.end.character))
    return lsp.Range(lsp.Position(*start), lsp.Position(*end))


def _system(system: SystemNode, extents: _Extents) -> lsp.DocumentSymbol:
    header = system.label or system.name
    full = extents.range(system.keyword, header.span, True)
    symbol = _symbol(
        system.name, system.label.text if system.label else None, Symbols.Module, full, extents.document
    )
    symbol.children = _statements(system.statements, extents)
    return symbol


def _statements(statements: list[Statement], extents: _Extents) -> list[lsp.DocumentSymbol]:
    document = extents.document
    components = {s.name.text: _component(s, extents) for s in statements if isinstance(s, DeclarationNode)}
    grouped: set[str] = set()
    found: list[lsp.DocumentSymbol] = []
    for statement in statements:
        if isinstance(statement, SectionNode):
            full = extents.range(statement.name.span, statement.name.span, True)
            found.append(_symbol(statement.name, "section", Symbols.Struct, full, document))
        elif isinstance(statement, GroupNode):
            header = statement.label or statement.name
            full = extents.range(statement.keyword, header.span, True)
            group = _symbol(
                statement.name,
                statement.label.text if statement.label else None,
                Symbols.Namespace,
                full,
                document,
            )
            members = [m.text for m in statement.members if m.text in components]
            group.children = [components[m] for m in dict.fromkeys(members)]
            grouped.update(members)
            found.append(group)
    found += [symbol for name, symbol in components.items() if name not in grouped]
    return found


def _component(node: DeclarationNode, extents: _Extents) -> lsp.DocumentSymbol:
    header = node.label or node.tech or node.name
    full = extents.range(node.kind.span, header.span, node.attributes is not None)
    detail = node.kind.text + (f": {node.tech.text}" if node.tech else "")
    return _symbol(node.name, detail, Symbols.Object, full, extents.document)


def workspace_symbols(library: Library, query: str) -> list[lsp.WorkspaceSymbol]:
    wanted = query.lower()
    found = []
    for source in library.workspace_documents():
        for declared in source.declarations():
            name = declared.token.text
            if not _matches(name.lower(), wanted):
                continue
            kind = {"system": Symbols.Module, "group": Symbols.Namespace}.get(
                declared.kind or "", Symbols.Object
            )
            container = Path(source.name).name
            detail = declared.kind if declared.kind not in NOT_COMPONENTS else None
            found.append(
                lsp.WorkspaceSymbol(
                    name=name if detail is None else f"{name} ({detail})",
                    kind=kind,
                    location=lsp.Location(source.uri, source.token_range(declared.token)),
                    container_name=container,
                )
            )
    return found


def _matches(name: str, query: str) -> bool:
    """The query's characters appear in the name in order (as editors filter symbols)."""
    position = 0
    for char in query:
        position = name.find(char, position) + 1
        if not position:
            return False
    return True
