"""`mlsd export`: a spec as JSON (the whole model), Mermaid, D2 or DOT.

>>> from mlsd_dsl.export import export
>>> markdown_diagram = export(spec, "mermaid")
"""

from __future__ import annotations

from collections.abc import Callable

from mlsd_dsl.model.spec import Spec

FORMATS = ("json", "mermaid", "d2", "dot")
SUFFIXES = {"json": ".json", "mermaid": ".mmd", "d2": ".d2", "dot": ".dot"}


DIRECTIONS = ("LR", "TB")


def export(spec: Spec, fmt: str, direction: str = "LR") -> str:
    """The spec in `fmt`, one of `FORMATS`; diagrams read in `direction` (LR or TB)."""
    return _exporter(fmt)(spec, direction)


def _exporter(fmt: str) -> Callable[[Spec, str], str]:
    if fmt == "json":
        from mlsd_dsl.export.json_export import to_json

        return lambda spec, _direction: to_json(spec)
    if fmt == "mermaid":
        from mlsd_dsl.export.mermaid import to_mermaid

        return to_mermaid
    if fmt == "d2":
        from mlsd_dsl.export.d2 import to_d2

        return to_d2
    if fmt == "dot":
        from mlsd_dsl.rendering import to_dot

        return lambda spec, direction: to_dot(spec, direction=direction)
    raise ValueError(f"unknown export format '{fmt}'; expected one of: {', '.join(FORMATS)}")
