"""The committed gallery/ is what `mlsd gallery specs/ -o gallery/` makes of the committed specs.

Compared as `mlsd gallery --check` compares, so the test passes on any machine whatever fonts it
has: the README byte for byte, every SVG by its structure, every PNG for being a valid image. What
each picture is drawn from — its DOT source before layout, the same with any fonts — is pinned by
hash in tests/gallery/expected/drawings.sha256, so a change to a drawing is caught even for the
icons PNGs, which have no SVG beside them.

In update mode (tests/expected.py) these tests write into gallery/ only the files that changed in
those terms — a redrawn picture, a new README — so regenerating on a machine with other fonts
does not rewrite every picture.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
from pathlib import Path

import pytest

from mlsd_dsl.gallery import gallery_files
from mlsd_dsl.gallery.collect import collect
from mlsd_dsl.gallery.compare import png_problem, svg_structure, up_to_date
from mlsd_dsl.gallery.pictures import draw, pictures_of
from mlsd_dsl.gallery.readme import README_NAME, readme_text
from tests import expected

ROOT = Path(__file__).resolve().parents[2]
SPECS, GALLERY = ROOT / "specs", ROOT / "gallery"
DRAWINGS = Path(__file__).parent / "expected" / "drawings.sha256"
DRAWINGS_HEADER = "# sha256 of the DOT source (before layout) each gallery picture is drawn from\n"
REGENERATE = (
    f"gallery/ is out of date: run `{expected.UPDATE_COMMAND}` (it writes only what changed) "
    "or `mlsd gallery specs/ -o gallery/`, then review and commit gallery/"
)


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    """Every gallery file drawn from the committed specs, in memory."""
    return gallery_files(SPECS, GALLERY)


def committed(name: str) -> bytes | None:
    path = GALLERY / name
    return path.read_bytes() if path.is_file() else None


def refresh(names: list[str], generated: dict[str, bytes]) -> None:
    """Update mode: write these gallery files as generated."""
    for name in names:
        expected.write(GALLERY / name, generated[name])


def structure_diff(present: bytes, generated: bytes, limit: int = 40) -> str:
    before = svg_structure(present) or ["(not well-formed XML)"]
    after = svg_structure(generated) or []
    lines = difflib.unified_diff(before, after, "committed", "generated", lineterm="")
    return "\n".join(list(lines)[:limit])


def drawings() -> dict[str, str]:
    """Each picture's file name → the hash of the DOT source it is drawn from."""
    hashes = {}
    for entry in collect(SPECS).entries:
        for picture in pictures_of(entry):
            source = draw(entry, dataclasses.replace(picture, fmt="dot"))
            hashes[picture.filename(entry)] = hashlib.sha256(source).hexdigest()
    return dict(sorted(hashes.items()))


def parse_drawings(text: str) -> dict[str, str]:
    pairs = (line.split() for line in text.splitlines() if line and not line.startswith("#"))
    return {name: digest for name, digest in pairs}


def test_the_readme_is_up_to_date() -> None:
    generated = readme_text(collect(SPECS).entries, SPECS, GALLERY).encode("utf-8")
    present = committed(README_NAME)
    if present != generated and expected.updating():
        expected.write(GALLERY / README_NAME, generated)
        return

    assert present == generated, f"{REGENERATE}\n{expected.diff(present, generated)}"


@pytest.mark.slow
def test_the_gallery_holds_exactly_the_generated_files(generated: dict[str, bytes]) -> None:
    missing = sorted(name for name in generated if committed(name) is None)
    if expected.updating():
        refresh(missing, generated)
    expected.check_no_others(GALLERY, generated)

    assert missing == [] or expected.updating(), f"{REGENERATE}\nmissing: {', '.join(missing)}"


@pytest.mark.slow
def test_every_svg_has_the_generated_structure(generated: dict[str, bytes]) -> None:
    svgs = [name for name in generated if name.endswith(".svg") and committed(name) is not None]
    stale = [name for name in svgs if not up_to_date(name, committed(name) or b"", generated[name])]
    if expected.updating():
        refresh(stale, generated)
        return
    diffs = {name: structure_diff(committed(name) or b"", generated[name]) for name in stale}

    assert svgs
    assert not diffs, REGENERATE + "".join(f"\n{name}:\n{diff}" for name, diff in diffs.items())


@pytest.mark.slow
def test_every_png_is_a_valid_image(generated: dict[str, bytes]) -> None:
    pngs = [name for name in generated if name.endswith(".png") and committed(name) is not None]
    invalid = {name: problem for name in pngs if (problem := png_problem(committed(name) or b""))}
    if expected.updating():
        refresh(sorted(invalid), generated)
        return

    assert pngs
    assert not invalid, REGENERATE + "".join(f"\n{name}: {problem}" for name, problem in invalid.items())


@pytest.mark.slow
def test_every_picture_is_drawn_from_the_expected_dot_source(generated: dict[str, bytes]) -> None:
    now = drawings()
    before = parse_drawings(DRAWINGS.read_text(encoding="utf-8")) if DRAWINGS.is_file() else {}
    redrawn = [name for name, digest in now.items() if before.get(name) != digest]
    if expected.updating():
        refresh([name for name in redrawn if committed(name) != generated[name]], generated)

    assert sorted(now) == sorted(name for name in generated if name != README_NAME)
    text = DRAWINGS_HEADER + "".join(f"{name} {digest}\n" for name, digest in now.items())
    what = f"drawings of {', '.join(redrawn)} changed; the update redraws them in gallery/" if before else ""
    expected.check_file(DRAWINGS, text, what=what)
