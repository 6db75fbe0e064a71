"""Where the brackets of a parsed file are, so the formatter knows where each block ends.

The syntax tree records where names and values start and end, not braces; comments inside a block
and comments after it can only be told apart with the closing brace's position. Strings and comments
are skipped, so a brace inside `"{...}"` or `# {` is not a bracket.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

Position = tuple[int, int]  # (line, column), 1-based, as in `Span`
OPENERS = {"{": "}", "[": "]"}
CLOSERS = frozenset(OPENERS.values())


@dataclass
class Brackets:
    """Every opening bracket of a file, by kind, with the position just past its partner."""

    openers: dict[str, list[Position]] = field(default_factory=lambda: {"{": [], "[": []})
    ends: dict[Position, Position] = field(default_factory=dict)

    def next_opener(self, char: str, after: Position) -> Position:
        """The first `char` (`{` or `[`) at or after `after`."""
        positions = self.openers[char]
        index = bisect_left(positions, after)
        if index == len(positions):
            raise ValueError(f"no {char!r} after line {after[0]} column {after[1]}")
        return positions[index]

    def end_of(self, opener: Position) -> Position:
        """The position just past the bracket that closes `opener`."""
        return self.ends[opener]


def scan_brackets(text: str) -> Brackets:
    brackets = Brackets()
    stack: list[Position] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        for column, char in _code_characters(line):
            position = (line_number, column)
            if char in OPENERS:
                brackets.openers[char].append(position)
                stack.append(position)
            elif char in CLOSERS and stack:
                brackets.ends[stack.pop()] = (line_number, column + 1)
    return brackets


def _code_characters(line: str) -> Iterator[tuple[int, str]]:
    """The brackets of one line outside strings and comments, with their 1-based columns."""
    in_string = False
    escaped = False
    for index, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#":
            return
        elif char in OPENERS or char in CLOSERS:
            yield index + 1, char
