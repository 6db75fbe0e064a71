"""The `mlsd check` cache: unchanged specs are replayed, and a change to anything a report depends
on (the spec, a file it imports, the configuration, the options, mlsd itself) is checked again."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli import cache as cache_module
from mlsd_dsl.cli.commands import check as check_command
from mlsd_dsl.cli.main import cli
from mlsd_dsl.compiler import Compilation

MODULE = "storage lake: s3\n"
SYSTEM = 'import "lib.mlsd"\n\nsystem s {\n  model ranker: xgboost\n  lake -> ranker\n}\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MLSD_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".mlsd.toml").write_text('select = ["ALL"]\n')
    (folder / "lib.mlsd").write_text(MODULE)
    (folder / "main.mlsd").write_text(SYSTEM)
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The specs `mlsd check` really compiles (the others come from the cache)."""
    calls: list[Path] = []
    real = check_command.compile_file

    def counting(path: str | Path) -> Compilation:
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(check_command, "compile_file", counting)
    return calls


def check(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--jobs", "1", *args])
    return result.exit_code, json.loads(result.stdout)


def diagnostics(report: dict[str, object]) -> list[tuple[str, str]]:
    files = report["files"]
    assert isinstance(files, list)
    return [(d["code"], d["message"]) for file in files for d in file["diagnostics"]]


def test_an_unchanged_spec_is_not_checked_again(project: Path, compiled: list[Path]) -> None:
    first = check("main.mlsd")
    assert compiled == [Path("main.mlsd")]
    assert check("main.mlsd") == first
    assert compiled == [Path("main.mlsd")]


def test_no_cache_checks_every_time(project: Path, compiled: list[Path]) -> None:
    first = check("main.mlsd")
    assert check("--no-cache", "main.mlsd") == first
    assert len(compiled) == 2


def edit_spec(project: Path) -> None:
    (project / "main.mlsd").write_text(SYSTEM.replace("lake -> ranker", "ranker -> lake"))


def edit_import(project: Path) -> None:
    (project / "lib.mlsd").write_text(MODULE.replace("lake", "pond"))


def edit_config(project: Path) -> None:
    (project / ".mlsd.toml").write_text('select = ["ALL"]\nignore = ["req"]\n')


@pytest.mark.parametrize("edit", [edit_spec, edit_import, edit_config], ids=["spec", "import", "config"])
def test_a_change_is_never_answered_from_the_cache(
    project: Path, compiled: list[Path], edit: Callable[[Path], None]
) -> None:
    check("main.mlsd")
    edit(project)
    cached = check("main.mlsd")
    assert len(compiled) == 2
    assert cached == check("--no-cache", "main.mlsd")


def test_an_edited_import_is_seen(project: Path) -> None:
    code, before = check("main.mlsd")
    assert not any("lake" in message for _, message in diagnostics(before))
    edit_import(project)
    code, after = check("main.mlsd")
    assert code == 2
    assert any("lake" in message for _, message in diagnostics(after))


def test_options_that_change_the_report_are_part_of_the_key(project: Path, compiled: list[Path]) -> None:
    check("main.mlsd")
    check("--no-lint", "main.mlsd")
    check("--coverage", "main.mlsd")
    check("--ignore", "req", "main.mlsd")
    assert len(compiled) == 4


def test_another_mlsd_version_does_not_read_the_entries(
    project: Path, compiled: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    check("main.mlsd")
    monkeypatch.setattr(cache_module, "__version__", "0.0.0-other")
    cache_module._environment.cache_clear()
    try:
        check("main.mlsd")
    finally:
        cache_module._environment.cache_clear()
    assert len(compiled) == 2


def entries(project: Path) -> list[Path]:
    return sorted((project.parent / "cache" / "mlsd" / cache_module.FOLDER_NAME).iterdir())


def test_a_damaged_entry_is_a_miss(project: Path, compiled: list[Path]) -> None:
    first = check("main.mlsd")
    for entry in entries(project):
        entry.write_bytes(b"not a pickle")
    assert check("main.mlsd") == first
    assert len(compiled) == 2


def test_entries_are_written_whole_into_a_private_folder(project: Path) -> None:
    check("main.mlsd", "lib.mlsd")
    written = entries(project)
    assert len(written) == 2
    assert not [entry for entry in written if entry.name.startswith(".")]  # no temporary left behind
    assert stat.S_IMODE(written[0].parent.parent.stat().st_mode) == 0o700


def test_invalid_specs_are_not_stored(project: Path, compiled: list[Path]) -> None:
    edit_import(project)
    check("main.mlsd")
    check("main.mlsd")
    assert len(compiled) == 2
