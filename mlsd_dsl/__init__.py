"""mlsd: ML system designs as code — parse, check, lint and render `.mlsd` specs.

    >>> import mlsd_dsl
    >>> spec = mlsd_dsl.load("specs/video_recommendation.mlsd")

The public API is imported lazily, so `import mlsd_dsl` (and `mlsd --version`) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from mlsd_dsl.version import __version__

_LAZY: dict[str, str] = {
    "parse": "mlsd_dsl.api",
    "load": "mlsd_dsl.api",
    "Compilation": "mlsd_dsl.compiler",
    "compile_file": "mlsd_dsl.compiler",
    "compile_text": "mlsd_dsl.compiler",
    "Diagnostic": "mlsd_dsl.diagnostics",
    "Severity": "mlsd_dsl.diagnostics",
    "SpecError": "mlsd_dsl.diagnostics",
    "Spec": "mlsd_dsl.model",
    "render": "mlsd_dsl.api",
    "load_ipython_extension": "mlsd_dsl.notebook",
}

if TYPE_CHECKING:
    from mlsd_dsl.api import load, parse, render
    from mlsd_dsl.compiler import Compilation, compile_file, compile_text
    from mlsd_dsl.diagnostics import Diagnostic, Severity, SpecError
    from mlsd_dsl.model import Spec
    from mlsd_dsl.notebook import load_ipython_extension


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mlsd_dsl' has no attribute {name!r}")


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
    "load_ipython_extension",
    "parse",
    "render",
]
