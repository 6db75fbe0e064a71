"""The files of a git revision, read without checking it out (`git ls-tree`, `git cat-file`).

`GitRevision` is a `SourceFiles`: the compiler reads a spec and its imports from it exactly as it
would from the working tree, under the same paths, so diagnostics and findings of both versions
name the same files.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

GIT_TIMEOUT = 60.0  # seconds for one git command
SYMLINK_MODE = "120000"


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision, git missing."""


def git(arguments: list[str], cwd: Path) -> bytes:
    try:
        result = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(arguments)} took longer than {GIT_TIMEOUT:g}s") from None
    if result.returncode != 0:
        raise GitError(_message(result.stderr) or f"git {' '.join(arguments)} failed")
    return result.stdout


def _message(stderr: bytes) -> str:
    """git's complaint on one line, with any advice it gives (`fatal: ` dropped)."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return " ".join(line.removeprefix("fatal: ").removeprefix("error: ") for line in lines)


def repository_root(start: Path) -> Path:
    output = git(["rev-parse", "--show-toplevel"], start).decode("utf-8", "surrogateescape").strip()
    return Path(output).resolve()


@dataclass
class GitRevision:
    """The tree of one commit of the repository at `root`."""

    root: Path
    revision: str  # as the user wrote it
    commit: str
    blobs: dict[str, str] = field(default_factory=dict)  # path relative to the root → object id
    folders: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    _cache: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, revision: str, cwd: Path) -> GitRevision:
        if revision.startswith("-"):
            raise GitError(f"'{revision}' is not a revision")
        root = repository_root(cwd)
        try:
            commit = (
                git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], root)
                .decode()
                .strip()
            )
        except GitError:
            raise GitError(f"unknown revision '{revision}'") from None
        tree = cls(root, revision, commit)
        tree._list()
        return tree

    def _list(self) -> None:
        listing = git(["ls-tree", "-r", "-t", "-z", "--full-tree", self.commit], self.root)
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            mode, kind, oid = meta.decode().split()
            path = name.decode("utf-8", "surrogateescape")
            if kind == "tree":
                self.folders.add(path)
            elif kind == "blob" and mode == SYMLINK_MODE:
                self.links.add(path)
            elif kind == "blob":
                self.blobs[path] = oid

    def relative(self, path: Path) -> str | None:
        """The path inside the repository (posix), or None for a path outside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    # SourceFiles
    def exists(self, path: Path) -> bool:
        name = self.relative(path)
        if name is None:
            return False
        return name in (".", ".git") or name in self.blobs or name in self.folders or name in self.links

    def is_file(self, path: Path) -> bool:
        name = self.relative(path)
        return name is not None and name in self.blobs

    def read_bytes(self, path: Path) -> bytes:
        name = self.relative(path)
        if name is None or name not in self.blobs:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        if name not in self._cache:
            try:
                self._cache[name] = git(["cat-file", "blob", self.blobs[name]], self.root)
            except GitError as problem:
                raise OSError(5, str(problem), str(path)) from None
        return self._cache[name]

    def files_under(self, folder: Path, suffix: str) -> list[Path]:
        """The files with this suffix in the folder (recursively) or that are the path, outside
        hidden folders of the repository, as paths in the working tree."""
        name = self.relative(folder)
        if name is None:
            return []
        if name in self.blobs:
            return [self.root / name] if name.endswith(suffix) else []
        prefix = "" if name == "." else name + "/"
        found = []
        for path in self.blobs:
            hidden = any(part.startswith(".") for part in PurePosixPath(path).parts)
            if path.startswith(prefix) and path.endswith(suffix) and not hidden:
                found.append(self.root / path)
        return sorted(found)
