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
        assert f"| {code.value} | {code.slug} |" in document


README = LANGUAGE.parents[1] / "README.md"


def _mlsd_blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```mlsd\n")[1:]]


def test_the_readme_tour_spec_compiles_and_shows_the_findings_it_claims() -> None:
    from mlsd_dsl.compiler import compile_text
    from mlsd_dsl.lint import lint_spec

    (tour,) = [block for block in _mlsd_blocks(README) if block.startswith("system")]
    compilation = compile_text(tour, "feed.mlsd")
    assert compilation.diagnostics == []
    codes = {finding.code for finding in lint_spec(compilation.spec)}
    assert {"DATA003", "DATA004", "SERVE005", "EVAL001", "MON001"} <= codes


def test_the_language_reference_examples_compile() -> None:
    from mlsd_dsl.compiler import compile_text

    blocks = [b for b in _mlsd_blocks(LANGUAGE) if b.lstrip().startswith(("system", "#"))]
    assert blocks
    for block in blocks:
        body = "".join(line for line in block.splitlines(keepends=True) if not line.startswith("import"))
        assert compile_text(body, "example.mlsd").diagnostics == [], body


def test_the_language_reference_fragments_are_valid_statements() -> None:
    """Fragments (a few statements, not a whole system) parse and compile inside a system; only
    the names they leave undeclared are allowed to be reported."""
    from mlsd_dsl.compiler import compile_text

    fragments = [
        b
        for b in _mlsd_blocks(LANGUAGE)
        if not b.lstrip().startswith(("system", "#", "import")) and "{ statements }" not in b
    ]
    assert len(fragments) >= 5
    for fragment in fragments:
        compilation = compile_text("system s {\n" + fragment + "}\n", "example.mlsd")
        assert {d.code for d in compilation.diagnostics} <= {"E108"}, (fragment, compilation.diagnostics)
