"""Imports (relative, inside the project, acyclic) and files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

import mlsd_dsl
from mlsd_dsl.compiler import compile_file


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'designs'\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_and_messages(path: Path) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in compile_file(path).diagnostics]


def test_imports_are_relative_to_the_importing_file_and_nest(project: Path) -> None:
    write(project, "shared/base.mlsd", "storage lake: s3\n")
    write(project, "shared/platform.mlsd", 'import "base.mlsd"\nstream bus: kafka\nbus -> lake\n')
    main = write(
        project,
        "designs/main.mlsd",
        'import "../shared/platform.mlsd"\nsystem s {\n  model m\n  lake -> m\n}\n',
    )
    spec = mlsd_dsl.load(main)
    assert list(spec.components) == ["lake", "bus", "m"]
    assert [(e.source, e.target) for e in spec.edges] == [("bus", "lake"), ("lake", "m")]
    assert spec.imports[0].resolved == "shared/platform.mlsd"


def test_a_module_imported_twice_is_loaded_once(project: Path) -> None:
    write(project, "base.mlsd", "storage lake\n")
    write(project, "a.mlsd", 'import "base.mlsd"\nmodel a\n')
    write(project, "b.mlsd", 'import "base.mlsd"\nmodel b\n')
    main = write(project, "main.mlsd", 'import "a.mlsd"\nimport "b.mlsd"\nsystem s { }\n')
    assert list(mlsd_dsl.load(main).components) == ["lake", "a", "b"]


def test_import_cycle(project: Path) -> None:
    write(project, "a.mlsd", 'import "b.mlsd"\nstorage a\n')
    write(project, "b.mlsd", 'import "a.mlsd"\nstorage b\n')
    main = write(project, "main.mlsd", 'import "a.mlsd"\nsystem s { }\n')
    assert codes_and_messages(main) == [("E202", "import cycle: a.mlsd → b.mlsd → a.mlsd")]


def test_a_file_importing_itself(project: Path) -> None:
    main = write(project, "main.mlsd", 'import "main.mlsd"\nsystem s { }\n')
    assert codes_and_messages(main) == [("E202", "import cycle: main.mlsd → main.mlsd")]


def test_import_escaping_the_project(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    main = write(project, "main.mlsd", 'import "../outside.mlsd"\nsystem s { }\n')
    (diagnostic,) = compile_file(main).diagnostics
    assert diagnostic.code == "E203"
    assert diagnostic.message.startswith("import '../outside.mlsd' leaves the project root")
    assert (diagnostic.span.line, diagnostic.span.column) == (1, 8)


def test_import_not_found(project: Path) -> None:
    main = write(project, "main.mlsd", 'import "missing.mlsd"\nsystem s { }\n')
    (diagnostic,) = compile_file(main).diagnostics
    assert (diagnostic.code, diagnostic.message, diagnostic.hint) == (
        "E201",
        "imported file not found: missing.mlsd",
        "import paths are relative to the importing file",
    )


def test_imported_files_must_be_modules(project: Path) -> None:
    write(project, "other.mlsd", "system other { }\n")
    main = write(project, "main.mlsd", 'import "other.mlsd"\nsystem s { }\n')
    assert codes_and_messages(main) == [
        ("E204", "imported file other.mlsd declares a system; only modules can be imported")
    ]


def test_errors_inside_an_imported_file_point_into_it(project: Path) -> None:
    write(project, "base.mlsd", "storag lake\n")
    main = write(project, "main.mlsd", 'import "base.mlsd"\nsystem s { }\n')
    (diagnostic,) = compile_file(main).diagnostics
    assert (diagnostic.code, diagnostic.span.file, diagnostic.span.line) == ("E101", "base.mlsd", 1)


def test_duplicate_name_across_files_says_where(project: Path) -> None:
    write(project, "base.mlsd", "storage lake\n")
    main = write(project, "main.mlsd", 'import "base.mlsd"\nsystem s {\n  storage lake\n}\n')
    (diagnostic,) = compile_file(main).diagnostics
    assert (diagnostic.code, diagnostic.hint) == (
        "E105",
        "first declared at base.mlsd:1; names must be unique",
    )


def test_missing_file(project: Path) -> None:
    assert codes_and_messages(project / "nope.mlsd") == [("E301", "no such file: nope.mlsd")]


def test_directory_given_as_a_file(project: Path) -> None:
    (project / "dir.mlsd").mkdir()
    assert codes_and_messages(project / "dir.mlsd") == [("E304", "not a file: dir.mlsd")]


def test_non_utf8_file(project: Path) -> None:
    path = project / "latin1.mlsd"
    path.write_bytes("system s {\n  storage café\n}\n".encode("latin-1"))
    (diagnostic,) = compile_file(path).diagnostics
    assert (diagnostic.code, diagnostic.message) == ("E302", "latin1.mlsd is not valid UTF-8 (byte 0xe9)")
    assert (diagnostic.span.line, diagnostic.span.column) == (2, 14)


def test_utf8_byte_order_mark_is_accepted(project: Path) -> None:
    path = project / "bom.mlsd"
    path.write_bytes("\ufeffsystem s { storage lake }\n".encode())
    assert compile_file(path).diagnostics == []


def test_empty_file(project: Path) -> None:
    path = write(project, "empty.mlsd", "")
    assert codes_and_messages(path) == [("E303", "the file declares nothing")]


def test_api_raises_spec_error_with_every_diagnostic(project: Path) -> None:
    with pytest.raises(mlsd_dsl.SpecError) as raised:
        mlsd_dsl.parse("system s {\n  sevring a\n  x -> y\n}\n")
    assert [d.code for d in raised.value.diagnostics] == ["E101", "E108", "E108"]
    assert str(raised.value) == "<string>:2:3: unknown component kind 'sevring' (and 2 more)"
