"""Expanding the PATH arguments of `mlsd check`: files, directories (recursively) and globs.

An argument that names an existing file or directory is taken as named, even when it holds glob
characters (`[`, `*`, `?`); `[[]` matches a literal `[` in a pattern."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.files import PATH_ERRORS

SPEC_SUFFIX = ".mlsd"
GLOB_CHARS = set("*?[")


@dataclass
class CollectedPaths:
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def collect_spec_paths(arguments: tuple[str, ...]) -> CollectedPaths:
    """Every spec named by the arguments, each once, in a stable order."""
    collected = CollectedPaths()
    seen: set[Path] = set()
    for argument in arguments:
        for path in _expand(argument, collected):
            key = identity(path)
            if key not in seen:
                seen.add(key)
                collected.files.append(path)
    return collected


def _expand(argument: str, collected: CollectedPaths) -> list[Path]:
    if GLOB_CHARS & set(argument) and not os.path.lexists(argument):  # a file named a[1].mlsd is that file
        matches = sorted(Path(p) for p in glob.glob(argument, recursive=True))
        if not matches:
            collected.problems.append(f"no files match '{argument}'")
        return [p for p in matches if p.is_file()]
    path = Path(argument)
    if path.is_dir():
        specs = sorted(p for p in path.rglob(f"*{SPEC_SUFFIX}") if p.is_file() and not _hidden(p, path))
        if not specs:
            collected.problems.append(f"no {SPEC_SUFFIX} files in directory '{argument}'")
        return specs
    return [path]  # a missing or unreadable file is reported by the compiler


def identity(path: Path) -> Path:
    """The file a path names, to count it once; a path that cannot be resolved (a symlink loop, a NUL)
    stands for itself, and the compiler reports why it cannot be read."""
    try:
        return path.resolve()
    except PATH_ERRORS:
        return path.absolute()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def without_excluded(
    files: list[Path], arguments: tuple[str, ...], excludes: Callable[[Path], bool], force_exclude: bool
) -> list[Path]:
    """The files the configuration's `exclude` leaves in. A file named on the command line stays
    unless `force_exclude` (pre-commit names every changed file), as in ruff."""
    named = set() if force_exclude else {identity(Path(a)) for a in arguments if Path(a).is_file()}
    return [path for path in files if identity(path) in named or not excludes(path)]
