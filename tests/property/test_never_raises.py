"""Whatever the input, compiling gives diagnostics, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mlsd_dsl.compiler import Compilation, compile_text
from mlsd_dsl.diagnostics import Severity

EXAMPLE = "".join(
    line
    for line in (Path(__file__).parent.parent / "core" / "data" / "issue_example.mlsd").open()
    if "import" not in line and "platform_events" not in line
)
TOKENS = [
    "system",
    "group",
    "import",
    "requirements",
    "framing",
    "evaluation",
    "model",
    "serving",
    "dataset",
    "sevring",
    "x",
    "y",
    "api",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "->",
    '"label"',
    '"',
    "150ms",
    "3%",
    "1m",
    "10B/day",
    "recall@10",
    "true",
    "false",
    "#c\n",
    "\n",
    " ",
    "$",
    "-",
    "0",
    "1.5M",
    "split",
    "time",
]


def assert_well_formed(text: str, compilation: Compilation) -> None:
    if compilation.spec is None:
        assert any(d.severity is Severity.ERROR for d in compilation.diagnostics)
    line_count = text.count("\n") + 1
    for diagnostic in compilation.diagnostics:
        assert diagnostic.message
        if diagnostic.span is not None and diagnostic.span.file == "fuzz.mlsd":
            assert 1 <= diagnostic.span.line <= line_count + 1
            assert diagnostic.span.column >= 1
        if diagnostic.code == "E007" and diagnostic.span is not None:  # points at the bracket left open
            line = text.split("\n")[diagnostic.span.line - 1]
            assert line[diagnostic.span.column - 1] in "{[", diagnostic


@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    assert_well_formed(text, compile_text(text, "fuzz.mlsd"))


@given(st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join))
def test_token_soup(text: str) -> None:
    assert_well_formed(text, compile_text(text, "fuzz.mlsd"))


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    text = EXAMPLE
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        chunk = draw(st.sampled_from(TOKENS) | st.text(max_size=3))
        end = min(len(text), position + draw(st.integers(1, 12)))
        if action == "delete":
            text = text[:position] + text[end:]
        elif action == "insert":
            text = text[:position] + chunk + text[position:]
        else:
            text = text[:position] + chunk + text[end:]
    return text


@given(mutated_example())
def test_mutated_specs(text: str) -> None:
    assert_well_formed(text, compile_text(text, "fuzz.mlsd"))
