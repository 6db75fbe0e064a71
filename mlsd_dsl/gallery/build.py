"""Building the gallery: every picture and the README, computed in memory, then written."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.files import write_atomically
from mlsd_dsl.gallery.collect import Entry, collect
from mlsd_dsl.gallery.compare import up_to_date
from mlsd_dsl.gallery.pictures import Picture, draw, pictures_of
from mlsd_dsl.gallery.readme import README_NAME, readme_text

RENDER_THREADS = 4  # rendering waits on `dot` subprocesses, so threads overlap well


class GalleryError(Exception):
    """The gallery cannot be built: specs that do not compile, or no specs at all."""

    def __init__(
        self, message: str, diagnostics: list[Diagnostic] | None = None, sources: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []
        self.sources = sources or {}


def gallery_files(specs_dir: Path, out_dir: Path) -> dict[str, bytes]:
    """Every file of the gallery for the specs in `specs_dir`, by file name, without writing."""
    entries = _entries(specs_dir)
    jobs = [(entry, picture) for entry in entries for picture in pictures_of(entry)]
    with ThreadPoolExecutor(max_workers=RENDER_THREADS) as pool:
        drawn = list(pool.map(_draw_job, jobs))
    files = {picture.filename(entry): data for (entry, picture), data in zip(jobs, drawn, strict=True)}
    files[README_NAME] = readme_text(entries, specs_dir, out_dir).encode("utf-8")
    return dict(sorted(files.items()))


def build_gallery(specs_dir: Path, out_dir: Path) -> list[Path]:
    """Write the gallery into `out_dir`; returns the files whose content changed."""
    files = gallery_files(specs_dir, out_dir)
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


def stale_files(specs_dir: Path, out_dir: Path, *, exact: bool = False) -> list[str]:
    """The gallery files in `out_dir` that are missing, out of date or not produced by the gallery.

    Pictures are compared for what the installed fonts cannot change (see `gallery.compare`);
    `exact` compares every byte.
    """
    files = gallery_files(specs_dir, out_dir)
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


def _draw_job(job: tuple[Entry, Picture]) -> bytes:
    entry, picture = job
    return draw(entry, picture)
