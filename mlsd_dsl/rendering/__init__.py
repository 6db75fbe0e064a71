"""Stage 4: a `Spec` (and its lint gaps) as a diagram — DOT, SVG, PNG or PDF.

    >>> from mlsd_dsl.rendering import render, to_dot
    >>> svg = render(spec, fmt="svg", backend="diagrams", gaps=True, theme="dark")

Graphviz and mingrammer `diagrams` are imported only inside the functions that draw.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlsd_dsl.model.spec import Spec
from mlsd_dsl.rendering.options import BACKENDS, DIRECTIONS, FORMATS, THEMES, RenderError, RenderOptions

if TYPE_CHECKING:
    import graphviz

RENDERING_PACKAGES = ("graphviz", "diagrams")

__all__ = ["BACKENDS", "DIRECTIONS", "FORMATS", "THEMES", "RenderError", "RenderOptions", "render", "to_dot"]


def render(spec: Spec, fmt: str = "svg", backend: str = "graphviz", gaps: bool = False, theme: str = "light",
           direction: str = "LR", *, legend: bool = False, summary: bool = False) -> bytes:
    """The spec drawn in `fmt` (svg, png, pdf or dot); raises `RenderError` when it cannot be."""
    options = RenderOptions(fmt, backend, gaps, theme, direction, legend, summary)
    return render_with(spec, options)


def to_dot(spec: Spec, backend: str = "graphviz", gaps: bool = False, theme: str = "light",
           direction: str = "LR", *, legend: bool = False, summary: bool = False) -> str:
    """The DOT source of the diagram `render` would draw."""
    options = RenderOptions("dot", backend, gaps, theme, direction, legend, summary)
    return render_with(spec, options).decode("utf-8")


def render_with(spec: Spec, options: RenderOptions) -> bytes:
    from mlsd_dsl.rendering.output import pipe

    try:
        drawing = draw(spec, options)
        return pipe(drawing.graph, options.fmt, drawing.icons, drawing.icon_dir)
    except ModuleNotFoundError as problem:
        if problem.name not in RENDERING_PACKAGES:
            raise
        raise RenderError(f"rendering needs the Python package '{problem.name}': pip install {problem.name}") from None


@dataclass
class Drawing:
    """A graph ready for Graphviz, with the icon files it refers to (diagrams backend)."""

    graph: graphviz.Digraph
    icons: dict[str, Path] = field(default_factory=dict)
    icon_dir: Path | None = None


def draw(spec: Spec, options: RenderOptions) -> Drawing:
    from mlsd_dsl.rendering.gaps import find_gaps
    from mlsd_dsl.rendering.scene import build_scene

    scene = build_scene(spec, find_gaps(spec) if options.gaps else None)
    if options.backend == "diagrams":
        from mlsd_dsl.rendering.diagrams_backend import build_icon_graph

        return build_icon_graph(scene, options)
    from mlsd_dsl.rendering.graphviz_backend import build_graph

    return Drawing(build_graph(scene, options))


class _CallableModule(types.ModuleType):
    """`mlsd_dsl.render(spec)` must work even after this package is imported: importing a
    submodule binds its name on the parent package, hiding the lazily exported function."""

    def __call__(self, *args: Any, **kwargs: Any) -> bytes:
        return render(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
