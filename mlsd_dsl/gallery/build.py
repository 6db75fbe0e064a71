"""Building the gallery: every picture and the README, computed in memory, then written."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.files import write_atomically
from mlsd_dsl.gallery.collect import Entry, collect
from mlsd_dsl.gallery.compare import up_to_date
from mlsd_dsl.gallery.pictures import draw, pictures_of
from mlsd_dsl.gallery.readme import README_NAME, readme_text
from mlsd_dsl.parallel import ordered_map

RENDER_THREADS = 4  # in one process, rendering waits on `dot` subprocesses, so threads overlap well


class GalleryError(Exception):
    """The gallery cannot be built: specs that do not compile, or no specs at all."""

    def __init__(
        self, message: str, diagnostics: list[Diagnostic] | None = None, sources: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []
        self.sources = sources or {}


def gallery_files(specs_dir: Path, out_dir: Path, jobs: int = 1) -> dict[str, bytes]:
    """Every file of the gallery for the specs in `specs_dir`, by file name, without writing.

    Each of `jobs` processes draws a share of the specs, each spec's pictures on threads."""
    entries = _entries(specs_dir)
    drawn = list(ordered_map(_draw_entry, entries, jobs))
    files = {
        picture.filename(entry): data
        for entry, pictures in zip(entries, drawn, strict=True)
        for picture, data in zip(pictures_of(entry), pictures, strict=True)
    }
    # A spec's file name that is not UTF-8 reaches the README as the bytes it is (its link then works).
    files[README_NAME] = readme_text(entries, specs_dir, out_dir).encode("utf-8", "surrogateescape")
    return dict(sorted(files.items()))


def build_gallery(specs_dir: Path, out_dir: Path, jobs: int = 1) -> list[Path]:
    """Write the gallery into `out_dir`; returns the files whose content changed."""
    files = gallery_files(specs_dir, out_dir, jobs)
    changed: list[Path] = []
    for name, data in files.items():
        path = out_dir / name
        if not _holds(path, data):
            try:
                write_atomically(path, data)
            except OSError as problem:
                raise GalleryError(f"cannot write {path}: {problem.strerror or problem}") from None
            changed.append(path)
    return changed


def stale_files(specs_dir: Path, out_dir: Path, *, exact: bool = False, jobs: int = 1) -> list[str]:
    """The gallery files in `out_dir` that are missing, out of date or not produced by the gallery.

    Pictures are compared for what the installed fonts cannot change (see `gallery.compare`);
    `exact` compares every byte.
    """
    files = gallery_files(specs_dir, out_dir, jobs)
    present = {path.name for path in out_dir.iterdir() if path.is_file()} if out_dir.is_dir() else set()
    outdated = [name for name, data in files.items() if not _current(out_dir / name, data, exact)]
    return sorted(outdated + sorted(present - set(files)))


def _current(path: Path, data: bytes, exact: bool) -> bool:
    return path.is_file() and up_to_date(path.name, path.read_bytes(), data, exact=exact)


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


def _entries(specs_dir: Path) -> list[Entry]:
    if not specs_dir.is_dir():
        raise GalleryError(f"not a directory: {specs_dir}")
    collection = collect(specs_dir)
    if collection.problems:
        raise GalleryError(f"specs in {specs_dir} do not compile", collection.problems, collection.sources)
    if not collection.entries:
        raise GalleryError(f"no system specs in {specs_dir}")
    return collection.entries


def _draw_entry(entry: Entry) -> list[bytes]:
    with ThreadPoolExecutor(max_workers=RENDER_THREADS) as pool:
        return list(pool.map(partial(draw, entry), pictures_of(entry)))
