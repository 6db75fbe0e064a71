"""Generative systems: a well-designed retrieval-augmented assistant on a vendor LLM with a frozen
embedder lints clean with no suppression, and each single defect is caught by its own rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import mlsd_dsl
from mlsd_dsl.lint import all_rules, lint_spec
from mlsd_dsl.lint.rules import generative
from mlsd_dsl.rendering import to_dot
from mlsd_dsl.report import design_report

REPO = Path(__file__).resolve().parents[2]
RAG_SPEC = REPO / "specs" / "rag_support_assistant.mlsd"
CLASSICAL_SPECS = [
    *(
        REPO / "specs" / f"{name}.mlsd"
        for name in (
            "ad_click_prediction",
            "event_recommendation",
            "harmful_content_detection",
            "news_feed",
            "people_you_may_know",
            "similar_listings",
            "street_view_blurring",
            "video_recommendation",
            "video_search",
            "visual_search",
        )
    ),
    *(
        REPO / "specs" / "broken" / f"{name}.mlsd"
        for name in (
            "ad_click_prediction_draft",
            "lint_fraud_detection",
            "lint_semantic_search",
            "news_feed_draft",
            "visual_search_draft",
        )
    ),
]

GENERATIVE_CODES = {
    rule.code
    for rule in all_rules()
    if rule.check is not None and rule.check.__module__ == generative.__name__
}

# (rule, text in the clean design, the same text with one defect)
DEFECTS = [
    (
        "EVAL050",
        "offline: [groundedness, answer_relevance, citation_accuracy, recall@20]",
        "offline: [answer_relevance, recall@20]",
    ),
    ("SERVE050", "position: output", "position: input"),
    ("MODEL050", '    version: "gpt-4o-2024-08-06"\n', ""),
    ("MODEL051", "    eval_set: golden\n", ""),
    (
        "DATA050",
        '  search_index keywords: elasticsearch "BM25 over the same chunks" {\n    refresh: 1h\n',
        '  search_index keywords: elasticsearch "BM25 over the same chunks" {\n',
    ),
    (
        "DATA051",
        '    acl: "filter by the caller\'s account and teams"\n    latency_p99: 20ms\n',
        "    latency_p99: 20ms\n",
    ),
    ("DATA052", "checks: [prompt_injection, jailbreak, pii]", "checks: [prompt_injection, jailbreak]"),
    ("EVAL051", "    judge_agreement: 86%\n", ""),
    ("SERVE053", "    ttft_p99: 900ms\n", ""),
    ("SERVE051", "    fallback: backup_llm\n", ""),
    ("SERVE052", "    streaming: true\n", ""),
]


def findings_of(text: str) -> list[tuple[str, str]]:
    spec = mlsd_dsl.parse(text, "rag_support_assistant.mlsd")
    return [(finding.code, finding.message) for finding in lint_spec(spec)]


def test_the_well_designed_rag_assistant_lints_clean_without_suppressions() -> None:
    text = RAG_SPEC.read_text(encoding="utf-8")
    assert "mlsd: ignore" not in text
    assert "provenance: vendor" in text and "provenance: pretrained" in text
    assert findings_of(text) == []


@pytest.mark.parametrize(("code", "clean", "defect"), DEFECTS, ids=[code for code, _, _ in DEFECTS])
def test_each_single_defect_is_caught_by_its_rule_alone(code: str, clean: str, defect: str) -> None:
    text = RAG_SPEC.read_text(encoding="utf-8")
    assert text.count(clean) == 1, clean
    found = findings_of(text.replace(clean, defect))
    assert [finding_code for finding_code, _ in found] == [code], found


def test_every_generative_rule_has_a_single_defect_case() -> None:
    assert {code for code, _, _ in DEFECTS} == GENERATIVE_CODES


@pytest.mark.parametrize("path", CLASSICAL_SPECS, ids=lambda path: path.stem)
def test_generative_rules_find_nothing_in_classical_designs(path: Path) -> None:
    """Their full findings are pinned elsewhere (the gallery is clean, the drafts' findings are in
    tests/lint/expected/broken/); here: no generative rule adds to them."""
    spec = mlsd_dsl.load(str(path))
    assert not [finding for finding in lint_spec(spec) if finding.code in GENERATIVE_CODES]


RAG_DRAFT = REPO / "specs" / "broken" / "rag_support_assistant_draft.mlsd"


def test_the_report_and_the_gaps_show_generative_findings_like_any_others() -> None:
    draft = mlsd_dsl.load(str(RAG_DRAFT))
    findings = lint_spec(draft)
    assert {finding.code for finding in findings} >= GENERATIVE_CODES
    report = design_report(draft, "md", findings)
    for code in GENERATIVE_CODES:
        assert code in report, code
    assert "generator-without-guardrails" in report
    gaps = to_dot(draft, gaps=True, findings=findings)
    assert "gap_SERVE050" in gaps and "gap_MODEL051" in gaps
    assert "gap_SERVE050" not in to_dot(draft, findings=findings)
