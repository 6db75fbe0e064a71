"""Stage 1: text → syntax tree (`FileNode`) plus syntax diagnostics.

Uses the LALR grammar in `grammars/mlsd.lark` with the tree built inline by `AstBuilder`,
so no intermediate lark tree is materialised.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import threading
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import lark
from lark import Lark, Token
from lark.exceptions import UnexpectedInput
from lark.lexer import TerminalDef

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.model.span import Span
from mlsd_dsl.parser.ast import CommentNode, FileNode
from mlsd_dsl.parser.brackets import scan_brackets
from mlsd_dsl.parser.builder import MAX_LIST_DEPTH, AstBuilder, token_span
from mlsd_dsl.parser.fast_lexer import FastLexer, FastLexError
from mlsd_dsl.parser.recovery import Recovery, recovery_of
from mlsd_dsl.parser.syntax_errors import RepairBudget, SyntaxErrorCollector, never_closed, without_cascade

STRING_LITERAL = re.compile(r'"([^"\\\n]|\\.)*"')
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
GRAMMAR_CANDIDATES = (
    _PACKAGE_DIR.parent / "grammars" / "mlsd.lark",  # source checkout / editable install
    _PACKAGE_DIR / "grammars" / "mlsd.lark",  # wheel (see pyproject force-include)
)


def grammar_path() -> Path:
    for candidate in GRAMMAR_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("the mlsd grammar (grammars/mlsd.lark) is missing from the installation")


class _CommentSink:
    """Collects comments, which the grammar ignores, through a lexer callback."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []

    def __call__(self, token: Token) -> Token:
        self.tokens.append(token)
        return token


_construction = threading.Lock()  # lark writes and reads its cache file without locking


@cache
def _grammar() -> str:
    return grammar_path().read_text(encoding="utf-8")


class _Parser:
    """The two lark front ends over one grammar, sharing the tree builder and comment sink.

    These hold the state of the parse under way, so each thread has its own (see `_parser`).
    Both cache their grammar analysis on disk (lark's `cache=True`); the careful one is only
    built when a file has a syntax error.
    """

    def __init__(self) -> None:
        self.builder = AstBuilder()
        self.comments = _CommentSink()
        self.fast = self._build(FastLexer)  # single-regex lexer, no recovery: valid files, quickly

    def start(self, path: str) -> None:
        """Forget the previous parse: the builder and comment sink are shared by both front ends."""
        self.builder.reset(path)
        self.comments.tokens = []

    @cached_property
    def lark(self) -> Lark:
        """Contextual lexer with error recovery: gives the diagnostics."""
        return self._build("contextual")

    def _build(self, lexer: str | type[FastLexer]) -> Lark:
        with _construction:
            return Lark(
                _grammar(),
                parser="lalr",
                lexer=lexer,
                transformer=self.builder,
                maybe_placeholders=False,
                lexer_callbacks={"COMMENT": self.comments},
                cache=cache_file("fast" if lexer is FastLexer else str(lexer)),
            )


def cache_file(front_end: str) -> str | bool:
    """Where lark keeps a front end's grammar tables: a file in a private per-user folder, or
    False (no cache) when there is no safe one. lark's own default (`cache=True`) is a predictable
    name in the shared temporary folder, which anyone could create first with a pickle that runs
    code when it is loaded."""
    folder = private_cache_folder()
    if folder is None:
        return False
    return str(
        folder / f"lark-{front_end}-{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.cache"
    )


def private_cache_folder() -> Path | None:
    """`$XDG_CACHE_HOME/mlsd` (or `~/.cache/mlsd`), made 0700; None unless it is a real folder
    that only this user can write."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "mlsd"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if info.st_mode & 0o077:
            folder.chmod(0o700)
    except (OSError, RuntimeError):  # no home, read-only, …: parse without a cache
        return None
    return folder


_threads = threading.local()


def _parser() -> _Parser:
    """This thread's parser, built on first use."""
    parser: _Parser | None = getattr(_threads, "parser", None)
    if parser is None:
        parser = _threads.parser = _Parser()
    return parser


def terminals() -> list[TerminalDef]:
    """The grammar's terminals (name, pattern, priority), for tools that read tokens themselves
    (the language server's forgiving lexer)."""
    return list(_parser().fast.terminals)


@dataclass
class ParseResult:
    file: FileNode | None  # None when there are errors
    diagnostics: list[Diagnostic] = field(default_factory=list)
    recovered: Recovery | None = None  # with errors, what parsed when the block structure is intact


MAX_RESYNCS = 20


def parse_source(text: str, path: str = "<string>") -> ParseResult:
    """Parse one file's text. With syntax errors, the tree is None, every error the parser can
    recover from is reported, and the recovered tree is kept when its blocks are those written."""
    parser = _parser()
    tree = _parse_fast(parser, text, path)
    if tree is not None:
        return ParseResult(tree, [])
    diagnostics: list[Diagnostic] = []
    attempt_text: str | None = text
    budget = RepairBudget()
    brackets = scan_brackets(text)
    damaged_lines: set[int] = set()
    structure_repaired = False
    for _ in range(MAX_RESYNCS):
        if attempt_text is None:
            break
        parser.start(path)
        collector = SyntaxErrorCollector(path, attempt_text, diagnostics, budget, brackets)
        try:
            tree = _as_file(parser.lark.parse(attempt_text, on_error=collector))
        except UnexpectedInput:
            tree = None
        resync = collector.resync_line
        structure_repaired = collector.inserted_bracket
        damaged_lines |= collector.touched_lines
        if tree is not None or resync is None:
            break
        damaged_lines.add(resync)
        attempt_text = _blank_line(attempt_text, resync)
    if brackets.unclosed:
        diagnostics.append(never_closed(path, brackets))
    literal_errors = [
        error(ErrorCode.INVALID_LITERAL, problem.error.message, problem.span, hint=problem.error.hint)
        for problem in parser.builder.literal_problems
    ]
    if parser.builder.nested_too_deep:
        literal_errors.append(_nesting_error(text, path))
    diagnostics = without_cascade(_unique(diagnostics + literal_errors), brackets)
    if tree is None or not diagnostics:
        return ParseResult(tree and _with_comments(tree, parser, path), diagnostics)
    intact = brackets.balanced and not structure_repaired and not parser.builder.nested_too_deep
    recovered = (
        recovery_of(_with_comments(tree, parser, path), text, diagnostics, damaged_lines) if intact else None
    )
    return ParseResult(None, diagnostics, recovered)


def _parse_fast(parser: _Parser, text: str, path: str) -> FileNode | None:
    """The tree of a valid file, or None when the careful parse is needed for diagnostics."""
    parser.start(path)
    try:
        tree = _as_file(parser.fast.parse(text))
    except (UnexpectedInput, FastLexError):
        return None
    if parser.builder.literal_problems or parser.builder.nested_too_deep:
        return None
    return _with_comments(tree, parser, path)


def _nesting_error(text: str, path: str) -> Diagnostic:
    """E006 at the first '[' (outside strings and comments) that opens a list too deep."""
    depth, line, column, in_string, escaped, in_comment = 0, 1, 0, False, False, False
    for char in text:
        column += 1
        if char == "\n":
            line, column, in_comment, in_string = line + 1, 0, False, False
        elif in_comment:
            continue
        elif in_string:
            in_string, escaped = (escaped or char != '"'), (not escaped and char == "\\")
        elif char == '"':
            in_string = True
        elif char == "#":
            in_comment = True
        elif char == "]":
            depth -= 1
        elif char == "[":
            depth += 1
            if depth > MAX_LIST_DEPTH:
                break
    return error(
        ErrorCode.NESTED_TOO_DEEP,
        f"a list is nested more than {MAX_LIST_DEPTH} levels deep",
        Span(path, line, max(column, 1), line, max(column, 1) + 1),
        hint="flatten the value",
    )


def _as_file(result: object) -> FileNode:
    """lark's parse result, which the inline tree builder makes a `FileNode`."""
    if not isinstance(result, FileNode):
        raise TypeError(f"the parser built {type(result).__name__}, not a FileNode")
    return result


def _with_comments(tree: FileNode, parser: _Parser, path: str) -> FileNode:
    tree.comments = [CommentNode(str(token), token_span(path, token)) for token in parser.comments.tokens]
    return tree


def _blank_line(text: str, line: int) -> str | None:
    """The text with one line emptied, or None when the line's brackets do not balance
    (emptying it would shift the block structure and give misleading errors)."""
    lines = text.split("\n")
    content = STRING_LITERAL.sub('""', lines[line - 1].split("#", 1)[0])
    if content.count("{") != content.count("}") or content.count("[") != content.count("]"):
        return None
    lines[line - 1] = ""
    return "\n".join(lines)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: dict[tuple[str, int, int, str], Diagnostic] = {}
    for diagnostic in diagnostics:
        seen.setdefault(diagnostic.sort_key, diagnostic)
    return sorted(seen.values(), key=lambda d: d.sort_key)
