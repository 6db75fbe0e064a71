"""The Python API: `parse(text)` and `load(path)` give a `Spec` or raise `SpecError`;
`render(spec)` draws it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mlsd_dsl.compiler import Compilation, compile_file, compile_text
from mlsd_dsl.diagnostics import Diagnostic, SpecError
from mlsd_dsl.model import Spec
from mlsd_dsl.notebook import register_with_running_shell


def _spec_or_raise(compilation: Compilation) -> Spec:
    if compilation.spec is None:
        raise SpecError(compilation.diagnostics)
    register_with_running_shell()
    return compilation.spec


def parse(text: str, path: str = "<string>") -> Spec:
    """Compile spec text into a `Spec`; raise `SpecError` with every diagnostic if it is invalid.

    Imports resolve relative to the working directory.
    """
    return _spec_or_raise(compile_text(text, path))


def load(path: str | Path) -> Spec:
    """Compile a `.mlsd` file (and what it imports) into a `Spec`, or raise `SpecError`."""
    return _spec_or_raise(compile_file(path))


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

    With `gaps` and no `findings`, the spec is linted as `mlsd check` would lint it (the lint
    configuration is found from the spec's folder).
    """
    from mlsd_dsl.rendering import RenderError
    from mlsd_dsl.rendering import render as draw

    if gaps and findings is None:
        from mlsd_dsl.lint import ConfigError, find_config, lint_spec

        try:
            findings = lint_spec(spec, find_config(spec.path))
        except ConfigError as problem:
            raise RenderError(f"--gaps: {problem}") from None
    return draw(
        spec,
        fmt,
        backend,
        gaps,
        theme,
        direction,
        legend=legend,
        summary=summary,
        findings=findings,
        feedback=feedback,
        scale=scale,
    )
