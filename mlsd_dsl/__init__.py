"""mlsd: ML system designs as code — parse, check, lint and render `.mlsd` specs.

    >>> import mlsd_dsl
    >>> spec = mlsd_dsl.load("specs/video_recommendation.mlsd")
"""

from __future__ import annotations

from pathlib import Path

from mlsd_dsl.compiler import Compilation, compile_file, compile_text
from mlsd_dsl.diagnostics import Diagnostic, Severity, SpecError
from mlsd_dsl.model import Spec

__version__ = "0.1.0"


def _spec_or_raise(compilation: Compilation) -> Spec:
    if compilation.spec is None:
        raise SpecError(compilation.diagnostics)
    return compilation.spec


def parse(text: str, path: str = "<string>") -> Spec:
    """Compile spec text into a `Spec`; raise `SpecError` with every diagnostic if it is invalid.

    Imports resolve relative to the working directory.
    """
    return _spec_or_raise(compile_text(text, path))


def load(path: str | Path) -> Spec:
    """Compile a `.mlsd` file (and what it imports) into a `Spec`, or raise `SpecError`."""
    return _spec_or_raise(compile_file(path))


__all__ = [
    "Compilation",
    "Diagnostic",
    "Severity",
    "Spec",
    "SpecError",
    "__version__",
    "compile_file",
    "compile_text",
    "load",
    "parse",
]
