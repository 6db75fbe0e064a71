"""Running Graphviz: DOT source → SVG/PNG/PDF bytes that are the same on every run and machine."""

from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mlsd_dsl.rendering.options import DOT_TIMEOUT, RenderError

if TYPE_CHECKING:
    import graphviz

INSTALL_DOT = (
    "Graphviz's 'dot' program was not found on PATH; install Graphviz: "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS) "
    "or 'conda install -c conda-forge graphviz'"
)
PDF_CREATION_DATE = re.compile(rb"/CreationDate \(D:(\d+)")
SVG_HREF = 'xlink:href="{}"'
PNG_DPI = 96


def pipe(
    graph: graphviz.Digraph,
    fmt: str,
    icons: Mapping[str, Path] | None = None,
    icon_dirs: tuple[Path, ...] = (),
    timeout: float | None = DOT_TIMEOUT,
    scale: float = 1.0,
) -> bytes:
    """The diagram in `fmt`; icons are looked up in `icon_dirs` and embedded into SVG; PNGs are
    drawn at `scale` × 96 dpi."""
    if fmt == "dot":
        source: str = graph.source
        return source.encode("utf-8")
    if icon_dirs or (fmt == "png" and scale != 1):
        graph = graph.copy()
    if icon_dirs:
        graph.graph_attr["imagepath"] = os.pathsep.join(str(folder) for folder in icon_dirs)
    if fmt == "png" and scale != 1:
        graph.graph_attr["dpi"] = f"{PNG_DPI * scale:g}"
    data = _run_dot(graph, fmt, timeout)
    if fmt == "svg" and icons:
        data = embed_icons(data, icons)
    if fmt == "pdf":
        data = fix_pdf_date(data)
    return data


RANKING_FAILURE = "trouble in init_rank"
NEWRANK = "-Gnewrank=true"


def _run_dot(graph: graphviz.Digraph, fmt: str, timeout: float | None) -> bytes:
    """`dot` in its own process, stopped after `timeout` seconds (and whenever mlsd stops).

    When dot's default ranking fails on a clustered graph, the layout is retried with newrank."""
    source: str = graph.source
    finished = _dot(source, ["dot", f"-T{fmt}"], timeout)
    if finished.returncode > 0 and RANKING_FAILURE in finished.stderr.decode("utf-8", "replace"):
        finished = _dot(source, ["dot", NEWRANK, f"-T{fmt}"], timeout)
    if finished.returncode < 0:
        raise RenderError(f"graphviz 'dot' crashed ({_signal_name(-finished.returncode)}) on this diagram")
    if finished.returncode != 0:
        stderr = finished.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"graphviz 'dot' failed (exit {finished.returncode}): {stderr}")
    return finished.stdout


def _dot(source: str, command: list[str], timeout: float | None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            command,
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise RenderError(INSTALL_DOT) from None
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"graphviz 'dot' did not finish within {timeout:g} s and was stopped; simplify the "
            "diagram or allow more time with --timeout (or MLSD_RENDER_TIMEOUT)"
        ) from None


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def embed_icons(svg: bytes, icons: Mapping[str, Path]) -> bytes:
    """Replace each icon's file reference with a data URI, so the SVG stands alone."""
    for reference, path in sorted(icons.items()):
        data_uri = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        svg = svg.replace(SVG_HREF.format(reference).encode(), SVG_HREF.format(data_uri).encode())
    return svg


def fix_pdf_date(pdf: bytes) -> bytes:
    """cairo stamps PDFs with the current time; pin it (same length, so offsets stay valid)."""
    return PDF_CREATION_DATE.sub(lambda match: b"/CreationDate (D:" + _epoch(len(match.group(1))), pdf)


def _epoch(digits: int) -> bytes:
    return b"19700101000000"[:digits].ljust(digits, b"0")
