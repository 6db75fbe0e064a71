"""Output formats of `mlsd check`: each module renders a `Report` as text."""

from __future__ import annotations

from collections.abc import Callable

from mlsd_dsl.cli.formats.report import Report

FORMATS = ("text", "json", "sarif", "github")


def renderer(name: str) -> Callable[[Report], str]:
    """The render function of one format, imported only when used."""
    from importlib import import_module

    module = import_module(f"mlsd_dsl.cli.formats.{name}_format")
    render: Callable[[Report], str] = module.render
    return render
