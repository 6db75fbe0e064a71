"""Dependencies point one way: parser → compiler → model → lint → rendering/export/report → cli.

Every `import` in the package (lazy ones inside functions included) is read from the source, and
each module may only import its own package or packages of a lower layer. A new top-level
package must be given a layer here, so where it sits is a decision, not an accident.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mlsd_dsl"

# Lower numbers are more basic; a package may import packages of its own layer or below.
LAYERS: dict[str, int] = {
    "model": 0,
    "files": 0,
    "version": 0,
    "suggest": 0,
    "parallel": 0,
    "diagnostics": 1,
    "parser": 2,
    "catalog": 2,
    "compiler": 3,
    "formatter": 3,
    "lint": 4,
    "estimate": 4,
    "rendering": 5,
    "export": 6,
    "report": 7,
    "diff": 7,
    "scaffold": 7,
    "gallery": 8,
    "notebook": 8,
    "api": 9,
    "serve": 9,
    "lsp": 9,
    "cli": 10,
    "__init__": 11,
    "__main__": 11,
}


def top_level(module: str) -> str:
    """`mlsd_dsl.lint.rules.data` → `lint`; the package's own `__init__` is `__init__`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 2:
        parts.pop()
    elif parts == ["mlsd_dsl", "__init__"]:
        return "mlsd_dsl"
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every mlsd_dsl module `path` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("mlsd_dsl.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("mlsd_dsl."):
                found.add(node.module)
            elif node.module == "mlsd_dsl":
                found |= {f"mlsd_dsl.{alias.name}" for alias in node.names}
    return found


def package_imports() -> dict[str, set[str]]:
    """Top-level package → the other top-level packages it imports."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        importer = top_level(module_name(path))
        graph[importer] |= {top_level(target) for target in imported_modules(path)} - {importer}
    return graph


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_top_level_package_has_a_layer() -> None:
    packages = {top_level(module_name(path)) for path in SOURCES}
    assert packages - set(LAYERS) == set(), "give the new package a layer in LAYERS"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_point_down_the_pipeline(path: Path) -> None:
    importer = top_level(module_name(path))
    upward = sorted(
        target
        for target in imported_modules(path)
        if top_level(target) != importer and LAYERS[top_level(target)] > LAYERS[importer]
    )
    assert upward == [], f"{importer} (layer {LAYERS[importer]}) must not import {upward}"


def test_no_import_cycle_between_top_level_packages() -> None:
    graph = package_imports()
    state: dict[str, str] = {}

    def visit(package: str, trail: list[str]) -> None:
        state[package] = "open"
        for target in sorted(graph.get(package, ())):
            assert state.get(target) != "open", "import cycle: " + " → ".join([*trail, package, target])
            if target not in state:
                visit(target, [*trail, package])
        state[package] = "done"

    for package in sorted(graph):
        if package not in state:
            visit(package, [])


def test_estimate_never_imports_lint() -> None:
    """Estimates sit beside lint: lint rules may read figures, so figures must not read lint."""
    assert "lint" not in package_imports().get("estimate", set())


def test_the_check_sees_lazy_imports(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        "def f():\n    from mlsd_dsl.rendering import render\n    import mlsd_dsl.lint.engine\n"
    )
    assert imported_modules(source) == {"mlsd_dsl.rendering", "mlsd_dsl.lint.engine"}
