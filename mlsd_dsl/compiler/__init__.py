"""Stage 2: files → the typed `Spec`, with every language error as a diagnostic.

read (sources) → parse (parser) → resolve imports (imports) → build and check (build).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.compiler.build import SpecBuilder
from mlsd_dsl.compiler.imports import ImportResolver, project_root
from mlsd_dsl.compiler.sources import LOCAL_FILES, SourceFiles, read_source
from mlsd_dsl.diagnostics import Diagnostic, has_errors
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.parser import parse_source


@dataclass
class Compilation:
    """The outcome of compiling one file: the spec (None when it has errors) and diagnostics."""

    path: str
    spec: Spec | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.spec is not None


def compile_file(path: str | Path, files: SourceFiles = LOCAL_FILES) -> Compilation:
    """Compile a spec file; `files` is where it and its imports are read from (the file system)."""
    file_path = Path(path)
    source = read_source(file_path, files=files)
    if isinstance(source, Diagnostic):
        return Compilation(source.file, None, [source])
    return compile_text(source.text, source.path, file_path, files)


def compile_text(
    text: str, path: str = "<string>", file_path: Path | None = None, files: SourceFiles = LOCAL_FILES
) -> Compilation:
    """Compile source text; imports resolve relative to `file_path` (or the working directory) and
    are read from `files`.

    A file with syntax errors gives no spec, but what the parser recovered of it is still checked,
    so that its other errors are reported too (see `mlsd_dsl.parser.recovery`).
    """
    sources = {path: text}
    parsed = parse_source(text, path)
    recovery = parsed.recovered
    entry = parsed.file or (recovery.file if recovery else None)
    if entry is None:
        return Compilation(path, None, parsed.diagnostics, sources)
    root = project_root(file_path, files) if file_path else Path.cwd().resolve()
    resolver = ImportResolver(root, files)
    modules = resolver.modules_of(entry, file_path)
    sources.update(resolver.sources)
    diagnostics = parsed.diagnostics + resolver.diagnostics
    if has_errors(resolver.diagnostics):
        return Compilation(path, None, _ordered(diagnostics), sources)
    builder = SpecBuilder()
    spec = builder.build(entry, [module.file for module in modules])
    diagnostics += [d for d in builder.diagnostics if recovery is None or not recovery.hides(d)]
    return Compilation(path, None if has_errors(diagnostics) else spec, _ordered(diagnostics), sources)


def _ordered(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: d.sort_key)
