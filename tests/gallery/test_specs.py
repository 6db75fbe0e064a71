"""The case studies are lint-clean and cover all 7 steps; the drafts report exactly their flaws."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.formatter import format_source
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
        (4, "MODEL002"),
        (14, "FRAME005"),
        (23, "DATA011"),
        (23, "DATA003"),
        (23, "DATA004"),
        (25, "MODEL007"),
        (28, "SERVE010"),
        (29, "MON006"),
        (29, "SERVE003"),
        (29, "SERVE006"),
        (29, "SERVE005"),
        (31, "MON002"),
        (31, "MON003"),
        (33, "EVAL004"),
        (33, "EVAL007"),
        (34, "EVAL005"),
    ],
    "news_feed_draft.mlsd": [
        (4, "EVAL001"),
        (4, "FRAME001"),
        (4, "MON001"),
        (4, "SERVE004"),
        (18, "DATA011"),
        (27, "MODEL005"),
        (27, "MODEL007"),
        (30, "DATA007"),
        (30, "MON006"),
        (30, "SERVE006"),
    ],
    "visual_search_draft.mlsd": [
        (4, "MODEL002"),
        (4, "MON001"),
        (4, "SERVE004"),
        (23, "DATA011"),
        (25, "MODEL008"),
        (25, "SERVE009"),
        (33, "MON006"),
        (33, "SERVE003"),
        (33, "SERVE006"),
        (35, "EVAL004"),
        (35, "EVAL007"),
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
    assert [step.status.value for step in coverage(spec, findings).steps] == ["covered"] * 7


OWN_SPECS = [*CASE_STUDIES, "common/platform.mlsd", *(f"broken/{name}" for name in DRAFT_FINDINGS)]


@pytest.mark.parametrize("path", OWN_SPECS)
def test_spec_is_in_canonical_format(path: str) -> None:
    text = (SPECS / path).read_text(encoding="utf-8")
    assert format_source(text, path).text == text, f"run `mlsd fmt specs/{path}`"


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
