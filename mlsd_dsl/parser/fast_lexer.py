"""A single-regex lexer derived from the grammar's own terminals, for the fast path.

lark's contextual lexer is what gives good syntax errors, but it tries the terminals of each
parser state in turn. For the common case, a valid file, one master regular expression built
from the same terminal definitions is several times faster. It treats keywords as reserved
everywhere, so the rare valid file that uses a keyword as a name fails here and is parsed again
by the contextual lexer (see `parse_source`), which also produces every diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

from lark import Token
from lark.lexer import Lexer, PatternRE, PatternStr


class FastLexError(Exception):
    """Raised at the first character no terminal matches; the caller falls back to lark's lexer."""


class FastLexer(Lexer):
    def __init__(self, lexer_conf: Any) -> None:
        terminals = list(lexer_conf.terminals)
        name_pattern = re.compile(next(t.pattern.to_regexp() for t in terminals if t.name == "NAME"))
        self.keywords = {
            t.pattern.value: t.name
            for t in terminals
            if isinstance(t.pattern, PatternStr) and name_pattern.fullmatch(t.pattern.value)
        }
        matched = [
            t
            for t in terminals
            if t.name != "WS" and (t.pattern.value not in self.keywords or isinstance(t.pattern, PatternRE))
        ]
        matched.sort(key=lambda t: (-t.priority, isinstance(t.pattern, PatternRE), -len(t.pattern.value)))
        # Leading whitespace is consumed by the same match as the token that follows it.
        self.master = re.compile(
            r"[ \t\f\r\n]*(?:" + "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in matched) + ")"
        )
        self.ignore = frozenset(lexer_conf.ignore)
        self.callbacks = dict(lexer_conf.callbacks)

    def lex(self, text: str) -> Iterator[Token]:  # type: ignore[override]  # lark's custom-lexer protocol
        match = self.master.match
        keywords = self.keywords
        ignore = self.ignore
        callbacks = self.callbacks
        position, line, line_start = 0, 1, 0
        end = len(text.rstrip(" \t\f\r\n"))
        while position < end:
            found = match(text, position)
            if found is None:
                raise FastLexError(position)
            kind = cast(str, found.lastgroup)  # every alternative of the master pattern is a named group
            start = found.start(kind)
            if start != position:
                newlines = text.count("\n", position, start)
                if newlines:
                    line += newlines
                    line_start = text.rindex("\n", position, start) + 1
            value = found.group(kind)
            position = found.end()
            column = start - line_start + 1
            if kind == "NAME":
                kind = keywords.get(value, "NAME")
            token = Token(kind, value, start, line, column, line, column + len(value), position)
            if kind not in ignore:
                yield token
            elif kind in callbacks:
                callbacks[kind](token)
