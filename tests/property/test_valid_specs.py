"""Generated valid specs compile cleanly, and both parser paths agree on them."""

from __future__ import annotations

from hypothesis import given

from mlsd_dsl.compiler import compile_text
from tests.core.conftest import trees_from_both_parsers
from tests.strategies import specs


@given(specs)
def test_generated_specs_compile_without_diagnostics(text: str) -> None:
    compilation = compile_text(text, "gen.mlsd")
    assert compilation.diagnostics == [], text


@given(specs)
def test_fast_path_and_careful_path_agree(text: str) -> None:
    fast, careful = trees_from_both_parsers(text)
    assert repr(fast.systems) == repr(careful.systems)
