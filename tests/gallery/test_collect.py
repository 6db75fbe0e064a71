"""Which files the gallery draws: top-level systems as case studies, `*_draft` files as drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.gallery import GalleryError
from mlsd_dsl.gallery.build import gallery_files
from mlsd_dsl.gallery.collect import collect

SYSTEM = "system {name} {{ source events: kafka }}\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_case_studies_then_drafts_and_modules_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b_case.mlsd", SYSTEM.format(name="b"))
    write(tmp_path / "a_case.mlsd", 'import "common/shared.mlsd"\n' + SYSTEM.format(name="a"))
    write(tmp_path / "common" / "shared.mlsd", "registry models: mlflow\n")
    write(tmp_path / "broken" / "a_case_draft.mlsd", SYSTEM.format(name="a_draft"))
    write(tmp_path / "broken" / "other_broken.mlsd", SYSTEM.format(name="other"))

    collection = collect(tmp_path)

    assert collection.problems == []
    assert [(entry.stem, entry.draft) for entry in collection.entries] == [
        ("a_case", False),
        ("b_case", False),
        ("a_case_draft", True),
    ]


def test_a_spec_that_does_not_compile_stops_the_gallery(tmp_path: Path) -> None:
    write(tmp_path / "bad.mlsd", "system bad { modle m }\n")

    with pytest.raises(GalleryError) as raised:
        gallery_files(tmp_path, tmp_path / "gallery")

    assert [d.code for d in raised.value.diagnostics] == ["E101"]
    assert "bad.mlsd" in next(iter(raised.value.sources))


def test_a_folder_without_systems_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "common.mlsd", "registry models: mlflow\n")

    with pytest.raises(GalleryError, match="no system specs"):
        gallery_files(tmp_path, tmp_path / "gallery")
