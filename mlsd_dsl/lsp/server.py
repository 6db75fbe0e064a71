"""`mlsd lsp`: the language server (pygls over stdio).

Diagnostics are checked on a worker thread and published only if the text has not changed since.
A change that follows the previous one by more than `debounce` is checked at once; a quick run of
changes (typing) is checked `debounce` after the last of them. Every handler is guarded: whatever the text or
the request, the server answers (possibly with nothing) and logs the problem to the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import sys
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar, cast

from cattrs import ClassValidationError, transform_error
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from mlsd_dsl.lsp.actions import code_actions
from mlsd_dsl.lsp.completion import complete
from mlsd_dsl.lsp.diagnostics import Checked, check, docs_base, to_lsp
from mlsd_dsl.lsp.documents import Document, Library
from mlsd_dsl.lsp.formatting import format_edits
from mlsd_dsl.lsp.hover import hover
from mlsd_dsl.lsp.navigation import (
    definition,
    document_symbols,
    outline_tree,
    references,
    workspace_symbols,
)
from mlsd_dsl.lsp.semantic import LEGEND, semantic_tokens
from mlsd_dsl.parser.ast import FileNode
from mlsd_dsl.version import __version__

DEBOUNCE_SECONDS = 0.05
TRIGGER_CHARACTERS = [":", "[", ",", '"', "-", ">", "/"]
Handler = TypeVar("Handler", bound=Callable[..., Any])


class MlsdProtocol(LanguageServerProtocol):
    """pygls's protocol, except that a request whose params do not fit its type is answered.

    pygls logs the message's whole traceback and then drops the request, so the editor would wait
    for its answer forever; here the request gets JSON-RPC's error response (invalid params) and
    the log gets one line.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            with _pygls_deserialization_log_off():
                return super().structure_message(data)
        except JsonRpcException as error:
            method, msg_id = data.get("method"), data.get("id")
            cause = error.__cause__ or error
            _log.warning("malformed %s message: %s", method or "response", _one_line(cause))
            if method and msg_id is not None:
                self._send_response(msg_id, error=error.to_response_error())
            raise


class MlsdServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "mlsd",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Full,
            protocol_cls=MlsdProtocol,
        )
        self.library = Library()
        self.checked: dict[str, Checked] = {}
        self.outlines: dict[str, FileNode] = {}  # the last tree of each document, while it does not parse
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.changed_at: dict[str, float] = {}
        self.debounce = DEBOUNCE_SECONDS
        self.docs: str | None = docs_base(None)
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlsd-check")

    def log(self, message: str, level: lsp.MessageType = lsp.MessageType.Log) -> None:
        with contextlib.suppress(Exception):  # no client to tell (the connection is closing)
            self.window_log_message(lsp.LogMessageParams(level, message))

    def document(self, uri: str) -> Document | None:
        """The document as the editor holds it now (built once per version)."""
        try:
            text_document = self.workspace.get_text_document(uri)
            text, version = text_document.source, text_document.version
        except Exception:
            return None
        current = self.library.open.get(uri)
        if current is not None and current.version == version and current.text == text:
            return current
        path = Path(to_fs_path(uri) or "").resolve() if uri.startswith("file:") else None
        encoding = str(self.workspace.position_encoding or "utf-16")
        document = Document(uri, text, path, version, encoding)
        self.library.open[uri] = document
        self.library.encoding = encoding
        return document

    def checked_now(self, document: Document) -> Checked | None:
        """The check of this very version, if it is done."""
        checked = self.checked.get(document.uri)
        return checked if checked is not None and checked.version == document.version else None

    def changed(self, uri: str) -> None:
        now = asyncio.get_running_loop().time()
        typing = now - self.changed_at.get(uri, float("-inf")) < self.debounce
        self.changed_at[uri] = now
        self.schedule_check(uri, self.debounce if typing else 0)
        document = self.document(uri)
        for importer in self.library.importers(document) if document else []:  # they see its new text
            self.schedule_check(importer.uri, self.debounce)

    def schedule_check(self, uri: str, delay: float) -> None:
        earlier = self.pending.pop(uri, None)
        if earlier is not None:
            earlier.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            document = self.document(uri)
            if document is None:
                return
            files = self.library.files()
            checked = await asyncio.get_running_loop().run_in_executor(self.checker, check, document, files)
            current = self.document(uri)
            if current is None or current.version != document.version or uri not in self.library.open:
                return
            self.checked[uri] = checked
            diagnostics = to_lsp(document, checked, self.docs)
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri, diagnostics, version=document.version)
            )
        except asyncio.CancelledError:
            raise
        except Exception:
            self.log(f"mlsd: checking {uri} failed:\n{traceback.format_exc()}", lsp.MessageType.Error)

    def outline(self, document: Document) -> FileNode | None:
        tree = outline_tree(document)
        if tree is not None:
            self.outlines[document.uri] = tree
            return tree
        return self.outlines.get(document.uri)


server = MlsdServer()


def guarded(default: Callable[[], Any]) -> Callable[[Handler], Handler]:
    """Answer `default()` instead of failing, and log the problem to the client."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def safe(params: Any) -> Any:
            try:
                return handler(params)
            except Exception:
                problem = traceback.format_exc()
                server.log(f"mlsd: {handler.__name__} failed:\n{problem}", lsp.MessageType.Error)
                return default()

        return cast(Handler, safe)

    return wrap


def _document_of(params: Any) -> Document | None:
    return server.document(params.text_document.uri)


@server.feature(lsp.INITIALIZE)
@guarded(lambda: None)
def initialize(params: lsp.InitializeParams) -> None:
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    server.docs = docs_base(options.get("docsUrl"))
    if isinstance(options.get("debounceMs"), int | float):
        server.debounce = max(0.0, float(options["debounceMs"]) / 1000)
    folders = [folder.uri for folder in params.workspace_folders or []] or (
        [params.root_uri] if params.root_uri else []
    )
    server.library.roots = [
        Path(to_fs_path(uri) or ".").resolve() for uri in folders if uri.startswith("file:")
    ]


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
@guarded(lambda: None)
def did_open(params: lsp.DidOpenTextDocumentParams) -> None:
    server.schedule_check(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
@guarded(lambda: None)
def did_change(params: lsp.DidChangeTextDocumentParams) -> None:
    server.changed(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
@guarded(lambda: None)
def did_save(params: lsp.DidSaveTextDocumentParams) -> None:
    for uri in list(server.library.open):  # a saved module changes what its importers see
        server.schedule_check(uri, server.debounce)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
@guarded(lambda: None)
def did_close(params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = server.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    closed = server.library.open.get(uri)
    importers = server.library.importers(closed) if closed else []
    server.library.open.pop(uri, None)
    server.checked.pop(uri, None)
    server.outlines.pop(uri, None)
    server.changed_at.pop(uri, None)
    server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))
    for importer in importers:  # they read the file from disk again
        server.schedule_check(importer.uri, server.debounce)


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=TRIGGER_CHARACTERS))
@guarded(lambda: lsp.CompletionList(is_incomplete=False, items=[]))
def completion(params: lsp.CompletionParams) -> lsp.CompletionList:
    document = _document_of(params)
    if document is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    items = complete(document, server.library, document.offset_of(params.position))
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
@guarded(lambda: None)
def on_hover(params: lsp.HoverParams) -> lsp.Hover | None:
    document = _document_of(params)
    if document is None:
        return None
    checked = server.checked_now(document)
    findings = checked.diagnostics if checked else []
    return hover(document, server.library, document.offset_of(params.position), findings)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
@guarded(list)
def on_definition(params: lsp.DefinitionParams) -> list[lsp.Location]:
    document = _document_of(params)
    if document is None:
        return []
    return definition(document, server.library, document.offset_of(params.position))


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
@guarded(list)
def on_references(params: lsp.ReferenceParams) -> list[lsp.Location]:
    document = _document_of(params)
    if document is None:
        return []
    offset = document.offset_of(params.position)
    return references(document, server.library, offset, params.context.include_declaration)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded(list)
def on_document_symbol(params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    document = _document_of(params)
    if document is None:
        return []
    return document_symbols(document, server.outline(document))


@server.feature(lsp.WORKSPACE_SYMBOL)
@guarded(list)
def on_workspace_symbol(params: lsp.WorkspaceSymbolParams) -> list[lsp.WorkspaceSymbol]:
    return workspace_symbols(server.library, params.query)


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
@guarded(list)
def on_formatting(params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    document = _document_of(params)
    return format_edits(document) if document is not None else []


@server.feature(lsp.TEXT_DOCUMENT_RANGE_FORMATTING)
@guarded(list)
def on_range_formatting(params: lsp.DocumentRangeFormattingParams) -> list[lsp.TextEdit]:
    document = _document_of(params)
    return format_edits(document, params.range) if document is not None else []


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
)
@guarded(list)
def on_code_action(params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    document = _document_of(params)
    only = params.context.only
    if document is None or (
        only is not None and not any(lsp.CodeActionKind.QuickFix.startswith(k) for k in only)
    ):
        return []
    checked = server.checked_now(document)
    return code_actions(document, params.context.diagnostics, checked.spec if checked else None)


@server.feature(lsp.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
@guarded(lambda: lsp.SemanticTokens(data=[]))
def on_semantic_tokens(params: lsp.SemanticTokensParams) -> lsp.SemanticTokens:
    document = _document_of(params)
    return semantic_tokens(document) if document is not None else lsp.SemanticTokens(data=[])


_log = logging.getLogger("mlsd_dsl.lsp")


def _one_line(error: BaseException) -> str:
    """What was wrong, e.g. `required field missing @ $.params.capabilities`."""
    details = transform_error(error) if isinstance(error, ClassValidationError) else [str(error)]
    text = " ".join("; ".join(details).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:297] + "..."


@contextlib.contextmanager
def _pygls_deserialization_log_off() -> Any:
    """pygls logs a failed deserialization with its traceback inside the message; MlsdProtocol
    logs it in one line instead."""
    pygls_log = logging.getLogger("pygls.protocol.json_rpc")
    previous = pygls_log.disabled
    pygls_log.disabled = True
    try:
        yield
    finally:
        pygls_log.disabled = previous


class _Brief(logging.Formatter):
    """A log line with the exception's own line instead of its traceback (malformed messages are
    logged by pygls; the editor shows standard error as the server's log)."""

    def formatException(self, ei: Any) -> str:  # logging's name
        return "".join(traceback.format_exception_only(ei[0], ei[1])).strip()


def serve() -> None:
    """Talk LSP over standard input and output until the client says exit."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Brief("mlsd lsp: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    server.start_io()
