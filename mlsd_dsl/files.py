"""Writing output files atomically: a temporary file in the target folder, then a rename.

A failure leaves the previous file as it was and no half-written file behind. What is already at
the output path decides how it is written:

- a symbolic link is followed, and its final target is replaced atomically (the link stays);
- a device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written into, never replaced;
- a directory is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

# What the OS or pathlib raise for a path that cannot even be looked at: an embedded NUL
# (ValueError), a symlink loop (RuntimeError on Python 3.11, OSError later), a name too long.
PATH_ERRORS = (OSError, RuntimeError, ValueError)


def write_atomically(path: Path, data: str | bytes, *, keep_mode_of: Path | None = None) -> None:
    """Write `data` to `path`, creating its folder; `keep_mode_of` (usually `path` itself) gives
    the permissions, else a new file gets what `open()` would give it."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = output_target(path)
    if _is_stream(path):
        with open(path, "wb") as stream:
            stream.write(payload)
        return
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        if keep_mode_of is not None and keep_mode_of.exists():
            os.chmod(temporary, keep_mode_of.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_target(path: Path) -> Path:
    """The file a write to `path` lands in: the final target of a symbolic link, else `path`.
    Raises `IsADirectoryError` for a directory and `OSError` for a link that cannot be followed."""
    target = path.resolve(strict=False) if path.is_symlink() else path.absolute()
    if target.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    return target


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one existing file (through links, `..` and hard links)."""
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _temporary_prefix(path: Path) -> str:
    """The start of the temporary file's name: the target's name, shortened so that the whole name
    (with mkstemp's random part and ".tmp") stays far below the usual 255-byte limit."""
    return f".{path.name[:40]}."


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_new_file(path: Path, data: str) -> None:
    """Write a file that must not exist yet, atomically; `FileExistsError` if it does."""
    folder = path.resolve().parent
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data.encode("utf-8"))
        os.chmod(temporary, 0o666 & ~_umask())
        try:
            os.link(temporary, path)  # fails if `path` exists, unlike a rename
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive creation instead
            with open(path, "xb") as handle:
                handle.write(data.encode("utf-8"))
    finally:
        Path(temporary).unlink(missing_ok=True)
