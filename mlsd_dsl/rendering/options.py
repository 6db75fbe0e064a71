"""What a caller may ask of the renderer: format, backend, theme, direction and extras."""

from __future__ import annotations

from dataclasses import dataclass

from mlsd_dsl.rendering import themes

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
BACKENDS: tuple[str, ...] = ("graphviz", "diagrams")
AUTO = "auto"
DIRECTIONS: tuple[str, ...] = (AUTO, "LR", "TB")
DEFAULT_RANKDIR = "TB"
THEMES: tuple[str, ...] = tuple(themes.THEMES)
DOT_TIMEOUT = 60.0  # seconds `dot` may take before it is stopped
MIN_SCALE, MAX_SCALE = 0.5, 4.0
NODE_SPACING = 0.2


class RenderError(Exception):
    """A diagram could not be produced; the message says why and what to do."""


@dataclass(frozen=True)
class RenderOptions:
    fmt: str = "svg"
    backend: str = "graphviz"
    gaps: bool = False
    theme: str = "light"
    direction: str = AUTO  # auto: whichever of LR and TB fits a page best
    legend: bool = False
    summary: bool = False
    timeout: float | None = DOT_TIMEOUT  # None: no limit
    feedback: bool = True  # draw log and trigger edges
    scale: float = 1.0  # PNG resolution: 1 is 96 dpi, 2 is 192 dpi for retina screens
    node_spacing: float = NODE_SPACING  # inches between neighbours of a rank (`auto` tries others)

    @property
    def rankdir(self) -> str:
        """The direction to lay out in; `auto` not yet decided is top to bottom."""
        return DEFAULT_RANKDIR if self.direction == AUTO else self.direction

    def __post_init__(self) -> None:
        _check_choice("format", self.fmt, FORMATS)
        _check_choice("backend", self.backend, BACKENDS)
        _check_choice("theme", self.theme, THEMES)
        _check_choice("direction", self.direction, DIRECTIONS)
        if not MIN_SCALE <= self.scale <= MAX_SCALE:
            raise RenderError(
                f"the scale must be between {MIN_SCALE:g} and {MAX_SCALE:g}, not {self.scale:g}"
            )
        if self.timeout is not None and not self.timeout > 0:
            raise RenderError(f"the timeout must be a positive number of seconds, not {self.timeout}")


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise RenderError(f"unknown {what} '{value}': expected one of {', '.join(choices)}")
