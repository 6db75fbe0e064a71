"""The case studies are lint-clean and cover all 7 steps; the drafts report exactly their flaws."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.lint import coverage, lint_spec
from mlsd_dsl.model.spec import Spec

SPECS = Path(__file__).resolve().parents[2] / "specs"
CASE_STUDIES = [
    "ad_click_prediction.mlsd",
    "event_recommendation.mlsd",
    "harmful_content_detection.mlsd",
    "news_feed.mlsd",
    "people_you_may_know.mlsd",
    "similar_listings.mlsd",
    "street_view_blurring.mlsd",
    "video_recommendation.mlsd",
    "video_search.mlsd",
    "visual_search.mlsd",
]
DRAFT_FINDINGS: dict[str, list[tuple[int, str]]] = {
    "ad_click_prediction_draft.mlsd": [
        (4, "MODEL002"), (14, "FRAME005"), (22, "DATA003"), (22, "DATA004"), (23, "MODEL007"),
        (25, "SERVE010"), (26, "MON006"), (26, "SERVE003"), (26, "SERVE006"), (26, "SERVE005"),
        (27, "MON002"), (27, "MON003"), (29, "EVAL004"), (29, "EVAL007"), (30, "EVAL005"),
    ],
    "news_feed_draft.mlsd": [
        (4, "EVAL001"), (4, "FRAME001"), (4, "MON001"), (4, "SERVE004"), (18, "MODEL005"),
        (18, "MODEL007"), (20, "DATA007"), (20, "MON006"), (20, "SERVE006"),
    ],
    "visual_search_draft.mlsd": [
        (4, "MODEL002"), (4, "MON001"), (4, "SERVE004"), (23, "MODEL008"), (23, "SERVE009"),
        (25, "MON006"), (25, "SERVE003"), (25, "SERVE006"), (27, "EVAL004"), (27, "EVAL007"),
    ],
}


def compiled(path: Path) -> Spec:
    compilation = compile_file(path)
    assert compilation.diagnostics == [], compilation.diagnostics
    assert compilation.spec is not None
    return compilation.spec


def test_the_ten_case_studies_are_all_there() -> None:
    assert sorted(path.name for path in SPECS.glob("*.mlsd")) == CASE_STUDIES


@pytest.mark.parametrize("name", CASE_STUDIES)
def test_case_study_is_lint_clean_and_covers_every_step(name: str) -> None:
    spec = compiled(SPECS / name)
    findings = lint_spec(spec)

    assert [(d.span.line if d.span else 0, d.code, d.message) for d in findings] == []
    assert [step["status"] for step in coverage(spec, findings)["steps"]] == ["covered"] * 7


def test_the_shared_platform_module_is_lint_clean() -> None:
    spec = compiled(SPECS / "common" / "platform.mlsd")

    assert spec.is_module
    assert lint_spec(spec) == []


def test_every_draft_is_pinned() -> None:
    assert sorted(path.name for path in (SPECS / "broken").glob("*_draft.mlsd")) == sorted(DRAFT_FINDINGS)


@pytest.mark.parametrize("name", sorted(DRAFT_FINDINGS))
def test_draft_reports_exactly_its_flaws(name: str) -> None:
    spec = compiled(SPECS / "broken" / name)

    assert [(d.span.line, d.code) for d in lint_spec(spec)] == DRAFT_FINDINGS[name]
