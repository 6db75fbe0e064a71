"""What `mlsd gallery --check` compares: README bytes, SVG structure, PNG validity — not the fonts."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import mlsd_dsl
from mlsd_dsl.cli.main import cli
from mlsd_dsl.gallery import stale_files
from mlsd_dsl.gallery.compare import png_problem, svg_structure, up_to_date
from mlsd_dsl.rendering import render

STAGES = Path(__file__).resolve().parents[1] / "render" / "specs" / "stages.mlsd"
SHOP = """\
system shop "Shop search" {
  source clicks: kafka { type: events }
  model ranker: lightgbm { loss: lambdarank }
  serving api: online
  clicks -> ranker -> api
}
"""


@pytest.fixture(scope="module")
def svg() -> bytes:
    return render(mlsd_dsl.load(STAGES), fmt="svg")


@pytest.fixture(scope="module")
def png() -> bytes:
    return render(mlsd_dsl.load(STAGES), fmt="png")


def without_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz (a subprocess) finds no font at all: it sizes labels by its own estimates."""
    config = tmp_path / "fonts.conf"
    cache = tmp_path / "cache"
    config.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><cachedir>{cache}</cachedir></fontconfig>\n', encoding="utf-8"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))


def scaled_geometry(svg: bytes, factor: float) -> bytes:
    """The SVG as other fonts would lay it out: every coordinate and size scaled."""

    def scale(number: re.Match[bytes]) -> bytes:
        return f"{float(number.group()) * factor:.2f}".encode()

    def attribute(match: re.Match[bytes]) -> bytes:
        return match.group(1) + re.sub(rb"-?\d+(?:\.\d+)?", scale, match.group(2)) + match.group(3)

    return re.sub(rb'(\s(?:x|y|width|height|viewBox|points|d|transform)=")([^"]*)(")', attribute, svg)


def test_an_svg_laid_out_with_other_sizes_has_the_same_structure(svg: bytes) -> None:
    moved = scaled_geometry(svg, 1.07)

    assert moved != svg
    assert svg_structure(moved) == svg_structure(svg)
    assert up_to_date("x.svg", moved, svg)
    assert not up_to_date("x.svg", moved, svg, exact=True)


@pytest.mark.parametrize(
    ("change", "replacement"),
    [
        (b">ranker<", b">rankers<"),  # a label's text
        (b"<title>app</title>", b"<title>application</title>"),  # a node's name
        (b'fill="#ede7f6"', b'fill="#ffffff"'),  # a colour
        (b'font-size="18.00"', b'font-size="14.00"'),  # a font size
        (b'class="cluster"', b'class="node"'),  # what an element is
    ],
)
def test_what_a_drawing_says_is_compared(svg: bytes, change: bytes, replacement: bytes) -> None:
    assert change in svg
    edited = svg.replace(change, replacement, 1)

    assert svg_structure(edited) != svg_structure(svg)
    assert not up_to_date("x.svg", edited, svg)


def test_an_element_more_or_less_is_a_change(svg: bytes) -> None:
    without_first_edge = re.sub(rb'<g id="[^"]*" class="edge">.*?</g>\n', b"", svg, count=1, flags=re.DOTALL)

    assert without_first_edge != svg
    assert not up_to_date("x.svg", without_first_edge, svg)


def test_an_svg_that_is_not_xml_is_out_of_date(svg: bytes) -> None:
    assert svg_structure(svg[: len(svg) // 2]) is None
    assert not up_to_date("x.svg", svg[: len(svg) // 2], svg)


def test_the_readme_is_compared_byte_for_byte() -> None:
    assert up_to_date("README.md", b"# gallery\n", b"# gallery\n")
    assert not up_to_date("README.md", b"# gallery\n", b"# gallery \n")


def test_a_rendered_png_is_valid(png: bytes) -> None:
    assert png_problem(png) is None
    assert up_to_date("x.png", png, b"other pixels")


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def tiny_png(width: int, height: int, *, interlace: int = 0, rows: bytes | None = None) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, interlace)  # 8-bit greyscale
    pixels = rows if rows is not None else b"".join(b"\x00" + bytes(width) for _ in range(height))
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def test_a_hand_made_png_decodes_and_interlaced_sizes_are_understood() -> None:
    assert png_problem(tiny_png(3, 2)) is None
    # Adam7 on 3x2: passes 1 (1x1), 2 (none), 3 (none), 4 (1x1), 5 (none), 6 (1x1), 7 (3x1) → 4 rows.
    interlaced_rows = b"\x00\x00" + b"\x00\x00" + b"\x00\x00" + b"\x00" + bytes(3)
    assert png_problem(tiny_png(3, 2, interlace=1, rows=interlaced_rows)) is None


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda png: b"GIF89a" + png[6:], "no PNG signature"),
        (lambda png: png[: len(png) // 2], "truncated"),
        (lambda png: png[:40] + bytes([png[40] ^ 0xFF]) + png[41:], "bad CRC"),
        (lambda png: png[:-12], "no end chunk"),
    ],
)
def test_a_damaged_png_is_reported(png: bytes, damage: Callable[[bytes], bytes], problem: str) -> None:
    damaged = damage(png)

    assert problem in (png_problem(damaged) or "")
    assert not up_to_date("x.png", damaged, png)


def test_png_data_that_does_not_fill_the_image_is_reported() -> None:
    assert "does not match its size" in (png_problem(tiny_png(3, 2, rows=b"\x00" + bytes(3))) or "")
    bad_filter = b"\x07" + bytes(3) + b"\x00" + bytes(3)
    assert "unknown row filter" in (png_problem(tiny_png(3, 2, rows=bad_filter)) or "")
    assert "header is invalid" in (png_problem(tiny_png(0, 2, rows=b"")) or "")


def test_a_picture_drawn_with_other_fonts_is_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, svg: bytes, png: bytes
) -> None:
    with monkeypatch.context() as patch:
        without_fonts(tmp_path, patch)
        other_svg = render(mlsd_dsl.load(STAGES), fmt="svg")
        other_png = render(mlsd_dsl.load(STAGES), fmt="png")
    if other_svg == svg:
        pytest.skip("this machine lays the diagram out the same with and without its fonts")

    assert up_to_date("x.svg", other_svg, svg) and up_to_date("x.png", other_png, png)
    assert not up_to_date("x.svg", other_svg, svg, exact=True)


def test_gallery_check_passes_on_a_gallery_drawn_with_other_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs, out = tmp_path / "specs", tmp_path / "gallery"
    specs.mkdir()
    (specs / "shop.mlsd").write_text(SHOP, encoding="utf-8")
    with monkeypatch.context() as patch:
        without_fonts(tmp_path, patch)
        assert CliRunner().invoke(cli, ["gallery", str(specs), "-o", str(out)]).exit_code == 0

    exact = stale_files(specs, out, exact=True)
    if not exact:
        pytest.skip("this machine lays the diagrams out the same with and without its fonts")

    assert stale_files(specs, out) == []
    assert set(exact) <= {"shop.svg", "shop.png", "shop.icons.png"}
    check = CliRunner().invoke(cli, ["gallery", "--check", str(specs), "-o", str(out)])
    assert (check.exit_code, check.stdout) == (0, f"{out} is up to date\n")
    strict = CliRunner().invoke(cli, ["gallery", "--check", "--exact", str(specs), "-o", str(out)])
    assert strict.exit_code == 1 and f"out of date: {out / exact[0]}\n" in strict.stdout


def test_exact_needs_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["gallery", "--exact", str(tmp_path), "-o", str(tmp_path / "gallery")])

    assert result.exit_code == 2
    assert "--exact only applies with --check" in result.output
