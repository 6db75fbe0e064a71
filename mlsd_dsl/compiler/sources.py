"""Reading spec files, with a clear diagnostic for every way that can fail."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.model.span import Span


@dataclass(frozen=True)
class Source:
    path: str
    text: str


class SourceFiles(Protocol):
    """Where spec files are read from: the file system, or another store of the same tree (the
    files of a git revision, for `mlsd diff --git`). Paths are absolute; `read_bytes` raises
    `OSError` as reading a file would."""

    def exists(self, path: Path) -> bool: ...

    def is_file(self, path: Path) -> bool: ...

    def read_bytes(self, path: Path) -> bytes: ...


class LocalFiles:
    """The file system."""

    def exists(self, path: Path) -> bool:
        return path.exists()

    def is_file(self, path: Path) -> bool:
        return path.is_file()

    def read_bytes(self, path: Path) -> bytes:
        return path.read_bytes()


LOCAL_FILES: SourceFiles = LocalFiles()


def display_path(path: Path) -> str:
    """Paths in diagnostics are relative to the working directory when they are inside it, and
    always valid text (see `printable`)."""
    try:
        return printable(str(path.resolve().relative_to(Path.cwd().resolve())))
    except PATH_ERRORS:
        return printable(str(path).replace("\0", "\\0"))


def printable(name: str) -> str:
    """A file name as valid Unicode: the bytes of a name that is not UTF-8, which Python holds as lone
    surrogates that no UTF-8 output can encode, are shown as \\xNN escapes."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decodes to (only through the Python API)
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def path_problem(problem: BaseException) -> str:
    """Why a path could not be used, in words."""
    if isinstance(problem, ValueError) and "null" in str(problem):
        return "the path contains a NUL character"
    if isinstance(problem, RuntimeError) or (isinstance(problem, OSError) and problem.errno == errno.ELOOP):
        return "the path is a loop of symbolic links"
    if isinstance(problem, OSError) and problem.strerror:
        return problem.strerror[0].lower() + problem.strerror[1:]
    return str(problem)


def read_source(
    path: Path, *, at: Span | None = None, files: SourceFiles = LOCAL_FILES
) -> Source | Diagnostic:
    """The file's text, or a diagnostic (located at `at`, an import, when given)."""
    name = display_path(path)
    reported_in = at.file if at else name
    try:
        absolute = path.resolve(strict=False)
        missing, not_a_file = not files.exists(absolute), not files.is_file(absolute)
    except PATH_ERRORS as problem:
        return error(
            ErrorCode.UNREADABLE_FILE, f"cannot read {name}: {path_problem(problem)}", at, file=reported_in
        )
    if missing:
        return error(ErrorCode.FILE_NOT_FOUND, f"no such file: {name}", at, file=reported_in)
    if not_a_file:
        return error(
            ErrorCode.UNREADABLE_FILE,
            f"not a file: {name}",
            at,
            file=reported_in,
            hint="pass a .mlsd file, or a directory to `mlsd check`",
        )
    try:
        data = files.read_bytes(absolute)
    except PATH_ERRORS as problem:
        return error(
            ErrorCode.UNREADABLE_FILE, f"cannot read {name}: {path_problem(problem)}", at, file=reported_in
        )
    return decode_source(data, name)


def decode_source(data: bytes, name: str) -> Source | Diagnostic:
    """Spec text from bytes (a file's or standard input's): UTF-8, with an optional byte-order mark."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        column = problem.start - (data.rfind(b"\n", 0, problem.start) + 1) + 1
        return error(
            ErrorCode.NOT_UTF8,
            f"{name} is not valid UTF-8 (byte 0x{data[problem.start]:02x})",
            Span(name, line, column, line, column + 1),
            hint="save the file as UTF-8",
        )
    return Source(name, text.removeprefix("\ufeff"))
