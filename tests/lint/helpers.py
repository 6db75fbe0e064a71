"""Tiny helpers shared by the lint tests: compile a spec from text and lint it."""

from __future__ import annotations

from textwrap import dedent

from mlsd_dsl.compiler import compile_text
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint import LintConfig, lint_spec
from mlsd_dsl.model.spec import Spec


def compile_spec(text: str, path: str = "spec.mlsd") -> Spec:
    compilation = compile_text(dedent(text), path)
    assert compilation.spec is not None, [d.message for d in compilation.diagnostics]
    return compilation.spec


def lint(text: str, config: LintConfig | None = None, path: str = "spec.mlsd") -> list[Diagnostic]:
    return lint_spec(compile_spec(text, path), config)


def codes(text: str, config: LintConfig | None = None) -> list[str]:
    return [d.code for d in lint(text, config)]


def only(code: str, text: str) -> list[tuple[int, str]]:
    """(line, message) of the findings of one rule."""
    return [(d.span.line, d.message) for d in lint(text) if d.code == code]
