"""The `mlsd check` cache: a spec whose text, imports, configuration and mlsd are unchanged is not
checked again; its last report is replayed.

Where: `$XDG_CACHE_HOME/mlsd/check/` (`~/.cache/mlsd/check/`), the per-user folder the parser
keeps its grammar tables in: made 0700 and used only when this user owns it. Entries are pickles,
and a pickle runs code when it is loaded, so they never live in a folder that someone else (a
shared checkout, a cloned repository) could write to; nothing needs adding to `.gitignore` either.
See docs/performance.md.

An entry's name is a hash of everything the report depends on besides the imported files: the
cache format, mlsd's version and the fingerprint of its installed code, the Python version, the
working directory (paths in diagnostics are relative to it), the spec's path, project root and
text, and the settings (lint configuration, rule selection, options). The entry lists every file the
spec imported with a hash of the text it was compiled from; a hit needs each of them unchanged.
Only valid specs are stored: an invalid one may be invalid because of a file that did not exist.
Entries are written to a temporary file and renamed into place, so concurrent runs never read a
half-written entry; an unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path

from mlsd_dsl.cli.formats.report import FileReport
from mlsd_dsl.compiler.imports import project_root
from mlsd_dsl.compiler.sources import decode_source
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.parser import grammar_path, private_cache_folder
from mlsd_dsl.version import __version__

CACHE_FORMAT = "1"
FOLDER_NAME = "check"
Dependencies = list[tuple[str, str]]  # (path as in the report, hash of the compiled text)


class CheckCache:
    """Reports of specs checked before, keyed so that a changed input is never a hit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._roots: dict[Path, str] = {}  # project root by folder, for this run
        self._digests: dict[str, str | None] = {}  # imported files read in this run

    @classmethod
    def open(cls) -> CheckCache | None:
        """The cache in this user's private folder; None when there is none."""
        base = private_cache_folder()
        if base is None:
            return None
        folder = base / FOLDER_NAME
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return None
        return cls(folder)

    def get(self, path: Path, settings: str) -> FileReport | None:
        """The report stored for the spec at `path` checked with `settings`, if nothing changed since."""
        text = _text(path)
        if text is None:
            return None
        entry = self._entry(path, settings, text)
        try:
            dependencies, report = pickle.loads(entry.read_bytes())
        except Exception:  # none yet, or a damaged one: a miss, whatever reading it raises
            return None
        if not isinstance(report, FileReport) or not self._unchanged(dependencies):
            return None
        return report

    def put(self, path: Path, settings: str, report: FileReport) -> None:
        """Store the report of a valid spec (the texts it was compiled from are in the report)."""
        text = report.sources.get(report.path)
        if not report.valid or text is None:
            return
        dependencies = [
            (name, _digest(source)) for name, source in report.sources.items() if name != report.path
        ]
        entry = self._entry(path, settings, text)
        data = pickle.dumps((dependencies, report), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, entry)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:  # a full disk or a read-only cache only costs speed
            return

    def _entry(self, path: Path, settings: str, text: str) -> Path:
        key = hashlib.sha256()
        for part in (*_environment(), settings, str(path), *self._place(path), text):
            key.update(part.encode("utf-8", "surrogatepass"))
            key.update(b"\0")
        return self.folder / key.hexdigest()

    def _place(self, path: Path) -> tuple[str, str]:
        """The spec's resolved path and project root: imports resolve from them."""
        try:
            resolved = path.resolve()
        except PATH_ERRORS:
            return str(path.absolute()), ""
        if resolved.parent not in self._roots:
            self._roots[resolved.parent] = str(project_root(resolved))
        return str(resolved), self._roots[resolved.parent]

    def _unchanged(self, dependencies: Dependencies) -> bool:
        for name, digest in dependencies:
            if name not in self._digests:
                text = _text(Path(name))
                self._digests[name] = None if text is None else _digest(text)
            if self._digests[name] != digest:
                return False
        return True


def _text(path: Path) -> str | None:
    """The file's text as the compiler reads it, or None when it cannot be read."""
    try:
        data = path.read_bytes()
    except PATH_ERRORS:
        return None
    source = decode_source(data, str(path))
    return None if isinstance(source, Diagnostic) else source.text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@cache
def _environment() -> tuple[str, ...]:
    return (CACHE_FORMAT, __version__, sys.version, code_fingerprint(), str(Path.cwd()))


@cache
def code_fingerprint() -> str:
    """A hash of the name, size and modification time of every file of the installed mlsd and its
    grammar: a cache written by other code (a development checkout, an upgrade) is never read."""
    package = Path(__file__).resolve().parents[1]
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".lark", ".toml", ".json"))
    digest = hashlib.sha256()
    for file in [*files, grammar_path()]:
        info = file.stat()
        digest.update(f"{file}:{info.st_size}:{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
