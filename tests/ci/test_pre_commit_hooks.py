""".pre-commit-hooks.yaml: valid for pre-commit, each hook's files pattern and entry behave as
pre-commit runs them (the staged .mlsd files appended to the entry, run from the repository root;
a hook fails when it exits non-zero or changes a file), and — slow — `pre-commit try-repo` installs
and runs both hooks on a project."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import InvalidManifestError, load_manifest

from mlsd_dsl.formatter import format_source
from tests.ci.repositories import FEED, commit_files, git

REPO = Path(__file__).resolve().parents[2]
HOOKS = REPO / ".pre-commit-hooks.yaml"
# The README's spec as someone types it: one line per section, which `mlsd fmt` spreads out.
TYPED = FEED.replace(
    """  requirements {
    goal: "more meaningful interactions"
    users: 300M
    peak_qps: 50k
    latency_p99: 200ms
  }
""",
    '  requirements { goal: "more meaningful interactions"  users: 300M  peak_qps: 50k  latency_p99: 200ms }\n',
)


def hooks() -> dict[str, dict[str, object]]:
    return {str(hook["id"]): hook for hook in load_manifest(str(HOOKS))}


def run_entry(hook_id: str, cwd: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """The hook's entry with the files appended, `mlsd` being this environment's console script."""
    command = shlex.split(str(hooks()[hook_id]["entry"]))
    assert command[0] == "mlsd"
    executable = Path(sys.executable).parent / "mlsd"
    return subprocess.run(
        [str(executable), *command[1:], *files],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MLSD_NO_CACHE": "1"},
    )


def test_the_hooks_file_is_a_valid_pre_commit_manifest_with_check_and_fmt() -> None:
    assert list(hooks()) == ["mlsd-check", "mlsd-fmt"]
    for hook in hooks().values():
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True


def test_pre_commit_rejects_a_hook_without_an_entry(tmp_path: Path) -> None:
    document = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    del document[1]["entry"]
    broken = tmp_path / ".pre-commit-hooks.yaml"
    broken.write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(InvalidManifestError):
        load_manifest(str(broken))


@pytest.mark.parametrize("hook_id", ["mlsd-check", "mlsd-fmt"])
@pytest.mark.parametrize(
    ("path", "selected"),
    [("feed.mlsd", True), ("specs/sub dir/feed.mlsd", True), ("feed.mlsd.orig", False), ("feed.md", False)],
)
def test_the_hooks_take_mlsd_files_only(hook_id: str, path: str, selected: bool) -> None:
    pattern = re.compile(str(hooks()[hook_id]["files"]))
    assert bool(pattern.search(path)) is selected  # pre-commit matches `files` with re.search


def test_the_fmt_hook_rewrites_a_badly_laid_out_spec_and_then_passes(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "feed.mlsd"
    spec.parent.mkdir()
    spec.write_text(TYPED, encoding="utf-8")
    first = run_entry("mlsd-fmt", tmp_path, "specs/feed.mlsd")
    assert first.returncode == 0, first.stderr
    assert "1 file reformatted" in first.stderr
    assert spec.read_text(encoding="utf-8") == FEED == format_source(TYPED, "feed.mlsd").text
    assert TYPED != FEED  # the change pre-commit sees, which fails the hook and leaves the fix to stage
    second = run_entry("mlsd-fmt", tmp_path, "specs/feed.mlsd")
    assert (second.returncode, spec.read_text(encoding="utf-8")) == (0, FEED)


def test_the_fmt_hook_fails_on_a_spec_it_cannot_parse_and_leaves_it_alone(tmp_path: Path) -> None:
    broken = TYPED.replace("model ranker", "model ranker {")
    (tmp_path / "feed.mlsd").write_text(broken, encoding="utf-8")
    result = run_entry("mlsd-fmt", tmp_path, "feed.mlsd")
    assert result.returncode == 2
    assert "feed.mlsd:" in result.stderr
    assert (tmp_path / "feed.mlsd").read_text(encoding="utf-8") == broken


def test_the_check_hook_fails_on_findings_and_skips_the_configured_excludes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mlsd]\nexclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "feed.mlsd").write_text(FEED, encoding="utf-8")
    (tmp_path / "feed.mlsd").write_text(FEED, encoding="utf-8")
    findings = run_entry("mlsd-check", tmp_path, "feed.mlsd", "drafts/feed.mlsd")
    assert findings.returncode == 1
    assert "feed.mlsd:21:25: error[SERVE005]" in findings.stdout
    assert "drafts/feed.mlsd" not in findings.stdout
    assert run_entry("mlsd-check", tmp_path, "drafts/feed.mlsd").returncode == 0


@pytest.mark.slow
def test_pre_commit_try_repo_installs_and_runs_both_hooks(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "--quiet")
    commit_files(project, {"feed.mlsd": TYPED}, "a design")
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "MLSD_NO_CACHE": "1",
        **{
            f"GIT_{who}_{what}": value
            for who in ("AUTHOR", "COMMITTER")
            for what, value in (("NAME", "mlsd tests"), ("EMAIL", "tests@mlsd.invalid"))
        },
    }
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "--files", "feed.mlsd"]

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, cwd=project, env=environment, capture_output=True, text=True, check=False
        )

    first = try_repo()
    assert first.returncode == 1, first.stdout + first.stderr
    assert re.search(r"^mlsd check\.+Failed$", first.stdout, re.MULTILINE), first.stdout
    assert "error[SERVE005]" in first.stdout
    assert re.search(
        r"^mlsd fmt\.+Failed\n- hook id: mlsd-fmt\n- files were modified by this hook",
        first.stdout,
        re.MULTILINE,
    )
    assert (project / "feed.mlsd").read_text(encoding="utf-8") == FEED
    second = try_repo()
    assert re.search(r"^mlsd fmt\.+Passed$", second.stdout, re.MULTILINE), second.stdout
    assert re.search(r"^mlsd check\.+Failed$", second.stdout, re.MULTILINE)


@pytest.mark.parametrize("document", ["README.md", "docs/rules.md", ".pre-commit-hooks.yaml"])
def test_the_documented_pre_commit_config_lists_every_hook(document: str) -> None:
    text = (REPO / document).read_text(encoding="utf-8")
    listed = re.findall(r"hooks: (\[.*\])", text)
    assert listed, f"{document} shows a pre-commit config"
    for hooks_line in listed:
        assert [hook["id"] for hook in yaml.safe_load(hooks_line)] == list(hooks())


def test_the_fmt_hook_skips_the_configured_excludes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mlsd]\nexclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    broken = TYPED.replace("model ranker", "model ranker {")
    (tmp_path / "drafts" / "feed.mlsd").write_text(broken, encoding="utf-8")
    (tmp_path / "feed.mlsd").write_text(TYPED, encoding="utf-8")
    result = run_entry("mlsd-fmt", tmp_path, "feed.mlsd", "drafts/feed.mlsd")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "feed.mlsd").read_text(encoding="utf-8") == FEED
    assert (tmp_path / "drafts" / "feed.mlsd").read_text(encoding="utf-8") == broken
