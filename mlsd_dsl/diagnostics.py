"""Diagnostics: what every stage (parser, compiler, linter) reports about a spec."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.span import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class ErrorCode(StrEnum):
    """A language error (as opposed to a lint rule): the spec is not valid mlsd."""

    SYNTAX_ERROR = "E001"
    INVALID_CHARACTER = "E002"
    UNTERMINATED_STRING = "E003"
    UNEXPECTED_END = "E004"
    INVALID_LITERAL = "E005"
    NESTED_TOO_DEEP = "E006"
    UNCLOSED_BRACKET = "E007"
    UNKNOWN_KIND = "E101"
    UNKNOWN_ATTRIBUTE = "E102"
    WRONG_TYPE = "E103"
    INVALID_CHOICE = "E104"
    DUPLICATE_NAME = "E105"
    DUPLICATE_ATTRIBUTE = "E106"
    DUPLICATE_SECTION = "E107"
    UNKNOWN_REFERENCE = "E108"
    MISPLACED_STATEMENT = "E109"
    UNKNOWN_EDGE_TYPE = "E110"
    IMPORT_NOT_FOUND = "E201"
    IMPORT_CYCLE = "E202"
    IMPORT_OUTSIDE_PROJECT = "E203"
    IMPORT_NOT_A_MODULE = "E204"
    FILE_NOT_FOUND = "E301"
    NOT_UTF8 = "E302"
    EMPTY_FILE = "E303"
    UNREADABLE_FILE = "E304"

    @property
    def slug(self) -> str:
        """The readable name, e.g. `syntax-error`."""
        return _ERROR_TEXTS[self][0]

    @property
    def summary(self) -> str:
        return _ERROR_TEXTS[self][1]


_ERROR_TEXTS: dict[ErrorCode, tuple[str, str]] = {
    ErrorCode.SYNTAX_ERROR: ("syntax-error", "the text does not follow the grammar"),
    ErrorCode.INVALID_CHARACTER: ("invalid-character", "a character that cannot start any token"),
    ErrorCode.UNTERMINATED_STRING: ("unterminated-string", "a string literal without its closing quote"),
    ErrorCode.UNEXPECTED_END: ("unexpected-end", "the file ends in the middle of a statement"),
    ErrorCode.INVALID_LITERAL: (
        "invalid-literal",
        "a number with an unknown or ambiguous unit, or a string with an unknown escape",
    ),
    ErrorCode.NESTED_TOO_DEEP: ("nested-too-deep", "lists nested more than 32 levels deep"),
    ErrorCode.UNCLOSED_BRACKET: ("unclosed-bracket", "a '{' or '[' that is never closed"),
    ErrorCode.UNKNOWN_KIND: ("unknown-kind", "a declaration whose kind is not in the vocabulary"),
    ErrorCode.UNKNOWN_ATTRIBUTE: ("unknown-attribute", "an attribute the kind or section does not define"),
    ErrorCode.WRONG_TYPE: ("wrong-type", "an attribute value of the wrong type"),
    ErrorCode.INVALID_CHOICE: ("invalid-choice", "a word that is not one of the attribute's choices"),
    ErrorCode.DUPLICATE_NAME: ("duplicate-name", "two components, groups or systems with one name"),
    ErrorCode.DUPLICATE_ATTRIBUTE: ("duplicate-attribute", "an attribute given twice in one block"),
    ErrorCode.DUPLICATE_SECTION: ("duplicate-section", "a section given twice in one system"),
    ErrorCode.UNKNOWN_REFERENCE: ("unknown-reference", "an edge, group or attribute naming no component"),
    ErrorCode.MISPLACED_STATEMENT: ("misplaced-statement", "a statement where the file layout forbids it"),
    ErrorCode.UNKNOWN_EDGE_TYPE: ("unknown-edge-type", "a typed arrow whose type is not an edge type"),
    ErrorCode.IMPORT_NOT_FOUND: ("import-not-found", "an imported file that does not exist"),
    ErrorCode.IMPORT_CYCLE: ("import-cycle", "files that import each other"),
    ErrorCode.IMPORT_OUTSIDE_PROJECT: ("import-outside-project", "an import that escapes the project root"),
    ErrorCode.IMPORT_NOT_A_MODULE: ("import-not-a-module", "an imported file that declares a system"),
    ErrorCode.FILE_NOT_FOUND: ("file-not-found", "a path that does not exist"),
    ErrorCode.NOT_UTF8: ("not-utf8", "a file that is not valid UTF-8"),
    ErrorCode.EMPTY_FILE: ("empty-file", "a file with no declarations"),
    ErrorCode.UNREADABLE_FILE: ("unreadable-file", "a path that is a directory or cannot be read"),
}
ERROR_CODES: dict[str, ErrorCode] = {code.value: code for code in ErrorCode}
ERROR_CODES_BY_NAME: dict[str, ErrorCode] = {code.slug: code for code in ErrorCode}


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
    subject: str | None = Field(
        default=None, description="The component a lint finding concerns, when it concerns one."
    )

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        line = self.span.line if self.span else 0
        column = self.span.column if self.span else 0
        return (self.file, line, column, self.code)


def error(
    code: ErrorCode,
    message: str,
    span: Span | None,
    *,
    file: str | None = None,
    hint: str | None = None,
    expected: str | None = None,
) -> Diagnostic:
    """A language error with the given code (built without validation, as the linter's findings)."""
    return trusted(
        Diagnostic,
        code=code.value,
        severity=Severity.ERROR,
        message=message,
        span=span,
        file=file if file is not None else (span.file if span else "<unknown>"),
        hint=hint,
        expected=expected,
        name=code.slug,
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
