"""Resolving `import "path"`: relative to the importing file, inside the project, without cycles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.compiler.sources import display_path, read_source
from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.parser import parse_source
from mlsd_dsl.parser.ast import FileNode, ImportNode

PROJECT_MARKERS = ("pyproject.toml", ".mlsd.toml", ".git")


def project_root(start: Path) -> Path:
    """The nearest ancestor holding a project marker; the file's own folder if there is none."""
    folder = start.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return folder


@dataclass
class LoadedModule:
    file: FileNode
    path: Path


@dataclass
class ImportResolver:
    """Loads the modules an entry file imports, depth first, each file once."""

    root: Path
    sources: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _done: set[Path] = field(default_factory=set)
    _modules: list[LoadedModule] = field(default_factory=list)

    def modules_of(self, entry: FileNode, entry_path: Path | None) -> list[LoadedModule]:
        base = entry_path.resolve().parent if entry_path else Path.cwd()
        stack = [entry_path.resolve()] if entry_path else []
        self._done.update(stack)
        self._visit(entry, base, stack)
        return self._modules

    def _visit(self, file: FileNode, base: Path, stack: list[Path]) -> None:
        for node in file.imports:
            target = (base / node.path.text).resolve()
            if self._check(node, target, stack):
                node.resolved = display_path(target)
                self._load(node, target, stack)

    def _check(self, node: ImportNode, target: Path, stack: list[Path]) -> bool:
        if not target.is_relative_to(self.root):
            self.diagnostics.append(error(
                ErrorCode.IMPORT_OUTSIDE_PROJECT, f"import '{node.path.text}' leaves the project root {display_path(self.root)}",
                node.path.span, hint="imports must stay inside the project (the folder with pyproject.toml, .mlsd.toml or .git)"))
            return False
        if target in stack:
            chain = " → ".join(display_path(p) for p in [*stack[stack.index(target):], target])
            self.diagnostics.append(error(ErrorCode.IMPORT_CYCLE, f"import cycle: {chain}", node.path.span,
                                          hint="move the shared declarations into a module both files import"))
            return False
        return target not in self._done

    def _load(self, node: ImportNode, target: Path, stack: list[Path]) -> None:
        self._done.add(target)
        source = read_source(target, at=node.path.span)
        if isinstance(source, Diagnostic):
            self.diagnostics.append(self._as_import_error(source, node))
            return
        self.sources[source.path] = source.text
        parsed = parse_source(source.text, source.path)
        self.diagnostics.extend(parsed.diagnostics)
        if parsed.file is None:
            return
        if parsed.file.systems:
            self.diagnostics.append(error(
                ErrorCode.IMPORT_NOT_A_MODULE, f"imported file {source.path} declares a system; only modules can be imported",
                node.path.span, hint="keep shared components at the top level of a file without `system`"))
            return
        self._visit(parsed.file, target.parent, [*stack, target])
        self._modules.append(LoadedModule(parsed.file, target))

    @staticmethod
    def _as_import_error(problem: Diagnostic, node: ImportNode) -> Diagnostic:
        if problem.code == ErrorCode.FILE_NOT_FOUND:
            return error(ErrorCode.IMPORT_NOT_FOUND, f"imported file not found: {node.path.text}", node.path.span,
                         hint="import paths are relative to the importing file")
        return problem

