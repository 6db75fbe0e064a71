"""The specs `mlsd serve` shows: only `.mlsd` files under the given paths, each with its latest
analysis and the last version of it that compiled (whose diagram stays on the page, marked stale,
while the file does not compile)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.serve.analysis import (
    Analysis,
    Json,
    analyse,
    components_json,
    counts,
    coverage_json,
    diagnostic_json,
    sections_json,
)

SPEC_SUFFIX = ".mlsd"


@dataclass
class SpecState:
    """A served spec: its current analysis, the last one that compiled, and a version that grows
    whenever the file's content or outcome changes."""

    name: str  # the path shown in URLs: relative to its root, with forward slashes
    path: Path
    version: int = 0
    current: Analysis | None = None
    last_good: Analysis | None = None
    good_version: int = 0

    @property
    def stale(self) -> bool:
        return self.current is not None and not self.current.valid and self.last_good is not None

    def summary(self) -> Json:
        analysis = self.current
        shown = analysis if analysis is not None and analysis.valid else self.last_good
        spec = shown.spec if shown is not None else None
        return {
            "name": self.name,
            "title": spec.title if spec is not None and not spec.is_module else self.name,
            "module": spec is not None and spec.is_module,
            "version": self.version,
            "valid": analysis is not None and analysis.valid,
            "stale": self.stale,
            "counts": counts(analysis.diagnostics) if analysis else counts([]),
            "coverage": coverage_json(analysis.coverage) if analysis and analysis.valid else None,
        }

    def detail(self) -> Json:
        """Everything the spec's page shows; the diagram is fetched separately."""
        analysis = self.current
        assert analysis is not None
        shown = analysis if analysis.valid else self.last_good
        spec = shown.spec if shown is not None else None
        return {
            **self.summary(),
            "coverage": coverage_json(shown.coverage) if shown is not None else None,
            "diagram_version": self.good_version if spec is not None else None,
            "diagnostics": [diagnostic_json(d, analysis) for d in analysis.diagnostics],
            "components": components_json(spec) if spec is not None else {},
            "sections": sections_json(spec) if spec is not None else [],
            "ghosts": shown.ghosts if shown is not None else {},
        }


@dataclass
class Workspace:
    """The served specs, found under `roots` (files or folders) and kept up to date by `refresh`."""

    roots: list[Path]
    specs: dict[str, SpecState] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, arguments: list[str]) -> Workspace:
        roots = [Path(argument).resolve() for argument in arguments]
        workspace = cls(roots)
        workspace.discover()
        return workspace

    def discover(self) -> list[str]:
        """Add specs that appeared under the roots and drop those that went; the changed names."""
        found: dict[str, Path] = {}
        for root in self.roots:
            for path in self._candidates(root):
                if self.allowed(path):
                    found.setdefault(self._name(root, path), path)
        with self.lock:
            changed = sorted(set(found) ^ set(self.specs))
            for name in set(self.specs) - set(found):
                del self.specs[name]
            for name, path in found.items():
                self.specs.setdefault(name, SpecState(name, path))
            self.specs = dict(sorted(self.specs.items()))
        return changed

    def _candidates(self, root: Path) -> list[Path]:
        try:
            if root.is_dir():
                return [p for p in root.rglob(f"*{SPEC_SUFFIX}") if not _hidden(p, root)]
            return [root] if root.is_file() else []
        except PATH_ERRORS:
            return []

    def _name(self, root: Path, path: Path) -> str:
        return path.relative_to(root).as_posix() if root.is_dir() else path.name

    def allowed(self, path: Path) -> bool:
        """A regular `.mlsd` file that is, once every symbolic link is followed, under a root."""
        try:
            target = path.resolve(strict=True)
            if not target.is_file() or target.suffix != SPEC_SUFFIX:
                return False
        except PATH_ERRORS:
            return False
        return any(target == root or (root.is_dir() and target.is_relative_to(root)) for root in self.roots)

    def get(self, name: str) -> SpecState | None:
        """The spec served under `name`; nothing else (no path is ever built from a request)."""
        with self.lock:
            return self.specs.get(name)

    def unchecked(self) -> list[str]:
        """Specs found but not checked yet."""
        with self.lock:
            return [name for name, state in self.specs.items() if state.current is None]

    def names(self) -> list[str]:
        with self.lock:
            return list(self.specs)

    def refresh(self, name: str) -> bool:
        """Re-check one spec; True when what the page shows changed."""
        state = self.get(name)
        if state is None:
            return False
        analysis = analyse(state.path) if self.allowed(state.path) else None
        if analysis is None:
            return bool(self.discover())
        with self.lock:
            if state.current is not None and state.current.digest == analysis.digest:
                return False
            state.version += 1
            state.current = analysis
            if analysis.valid:
                state.last_good = analysis
                state.good_version = state.version
            return True

    def owners(self, changed: Path) -> list[str]:
        """The specs to re-check when `changed` is written: itself, and every spec importing it."""
        try:
            target = changed.resolve()
        except PATH_ERRORS:
            return []
        with self.lock:
            states = list(self.specs.values())
        names = []
        for state in states:
            if _same(state.path, target) or target in _imported(state):
                names.append(state.name)
        return names


def _imported(state: SpecState) -> set[Path]:
    shown = state.last_good
    if shown is None or shown.spec is None:
        return set()
    imported = set()
    for item in shown.spec.imports:
        if item.resolved:
            try:
                imported.add(Path(item.resolved).resolve())
            except PATH_ERRORS:
                continue
    return imported


def _same(path: Path, target: Path) -> bool:
    try:
        return path.resolve() == target
    except PATH_ERRORS:
        return False


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
