"""Comparing compiled specs the way the formatter promises: same meaning, same comments."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mlsd_dsl.compiler import Compilation
from mlsd_dsl.parser import parse_source

REPO = Path(__file__).resolve().parents[2]
SPEC_FILES = sorted((REPO / "specs").rglob("*.mlsd"))


def without_spans(value: object) -> object:
    if isinstance(value, dict):
        return {key: without_spans(item) for key, item in value.items() if key != "span"}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value


def meaning(compilation: Compilation) -> object:
    """The compiled model without positions and comments, plus the diagnostics' codes and messages."""
    model = (
        without_spans(compilation.spec.model_dump(mode="json", exclude={"comments"}))
        if compilation.spec
        else None
    )
    return model, [(d.code, d.message) for d in compilation.diagnostics]


def comment_texts(text: str) -> Counter[str]:
    parsed = parse_source(text)
    assert parsed.file is not None, parsed.diagnostics
    return Counter(comment.text.rstrip() for comment in parsed.file.comments)
