"""Every token of a text in whatever state an editor holds it: the grammar's own terminals, plus
the pieces a half-typed text has (a string not closed yet, a stray character). Never raises.

The parser stops or repairs at an error; an editor needs the tokens on both sides of it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from lark.lexer import PatternRE, PatternStr

from mlsd_dsl.parser import terminals

OPEN_STRING = "OPEN_STRING"  # a string not closed on its line (yet); it stops before a bracket
ERROR = "ERROR"  # a character no terminal starts with
VALUE_TYPES = frozenset({"NAME", "STRING", "NUMBER", "METRIC", "TRUE", "FALSE"})


@dataclass(frozen=True, slots=True)
class Token:
    type: str  # a grammar terminal (NAME, STRING, ARROW, LBRACE, SYSTEM…), OPEN_STRING or ERROR
    text: str
    start: int  # offset in the text, in characters

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@cache
def _lexer() -> tuple[re.Pattern[str], dict[str, str]]:
    """The master pattern over the grammar's terminals (as the parser's fast lexer builds it) and
    the keywords, which the grammar writes as strings that a NAME would also match."""
    found = [t for t in terminals() if t.name != "WS"]
    name = re.compile(next(t.pattern.to_regexp() for t in found if t.name == "NAME"))
    keywords = {
        t.pattern.value: t.name
        for t in found
        if isinstance(t.pattern, PatternStr) and name.fullmatch(t.pattern.value)
    }
    matched = [t for t in found if isinstance(t.pattern, PatternRE) or t.pattern.value not in keywords]
    matched.sort(key=lambda t: (-t.priority, isinstance(t.pattern, PatternRE), -len(t.pattern.value)))
    alternatives = [f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in matched]
    alternatives += [rf'(?P<{OPEN_STRING}>"(?:[^"\\\n{{}}\[\]]|\\.)*\\?)', rf"(?P<{ERROR}>\S)"]
    return re.compile(r"\s*(?:" + "|".join(alternatives) + ")"), keywords


def lex(text: str) -> list[Token]:
    """The tokens of `text`, comments included, in order."""
    master, keywords = _lexer()
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        found = master.match(text, position)
        if found is None:  # only whitespace is left
            break
        group = found.lastgroup or ERROR
        value = found.group(group)
        kind = keywords.get(value, "NAME") if group == "NAME" else group
        tokens.append(Token(kind, value, found.start(group)))
        position = found.end()
    return tokens


class LineIndex:
    """Offsets ↔ positions in a text whose lines end at '\\n' (as the parser counts them).

    A position's column counts the client's units (`encoding`: utf-16 by default in LSP, utf-8 or
    utf-32); offsets and the parser's columns count characters.
    """

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def width(self, chars: str) -> int:
        """How many of the client's units `chars` takes."""
        if self.encoding == "utf-32":
            return len(chars)
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def offset(self, line: int, units: int) -> int:
        """The offset of a 0-based line and a column in the client's units, clamped into the text."""
        if line < 0:
            return 0
        if line >= len(self.lines):
            return len(self.text)
        text = self.lines[line]
        column, counted = 0, 0
        while column < len(text) and counted < units:
            counted += self.width(text[column])
            column += 1
        return self.starts[line] + column

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and column (in the client's units) of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self.width(self.lines[line][: offset - self.starts[line]])

    def span_offsets(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int]:
        """The offsets of a parser span (1-based lines and columns in characters, end exclusive)."""
        start = self.starts[min(max(line, 1), len(self.lines)) - 1] + column - 1
        end_line = min(max(end_line, 1), len(self.lines))
        end = self.starts[end_line - 1] + end_column - 1
        return max(0, min(start, len(self.text))), max(0, min(max(end, start), len(self.text)))
