"""mlsd's own icons for generative-AI tools: drawn by a committed script, embedded like the others."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

import mlsd_dsl
from mlsd_dsl.catalog import lookup, technologies
from mlsd_dsl.rendering import render
from mlsd_dsl.rendering.draw_icons import FOLDER, GLYPHS, GREEN, draw_all, guardrail, png, rasterise
from mlsd_dsl.rendering.icons import OWN_ICONS, resolve

OWN_CATALOG_ICONS = sorted({tech.icon for tech in technologies() if tech.icon and ":" not in tech.icon})


def test_generative_tools_use_the_drawn_icons() -> None:
    for tech in (
        "openai",
        "vllm",
        "tgi",
        "langchain",
        "llamaindex",
        "pinecone",
        "weaviate",
        "milvus",
        "pgvector",
    ):
        entry = lookup(tech)
        assert entry is not None and entry.icon is not None and entry.icon.startswith("genai/"), tech
    assert lookup("nemo-guardrails") is not None and lookup("llama guard") is not None


@pytest.mark.parametrize("icon", OWN_CATALOG_ICONS)
def test_every_own_icon_is_a_committed_png_under_the_package(icon: str) -> None:
    resolved = resolve(icon)
    assert resolved is not None and resolved.root == OWN_ICONS
    assert resolved.file.read_bytes().startswith(b"\x89PNG") and resolved.file.stem in GLYPHS


def test_a_glyph_is_a_valid_png_with_its_colours_and_a_transparent_corner() -> None:
    size = 24
    data = png(rasterise(guardrail(), size), size)
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (size, size)
    idat_length = struct.unpack(">I", data[33:37])[0]
    rows = zlib.decompress(data[41 : 41 + idat_length])
    assert len(rows) == size * (1 + 4 * size)

    def pixel(x: int, y: int) -> bytes:
        start = y * (1 + 4 * size) + 1 + 4 * x
        return rows[start : start + 4]

    assert pixel(0, 0) == b"\0\0\0\0"
    assert pixel(size // 2, size // 5)[:3] == bytes(GREEN) and pixel(size // 2, size // 5)[3] == 255


def test_the_icon_backend_embeds_the_drawn_icons_beside_diagrams_own(tmp_path: Path) -> None:
    spec = mlsd_dsl.parse(
        "system s {\n  model llm: openai { provenance: vendor }\n  vector_db docs: pinecone\n"
        "  stream events: kafka\n  events -> docs -read-> llm\n}\n",
        "s.mlsd",
    )
    svg = render(spec, fmt="svg", backend="diagrams").decode()
    assert "genai/" not in svg and str(OWN_ICONS) not in svg
    assert svg.count("data:image/png;base64,") >= 3
    assert render(spec, fmt="png", backend="diagrams").startswith(b"\x89PNG")


@pytest.mark.slow
def test_the_committed_icons_are_what_the_script_draws(tmp_path: Path) -> None:
    for drawn in draw_all(tmp_path):
        assert drawn.read_bytes() == (FOLDER / drawn.name).read_bytes(), drawn.name
