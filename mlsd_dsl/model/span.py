"""Source positions carried by every model object, for diagnostics."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file; lines and columns are 1-based, the end is exclusive.

    A plain dataclass rather than a pydantic model: a large spec holds a hundred thousand of
    them, and pydantic still validates, serialises and describes it as a field type.
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"
