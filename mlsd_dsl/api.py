"""The Python API: `parse(text)` and `load(path)` give a `Spec` or raise `SpecError`."""

from __future__ import annotations

from pathlib import Path

from mlsd_dsl.compiler import Compilation, compile_file, compile_text
from mlsd_dsl.diagnostics import SpecError
from mlsd_dsl.model import Spec


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
