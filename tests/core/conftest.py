"""Helpers for the language-core tests: compile a snippet, get its diagnostics as text."""

from __future__ import annotations

import textwrap

import click

from mlsd_dsl.cli.text_report import format_diagnostic
from mlsd_dsl.compiler import Compilation, compile_text
from mlsd_dsl.parser import _parser, parse_source
from mlsd_dsl.parser.ast import FileNode


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


def trees_from_both_parsers(text: str, path: str = "x.mlsd") -> tuple[FileNode, FileNode]:
    """The syntax tree from the fast path (single-regex lexer) and from lark's contextual lexer."""
    fast = parse_source(text, path).file
    parser = _parser()
    parser.start(path)
    return fast, parser.lark.parse(text)
