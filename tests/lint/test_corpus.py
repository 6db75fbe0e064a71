"""The independent evaluation corpus for issue 12 (tests/lint/corpus/): designs written from the
language docs alone, with one-defect variants the rules should catch and legitimate variants they
must leave alone. `pytest -s tests/lint/test_corpus.py` prints the catch-rate table, as does
`python -m tests.lint.corpus_report`."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.lint.corpus_generate import CORPUS, DEFECT_CLASSES, stale_files
from tests.lint.corpus_report import Outcome, catch_rate, details, discover, false_positives, measure, table

TARGET_CATCH_RATE = 90.0


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    results = measure(discover())
    print()
    print(table(results))
    return results


def test_variant_files_match_their_base_and_patches() -> None:
    assert stale_files() == [], "run: .venv/bin/python -m tests.lint.corpus_generate"


def test_every_corpus_file_compiles(outcomes: list[Outcome]) -> None:
    broken = {o.variant.name: [f"{d.code} {d.message}" for d in o.errors] for o in outcomes if o.errors}
    assert broken == {}, "a corpus file with a language error is a bug in the corpus"


def test_the_corpus_has_the_promised_shape(outcomes: list[Outcome]) -> None:
    designs = {o.variant.design for o in outcomes}
    assert len(designs) >= 6
    per_design = Counter((o.variant.design, o.variant.kind) for o in outcomes)
    for design in designs:
        assert per_design[(design, "defect")] >= 8, design
        assert per_design[(design, "clean")] >= 3, design
    per_class = Counter(o.variant.defect_class for o in outcomes if o.variant.kind == "defect")
    assert {c: per_class[c] for c in DEFECT_CLASSES if per_class[c] < 3} == {}


def test_every_variant_differs_from_its_base(outcomes: list[Outcome]) -> None:
    bases = {
        o.variant.design: o.variant.path.read_text("utf-8") for o in outcomes if o.variant.kind == "base"
    }
    same = [
        o.variant.name
        for o in outcomes
        if o.variant.kind != "base"
        and o.variant.path.read_text("utf-8").split("\n", 1)[1] == bases[o.variant.design]
    ]
    assert same == []


def test_the_corpus_lives_outside_the_gallery() -> None:
    gallery_specs = {path.stem for path in (CORPUS.parents[2] / "specs").glob("*.mlsd")}
    assert gallery_specs.isdisjoint(path.name for path in CORPUS.iterdir())


def test_rules_catch_nine_in_ten_defects(outcomes: list[Outcome]) -> None:
    missed = [o for o in outcomes if o.variant.kind == "defect" and not o.caught]
    assert catch_rate(outcomes) >= TARGET_CATCH_RATE, details(missed)


def test_no_finding_on_legitimate_designs(outcomes: list[Outcome]) -> None:
    flagged = [f"{o.variant.name}: {code} {message}" for o, (code, message) in false_positives(outcomes)]
    assert flagged == []
