"""`mlsd new`: every template gives a spec that compiles, is formatted, and whose lint findings are
exactly its open decisions (the `TODO(CODE)` comments); making those decisions makes it clean."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli
from mlsd_dsl.compiler import compile_text
from mlsd_dsl.formatter import format_source
from mlsd_dsl.lint import lint_spec
from mlsd_dsl.scaffold import TEMPLATES, ScaffoldError, new_spec, open_decisions

TODO_LINE = re.compile(r"^(\s*)# TODO\([A-Z0-9]+\): [^\n]*?e\.g\. ([^\n]*)$", re.MULTILINE)


def findings(text: str) -> list[str]:
    compilation = compile_text(text, "new.mlsd")
    assert compilation.spec is not None, compilation.diagnostics
    return [finding.code for finding in lint_spec(compilation.spec)]


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_fresh_skeleton_reports_exactly_its_open_decisions(template: str) -> None:
    text = new_spec("my_system", template)
    assert open_decisions(text), "a skeleton leaves the author something to decide"
    assert sorted(findings(text)) == sorted(open_decisions(text))


@pytest.mark.parametrize("template", TEMPLATES)
def test_taking_the_suggested_decisions_leaves_no_findings(template: str) -> None:
    decided = TODO_LINE.sub(r"\1\2", new_spec("my_system", template))
    assert open_decisions(decided) == []
    assert findings(decided) == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_fresh_skeleton_is_formatted(template: str) -> None:
    text = new_spec("my_system", template, title='A "quoted" title')
    assert format_source(text).text == text


def test_the_name_and_title_are_filled_in() -> None:
    text = new_spec("video-recs", "ranking")
    assert text.startswith("# Video recs — an ML system design")
    assert 'system video-recs "Video recs" {' in text
    assert 'system s "A \\"quoted\\"\\nlabel" {' in new_spec("s", "ranking", title='A "quoted"\nlabel')


def test_an_invalid_system_name_is_refused() -> None:
    with pytest.raises(ScaffoldError, match="'my system' is not a valid system name"):
        new_spec("my system", "ranking")


def test_new_writes_the_spec_and_names_the_open_decisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "fraud", "--template", "classification"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "created fraud.mlsd from the 'classification' template; 4 decisions are open: "
        "REQ002, REQ003, REQ004, FRAME003"
    )
    assert (tmp_path / "fraud.mlsd").read_text() == new_spec("fraud", "classification")


def test_new_never_overwrites_a_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.mlsd"
    target.write_text("system mine {}\n")
    result = CliRunner().invoke(cli, ["new", "mine", "-t", "ranking", "-o", str(target)])
    assert result.exit_code == 2
    assert "already exists; not overwriting it" in result.output
    assert target.read_text() == "system mine {}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.mlsd"]


def test_new_prints_to_standard_output_with_dash() -> None:
    result = CliRunner().invoke(cli, ["new", "x", "-t", "forecasting", "-o", "-"])
    assert result.exit_code == 0
    assert result.output == new_spec("x", "forecasting")


def test_an_unknown_template_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["new", "x", "-t", "chatbot"])
    assert result.exit_code == 2
    assert "'chatbot' is not one of" in result.output


def test_shell_completion_offers_the_templates() -> None:
    environment = {
        "_MLSD_COMPLETE": "bash_complete",
        "COMP_WORDS": "mlsd new x --template ",
        "COMP_CWORD": "4",
    }
    result = CliRunner().invoke(cli, [], env=environment, prog_name="mlsd")
    assert result.output.split() == [f"plain,{template}" for template in TEMPLATES]


def test_new_with_a_path_writes_that_file_creating_its_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "specs/risk/fraud.mlsd", "-t", "classification"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "created specs/risk/fraud.mlsd (system 'fraud') from the 'classification' template; "
        "4 decisions are open: REQ002, REQ003, REQ004, FRAME003"
    )
    assert (tmp_path / "specs/risk/fraud.mlsd").read_text() == new_spec("fraud", "classification")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs"]


@pytest.mark.parametrize(
    ("name", "created", "system"),
    [
        ("fraud.mlsd", "fraud.mlsd", "fraud"),
        ("specs/video-recs", "specs/video-recs.mlsd", "video-recs"),
        ("specs/2024 fraud (v2).mlsd", "specs/2024 fraud (v2).mlsd", "_2024_fraud_v2"),
        ("specs/fraud.v2", "specs/fraud.v2.mlsd", "fraud_v2"),
    ],
)
def test_a_path_names_the_system_after_the_file(
    name: str, created: str, system: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", name, "-t", "ranking"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"created {created} (system '{system}') from the 'ranking' template;")
    assert result.output.splitlines()[1] == (
        f"next: fill in the TODOs, then run `mlsd fmt {shlex.quote(created)}` and "
        f"`mlsd check {shlex.quote(created)}`"
    )
    assert (tmp_path / created).read_text() == new_spec(system, "ranking")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["é!.mlsd"], "cannot make a system name from the file name 'é!': it has no ASCII letter or digit"),
        (["specs/"], "'specs/' is a folder; give the file to create, e.g. specs/fraud.mlsd"),
        (
            ["x.mlsd", "-o", "y.mlsd"],
            "'x.mlsd' is already the file to create; drop -o, or give a system name as NAME",
        ),
        (
            ["fraud.v2"],
            "'fraud.v2' is not a valid system name: use letters, digits, '_' and '-', starting with a letter "
            "or '_' (or give a file path ending in .mlsd)",
        ),
    ],
)
def test_a_name_that_cannot_be_used_is_refused(
    arguments: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", *arguments, "-t", "ranking"])
    assert (result.exit_code, result.output) == (2, f"mlsd: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs/fraud.mlsd").write_text("system mine {}\n")
    refused = CliRunner().invoke(cli, ["new", "specs/fraud.mlsd", "-t", "ranking"])
    assert (refused.exit_code, refused.output) == (
        2,
        "mlsd: specs/fraud.mlsd already exists; not overwriting it (choose another name, or use --force "
        "to replace it)\n",
    )
    assert (tmp_path / "specs/fraud.mlsd").read_text() == "system mine {}\n"
    forced = CliRunner().invoke(cli, ["new", "specs/fraud.mlsd", "-t", "ranking", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "specs/fraud.mlsd").read_text() == new_spec("fraud", "ranking")
    assert sorted(p.name for p in (tmp_path / "specs").iterdir()) == ["fraud.mlsd"]


def test_a_file_in_the_way_of_a_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").write_text("not a folder\n")
    result = CliRunner().invoke(cli, ["new", "specs/fraud.mlsd", "-t", "ranking"])
    assert (result.exit_code, result.output) == (2, "mlsd: cannot create specs/fraud.mlsd: Not a directory\n")


def test_folders_created_for_a_file_that_cannot_be_written_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, data: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("mlsd_dsl.cli.commands.new.write_new_file", full_disk)
    result = CliRunner().invoke(cli, ["new", "a/b/fraud.mlsd", "-t", "ranking"])
    assert (result.exit_code, result.output) == (
        2,
        "mlsd: cannot create a/b/fraud.mlsd: No space left on device\n",
    )
    assert list(tmp_path.iterdir()) == []
