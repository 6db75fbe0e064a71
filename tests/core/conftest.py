"""Helpers for the language-core tests: compile a snippet, get its diagnostics as text."""

from __future__ import annotations

import textwrap

import click

from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.compiler import Compilation, compile_text


def compile_snippet(text: str) -> Compilation:
    return compile_text(textwrap.dedent(text).lstrip("\n"), "spec.mlsd")


def system(body: str) -> str:
    """Wrap statements in a system block, one statement per line, indented by two spaces."""
    lines = textwrap.dedent(body).strip("\n").splitlines()
    return "system s {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


def rendered(text: str) -> list[str]:
    """Each diagnostic as `mlsd check` prints it, without colour."""
    compilation = compile_snippet(text)
    return [click.unstyle(format_diagnostic(d, compilation.sources)) for d in compilation.diagnostics]
