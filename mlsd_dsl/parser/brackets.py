"""Which brackets of a text are never closed, read from the characters alone (strings and comments
skipped), so that a syntax error can name the '{' or '[' that was left open.

A closer pairs with the nearest open bracket of its own kind; the brackets opened after that one
and still open are never closed (`[a, b }` leaves the '[' open). A closer with no opener of its
kind open is an extra one and pairs with nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BRACKET_OR_SKIPPED = re.compile(r'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|[{}\[\]]')
CLOSER_OF = {"{": "}", "[": "]"}
INDENTATION = re.compile(r"[ \t]*")
WHAT_IT_OPENS = {"{": "block", "[": "list"}

Position = tuple[int, int]  # (line, column), 1-based, as lark counts them


@dataclass(frozen=True, slots=True)
class Bracket:
    char: str
    line: int
    column: int
    indent: int  # the indentation of the bracket's line
    first_on_line: bool

    @property
    def position(self) -> Position:
        return (self.line, self.column)

    @property
    def where(self) -> str:
        return f"line {self.line}, column {self.column}"


@dataclass
class BracketScan:
    unclosed: list[Bracket] = field(default_factory=list)  # open at the end, outermost first
    left_open_by: dict[Position, Bracket] = field(default_factory=dict)  # closer → innermost opener it skips
    pairs: list[tuple[Bracket, Bracket]] = field(default_factory=list)  # (opener, closer) pairs
    extra_closers: int = 0

    @property
    def balanced(self) -> bool:
        return not (self.unclosed or self.left_open_by or self.extra_closers)

    def misindented_block(self, inside: Bracket) -> tuple[Bracket, Bracket] | None:
        """The first pair after `inside` whose closer starts a line indented less than its opener's
        line: the likely place where a closer is missing, as `}` then closes the outer block."""
        suspects = [
            (opener, closer)
            for opener, closer in self.pairs
            if opener.position > inside.position
            and closer.line != opener.line
            and closer.first_on_line
            and closer.indent < opener.indent
        ]
        return min(suspects, key=lambda pair: pair[0].position, default=None)


def scan_brackets(text: str) -> BracketScan:
    """Linear in the text's length, however the brackets nest."""
    scan = BracketScan()
    stack: list[Bracket] = []
    open_of_kind = dict.fromkeys(CLOSER_OF, 0)
    line, line_start, indent, scanned = 1, 0, _indent(text, 0), 0
    for match in BRACKET_OR_SKIPPED.finditer(text):
        char = match.group()
        if char not in "{}[]":
            continue
        position = match.start()
        newlines = text.count("\n", scanned, position)
        scanned = position
        if newlines:
            line += newlines
            line_start = text.rindex("\n", 0, position) + 1
            indent = _indent(text, line_start)
        bracket = Bracket(char, line, position - line_start + 1, indent, position == line_start + indent)
        if char in CLOSER_OF:
            stack.append(bracket)
            open_of_kind[char] += 1
        else:
            _close(scan, stack, open_of_kind, bracket)
    scan.unclosed = stack
    return scan


def _indent(text: str, line_start: int) -> int:
    blanks = INDENTATION.match(text, line_start)
    return blanks.end() - line_start if blanks else 0


def _close(scan: BracketScan, stack: list[Bracket], open_of_kind: dict[str, int], closer: Bracket) -> None:
    opener_char = "{" if closer.char == "}" else "["
    if not open_of_kind[opener_char]:
        scan.extra_closers += 1
        return
    depth = len(stack) - 1
    while stack[depth].char != opener_char:
        depth -= 1
    if depth < len(stack) - 1:
        scan.left_open_by[closer.position] = stack[-1]
    scan.pairs.append((stack[depth], closer))
    for bracket in stack[depth:]:
        open_of_kind[bracket.char] -= 1
    del stack[depth:]
