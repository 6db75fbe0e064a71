"""The specs the server knows: the editor's open documents and the files on disk they import or
the workspace holds, each lexed and classified once per version of its text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lsprotocol import types as lsp

from mlsd_dsl.compiler.sources import display_path
from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.lsp.context import Classified, Role, classify
from mlsd_dsl.lsp.tokens import LineIndex, Token, lex
from mlsd_dsl.model.span import Span

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
MAX_WORKSPACE_FILES = 5000
NOT_COMPONENTS = frozenset({"group", "system"})


@dataclass
class Document:
    uri: str
    text: str
    path: Path | None  # None for an unsaved buffer
    version: int | None = None
    encoding: str = "utf-16"

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text, self.encoding)

    @cached_property
    def tokens(self) -> list[Token]:
        return lex(self.text)

    @cached_property
    def classified(self) -> list[Classified]:
        return classify(self.tokens)

    @cached_property
    def name(self) -> str:
        """The file as diagnostics name it."""
        return display_path(self.path) if self.path else "<untitled>"

    def range(self, start: int, end: int) -> lsp.Range:
        first, last = self.index.position(start), self.index.position(end)
        return lsp.Range(lsp.Position(*first), lsp.Position(*last))

    def span_range(self, span: Span) -> lsp.Range:
        return self.range(*self.index.span_offsets(span.line, span.column, span.end_line, span.end_column))

    def token_range(self, token: Token) -> lsp.Range:
        return self.range(token.start, token.end)

    def offset_of(self, position: lsp.Position) -> int:
        return self.index.offset(position.line, position.character)

    def declarations(self) -> list[Classified]:
        return [c for c in self.classified if c.role is Role.DECLARATION]

    def components(self) -> dict[str, Classified]:
        """Each component declared here (first declaration of a name)."""
        found: dict[str, Classified] = {}
        for item in self.declarations():
            if item.kind not in NOT_COMPONENTS:
                found.setdefault(item.token.text, item)
        return found

    def imports(self) -> list[tuple[Classified, Path | None]]:
        """Each `import "path"` with the file it names (None when it cannot be resolved)."""
        base = self.path.parent if self.path else Path.cwd()
        found: list[tuple[Classified, Path | None]] = []
        for item in self.classified:
            if item.role is Role.IMPORT_PATH:
                written = item.token.text.strip('"')
                try:
                    found.append((item, (base / written).resolve()))
                except PATH_ERRORS:
                    found.append((item, None))
        return found


class EditorFiles:
    """The files the compiler reads: an open document's text as the editor holds it (saved or not),
    else the file on disk. Built from a snapshot, so a check on another thread sees one state."""

    def __init__(self, documents: list[Document]) -> None:
        self.texts = {document.path: document.text for document in documents if document.path is not None}

    def exists(self, path: Path) -> bool:
        return path in self.texts or path.exists()

    def is_file(self, path: Path) -> bool:
        return path in self.texts or path.is_file()

    def read_bytes(self, path: Path) -> bytes:
        if path in self.texts:
            return self.texts[path].encode("utf-8", "surrogatepass")
        return path.read_bytes()


@dataclass
class Library:
    """Open documents by URI, and files on disk read when their modification time changes."""

    roots: list[Path] = field(default_factory=list)
    open: dict[str, Document] = field(default_factory=dict)
    _disk: dict[Path, tuple[float, Document]] = field(default_factory=dict)
    encoding: str = "utf-16"

    def document_at(self, path: Path) -> Document | None:
        for document in self.open.values():
            if document.path == path:
                return document
        try:
            modified = path.stat().st_mtime
            cached = self._disk.get(path)
            if cached is not None and cached[0] == modified:
                return cached[1]
            text = path.read_text(encoding="utf-8")
        except (*PATH_ERRORS, UnicodeDecodeError):
            return None
        document = Document(path.as_uri(), text, path, encoding=self.encoding)
        self._disk[path] = (modified, document)
        return document

    def imported(self, document: Document) -> list[Document]:
        """The documents `document` imports, directly or not, each once."""
        seen = {document.path} if document.path else set()
        found: list[Document] = []
        pending = [document]
        while pending:
            current = pending.pop()
            for _, path in current.imports():
                if path is None or path in seen or path.suffix != ".mlsd":
                    continue
                seen.add(path)
                module = self.document_at(path)
                if module is not None:
                    found.append(module)
                    pending.append(module)
        return found

    def files(self) -> EditorFiles:
        return EditorFiles(list(self.open.values()))

    def importers(self, document: Document) -> list[Document]:
        """The open documents that import `document`, directly or not."""
        if document.path is None:
            return []
        return [
            other
            for other in list(self.open.values())
            if other is not document and document.path in {d.path for d in self.imported(other)}
        ]

    def workspace_files(self) -> list[Path]:
        files: list[Path] = []
        for root in self.roots:
            for path in _spec_files(root):
                files.append(path)
                if len(files) >= MAX_WORKSPACE_FILES:
                    return files
        return files

    def workspace_documents(self) -> Iterator[Document]:
        """Every spec of the workspace (open ones as the editor holds them), then open ones elsewhere."""
        seen: set[Path] = set()
        for path in self.workspace_files():
            document = self.document_at(path)
            if document is not None:
                seen.add(path)
                yield document
        for document in list(self.open.values()):
            if document.path is None or document.path not in seen:
                yield document


def _spec_files(root: Path) -> Iterator[Path]:
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(s for s in subfolders if not s.startswith(".") and s not in SKIPPED_FOLDERS)
        for name in sorted(names):
            if name.endswith(".mlsd"):
                yield Path(folder, name).resolve()
