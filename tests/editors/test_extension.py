"""The VS Code extension (editors/vscode): its manifest agrees with its client and grammar, its
language configuration fits the formatted specs, its preview finds pages on a real `mlsd serve`,
and `vsce package` builds a .vsix that holds what VS Code loads."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from mlsd_dsl.model.textmate import textmate_grammar
from tests.editors.node import EXTENSION, NODE, node_modules, requires_node, run_node
from tests.serve.conftest import HOSTILE_NAME, make_spec_folder, start_server, stop_server

ROOT = EXTENSION.parents[1]
MANIFEST: dict[str, Any] = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
CLIENT = "\n".join(path.read_text(encoding="utf-8") for path in sorted((EXTENSION / "src").glob("*.js")))
LANGUAGE: dict[str, Any] = json.loads((EXTENSION / "language-configuration.json").read_text(encoding="utf-8"))


def test_the_manifest_contributes_the_commands_and_settings_the_client_uses() -> None:
    contributes = MANIFEST["contributes"]
    registered = set(re.findall(r'registerCommand\("([^"]+)"', CLIENT))
    assert registered == {command["command"] for command in contributes["commands"]}
    assert {"mlsd.openPreview", "mlsd.restartServer"} <= registered
    read = {f"mlsd.{key}" for key in re.findall(r'settings\(\)\.get\("([^"]+)"', CLIENT)}
    properties = contributes["configuration"]["properties"]
    assert read <= set(properties), read - set(properties)
    assert properties["mlsd.server.path"]["default"] == "mlsd"
    assert properties["mlsd.server.args"]["default"] == ["lsp"]
    assert properties["mlsd.preview.url"]["default"] == "http://127.0.0.1:8000"  # mlsd serve's default
    assert "mlsd.trace.server" in properties  # vscode-languageclient reads <client id>.trace.server
    assert 'new LanguageClient("mlsd"' in CLIENT


def test_the_manifest_points_at_files_that_exist_and_agree() -> None:
    (language,) = MANIFEST["contributes"]["languages"]
    (grammar,) = MANIFEST["contributes"]["grammars"]
    assert language["id"] == grammar["language"] == "mlsd"
    assert language["extensions"] == [".mlsd"]
    assert "onLanguage:mlsd" in MANIFEST["activationEvents"]
    for relative in (MANIFEST["main"], language["configuration"], grammar["path"], "LICENSE", "README.md"):
        assert (EXTENSION / relative).is_file(), relative
    assert grammar["scopeName"] == textmate_grammar()["scopeName"]
    assert MANIFEST["license"] == "MIT" and "MIT" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_vscode_engine_is_one_the_language_client_supports() -> None:
    client = json.loads(
        (node_modules() / "vscode-languageclient" / "package.json").read_text(encoding="utf-8")
    )
    assert MANIFEST["dependencies"] == {
        "vscode-languageclient": MANIFEST["dependencies"]["vscode-languageclient"]
    }

    def version(requirement: str) -> tuple[int, ...]:
        return tuple(int(part) for part in requirement.lstrip("^~>=").split("."))

    assert version(MANIFEST["engines"]["vscode"]) >= version(client["engines"]["vscode"])


def test_the_grammar_is_well_formed() -> None:
    """Every include names a rule, every begin has an end, every pattern compiles (the patterns are
    written in the syntax Python's re and Oniguruma share, but for Oniguruma's \\G anchor)."""
    grammar: dict[str, Any] = textmate_grammar()
    repository: dict[str, Any] = grammar["repository"]
    seen = 0

    def check(rule: dict[str, Any]) -> None:
        nonlocal seen
        seen += 1
        if "include" in rule:
            assert rule["include"].removeprefix("#") in repository, rule
        assert ("begin" in rule) == ("end" in rule), rule
        for key in ("match", "begin", "end"):
            if key in rule:
                re.compile(rule[key].replace("\\G", ""))
        for captures in ("captures", "beginCaptures", "endCaptures"):
            assert all(index.isdigit() and "name" in c for index, c in rule.get(captures, {}).items())
        for child in rule.get("patterns", []):
            check(child)

    for rule in [*grammar["patterns"], *repository.values()]:
        check(rule)
    assert seen > 100


GALLERY = sorted((ROOT / "specs").rglob("*.mlsd"))


def test_indentation_rules_fit_the_formatted_gallery() -> None:
    """`mlsd fmt` indents after each line that opens a block or list and outdents each closing
    line; the editor's indentation rules (and fold markers) must say the same of every line."""
    increase = re.compile(LANGUAGE["indentationRules"]["increaseIndentPattern"])
    decrease = re.compile(LANGUAGE["indentationRules"]["decreaseIndentPattern"])
    fold_start = re.compile(LANGUAGE["folding"]["markers"]["start"])
    fold_end = re.compile(LANGUAGE["folding"]["markers"]["end"])
    checked = 0
    for path in GALLERY:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        depth = 0
        for line, following in zip(lines, [*lines[1:], ""], strict=True):
            indent = len(line) - len(line.lstrip())
            deeper = len(following) - len(following.lstrip()) > indent
            assert bool(increase.search(line)) == deeper, f"{path.name}: {line!r}"
            assert bool(decrease.search(line)) == line.lstrip().startswith(("}", "]")), (
                f"{path.name}: {line!r}"
            )
            depth += bool(fold_start.search(line)) - bool(fold_end.search(line))
            assert depth >= 0, f"{path.name}: {line!r}"
            checked += 1
        assert depth == 0, path.name
    assert checked > 2000


def test_the_word_pattern_keeps_names_units_and_metrics_whole() -> None:
    word = re.compile(LANGUAGE["wordPattern"])
    for text in ("video-index", "ndcg@10", "precision@90%recall", "10B/day", "99.9%", "latency_p99", "-1"):
        assert word.fullmatch(text), text
    assert [m.group() for m in word.finditer("a -request-> b")] == ["a", "request", "b"]


@requires_node
def test_the_preview_finds_each_file_on_a_real_mlsd_serve(tmp_path: Path) -> None:
    folder = make_spec_folder(tmp_path)
    server = start_server(folder)
    try:
        env = {
            **os.environ,
            "MLSD_SERVE_URL": server.url,
            "MLSD_SPEC_FOLDER": str(folder),
            "MLSD_HOSTILE_NAME": HOSTILE_NAME,
        }
        report = run_node("--test", "test/preview.test.js", env=env)
    finally:
        stop_server(server)
    assert re.search(r"^# pass [1-9]", report, re.M) and re.search(r"^# fail 0$", report, re.M), report
    assert re.search(r"^# skipped 0$", report, re.M), report


@pytest.mark.slow
@requires_node
def test_vsce_packages_a_vsix_with_the_manifest_grammar_and_client(tmp_path: Path) -> None:
    assert NODE is not None
    node_modules()
    vsix = tmp_path / "mlsd.vsix"
    result = subprocess.run(
        ["npx", "--no-install", "@vscode/vsce", "package", "--allow-missing-repository", "--out", str(vsix)],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "unpacked")
    packaged = tmp_path / "unpacked" / "extension"
    for relative in (
        "package.json",
        "syntaxes/mlsd.tmLanguage.json",
        "language-configuration.json",
        "src/extension.js",
        "src/preview.js",
        "src/executable.js",
        "LICENSE.txt",
    ):
        assert f"extension/{relative}" in names, relative
    assert not any("/test/" in name or "vscode-textmate" in name or "@vscode/vsce" in name for name in names)
    assert json.loads((packaged / "package.json").read_text(encoding="utf-8"))["main"] == MANIFEST["main"]
    assert (packaged / "syntaxes" / "mlsd.tmLanguage.json").read_bytes() == (
        EXTENSION / "syntaxes" / "mlsd.tmLanguage.json"
    ).read_bytes()
    # the client's runtime dependency is packaged where extension.js requires it from
    resolved = subprocess.run(
        [NODE, "-e", "console.log(require.resolve('vscode-languageclient/node'))"],
        cwd=packaged / "src",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(resolved).is_relative_to(packaged), resolved
    print(f"{vsix.name}: {vsix.stat().st_size / 1024:.0f} KiB, {len(names)} files")
    shutil.rmtree(tmp_path / "unpacked")
