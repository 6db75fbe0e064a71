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
    ("MODEL050", '    provider: openai\n    version: "gpt-4o-2024-08-06"\n', "    provider: openai\n"),
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
    ("SERVE051", '    fallback: "the answer service\'s own fallback: search results as links"\n', ""),
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
    # one finding, or one per model the defect touches (both vendor writers see unredacted text)
    assert found and {finding_code for finding_code, _ in found} == {code}, found


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


def codes_in(body: str) -> set[str]:
    spec = mlsd_dsl.parse("system s {\n" + body + "\n}\n", "s.mlsd")
    return {finding.code for finding in lint_spec(spec)}


VENDOR = 'model llm: openai { provenance: vendor  provider: openai  version: "gpt-4o-2024-08-06" '


@pytest.mark.parametrize(
    ("code", "body", "found"),
    [
        ("MODEL050", 'model llm: openai { provenance: vendor  version: "gpt-4o-latest" }', True),
        ("MODEL050", "model llm: openai { provenance: vendor  version: latest }", True),
        ("MODEL050", 'model llm: openai { provenance: pretrained  base: "llama" }', False),
        (
            "SERVE051",
            VENDOR + "}\nmodel small: llama_3 { provenance: pretrained }\n"
            "service gateway: litellm { routes: [llm, small] }\ngateway -request-> llm, small",
            False,
        ),
        ("SERVE051", VENDOR + "}\nservice gateway: litellm { routes: [llm] }\ngateway -request-> llm", True),
        (
            "DATA052",
            VENDOR
            + 'fallback: "cached answers" }\nsource t { pii: true }\nprocessor p { privacy: [redact] }\nt -> p -> llm',
            False,
        ),
        (
            "DATA052",
            VENDOR
            + 'fallback: "cached answers" }\nsource t { pii: true }\nprocessor p { privacy: [encrypt] }\nt -> p -> llm',
            True,
        ),
        (
            "DATA052",
            VENDOR
            + 'fallback: "cached answers" }\nclient app\nserving api: online\napp -request-> api { pii: true }\napi -request-> llm',
            True,
        ),
        (
            "DATA052",
            VENDOR
            + 'fallback: "cached answers" }\nmonitor m { watches: [pii] }\nsource t { pii: true }\nt -> m\nm -trigger-> llm',
            False,
        ),
        (
            "EVAL050",
            "model llm: llm { stage: generation }\nvector_db v: qdrant { refresh: 1h }\nv -read-> llm",
            True,
        ),
        (
            "EVAL050",
            "model llm: llm { stage: generation }\nvector_db v: qdrant { refresh: 1h }\nllm -> v",
            False,
        ),
        (
            "SERVE052",
            "requirements { latency_p99: 200ms }\nmodel lm: transformer { stage: generation  tokens_out: 8  "
            "tokens_per_s: 400  ttft_p99: 30ms }\nserving api: online\napi -request-> lm",
            False,
        ),
        (
            "SERVE052",
            "requirements { latency_p99: 2s }\nmodel lm: transformer { stage: generation  tokens_out: 300  "
            "tokens_per_s: 50  ttft_p99: 500ms }\nserving api: online\napi -request-> lm",
            True,
        ),
        (
            "SERVE052",
            "requirements { latency_p99: 2s }\nmodel img: stable_diffusion { modality: image }\nserving api: online",
            False,
        ),
        ("SERVE050", "model lm: transformer { stage: generation }\nserving job: batch", False),
        (
            "SERVE050",
            "model lm: transformer { stage: generation }\nserving api: online\n"
            "guardrail g { position: [input, output]  checks: [toxicity] }",
            False,
        ),
        ("SERVE050", "model ranker: lightgbm { stage: ranking }\nserving api: online", False),
    ],
)
def test_rule_edges(code: str, body: str, found: bool) -> None:
    assert (code in codes_in(body)) is found


def test_a_short_answer_is_measured_not_assumed() -> None:
    spec = mlsd_dsl.parse(
        "system s {\n  requirements { latency_p99: 2s }\n"
        "  model lm: transformer { stage: generation  tokens_out: 300  tokens_per_s: 50  ttft_p99: 500ms }\n"
        "  serving api: online\n  api -request-> lm\n}\n",
        "s.mlsd",
    )
    [finding] = [f for f in lint_spec(spec) if f.code == "SERVE052"]
    assert "about 6.5 s" in finding.message and "2s" in finding.message
