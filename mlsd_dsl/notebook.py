"""Jupyter shows a spec as its diagram.

The model knows nothing of rendering; this module teaches IPython to display a `Spec` as SVG.
`mlsd_dsl.load` and `mlsd_dsl.parse` register it when they run inside IPython, and
`%load_ext mlsd_dsl` registers it explicitly.
"""

from __future__ import annotations

import sys
from typing import Any

from mlsd_dsl.model.spec import Spec

SVG_MIME = "image/svg+xml"


def spec_svg(spec: Spec) -> str | None:
    """The spec's diagram as SVG text, or None (IPython then shows plain text) when it cannot be drawn."""
    from mlsd_dsl.rendering import RenderError, render

    try:
        return render(spec, fmt="svg").decode("utf-8")
    except RenderError:
        return None


def register(shell: Any) -> None:
    """Display every `Spec` in `shell` (an IPython InteractiveShell) as its diagram."""
    shell.display_formatter.formatters[SVG_MIME].for_type(Spec, spec_svg)


def load_ipython_extension(shell: Any) -> None:
    register(shell)


def register_with_running_shell() -> None:
    """Register with the IPython shell this code runs in, if any; costs nothing outside IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        register(shell)
