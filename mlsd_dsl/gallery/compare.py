"""Is a gallery file up to date? What `mlsd gallery --check` compares, on any machine.

Graphviz measures every label with the fonts installed on the machine that draws it, so the same
spec and the same Graphviz give other SVG coordinates and other PNG pixels where other fonts are
installed. The portable comparison looks only at what the fonts cannot change:

- the README (and any other text file) byte for byte;
- an SVG by its structure: every element in document order with its tag, its attributes other
  than coordinates and sizes (ids, classes, colours, fonts, links) and its text — titles name the
  nodes, edges and clusters, texts are the labels;
- a PNG must be a complete image that decodes: its pixels are not compared. The SVG beside it is
  drawn from the same graph in the same run.

`exact=True` compares every byte instead, for a machine with the committer's Graphviz and fonts.
"""

from __future__ import annotations

import struct
import zlib
from xml.etree import ElementTree

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Attributes that place or size what is drawn: they move when the fonts measure text differently.
GEOMETRY_ATTRIBUTES = frozenset(
    {
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "width",
        "height",
        "points",
        "d",
        "transform",
        "viewBox",
    }
)
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type → samples per pixel
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def up_to_date(name: str, present: bytes, generated: bytes, *, exact: bool = False) -> bool:
    """Whether the file `name` holding `present` is what the gallery generates (`generated`)."""
    if exact:
        return present == generated
    if name.endswith(".svg"):
        structure = svg_structure(present)
        return structure is not None and structure == svg_structure(generated)
    if name.endswith(".png"):
        return png_problem(present) is None
    return present == generated


def svg_structure(data: bytes) -> list[str] | None:
    """One line per element of the SVG, without geometry; None when it is not well-formed XML."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    lines: list[str] = []
    _describe(root, 0, lines)
    return lines


def _describe(element: ElementTree.Element, depth: int, lines: list[str]) -> None:
    attributes = sorted(
        (_local(key), value)
        for key, value in element.attrib.items()
        if _local(key) not in GEOMETRY_ATTRIBUTES
    )
    described = " ".join(f"{key}={value!r}" for key, value in attributes)
    text = (element.text or "").strip()
    lines.append(f"{'  ' * depth}{_local(element.tag)} {described} {text!r}")
    for child in element:
        _describe(child, depth + 1, lines)


def _local(name: str) -> str:
    """`{http://www.w3.org/2000/svg}text` → `text`: namespaces are the same in every SVG drawn."""
    return name.rsplit("}", 1)[-1]


def png_problem(data: bytes) -> str | None:
    """Why `data` is not a PNG image that decodes, or None when it is one."""
    if not data.startswith(PNG_SIGNATURE):
        return "not a PNG file (no PNG signature)"
    chunks, problem = _chunks(data)
    if problem:
        return problem
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        return "the PNG does not start with its header chunk"
    if chunks[-1][0] != b"IEND":
        return "the PNG has no end chunk"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if width == 0 or height == 0 or colour not in _CHANNELS:
        return f"the PNG header is invalid ({width}x{height}, colour type {colour})"
    try:
        pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    except zlib.error as error:
        return f"the PNG image data does not decompress: {error}"
    rows = _rows(width, height, _CHANNELS[colour] * depth, interlaced=interlace == 1)
    if len(pixels) != sum(1 + row_bytes for row_bytes in rows):
        return "the PNG image data does not match its size"
    position = 0
    for row_bytes in rows:
        if pixels[position] > 4:
            return f"the PNG has an unknown row filter {pixels[position]}"
        position += 1 + row_bytes
    return None


def _chunks(data: bytes) -> tuple[list[tuple[bytes, bytes]], str | None]:
    chunks: list[tuple[bytes, bytes]] = []
    position = len(PNG_SIGNATURE)
    while position < len(data):
        if position + 12 > len(data):
            return chunks, "the PNG is truncated"
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if len(body) != length or position + 12 + length > len(data):
            return chunks, "the PNG is truncated"
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return chunks, f"the PNG chunk {kind.decode('latin-1')!r} is corrupt (bad CRC)"
        chunks.append((kind, body))
        position += 12 + length
        if kind == b"IEND":
            break
    return chunks, None


def _rows(width: int, height: int, bits_per_pixel: int, *, interlaced: bool) -> list[int]:
    """The byte length of each scanline (without its filter byte), in the order they are stored."""
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    rows: list[int] = []
    for x0, y0, dx, dy in passes:
        pass_width = (width - x0 + dx - 1) // dx
        pass_height = (height - y0 + dy - 1) // dy
        if pass_width > 0 and pass_height > 0:
            rows += [(pass_width * bits_per_pixel + 7) // 8] * pass_height
    return rows
