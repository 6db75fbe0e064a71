"""Writing output files atomically: a temporary file in the target folder, then a rename.

A failure leaves the previous file as it was and no half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: str | bytes, *, keep_mode_of: Path | None = None) -> None:
    """Write `data` to `path`, creating its folder; `keep_mode_of` (usually `path` itself) gives
    the permissions, else a new file gets what `open()` would give it."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_new_file(path: Path, data: str) -> None:
    """Write a file that must not exist yet, atomically; `FileExistsError` if it does."""
    folder = path.resolve().parent
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
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
