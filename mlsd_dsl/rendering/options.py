"""What a caller may ask of the renderer: format, backend, theme, direction and extras."""

from __future__ import annotations

from dataclasses import dataclass

from mlsd_dsl.rendering import themes

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
BACKENDS: tuple[str, ...] = ("graphviz", "diagrams")
DIRECTIONS: tuple[str, ...] = ("LR", "TB")
THEMES: tuple[str, ...] = tuple(themes.THEMES)
DOT_TIMEOUT = 60.0  # seconds `dot` may take before it is stopped


class RenderError(Exception):
    """A diagram could not be produced; the message says why and what to do."""


@dataclass(frozen=True)
class RenderOptions:
    fmt: str = "svg"
    backend: str = "graphviz"
    gaps: bool = False
    theme: str = "light"
    direction: str = "LR"
    legend: bool = False
    summary: bool = False
    timeout: float | None = DOT_TIMEOUT  # None: no limit

    def __post_init__(self) -> None:
        _check_choice("format", self.fmt, FORMATS)
        _check_choice("backend", self.backend, BACKENDS)
        _check_choice("theme", self.theme, THEMES)
        _check_choice("direction", self.direction, DIRECTIONS)
        if self.timeout is not None and not self.timeout > 0:
            raise RenderError(f"the timeout must be a positive number of seconds, not {self.timeout}")


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise RenderError(f"unknown {what} '{value}': expected one of {', '.join(choices)}")
