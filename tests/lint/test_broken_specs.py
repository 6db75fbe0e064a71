"""The deliberately flawed specs in specs/broken/lint_*.mlsd report exactly these findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.lint import lint_spec

BROKEN = Path(__file__).resolve().parents[2] / "specs" / "broken"

EXPECTED: dict[str, list[tuple[int, str]]] = {
    "lint_fraud_detection.mlsd": [
        (3, "MON004"), (17, "REQ005"), (21, "DATA003"), (22, "DATA004"), (25, "MODEL006"), (27, "SERVE010"),
        (28, "MON006"), (28, "SERVE003"), (28, "SERVE006"), (28, "SERVE005"), (29, "MON002"), (29, "SUP001"),
        (31, "EVAL007"), (32, "EVAL005"),
    ],
    "lint_keyboard_suggestions.mlsd": [
        (3, "MODEL002"), (3, "MON001"), (3, "SERVE004"), (4, "REQ002"), (16, "REQ005"), (20, "SERVE008"),
        (21, "SERVE002"), (22, "GRAPH004"), (24, "EVAL008"),
    ],
    "lint_semantic_search.mlsd": [
        (11, "FRAME004"), (20, "MODEL008"), (21, "GRAPH002"), (21, "MODEL009"), (26, "DATA008"),
        (26, "GRAPH001"), (28, "EVAL007"), (29, "EVAL006"), (34, "GRAPH003"),
    ],
}


def test_every_lint_demo_spec_is_pinned() -> None:
    assert sorted(path.name for path in BROKEN.glob("lint_*.mlsd")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_spec_reports_exactly_its_findings(name: str) -> None:
    compilation = compile_file(BROKEN / name)
    assert compilation.spec is not None
    assert [(d.span.line, d.code) for d in lint_spec(compilation.spec)] == EXPECTED[name]
