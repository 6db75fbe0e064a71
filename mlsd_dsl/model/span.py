"""Source positions carried by every model object, for diagnostics."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """A region of a source file; lines and columns are 1-based, the end is exclusive."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other`."""
        return Span.model_construct(
            file=self.file,
            line=self.line,
            column=self.column,
            end_line=other.end_line,
            end_column=other.end_column,
        )


def span_at(file: str, line: int, column: int, end_line: int, end_column: int) -> Span:
    """Build a span without re-validating trusted integers (hot path in the parser)."""
    return Span.model_construct(
        file=file, line=line, column=column, end_line=end_line, end_column=end_column
    )
