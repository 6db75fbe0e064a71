"""The committed gallery/ is what `mlsd gallery specs/ -o gallery/` makes of the committed specs.

Compared as `mlsd gallery --check` compares, so the test passes on any machine whatever fonts it
has: the README byte for byte, every SVG by its structure, every PNG for being a valid image.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from mlsd_dsl.gallery import gallery_files
from mlsd_dsl.gallery.collect import collect
from mlsd_dsl.gallery.compare import png_problem, svg_structure, up_to_date
from mlsd_dsl.gallery.readme import README_NAME, readme_text

ROOT = Path(__file__).resolve().parents[2]
SPECS, GALLERY = ROOT / "specs", ROOT / "gallery"
REGENERATE = "run `mlsd gallery specs/ -o gallery/` and commit gallery/"


@pytest.fixture(scope="module")
def generated() -> dict[str, bytes]:
    """Every gallery file drawn from the committed specs, in memory."""
    return gallery_files(SPECS, GALLERY)


def committed(name: str) -> bytes:
    return (GALLERY / name).read_bytes()


def test_the_readme_is_up_to_date() -> None:
    expected = readme_text(collect(SPECS).entries, SPECS, GALLERY)
    present = committed(README_NAME).decode("utf-8")

    diff = "".join(difflib.unified_diff(present.splitlines(True), expected.splitlines(True),
                                        "gallery/README.md (committed)", "gallery/README.md (generated)"))
    assert present == expected, f"{REGENERATE}\n{diff}"


@pytest.mark.slow
def test_the_gallery_holds_exactly_the_generated_files(generated: dict[str, bytes]) -> None:
    present = sorted(path.name for path in GALLERY.iterdir() if path.is_file())

    assert present == sorted(generated), REGENERATE


@pytest.mark.slow
def test_every_svg_has_the_generated_structure(generated: dict[str, bytes]) -> None:
    svgs = [name for name in generated if name.endswith(".svg")]
    assert svgs
    stale = {}
    for name in svgs:
        if (GALLERY / name).is_file() and not up_to_date(name, committed(name), generated[name]):
            diff = difflib.unified_diff(svg_structure(committed(name)) or ["(not well-formed XML)"],
                                        svg_structure(generated[name]) or [], "committed", "generated", lineterm="")
            stale[name] = "\n".join(list(diff)[:40])
    assert not stale, REGENERATE + "".join(f"\n{name}:\n{diff}" for name, diff in stale.items())


@pytest.mark.slow
def test_every_png_is_a_valid_image(generated: dict[str, bytes]) -> None:
    pngs = [name for name in generated if name.endswith(".png")]
    assert pngs
    problems = {name: png_problem(committed(name)) for name in pngs if (GALLERY / name).is_file()}
    invalid = {name: problem for name, problem in problems.items() if problem}

    assert not invalid, REGENERATE + "".join(f"\n{name}: {problem}" for name, problem in invalid.items())
