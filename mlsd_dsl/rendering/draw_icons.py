"""Draw mlsd's own icons for generative-AI tools: `python -m mlsd_dsl.rendering.draw_icons`.

Small vendor-neutral glyphs (no logos, no text), drawn from geometric shapes with the standard
library alone and written as PNGs to `rendering/icons/genai/`, where the catalog refers to them.
Each pixel averages 4×4 samples, so edges are smooth; the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

Shape = Callable[[float, float], bool]  # coordinates in [0, 1], y pointing down
Colour = tuple[int, int, int]
Layer = tuple[Shape, Colour]

SIZE = 128
SAMPLES = 4
FOLDER = Path(__file__).resolve().parent / "icons" / "genai"

INK: Colour = (55, 65, 81)
VIOLET: Colour = (124, 58, 237)
TEAL: Colour = (13, 148, 136)
AMBER: Colour = (217, 119, 6)
BLUE: Colour = (37, 99, 235)
GREEN: Colour = (22, 163, 74)
WHITE: Colour = (255, 255, 255)


# --- shapes -----------------------------------------------------------------------------------
def circle(cx: float, cy: float, r: float) -> Shape:
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def ring(cx: float, cy: float, r: float, width: float) -> Shape:
    return lambda x, y: abs(math.hypot(x - cx, y - cy) - r) <= width / 2


def ellipse(cx: float, cy: float, rx: float, ry: float) -> Shape:
    return lambda x, y: ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0


def box(x0: float, y0: float, x1: float, y1: float, radius: float = 0.0) -> Shape:
    def inside(x: float, y: float) -> bool:
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        nx = min(max(x, x0 + radius), x1 - radius)
        ny = min(max(y, y0 + radius), y1 - radius)
        return (x - nx) ** 2 + (y - ny) ** 2 <= radius * radius

    return inside


def segment(ax: float, ay: float, bx: float, by: float, width: float) -> Shape:
    length2 = (bx - ax) ** 2 + (by - ay) ** 2

    def inside(x: float, y: float) -> bool:
        t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length2))
        return math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width / 2

    return inside


def polygon(*points: tuple[float, float]) -> Shape:
    def inside(x: float, y: float) -> bool:
        crossings = False
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings = not crossings
        return crossings

    return inside


def polyline(width: float, *points: tuple[float, float]) -> Shape:
    parts = [segment(*a, *b, width) for a, b in pairwise(points)]
    return lambda x, y: any(part(x, y) for part in parts)


def union(*shapes: Shape) -> Shape:
    return lambda x, y: any(shape(x, y) for shape in shapes)


def minus(shape: Shape, hole: Shape) -> Shape:
    return lambda x, y: shape(x, y) and not hole(x, y)


# --- glyphs -----------------------------------------------------------------------------------
def corner_spark() -> Shape:
    """The four-pointed spark in the top-right corner that marks a generative tool."""
    return polygon(
        (0.84, 0.04),
        (0.88, 0.14),
        (0.98, 0.18),
        (0.88, 0.22),
        (0.84, 0.32),
        (0.80, 0.22),
        (0.70, 0.18),
        (0.80, 0.14),
    )


def llm() -> list[Layer]:
    """A hosted language model: a speech bubble writing, with a spark."""
    bubble = union(box(0.08, 0.16, 0.80, 0.70, 0.14), polygon((0.22, 0.66), (0.40, 0.66), (0.18, 0.88)))
    dots = union(*(circle(x, 0.43, 0.06) for x in (0.26, 0.44, 0.62)))
    spark = corner_spark()
    return [(bubble, VIOLET), (dots, WHITE), (spark, AMBER)]


def llm_server() -> list[Layer]:
    """A self-hosted inference engine: stacked accelerators with tokens streaming out."""
    racks = union(*(box(0.06, top, 0.62, top + 0.22, 0.05) for top in (0.14, 0.40, 0.66)))
    lights = union(*(circle(0.16, top + 0.11, 0.035) for top in (0.14, 0.40, 0.66)))
    stream = union(*(box(0.70, top, 0.94, top + 0.08, 0.04) for top in (0.26, 0.46, 0.66)))
    return [(racks, INK), (lights, GREEN), (stream, VIOLET)]


def orchestrator() -> list[Layer]:
    """An LLM orchestration framework: three linked steps of a chain."""
    links = union(
        ring(0.24, 0.50, 0.16, 0.07),
        ring(0.50, 0.50, 0.16, 0.07),
        ring(0.76, 0.50, 0.16, 0.07),
    )
    nodes = union(circle(0.24, 0.50, 0.06), circle(0.76, 0.50, 0.06))
    return [(links, TEAL), (nodes, VIOLET)]


def vector_db() -> list[Layer]:
    """A vector database: a cylinder holding arrows (vectors)."""
    body = union(box(0.14, 0.22, 0.86, 0.80), ellipse(0.50, 0.80, 0.36, 0.12))
    top = ellipse(0.50, 0.22, 0.36, 0.12)
    rim = minus(ellipse(0.50, 0.22, 0.36, 0.12), ellipse(0.50, 0.22, 0.31, 0.085))
    arrows = union(
        segment(0.34, 0.68, 0.66, 0.46, 0.05),
        polygon((0.70, 0.43), (0.58, 0.44), (0.65, 0.54)),
        segment(0.34, 0.68, 0.46, 0.40, 0.05),
        polygon((0.48, 0.35), (0.40, 0.43), (0.51, 0.46)),
        circle(0.34, 0.68, 0.045),
    )
    return [(body, BLUE), (top, (96, 140, 240)), (rim, WHITE), (arrows, WHITE)]


def guardrail() -> list[Layer]:
    """A guardrail: a shield with a check mark."""
    shield = polygon((0.50, 0.06), (0.86, 0.18), (0.82, 0.56), (0.50, 0.94), (0.18, 0.56), (0.14, 0.18))
    check = polyline(0.09, (0.32, 0.50), (0.45, 0.64), (0.70, 0.34))
    return [(shield, GREEN), (check, WHITE)]


def prompt() -> list[Layer]:
    """A versioned prompt template: a page with a command caret and lines of text."""
    page = polygon((0.18, 0.06), (0.64, 0.06), (0.84, 0.26), (0.84, 0.94), (0.18, 0.94))
    fold = polygon((0.64, 0.06), (0.64, 0.26), (0.84, 0.26))
    caret = polyline(0.06, (0.30, 0.36), (0.42, 0.46), (0.30, 0.56))
    lines = union(
        box(0.48, 0.43, 0.72, 0.49, 0.03),
        box(0.30, 0.66, 0.72, 0.72, 0.03),
        box(0.30, 0.80, 0.60, 0.86, 0.03),
    )
    return [(page, AMBER), (fold, (251, 191, 36)), (caret, WHITE), (lines, WHITE)]


def router() -> list[Layer]:
    """A model router or gateway: one request fanning out to several models."""
    trunk = segment(0.08, 0.50, 0.40, 0.50, 0.07)
    branches = union(
        polyline(0.07, (0.40, 0.50), (0.66, 0.20)),
        segment(0.40, 0.50, 0.66, 0.50, 0.07),
        polyline(0.07, (0.40, 0.50), (0.66, 0.80)),
    )
    hub = circle(0.40, 0.50, 0.09)
    ends = union(circle(0.78, 0.20, 0.11), circle(0.78, 0.50, 0.11), circle(0.78, 0.80, 0.11))
    return [(union(trunk, branches), INK), (hub, TEAL), (ends, VIOLET)]


def image_generator() -> list[Layer]:
    """An image or video generator: a picture with a spark."""
    frame = box(0.06, 0.18, 0.80, 0.86, 0.08)
    inner = box(0.12, 0.24, 0.74, 0.80, 0.04)
    hills = polygon((0.12, 0.80), (0.34, 0.50), (0.48, 0.66), (0.58, 0.56), (0.74, 0.80))
    sun = circle(0.58, 0.38, 0.07)
    spark = corner_spark()
    return [(frame, INK), (inner, WHITE), (hills, TEAL), (sun, AMBER), (spark, AMBER)]


GLYPHS: dict[str, Callable[[], list[Layer]]] = {
    "llm": llm,
    "llm_server": llm_server,
    "orchestrator": orchestrator,
    "vector_db": vector_db,
    "guardrail": guardrail,
    "prompt": prompt,
    "router": router,
    "image_generator": image_generator,
}


# --- raster and PNG ---------------------------------------------------------------------------
def rasterise(layers: list[Layer], size: int = SIZE) -> bytes:
    """RGBA rows, each prefixed with PNG filter byte 0; later layers paint over earlier ones."""
    rows = bytearray()
    step = 1.0 / (size * SAMPLES)
    for row in range(size):
        rows.append(0)
        for column in range(size):
            red = green = blue = covered = 0
            for sy in range(SAMPLES):
                y = (row * SAMPLES + sy + 0.5) * step
                for sx in range(SAMPLES):
                    x = (column * SAMPLES + sx + 0.5) * step
                    colour = _top_colour(layers, x, y)
                    if colour is not None:
                        red, green, blue, covered = (
                            red + colour[0],
                            green + colour[1],
                            blue + colour[2],
                            covered + 1,
                        )
            if covered:
                rows += bytes(
                    (red // covered, green // covered, blue // covered, covered * 255 // SAMPLES**2)
                )
            else:
                rows += b"\0\0\0\0"
    return bytes(rows)


def _top_colour(layers: list[Layer], x: float, y: float) -> Colour | None:
    for shape, colour in reversed(layers):
        if shape(x, y):
            return colour
    return None


def png(rgba_rows: bytes, size: int = SIZE) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rgba_rows, 9))
        + chunk(b"IEND", b"")
    )


def draw_all(folder: Path = FOLDER) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, glyph in GLYPHS.items():
        path = folder / f"{name}.png"
        path.write_bytes(png(rasterise(glyph())))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in draw_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER):
        print(written_path)
