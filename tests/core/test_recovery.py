"""A syntax error does not hide the name and reference errors in the rest of the file, and the
statements it damaged cause none."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.parser import parse_source
from tests.core.conftest import compile_snippet, rendered, system


def found(text: str) -> list[tuple[str, int, str]]:
    compilation = compile_snippet(text)
    assert compilation.spec is None, "a spec with errors gives no model"
    return [(d.code, d.span.line if d.span else 0, d.message) for d in compilation.diagnostics]


DECLARATIONS = """\
source events: kafka
dataset train
model ranker: lightgbm"""


def test_a_syntax_error_and_a_later_unknown_name_are_both_reported_in_order() -> None:
    lines = [*DECLARATIONS.splitlines(), 'storage "lake"', *["# …"] * 14, "ranker -> nowhere"]
    text = system("\n".join(lines))
    assert [line for line in text.splitlines() if "lake" in line or "nowhere" in line] == [
        '  storage "lake"',
        "  ranker -> nowhere",
    ]
    assert text.splitlines().index('  storage "lake"') + 1 == 5
    assert text.splitlines().index("  ranker -> nowhere") + 1 == 20
    assert rendered(text) == [
        "spec.mlsd:5:11: error[E001]: unexpected string \"lake\" after 'storage'\n"
        '5 |   storage "lake"\n'
        "  |           ^^^^^^\n"
        '  = help: a declaration is written: storage NAME [: TECH] ["label"] [{ attributes }]\n'
        "  = expected: a name",
        "spec.mlsd:20:13: error[E108]: 'nowhere' is not a declared component\n"
        "20 |   ranker -> nowhere\n"
        "   |             ^^^^^^^",
    ]


def test_name_errors_of_every_kind_are_reported_past_a_syntax_error() -> None:
    text = system(
        "model m { loss focal }\nsevring api\nmodel m\ndataset d { splt: time }\nm -> x\ngroup g { m y }"
    )
    assert found(text) == [
        ("E001", 2, "unexpected name 'focal'"),
        ("E101", 3, "unknown component kind 'sevring'"),
        ("E105", 4, "'m' is already declared"),
        ("E102", 5, "unknown attribute 'splt' for dataset 'd'"),
        ("E108", 6, "'x' is not a declared component"),
        ("E108", 7, "'y' is not a declared component"),
    ]


def test_a_name_declared_only_on_a_broken_line_is_not_an_unknown_reference() -> None:
    text = system(
        "source events: kafka\n"
        "model ranker: lightgbm { loss: focal: x }\n"  # dropped by recovery: ranker is not in the tree
        "serving api: online { fallback: ranker }\n"
        "events -> ranker -> api\n"
        "group g { ranker api }\n"
        "ranker -> missing"
    )
    assert found(text) == [
        ("E001", 3, "unexpected ':'"),
        ("E108", 7, "'missing' is not a declared component"),
    ]


def test_the_compilers_findings_on_a_repaired_line_are_left_out() -> None:
    # `split tiem` is repaired as `split: tiem`, which is not a valid split: the author sees the
    # syntax error first, as on any line with several mistakes.
    assert found(system("dataset d { split tiem }")) == [("E001", 2, "unexpected name 'tiem'")]


def test_an_invalid_literal_does_not_hide_the_other_errors() -> None:
    text = system("requirements { latency_p99: 5xs }\nmodel m\nm -> x")
    assert found(text) == [
        ("E005", 2, "unknown unit 'xs' in '5xs'"),
        ("E108", 4, "'x' is not a declared component"),
    ]


def test_a_file_whose_every_statement_is_broken_is_not_also_empty() -> None:
    assert found('storage "lake"\n') == [("E001", 1, "unexpected string \"lake\" after 'storage'")]


def test_when_the_brackets_do_not_balance_only_syntax_errors_are_reported() -> None:
    # Where each statement belongs is a guess then: `serving api` would be read as an attribute
    # of `m`, and `api` reported as undeclared.
    text = "system s {\n  model m {\n    loss: ce\n  serving api\n  m -> api\n  m -> nowhere\n}\n"
    assert parse_source(text, "spec.mlsd").recovered is None
    assert {code for code, _, _ in found(text)} <= {"E001", "E007"}


def test_a_valid_file_has_no_recovered_tree() -> None:
    parsed = parse_source(system("model m"), "spec.mlsd")
    assert parsed.file is not None
    assert parsed.recovered is None


def test_check_fails_and_lists_both_kinds_of_error(tmp_path: Path) -> None:
    spec = tmp_path / "broken.mlsd"
    spec.write_text(system("model m { loss focal }\nm -> x"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--no-color", "check", str(spec)])
    assert result.exit_code == 2, result.output
    assert [line.split(": ", 1)[1] for line in result.output.splitlines() if ": error[" in line] == [
        "error[E001]: unexpected name 'focal'",
        "error[E108]: 'x' is not a declared component",
    ]
