"""A real client (pytest-lsp) talking to `python -m mlsd_dsl lsp` over stdio, in a small project:
a system that imports a module, with a configuration file marking the project root."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

MODULE = """\
# Shared components.
source events: kafka "click events" { type: events  volume: 10M/day }
"""

SYSTEM = """\
import "common.mlsd"

system shop "Shop recommendations" {
  requirements { goal: "more sales"  users: 1M  latency_p99: 200ms }
  framing { task: ranking  objective: "P(buy)"  input: [user, item]  output: "ranked items" }

  dataset train { label: "bought"  split: random }
  model ranker: lightgbm
  serving api: online { latency_p99: 100ms  fallback: ranker }
  group online { api }

  events -> train -> ranker -> api
}
"""

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "mlsd_dsl", "lsp"])
DEBOUNCE_MS = 50


def write_project(folder: Path) -> Path:
    (folder / ".mlsd.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    (folder / "common.mlsd").write_text(MODULE, encoding="utf-8")
    (folder / "main.mlsd").write_text(SYSTEM, encoding="utf-8")
    return folder


@pytest.fixture(scope="package")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("project"))


@pytest_lsp.fixture(scope="package", config=SERVER)
async def client(lsp_client: LanguageClient, project: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=project.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(project.as_uri(), "project")],
            initialization_options={"debounceMs": DEBOUNCE_MS},
        )
    )
    yield
    await lsp_client.shutdown_session()


class Editor:
    """Opens and edits documents as an editor does (full text on each change)."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri], self.texts[uri] = 1, text
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "mlsd", 1, text))
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri),
                [lsp.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))

    async def diagnostics(
        self, uri: str, wanted: Callable[[Sequence[lsp.Diagnostic]], bool], timeout: float = 15
    ) -> Sequence[lsp.Diagnostic]:
        """The document's diagnostics once they satisfy `wanted`."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = self.client.diagnostics.get(uri)
            if found is not None and wanted(found):
                return found
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"diagnostics of {uri} never became as wanted; last: {found}")
            await asyncio.sleep(0.01)

    def position(self, uri: str, marker: str, after: int = 0) -> lsp.Position:
        """Where `marker` is in the document (the specs are ASCII: characters are UTF-16 units)."""
        text = self.texts[uri]
        offset = text.index(marker) + after
        line = text.count("\n", 0, offset)
        return lsp.Position(line, offset - (text.rfind("\n", 0, offset) + 1))


def codes(diagnostics: Sequence[lsp.Diagnostic]) -> set[str]:
    return {str(d.code) for d in diagnostics}


def apply_edits(text: str, edits: Sequence[lsp.TextEdit]) -> str:
    """The text with the edits made (ASCII text: positions count characters). As in LSP, an insertion
    and a replacement may start at one position: the insertion goes first."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: lsp.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: (offset(e.range.start), offset(e.range.end)), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
