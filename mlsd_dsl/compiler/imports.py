"""Resolving `import "path"`: relative to the importing file, inside the project, without cycles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.compiler.sources import LOCAL_FILES, SourceFiles, display_path, path_problem, read_source
from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.parser import parse_source
from mlsd_dsl.parser.ast import FileNode, ImportNode

PROJECT_MARKERS = ("pyproject.toml", ".mlsd.toml", ".git")


def project_root(start: Path, files: SourceFiles = LOCAL_FILES) -> Path:
    """The nearest ancestor holding a project marker; the file's own folder if there is none."""
    folder = start.resolve().parent
    for candidate in (folder, *folder.parents):
        if any(files.exists(candidate / marker) for marker in PROJECT_MARKERS):
            return candidate
    return folder


@dataclass
class LoadedModule:
    file: FileNode
    path: Path


@dataclass
class _Frame:
    """One file being walked: its remaining imports, its folder, the files that led to it."""

    imports: Iterator[ImportNode]
    base: Path
    chain: list[Path]
    module: LoadedModule | None  # appended once its own imports are done; None for the entry file


@dataclass
class ImportResolver:
    """Loads the modules an entry file imports, depth first, each file once."""

    root: Path
    files: SourceFiles = LOCAL_FILES
    sources: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _done: set[Path] = field(default_factory=set)
    _modules: list[LoadedModule] = field(default_factory=list)

    def modules_of(self, entry: FileNode, entry_path: Path | None) -> list[LoadedModule]:
        """The modules `entry` imports, directly or not, each after the modules it imports.

        Walks the import graph with an explicit stack, so a long chain of imports needs no recursion.
        """
        base = entry_path.resolve().parent if entry_path else Path.cwd()
        chain = [entry_path.resolve()] if entry_path else []
        self._done.update(chain)
        frames = [_Frame(iter(entry.imports), base, chain, None)]
        while frames:
            frame = frames[-1]
            node = next(frame.imports, None)
            if node is None:
                frames.pop()
                if frame.module is not None:
                    self._modules.append(frame.module)
                continue
            target = self._resolve(node, frame.base)
            if target is None or not self._check(node, target, frame.chain):
                continue
            node.resolved = display_path(target)
            loaded = self._load(node, target)
            if loaded is not None:
                frames.append(
                    _Frame(
                        iter(loaded.imports),
                        target.parent,
                        [*frame.chain, target],
                        LoadedModule(loaded, target),
                    )
                )
        return self._modules

    def _resolve(self, node: ImportNode, base: Path) -> Path | None:
        try:
            return (base / node.path.text).resolve()
        except PATH_ERRORS as problem:
            self.diagnostics.append(
                error(
                    ErrorCode.UNREADABLE_FILE,
                    f"cannot import '{display_path(Path(node.path.text))}': {path_problem(problem)}",
                    node.path.span,
                )
            )
            return None

    def _check(self, node: ImportNode, target: Path, stack: list[Path]) -> bool:
        if not target.is_relative_to(self.root):
            self.diagnostics.append(
                error(
                    ErrorCode.IMPORT_OUTSIDE_PROJECT,
                    f"import '{node.path.text}' leaves the project root {display_path(self.root)}",
                    node.path.span,
                    hint="imports must stay inside the project (the folder with pyproject.toml, .mlsd.toml "
                    "or .git)",
                )
            )
            return False
        if target in stack:
            chain = " → ".join(display_path(p) for p in [*stack[stack.index(target) :], target])
            self.diagnostics.append(
                error(
                    ErrorCode.IMPORT_CYCLE,
                    f"import cycle: {chain}",
                    node.path.span,
                    hint="move the shared declarations into a module both files import",
                )
            )
            return False
        return target not in self._done

    def _load(self, node: ImportNode, target: Path) -> FileNode | None:
        """The imported module's syntax tree, or None (with diagnostics) when it cannot be used."""
        self._done.add(target)
        source = read_source(target, at=node.path.span, files=self.files)
        if isinstance(source, Diagnostic):
            self.diagnostics.append(self._as_import_error(source, node))
            return None
        self.sources[source.path] = source.text
        parsed = parse_source(source.text, source.path)
        self.diagnostics.extend(parsed.diagnostics)
        if parsed.file is None:
            return None
        if parsed.file.systems:
            self.diagnostics.append(
                error(
                    ErrorCode.IMPORT_NOT_A_MODULE,
                    f"imported file {source.path} declares a system; only modules can be imported",
                    node.path.span,
                    hint="keep shared components at the top level of a file without `system`",
                )
            )
            return None
        return parsed.file

    @staticmethod
    def _as_import_error(problem: Diagnostic, node: ImportNode) -> Diagnostic:
        if problem.code == ErrorCode.FILE_NOT_FOUND:
            return error(
                ErrorCode.IMPORT_NOT_FOUND,
                f"imported file not found: {node.path.text}",
                node.path.span,
                hint="import paths are relative to the importing file",
            )
        return problem
