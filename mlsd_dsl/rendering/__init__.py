"""Stage 4: a `Spec` (and the lint findings of its gaps) as a diagram — DOT, SVG, PNG or PDF.

    >>> from mlsd_dsl.rendering import render, to_dot
    >>> findings = lint_spec(spec)
    >>> svg = render(spec, fmt="svg", backend="diagrams", gaps=True, theme="dark", findings=findings)

The renderer never runs the linter: `--gaps` draws the missing components that the given
findings report. Graphviz and mingrammer `diagrams` are imported only inside the functions that draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.rendering.marks import Mark, Marks, RemovedComponent, RemovedEdge
from mlsd_dsl.rendering.options import (
    AUTO,
    BACKENDS,
    DIRECTIONS,
    FORMATS,
    NODE_SPACING,
    THEMES,
    RenderError,
    RenderOptions,
)

if TYPE_CHECKING:
    import graphviz

RENDERING_PACKAGES = ("graphviz", "diagrams")
# (direction, node spacing) laid out by `auto`; the first wins ties. The wider top-to-bottom
# variant is for drawings the narrow one makes taller than a page.
AUTO_CANDIDATES = (("TB", NODE_SPACING), ("TB", 2 * NODE_SPACING), ("LR", NODE_SPACING))
AUTO_MAX_COMPONENTS = 80

__all__ = [
    "BACKENDS",
    "DIRECTIONS",
    "FORMATS",
    "THEMES",
    "Mark",
    "Marks",
    "RemovedComponent",
    "RemovedEdge",
    "RenderError",
    "RenderOptions",
    "render",
    "to_dot",
]


def render(
    spec: Spec,
    fmt: str = "svg",
    backend: str = "graphviz",
    gaps: bool = False,
    theme: str = "light",
    direction: str = "auto",
    *,
    legend: bool = False,
    summary: bool = False,
    findings: Sequence[Diagnostic] | None = None,
    feedback: bool = True,
    scale: float = 1.0,
) -> bytes:
    """The spec drawn in `fmt` (svg, png, pdf or dot); raises `RenderError` when it cannot be.

    `gaps` needs the spec's lint `findings`; `direction="auto"` picks the direction whose
    drawing fits a page best; `feedback=False` leaves out log and trigger edges; `scale` enlarges
    PNGs (2 for retina screens)."""
    options = RenderOptions(
        fmt, backend, gaps, theme, direction, legend, summary, feedback=feedback, scale=scale
    )
    return render_with(spec, options, findings)


def to_dot(
    spec: Spec,
    backend: str = "graphviz",
    gaps: bool = False,
    theme: str = "light",
    direction: str = "auto",
    *,
    legend: bool = False,
    summary: bool = False,
    findings: Sequence[Diagnostic] | None = None,
    feedback: bool = True,
) -> str:
    """The DOT source of the diagram `render` would draw."""
    options = RenderOptions("dot", backend, gaps, theme, direction, legend, summary, feedback=feedback)
    return render_with(spec, options, findings).decode("utf-8")


def render_with(
    spec: Spec,
    options: RenderOptions,
    findings: Sequence[Diagnostic] | None = None,
    marks: Marks | None = None,
) -> bytes:
    """`marks` overlays what changed since another version (`mlsd diff --render`)."""
    from mlsd_dsl.rendering.output import pipe

    try:
        options, svg = choose_direction(spec, options, findings, marks)
        if svg is not None and options.fmt == "svg":
            return svg
        drawing = draw(spec, options, findings, marks)
        return pipe(
            drawing.graph, options.fmt, drawing.icons, drawing.icon_dirs, options.timeout, options.scale
        )
    except ModuleNotFoundError as problem:
        if problem.name not in RENDERING_PACKAGES:
            raise
        raise RenderError(
            f"rendering needs the Python package '{problem.name}': pip install {problem.name}"
        ) from None


def choose_direction(
    spec: Spec, options: RenderOptions, findings: Sequence[Diagnostic] | None, marks: Marks | None = None
) -> tuple[RenderOptions, bytes | None]:
    """Options with a concrete direction; for `auto`, the SVG of the winning layout too.

    Both directions are laid out at once (top to bottom also with wider spacing; one `dot` process
    each, run side by side) and the layout that keeps
    a page's aspect ratio and can be shown largest on it wins (the one with fewer edge crossings
    when they are within 10 % of each other). Past
    `AUTO_MAX_COMPONENTS`, top to bottom without trying (laying out twice would cost too much).
    """
    from concurrent.futures import ThreadPoolExecutor

    from mlsd_dsl.rendering.output import pipe
    from mlsd_dsl.rendering.quality import measure, page_preference

    if options.direction != AUTO:
        return options, None
    if len(spec.components) > AUTO_MAX_COMPONENTS:
        return replace(options, direction=options.rankdir), None
    candidates = [replace(options, direction=d, node_spacing=spacing) for d, spacing in AUTO_CANDIDATES]
    drawings = [draw(spec, candidate, findings, marks) for candidate in candidates]

    def lay_out(drawing: Drawing) -> bytes:
        return pipe(drawing.graph, "svg", drawing.icons, drawing.icon_dirs, options.timeout)

    with ThreadPoolExecutor(max_workers=len(drawings)) as pool:  # each dot is its own process
        svgs = list(pool.map(lay_out, drawings))
    laid_out = [
        (page_preference(measure(candidate.direction, svg)), candidate, svg)
        for candidate, svg in zip(candidates, svgs, strict=True)
    ]
    _, best, svg = max(laid_out, key=lambda item: item[0])
    return best, svg


@dataclass
class Drawing:
    """A graph ready for Graphviz, with the icon files it refers to (diagrams backend)."""

    graph: graphviz.Digraph
    icons: dict[str, Path] = field(default_factory=dict)
    icon_dirs: tuple[Path, ...] = ()  # the folders icon references are relative to


def draw(
    spec: Spec,
    options: RenderOptions,
    findings: Sequence[Diagnostic] | None = None,
    marks: Marks | None = None,
) -> Drawing:
    from mlsd_dsl.rendering.gaps import find_gaps
    from mlsd_dsl.rendering.scene import build_scene

    if options.gaps and findings is None:
        raise RenderError("drawing the gaps needs the spec's lint findings (pass findings=lint_spec(spec))")
    gaps = find_gaps(findings or ()) if options.gaps else None
    scene = build_scene(spec, gaps, feedback=options.feedback, marks=marks)
    if options.backend == "diagrams":
        from mlsd_dsl.rendering.diagrams_backend import build_icon_graph

        return build_icon_graph(scene, options)
    from mlsd_dsl.rendering.graphviz_backend import build_graph

    return Drawing(build_graph(scene, options))
