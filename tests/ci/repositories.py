"""Temporary git repositories shaped like a pull request's checkout.

`pull_request_checkout` makes an upstream repository with two commits — the base branch `main`
and a pull request branch on top of it — and clones it as actions/checkout does with
`fetch-depth: 0`: the pull request checked out, the base branch at `origin/main`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

BASE_BRANCH = "main"
PR_BRANCH = "feature"
IDENTITY = ("-c", "user.name=mlsd tests", "-c", "user.email=tests@mlsd.invalid", "-c", "commit.gpgsign=false")

FEED = """\
system feed "Personalized feed" {
  requirements {
    goal: "more meaningful interactions"
    users: 300M
    peak_qps: 50k
    latency_p99: 200ms
  }

  framing {
    task: ranking
    objective: "P(engage | user, post)"
    input: [user, post]
    output: "ranked posts"
  }

  source  events: kafka "interactions" { type: events  volume: 5B/day }
  dataset train         { label: "engaged within 24h"  split: random  positive_rate: 4% }

  model ranker: lightgbm { loss: cross_entropy }

  serving api: online { latency_p99: 250ms }

  events -> train -> ranker -> api
}
"""


def git(cwd: Path, *arguments: str) -> str:
    completed = subprocess.run(
        ["git", *IDENTITY, *arguments], cwd=cwd, capture_output=True, text=True, check=True
    )
    return completed.stdout


def commit_files(repository: Path, files: Mapping[str, str], message: str) -> None:
    for name, text in files.items():
        path = repository / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repository, "add", "--all")
    git(repository, "commit", "--quiet", "-m", message)


def pull_request_checkout(
    root: Path, base: Mapping[str, str], pull_request: Mapping[str, str], depth: int | None = None
) -> Path:
    """A clone of a repository whose `main` holds `base` and whose pull request branch changes it
    to `pull_request`, with the pull request checked out; `depth` clones shallowly, the branch alone
    (actions/checkout's default of `fetch-depth: 1`)."""
    upstream = root / "upstream"
    upstream.mkdir()
    git(upstream, "init", "--quiet", "--initial-branch", BASE_BRANCH)
    commit_files(upstream, base, "base design")
    git(upstream, "checkout", "--quiet", "-b", PR_BRANCH)
    commit_files(upstream, pull_request, "the pull request's change")
    git(upstream, "checkout", "--quiet", BASE_BRANCH)  # the default branch: origin/HEAD in clones
    workspace = root / "workspace"
    if depth is None:
        git(root, "clone", "--quiet", "--branch", PR_BRANCH, str(upstream), str(workspace))
    else:
        git(
            root,
            "clone",
            "--quiet",
            "--single-branch",
            "--depth",
            str(depth),
            "--branch",
            PR_BRANCH,
            f"file://{upstream}",
            str(workspace),
        )
    return workspace
