"""The formatter's two promises, property-tested: idempotence and meaning preservation.

Over generated specs (every kind, section and value type, random layout and comments) and over
every spec in specs/, with and without extra comments scattered through it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlsd_dsl.compiler import compile_text
from mlsd_dsl.formatter import format_source
from tests.profiles import scaled
from tests.strategies import specs

from .helpers import SPEC_FILES, comment_texts, meaning


def formatted(text: str) -> str:
    result = format_source(text)
    assert result.text is not None, result.diagnostics
    return result.text


@given(specs)
def test_formatting_generated_specs_is_idempotent_and_keeps_meaning_and_comments(text: str) -> None:
    before = compile_text(text)
    assert before.spec is not None, (text, before.diagnostics)
    once = formatted(text)
    assert formatted(once) == once
    assert meaning(compile_text(once)) == meaning(before)
    assert comment_texts(once) == comment_texts(text)


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda path: path.name)
def test_each_spec_keeps_its_meaning_and_formats_idempotently(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = formatted(text)
    assert formatted(once) == once
    assert meaning(compile_text(once, str(path), path)) == meaning(compile_text(text, str(path), path))
    assert comment_texts(once) == comment_texts(text)


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda path: path.name)
@scaled(0.1)  # run once per spec file, and each example reformats a whole spec
@given(data=st.data())
def test_comments_added_anywhere_in_a_spec_are_kept(path: Path, data: st.DataObject) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    chosen = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=8), label="lines")
    for index in sorted(chosen, reverse=True):
        if data.draw(st.booleans(), label="own line"):
            lines.insert(index, f"# inserted {index}")
        elif "#" not in lines[index]:
            lines[index] += f"  # mlsd: ignore[DATA003] -- inserted {index}"
    text = "\n".join(lines)
    once = formatted(text)
    assert formatted(once) == once
    assert comment_texts(once) == comment_texts(text)
    assert meaning(compile_text(once, str(path), path)) == meaning(compile_text(text, str(path), path))
