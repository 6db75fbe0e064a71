"""The fuzz campaign (tests/fuzz) in small: hostile text through the API and the command line.

The alphabet is the campaign's: whitespace runs, nesting, control characters, NUL, byte-order
marks, lone carriage returns, noncharacters, unknown string escapes, hostile import paths, huge
labels, odd numbers and keywords in the wrong places, inserted into the specs in specs/ and into
generated specs. Whitespace runs go to 100,000 characters and nesting to 500 levels, as in the
campaign: lexing is linear and neither error recovery nor the formatter recurses per level.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import mlsd_dsl
from mlsd_dsl.cli.main import cli
from mlsd_dsl.diagnostics import SpecError
from mlsd_dsl.export import FORMATS, export
from mlsd_dsl.formatter import format_source
from mlsd_dsl.lint import coverage, lint_spec
from mlsd_dsl.rendering import to_dot
from mlsd_dsl.report import design_report
from tests.fuzz.inputs import (
    CONTROL,
    IMPORT_PATHS,
    INVALID_UTF8,
    KEYWORDS,
    KIND_WORDS,
    ODD_CHARACTERS,
    ODD_NUMBERS,
    ODD_WORDS,
    STRUCTURE,
    UNKNOWN_ESCAPES,
    WHITESPACE,
    escape,
    seeds,
)
from tests.fuzz.project import build_project
from tests.strategies import specs

MAX_RUN = 100_000
MAX_DEPTH = 500
HUGE_LABEL = 100_000

characters = st.sampled_from([*CONTROL, *ODD_CHARACTERS, *WHITESPACE, "\ufeff", "\x00", "\ufffe", "\uffff"])
whitespace_runs = st.builds(
    lambda unit, length: unit * length, st.sampled_from(WHITESPACE), st.integers(1, MAX_RUN)
)
BRACKETS = [("[", "]"), ("{", "}"), ("[a, ", "]"), ("{ a: ", "}")]
nestings = st.builds(
    lambda pair, depth, closed: pair[0] * depth + pair[1] * depth * closed,
    st.sampled_from(BRACKETS),
    st.integers(1, MAX_DEPTH),
    st.booleans(),
)
labels = st.one_of(
    st.sampled_from(UNKNOWN_ESCAPES),
    st.lists(characters, max_size=8).map(lambda pieces: f'"{escape("".join(pieces))}"'),
    st.builds(
        lambda unit, length: f'"{escape(unit * length)}"',
        st.sampled_from(["x", "é", "\ufffe", "<&>", "`"]),
        st.sampled_from([1, 300, 20_000, HUGE_LABEL]),
    ),
)
imports = st.sampled_from(IMPORT_PATHS).map(lambda path: f'\nimport "{escape(path)}"\n')
words = st.sampled_from(KEYWORDS + KIND_WORDS + ODD_WORDS + ODD_NUMBERS + STRUCTURE)
fragments = st.one_of(characters, whitespace_runs, nestings, labels, imports, words)
seed_texts = st.sampled_from([seed.text for seed in seeds()])


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """A seed or generated spec with fragments inserted, ranges deleted and tokens replaced."""
    text = draw(base)
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 40)))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        fragment = "" if action == "delete" else draw(fragments)
        text = text[:start] + fragment + (text[start:] if action == "insert" else text[end:])
    return text


hostile_texts = st.one_of(
    mutated(seed_texts),
    mutated(specs),
    st.lists(st.one_of(fragments, words), max_size=30).map(" ".join),
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose files the hostile imports name: symbolic-link loops, a FIFO, a cycle, a long chain."""
    root = tmp_path_factory.mktemp("attacks")
    build_project(root, chain=100)
    return root


@settings(deadline=None)
@given(text=hostile_texts)
def test_the_api_raises_nothing_but_spec_errors(project: Path, text: str) -> None:
    with contextlib.chdir(project):  # `parse` resolves imports from the working directory
        try:
            spec = mlsd_dsl.parse(text, "attack.mlsd")
        except SpecError as problem:
            assert problem.diagnostics
            spec = None
        formatted = format_source(text, "attack.mlsd")
        if spec is None:
            return
        assert formatted.text is not None, formatted.diagnostics
        findings = lint_spec(spec)
        coverage(spec, findings)
        for fmt in FORMATS:
            assert export(spec, fmt)
        for fmt in ("md", "html"):
            assert design_report(spec, fmt, findings)
        assert to_dot(spec, backend="diagrams", gaps=True, legend=True, summary=True, findings=findings)


COMMANDS = [
    ["check", "--format", "json", "--coverage", "{spec}"],
    ["check", "--format", "sarif", "{spec}"],
    ["fmt", "--check", "{spec}"],
    ["fmt", "{spec}"],
    ["fmt", "-"],
    ["export", "--to", "mermaid", "-o", "-", "{spec}"],
    ["export", "--to", "d2", "-o", "out.d2", "{spec}"],
    ["render", "-f", "dot", "--gaps", "-o", "out.dot", "{spec}"],
    ["report", "-f", "html", "-o", "-", "{spec}"],
]


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """Spec text as a file holds it: sometimes with invalid UTF-8 or byte-order marks anywhere."""
    data = draw(hostile_texts).encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.sampled_from([*INVALID_UTF8, b"\xef\xbb\xbf"])) + data[cut:]
    return data


@settings(deadline=None)
@given(data=file_bytes(), command=st.sampled_from(COMMANDS))
def test_the_command_line_exits_cleanly_whatever_the_file(
    project: Path, data: bytes, command: list[str]
) -> None:
    spec = project / "attack.mlsd"
    spec.write_bytes(data)
    args = [part.replace("{spec}", str(spec)) for part in command]
    with contextlib.chdir(project):
        result = CliRunner().invoke(cli, ["--no-color", *args], input=data)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1, 2), result.output
    assert "internal error" not in result.output
    assert "Traceback" not in result.output
