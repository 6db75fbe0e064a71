"""Reading spec files, with a clear diagnostic for every way that can fail."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.files import PATH_ERRORS
from mlsd_dsl.model.span import Span


@dataclass(frozen=True)
class Source:
    path: str
    text: str


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


def read_source(path: Path, *, at: Span | None = None) -> Source | Diagnostic:
    """The file's text, or a diagnostic (located at `at`, an import, when given)."""
    name = display_path(path)
    reported_in = at.file if at else name
    try:
        path.resolve(strict=False)
        missing, not_a_file = not path.exists(), not path.is_file()
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
        data = path.read_bytes()
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
