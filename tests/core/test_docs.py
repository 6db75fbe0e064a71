"""docs/language.md stays true to the implementation."""

from __future__ import annotations

from pathlib import Path

from mlsd_dsl.diagnostics import ERROR_CODES
from mlsd_dsl.model.reference import with_vocabulary

LANGUAGE = Path(__file__).parents[2] / "docs" / "language.md"


def test_the_generated_vocabulary_is_up_to_date() -> None:
    document = LANGUAGE.read_text(encoding="utf-8")
    assert with_vocabulary(document) == document, "run: python -m mlsd_dsl.model.reference docs/language.md"


def test_every_error_code_is_documented_with_its_name() -> None:
    document = LANGUAGE.read_text(encoding="utf-8")
    for code in ERROR_CODES.values():
        assert f"| {code.code} | {code.name} |" in document
