"""GitHub Actions workflow commands: one `::error file=…,line=…::message` annotation per finding."""

from __future__ import annotations

from mlsd_dsl.cli.formats.report import Report
from mlsd_dsl.diagnostics import Diagnostic, Severity

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def render(report: Report) -> str:
    return "\n".join(annotation(d) for d in report.diagnostics)


def annotation(diagnostic: Diagnostic) -> str:
    properties = {"file": diagnostic.file}
    span = diagnostic.span
    if span is not None:
        properties |= {
            "line": str(span.line),
            "col": str(span.column),
            "endLine": str(span.end_line),
            "endColumn": str(span.end_column),
        }
    title = f"{diagnostic.code} {diagnostic.name}" if diagnostic.name else diagnostic.code
    properties["title"] = title
    fields = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    message = diagnostic.message + (f" (help: {diagnostic.hint})" if diagnostic.hint else "")
    return f"::{COMMANDS[diagnostic.severity]} {fields}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A workflow command's message with the characters the runner would read as syntax escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
