"""Running the VS Code extension's node scripts (editors/vscode) from the tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
NODE = shutil.which("node")

requires_node = pytest.mark.skipif(NODE is None, reason="node is not installed (.ci/bootstrap installs it)")


def node_modules() -> Path:
    """The extension's npm packages; without them the test fails, saying how to install them."""
    modules = EXTENSION / "node_modules"
    if not (modules / "vscode-textmate").is_dir():
        pytest.fail(f"{modules} is missing: run .ci/bootstrap (or `npm ci` in {EXTENSION})")
    return modules


def run_node(*args: str, timeout: float = 120, env: dict[str, str] | None = None) -> str:
    assert NODE is not None
    node_modules()
    result = subprocess.run(
        [NODE, *args], cwd=EXTENSION, capture_output=True, text=True, check=False, timeout=timeout, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


Token = tuple[int, int, list[str]]


def tokenize(files: list[Path]) -> tuple[dict[Path, list[list[Token]]], float]:
    """Each file's lines as TextMate tokens (start, end, scopes), and the milliseconds it took."""
    answer: dict[str, Any] = json.loads(run_node("test/tokenize.js", *map(str, files)))
    tokens = {
        Path(name): [[(s, e, scopes) for s, e, scopes in line] for line in lines]
        for name, lines in answer["files"].items()
    }
    return tokens, float(answer["ms"])
