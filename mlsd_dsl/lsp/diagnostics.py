"""A document's diagnostics, checked as `mlsd check` checks the file: syntax and validity from the
compiler, then the lint rules with the configuration found for the file's folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp

from mlsd_dsl.compiler import compile_text
from mlsd_dsl.compiler.sources import LOCAL_FILES, SourceFiles
from mlsd_dsl.diagnostics import ERROR_CODES, Diagnostic, Severity
from mlsd_dsl.lint import ConfigError, find_config, lint_spec
from mlsd_dsl.lsp.documents import Document
from mlsd_dsl.model.spec import Spec

SEVERITIES: dict[Severity, lsp.DiagnosticSeverity] = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
LOCAL_DOCS = Path(__file__).resolve().parents[2] / "docs"


@dataclass(frozen=True)
class Checked:
    """One version of a document, checked."""

    version: int | None
    diagnostics: list[Diagnostic]
    spec: Spec | None  # when it compiles


def check(document: Document, files: SourceFiles = LOCAL_FILES) -> Checked:
    """`files` gives the imported modules' text (the open ones as the editor holds them)."""
    compilation = compile_text(document.text, document.name, document.path, files)
    diagnostics = list(compilation.diagnostics)
    spec = compilation.spec
    if spec is not None:
        try:
            config = find_config(document.path or Path.cwd())
        except ConfigError as problem:
            diagnostics.append(
                Diagnostic(code="config", severity=Severity.ERROR, message=str(problem), file=document.name)
            )
        else:
            diagnostics += lint_spec(spec, config)
    return Checked(document.version, diagnostics, spec)


def docs_base(configured: str | None) -> str | None:
    """Where the documentation is: the configured URL, else this checkout's docs/ folder."""
    if configured:
        return configured.rstrip("/")
    if (LOCAL_DOCS / "rules.md").is_file():
        return LOCAL_DOCS.as_uri()
    return None


def doc_link(code: str, base: str | None) -> lsp.CodeDescription | None:
    """The rule's section of docs/rules.md (anchored by its code), or the language's error table."""
    if base is None or code == "config":
        return None
    if code in ERROR_CODES:
        return lsp.CodeDescription(href=f"{base}/language.md#errors")
    return lsp.CodeDescription(href=f"{base}/rules.md#{code.lower()}")


def to_lsp(document: Document, checked: Checked, base: str | None) -> list[lsp.Diagnostic]:
    """The diagnostics as the editor shows them. One located in an imported file is shown at the
    import that brings it in (or the first line), naming its file."""
    found = []
    for diagnostic in checked.diagnostics:
        span = diagnostic.span
        message = diagnostic.message
        if span is not None and span.file == document.name:
            where = document.span_range(span)
        else:
            where = _first_import(document)
            if diagnostic.file != document.name:
                message = f"{span or diagnostic.file}: {message}"
        if diagnostic.hint:
            message += f"\nhelp: {diagnostic.hint}"
        found.append(
            lsp.Diagnostic(
                range=where,
                message=message,
                severity=SEVERITIES[diagnostic.severity],
                code=diagnostic.code,
                code_description=doc_link(diagnostic.code, base),
                source="mlsd",
                data={"hint": diagnostic.hint, "name": diagnostic.name, "subject": diagnostic.subject},
            )
        )
    return found


def _first_import(document: Document) -> lsp.Range:
    imports = document.imports()
    return document.token_range(imports[0][0].token) if imports else document.range(0, 0)
