"""The `mlsd` command as users and CI meet it: exit codes, paths, formats, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mlsd_dsl import __version__
from mlsd_dsl.cli.main import cli

VALID = "system s {\n  storage lake: s3\n}\n"
INVALID = "system s {\n  sevring api\n}\n"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_version() -> None:
    assert run("--version") == (0, f"mlsd {__version__}\n")


def test_valid_spec_exits_zero(workdir: Path) -> None:
    (workdir / "a.mlsd").write_text(VALID)
    assert run("check", "--no-lint", "a.mlsd") == (0, "0 errors, 0 warnings in 1 file\n")


def test_invalid_spec_exits_two_with_the_diagnostic(workdir: Path) -> None:
    (workdir / "a.mlsd").write_text(INVALID)
    code, output = run("check", "a.mlsd")
    assert code == 2
    assert output.startswith("a.mlsd:2:3: error[E101]: unknown component kind 'sevring'\n")
    assert output.rstrip().endswith("1 error, 0 warnings in 1 file")


def test_directories_are_searched_recursively_and_globs_expand(workdir: Path) -> None:
    for name in ("a.mlsd", "sub/b.mlsd", "sub/deeper/c.mlsd", ".hidden/d.mlsd"):
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(VALID)
    assert run("check", "--no-lint", ".")[1].endswith("in 3 files\n")
    assert run("check", "--no-lint", "sub/**/*.mlsd")[1].endswith("in 2 files\n")
    assert run("check", "--no-lint", ".", "a.mlsd")[1].endswith("in 3 files\n")  # each file once


def test_missing_path_and_empty_glob_are_errors(workdir: Path) -> None:
    code, output = run("check", "missing.mlsd")
    assert code == 2 and "missing.mlsd: error[E301]: no such file: missing.mlsd" in output
    code, _ = run("check", "nothing/*.mlsd")
    assert code == 2


def test_json_output_is_machine_readable(workdir: Path) -> None:
    (workdir / "a.mlsd").write_text(INVALID)
    code, output = run("check", "--format", "json", "a.mlsd")
    report = json.loads(output)
    diagnostics = [d for f in report["files"] for d in f["diagnostics"]]
    assert code == 2
    assert [(d["code"], d["span"]["line"], d["span"]["column"]) for d in diagnostics] == [("E101", 2, 3)]


def test_unknown_command_suggests_the_nearest() -> None:
    code, output = run("chek", "x")
    assert code == 2 and "no such command 'chek'. did you mean 'check'?" in output


def test_schema_is_the_spec_models_json_schema() -> None:
    code, output = run("schema")
    schema = json.loads(output)
    assert code == 0
    assert schema["title"] == "Spec" and "components" in schema["properties"]


def _modules_after(*args: str, cwd: Path) -> set[str]:
    probe = (
        "import sys; sys.argv = ['mlsd', *sys.argv[1:]]\n"
        "from mlsd_dsl.cli.main import cli\n"
        "try:\n    cli.main(prog_name='mlsd')\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd, check=False
    )
    return set(done.stderr.split())


@pytest.mark.parametrize("args", [("--version",), ("check", "a.mlsd")])
def test_start_up_does_not_import_rendering_libraries(workdir: Path, args: tuple[str, ...]) -> None:
    (workdir / "a.mlsd").write_text(VALID)
    modules = _modules_after(*args, cwd=workdir)
    assert "click" in modules
    assert not {"graphviz", "diagrams", "mlsd_dsl.rendering", "jsonschema"} & modules
    assert not {"pygls", "lsprotocol", "mlsd_dsl.lsp"} & modules  # the language server's stack


def test_version_does_not_even_import_the_compiler(workdir: Path) -> None:
    modules = _modules_after("--version", cwd=workdir)
    assert not {"lark", "pydantic", "mlsd_dsl.compiler"} & modules


def test_internal_errors_never_show_a_traceback(
    monkeypatch: pytest.MonkeyPatch, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mlsd_dsl.cli import main as main_module

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(main_module.cli, "main", broken)
    with pytest.raises(SystemExit) as exited:
        main_module.main()
    assert exited.value.code == 2
    assert capsys.readouterr().err.startswith("mlsd: internal error: RuntimeError: boom\n")


def test_colour_only_when_asked_or_on_a_terminal(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workdir / "a.mlsd").write_text(INVALID)
    runner = CliRunner()
    plain = runner.invoke(cli, ["check", "a.mlsd"]).output
    coloured = runner.invoke(cli, ["--color", "check", "a.mlsd"]).output
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured and click.unstyle(coloured) == plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(cli, ["check", "a.mlsd"], color=True).output


def test_the_public_api_lists_exactly_what_it_exports() -> None:
    import mlsd_dsl

    assert set(mlsd_dsl.__all__) == {*mlsd_dsl._LAZY, "__version__"}
    for name in mlsd_dsl.__all__:
        assert getattr(mlsd_dsl, name) is not None
