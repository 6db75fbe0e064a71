"""docs/diff.md stays true: its example diff is what `mlsd diff` prints for the files it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "diff.md"


def _console_block() -> tuple[str, list[str]]:
    block = DOC.read_text(encoding="utf-8").split("```console\n", 1)[1].split("```", 1)[0]
    command, *lines = block.splitlines()
    return command.removeprefix("$ "), lines


def test_the_documented_output_is_what_mlsd_diff_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    command, documented = _console_block()
    arguments = command.split()[1:]
    result = CliRunner().invoke(cli, arguments)
    printed = iter(result.stdout.splitlines())
    for line in documented:
        if line.strip().startswith("…") or line.strip() == "~ …":
            continue
        assert line in printed, f"docs/diff.md shows a line mlsd diff does not print (in this order): {line}"
    assert result.exit_code == 0  # only info findings are new


def test_the_readme_links_the_diff_docs_and_picture() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/diff.md)" in readme
    assert (REPO / "docs" / "images" / "diff.png").is_file()
    assert "(images/diff.png)" in DOC.read_text(encoding="utf-8")
