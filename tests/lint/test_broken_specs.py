"""The deliberately flawed specs in specs/broken/lint_*.mlsd report exactly these findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.lint import lint_spec

BROKEN = Path(__file__).resolve().parents[2] / "specs" / "broken"

EXPECTED: dict[str, list[tuple[int, str]]] = {
    "lint_fraud_detection.mlsd": [
        (3, "MON004"),
        (17, "REQ005"),
        (19, "DATA011"),
        (19, "DATA003"),
        (19, "DATA004"),
        (22, "MODEL006"),
        (25, "SERVE010"),
        (26, "MON006"),
        (26, "SERVE003"),
        (26, "SERVE006"),
        (26, "SERVE005"),
        (28, "MON002"),
        (28, "SUP001"),
        (30, "EVAL007"),
        (31, "EVAL005"),
    ],
    "lint_keyboard_suggestions.mlsd": [
        (3, "MODEL002"),
        (3, "MON001"),
        (3, "SERVE004"),
        (4, "REQ002"),
        (16, "REQ005"),
        (17, "DATA011"),
        (22, "SERVE008"),
        (23, "SERVE002"),
        (25, "GRAPH004"),
        (27, "EVAL008"),
    ],
    "lint_semantic_search.mlsd": [
        (11, "FRAME004"),
        (18, "DATA011"),
        (21, "MODEL008"),
        (23, "GRAPH002"),
        (23, "MODEL009"),
        (32, "DATA008"),
        (32, "GRAPH001"),
        (34, "EVAL007"),
        (35, "EVAL006"),
        (40, "GRAPH003"),
    ],
}


def test_every_lint_demo_spec_is_pinned() -> None:
    assert sorted(path.name for path in BROKEN.glob("lint_*.mlsd")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_spec_reports_exactly_its_findings(name: str) -> None:
    compilation = compile_file(BROKEN / name)
    assert compilation.spec is not None
    assert [(d.span.line, d.code) for d in lint_spec(compilation.spec)] == EXPECTED[name]
