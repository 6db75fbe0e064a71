"""The committed gallery/ is what `mlsd gallery specs/ -o gallery/` makes of the committed specs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "run `mlsd gallery specs/ -o gallery/` and commit gallery/"


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_committed_gallery_is_up_to_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    for config in ("pyproject.toml", ".mlsd.toml"):  # lint configuration shapes findings and gaps
        if (ROOT / config).is_file():
            shutil.copy(ROOT / config, tmp_path / config)
    monkeypatch.chdir(tmp_path)  # the same relative layout as the repository: specs/ beside gallery/

    result = CliRunner().invoke(cli, ["gallery", "specs/", "-o", "gallery/"])

    assert result.exit_code == 0, result.output
    regenerated, committed = files_in(tmp_path / "gallery"), files_in(ROOT / "gallery")
    assert sorted(committed) == sorted(regenerated), REGENERATE
    assert [name for name in regenerated if regenerated[name] != committed[name]] == [], REGENERATE
