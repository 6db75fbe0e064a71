"""Small specs and helpers shared by the diff tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mlsd_dsl.compiler import compile_text
from mlsd_dsl.diff import SpecDiff, SpecSide, diff_sides
from mlsd_dsl.diff.sides import estimates_of
from mlsd_dsl.lint import lint_spec

BASE = """\
system feed "Feed" {
  requirements { latency_p99: 200ms  peak_qps: 50k }
  framing { task: ranking }
  source events: kafka "user events" { type: events }
  dataset train { label: "clicked"  split: time }
  model ranker: lightgbm { loss: cross_entropy  stage: ranking }
  serving api: online { latency_p99: 150ms }
  events -> train -> ranker -> api
  group online "Online" { api }
}
"""


def side(text: str, path: str = "feed.mlsd") -> SpecSide:
    """One version of a spec given as text, compiled and linted with the default configuration."""
    compilation = compile_text(text, path)
    if compilation.spec is None:
        return SpecSide(path, compilation)
    return SpecSide(path, compilation, lint_spec(compilation.spec), estimates_of(compilation.spec))


def diff(old: str, new: str) -> SpecDiff:
    return diff_sides(side(old), side(new))


def edited(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(repository: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["git", *arguments],
        cwd=repository,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def write(repository: Path, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files in the working tree."""
    for name, text in files.items():
        path = repository / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(repository: Path, files: dict[str, str | None], message: str = "change") -> None:
    write(repository, files)
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", message)


def new_repository(path: Path, files: dict[str, str | None]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    commit(path, files, "first")
    return path
