"""Diagnostics: what every stage (parser, compiler, linter) reports about a spec."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from mlsd_dsl.model.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class ErrorCode:
    """A language error (as opposed to a lint rule): the spec is not valid mlsd."""

    code: str
    name: str
    summary: str


_CODES = [
    ErrorCode("E001", "syntax-error", "the text does not follow the grammar"),
    ErrorCode("E002", "invalid-character", "a character that cannot start any token"),
    ErrorCode("E003", "unterminated-string", "a string literal without its closing quote"),
    ErrorCode("E004", "unexpected-end", "the file ends in the middle of a statement"),
    ErrorCode("E005", "invalid-literal", "a number with an unknown or ambiguous unit"),
    ErrorCode("E101", "unknown-kind", "a declaration whose kind is not in the vocabulary"),
    ErrorCode("E102", "unknown-attribute", "an attribute the kind or section does not define"),
    ErrorCode("E103", "wrong-type", "an attribute value of the wrong type"),
    ErrorCode("E104", "invalid-choice", "a word that is not one of the attribute's choices"),
    ErrorCode("E105", "duplicate-name", "two components, groups or systems with one name"),
    ErrorCode("E106", "duplicate-attribute", "an attribute given twice in one block"),
    ErrorCode("E107", "duplicate-section", "a section given twice in one system"),
    ErrorCode("E108", "unknown-reference", "an edge, group or attribute naming no component"),
    ErrorCode("E109", "misplaced-statement", "a statement where the file layout forbids it"),
    ErrorCode("E201", "import-not-found", "an imported file that does not exist"),
    ErrorCode("E202", "import-cycle", "files that import each other"),
    ErrorCode("E203", "import-outside-project", "an import that escapes the project root"),
    ErrorCode("E204", "import-not-a-module", "an imported file that declares a system"),
    ErrorCode("E301", "file-not-found", "a path that does not exist"),
    ErrorCode("E302", "not-utf8", "a file that is not valid UTF-8"),
    ErrorCode("E303", "empty-file", "a file with no declarations"),
    ErrorCode("E304", "unreadable-file", "a path that is a directory or cannot be read"),
]
ERROR_CODES: dict[str, ErrorCode] = {code.code: code for code in _CODES}
ERROR_CODES_BY_NAME: dict[str, ErrorCode] = {code.name: code for code in _CODES}


class Diagnostic(BaseModel):
    """One finding, located in a source file."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    file: str = Field(description="The file concerned, even when there is no precise span.")
    hint: str | None = Field(default=None, description="A did-you-mean or a fix hint.")
    expected: str | None = Field(default=None, description="What would have been valid here.")
    name: str | None = Field(default=None, description="The readable name of the code.")

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        line = self.span.line if self.span else 0
        column = self.span.column if self.span else 0
        return (self.file, line, column, self.code)


def error(
    code: str,
    message: str,
    span: Span | None,
    *,
    file: str | None = None,
    hint: str | None = None,
    expected: str | None = None,
) -> Diagnostic:
    """A language error with the given code (see `ERROR_CODES`)."""
    return Diagnostic(
        code=code,
        severity=Severity.ERROR,
        message=message,
        span=span,
        file=file if file is not None else (span.file if span else "<unknown>"),
        hint=hint,
        expected=expected,
        name=ERROR_CODES[code].name,
    )


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


class SpecError(Exception):
    """Raised by the Python API when a spec does not compile; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        summary = f"{first.span or first.file}: {first.message}" if first else "invalid spec"
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(summary + more)
