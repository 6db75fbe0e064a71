"""Stage 1: text → syntax tree (`FileNode`) plus syntax diagnostics.

Uses the LALR grammar in `grammars/mlsd.lark` with the tree built inline by `AstBuilder`,
so no intermediate lark tree is materialised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.model.construct import collector_paused
from mlsd_dsl.model.span import Span
from mlsd_dsl.parser.ast import CommentNode, FileNode
from mlsd_dsl.parser.builder import AstBuilder
from mlsd_dsl.parser.fast_lexer import FastLexer, FastLexError
from mlsd_dsl.parser.syntax_errors import SyntaxErrorCollector

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


class _Parser:
    """The two lark front ends over one grammar, sharing the tree builder and comment sink.

    Both cache their grammar analysis on disk (lark's `cache=True`); the careful one is only
    built when a file has a syntax error.
    """

    def __init__(self) -> None:
        self.builder = AstBuilder()
        self.comments = _CommentSink()
        self.grammar = grammar_path().read_text(encoding="utf-8")
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
        return Lark(
            self.grammar,
            parser="lalr",
            lexer=lexer,
            transformer=self.builder,
            maybe_placeholders=False,
            lexer_callbacks={"COMMENT": self.comments},
            cache=True,
        )


@cache
def _parser() -> _Parser:
    return _Parser()


@dataclass
class ParseResult:
    file: FileNode | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


MAX_RESYNCS = 20


def parse_source(text: str, path: str = "<string>") -> ParseResult:
    """Parse one file's text. With syntax errors, the tree is None and every error the parser
    can recover from is reported."""
    with collector_paused():
        return _parse_source(text, path)


def _parse_source(text: str, path: str) -> ParseResult:
    parser = _parser()
    tree = _parse_fast(parser, text, path)
    if tree is not None:
        return ParseResult(tree, [])
    diagnostics: list[Diagnostic] = []
    attempt_text = text
    for _ in range(MAX_RESYNCS):
        parser.start(path)
        collector = SyntaxErrorCollector(path, attempt_text, diagnostics)
        try:
            tree = parser.lark.parse(attempt_text, on_error=collector)
        except UnexpectedInput:
            tree = None
        resync = collector.resync_line
        if tree is not None or resync is None:
            break
        attempt_text = _blank_line(attempt_text, resync)
        if attempt_text is None:
            break
    literal_errors = [
        error(ErrorCode.INVALID_LITERAL, problem.error.message, problem.span, hint=problem.error.hint)
        for problem in parser.builder.literal_problems
    ]
    diagnostics = _unique(diagnostics + literal_errors)
    if tree is None or diagnostics:
        return ParseResult(None, diagnostics)
    return ParseResult(_with_comments(tree, parser, path), diagnostics)


def _parse_fast(parser: _Parser, text: str, path: str) -> FileNode | None:
    """The tree of a valid file, or None when the careful parse is needed for diagnostics."""
    parser.start(path)
    try:
        tree = parser.fast.parse(text)
    except (UnexpectedInput, FastLexError):
        return None
    if parser.builder.literal_problems:
        return None
    return _with_comments(tree, parser, path)


def _with_comments(tree: FileNode, parser: _Parser, path: str) -> FileNode:
    tree.comments = [
        CommentNode(str(token), Span(path, token.line, token.column, token.end_line, token.end_column))
        for token in parser.comments.tokens
    ]
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
