"""The GitHub Action's work: `action.yml` at the repository root runs `python -m mlsd_dsl.cli.github_action`.

It runs inside a workflow's checkout with the action's inputs in `INPUT_*` variables and GitHub's
own (`GITHUB_WORKSPACE`, `GITHUB_EVENT_NAME`, `GITHUB_BASE_REF`, `GITHUB_OUTPUT`,
`GITHUB_STEP_SUMMARY`, `RUNNER_TEMP`), and does what a design review needs:

1. `mlsd check --format github`: findings as annotations on the specs' lines;
2. `mlsd check --format sarif` into a file, for github/codeql-action/upload-sarif;
3. on a pull request (or with an explicit `base`), `mlsd diff --git <base> --format markdown`
   into the job summary, the changes drawn into a picture per changed spec;
4. the files' paths and the number of findings as step outputs.

Its exit status follows the inputs: `check-fail-on` for the findings of the whole design,
`fail-on` for what the pull request changes; 2 when an input is invalid, a spec cannot be read or
the base revision is missing from the checkout. mlsd itself runs as a child process of the same
interpreter, exactly as a person would run it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlsd_dsl.cli.exit_codes import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from mlsd_dsl.cli.formats.github_format import escape_data
from mlsd_dsl.files import write_atomically

DIFF_FAIL_ON = ("new-findings", "any-change", "never")
CHECK_FAIL_ON = ("error", "warning", "info", "never")
RENDER_FORMATS = ("svg", "png", "none")
PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")
ANNOTATION_TITLE = "mlsd action"
# The inputs this module reads (action.yml passes each as INPUT_<NAME>) and the outputs it writes.
INPUTS = ("paths", "fail-on", "check-fail-on", "sarif", "render", "base")
OUTPUTS = ("sarif", "findings", "diff-markdown", "diff-pictures")
SARIF_LEVELS = (("error", "error"), ("warning", "warning"), ("note", "note"))


class InputError(Exception):
    """An input the action cannot work with; the message says which and what it accepts."""


@dataclass(frozen=True)
class Settings:
    workspace: Path
    scratch: Path
    paths: tuple[str, ...]
    fail_on: str
    check_fail_on: str | None
    sarif: Path
    render: str | None
    base: str | None
    # Where to look for the base: a pull request's branch is `origin/<branch>` in the checkout (or
    # a local branch); a `base` input is a revision as given (`origin/` would turn HEAD~1 into
    # origin/HEAD~1).
    base_is_branch: bool
    output: Path | None
    summary: Path | None


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    outputs: dict[str, str]


def settings_from(environment: Mapping[str, str]) -> Settings:
    """The action's settings from its environment; raises InputError for an invalid input."""

    def value(name: str) -> str:
        return environment.get(name, "").strip()

    def given(name: str) -> str:
        return value(input_variable(name))

    workspace = Path(value("GITHUB_WORKSPACE") or os.getcwd())
    scratch = Path(value("RUNNER_TEMP") or tempfile.gettempdir()) / "mlsd"
    paths = _split_paths(given("paths") or ".")
    fail_on = _choice("fail-on", given("fail-on") or "new-findings", DIFF_FAIL_ON)
    check_fail_on = given("check-fail-on")
    if check_fail_on:
        _choice("check-fail-on", check_fail_on, CHECK_FAIL_ON)
    render = _choice("render", given("render") or "svg", RENDER_FORMATS)
    sarif = _single_line("sarif", given("sarif"))
    base = given("base")
    base_is_branch = not base and value("GITHUB_EVENT_NAME") in PULL_REQUEST_EVENTS
    if base_is_branch:
        base = value("GITHUB_BASE_REF")
    return Settings(
        workspace=workspace,
        scratch=scratch,
        paths=paths,
        fail_on=fail_on,
        check_fail_on=check_fail_on or None,
        sarif=workspace / sarif if sarif else scratch / "mlsd.sarif",
        render=None if render == "none" else render,
        base=base or None,
        base_is_branch=base_is_branch,
        output=_optional_path(value("GITHUB_OUTPUT")),
        summary=_optional_path(value("GITHUB_STEP_SUMMARY")),
    )


def input_variable(name: str) -> str:
    """The environment variable action.yml passes an input in (`fail-on` → INPUT_FAIL_ON)."""
    return "INPUT_" + name.upper().replace("-", "_")


def _split_paths(text: str) -> tuple[str, ...]:
    try:
        paths = tuple(shlex.split(text))
    except ValueError as problem:
        raise InputError(f"input 'paths' cannot be split into paths: {problem}") from None
    if any(path.startswith("-") for path in paths):
        raise InputError("input 'paths' names files, directories or globs, not options")
    return paths or (".",)


def _choice(name: str, given: str, allowed: Sequence[str]) -> str:
    if given not in allowed:
        raise InputError(f"input '{name}' is '{given}'; expected one of {', '.join(allowed)}")
    return given


def _single_line(name: str, given: str) -> str:
    if "\n" in given or "\r" in given:
        raise InputError(f"input '{name}' must be a single path")
    return given


def _optional_path(text: str) -> Path | None:
    return Path(text) if text else None


def run(settings: Settings) -> Outcome:
    """Check, write the SARIF log, compare with the base when there is one; fill the job summary
    and the step outputs."""
    settings.scratch.mkdir(parents=True, exist_ok=True)
    outputs = dict.fromkeys(OUTPUTS, "")
    sections: list[str] = []
    check_code = _annotate(settings)
    results = _write_sarif(settings)
    if results is None:
        check_code = EXIT_ERROR
    else:
        outputs |= {"sarif": str(settings.sarif), "findings": str(len(results))}
        sections.append(_check_section(results))
    diff_code = EXIT_CLEAN
    if settings.base is not None:
        diff_code, diff_section, diff_outputs = _diff(settings, settings.base)
        sections.append(diff_section)
        outputs |= diff_outputs
    else:
        print("mlsd: no design diff: not a pull request, and no `base` input", flush=True)
    _append(settings.summary, "\n".join(sections))
    _write_outputs(settings.output, outputs)
    return Outcome(exit_code=max(check_code, diff_code), outputs=outputs)


def _annotate(settings: Settings) -> int:
    """`mlsd check --format github`, its annotations straight into the log; its exit status as the
    action counts it (findings do not count with `check-fail-on: never`)."""
    arguments = ["check", "--format", "github", *_check_options(settings), "--", *settings.paths]
    code = _mlsd(settings, arguments).returncode
    if code == EXIT_FINDINGS and settings.check_fail_on == "never":
        return EXIT_CLEAN
    return code


def _check_options(settings: Settings) -> list[str]:
    if settings.check_fail_on in (None, "never"):
        return []
    return ["--fail-on", str(settings.check_fail_on)]


def _write_sarif(settings: Settings) -> list[dict[str, Any]] | None:
    """The SARIF log of the same check, written to its file; its results (None when mlsd wrote no log)."""
    completed = _mlsd(settings, ["check", "--format", "sarif", "--", *settings.paths], capture=True)
    try:
        results: list[dict[str, Any]] = json.loads(completed.stdout)["runs"][0]["results"]
    except (ValueError, LookupError, TypeError):
        _error(f"`mlsd check --format sarif` wrote no SARIF log (exit status {completed.returncode})")
        return None
    try:
        write_atomically(settings.sarif, completed.stdout)
    except OSError as problem:
        _error(f"cannot write the SARIF log to {settings.sarif}: {problem.strerror or problem}")
        return None
    return results


def _check_section(results: list[dict[str, Any]]) -> str:
    if not results:
        return "## mlsd check\n\nNo findings.\n"
    levels = Counter(str(result["level"]) for result in results)
    counts = ", ".join(_count(levels[level], noun) for level, noun in SARIF_LEVELS if levels[level])
    files = {_result_file(result) for result in results}
    return (
        f"## mlsd check\n\n{counts} in {_count(len(files), 'file')}: see the annotations, "
        "or code scanning where the SARIF log is uploaded.\n"
    )


def _result_file(result: Mapping[str, Any]) -> str:
    return str(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _diff(settings: Settings, base: str) -> tuple[int, str, dict[str, str]]:
    """`mlsd diff --git <base>`: its exit status, its summary section and the outputs it fills."""
    candidates = (f"origin/{base}", base) if settings.base_is_branch else (base,)
    revision = _resolve_revision(settings.workspace, candidates)
    if revision is None:
        message = (
            f"the base revision '{base}' is not in this checkout (tried {', '.join(candidates)}); "
            "check out with `fetch-depth: 0` (actions/checkout) so that the base branch is there"
        )
        _error(message)
        return EXIT_ERROR, f"## mlsd diff\n\nNo design diff: {message}.\n", {}
    markdown = settings.scratch / "diff.md"
    markdown.unlink(missing_ok=True)
    pictures = settings.scratch / "diff-pictures"
    shutil.rmtree(pictures, ignore_errors=True)
    arguments = ["diff", "--git", revision, "--format", "markdown", "--fail-on", settings.fail_on]
    if settings.render is not None:
        # One changed spec is drawn to diff.EXT, several to diff-<spec>.EXT each.
        arguments += ["--render", str(pictures / f"diff.{settings.render}")]
    completed = _mlsd(settings, [*arguments, "--", *settings.paths], capture=True)
    outputs: dict[str, str] = {}
    if completed.stdout.strip():
        write_atomically(markdown, completed.stdout)
        print(f"::group::mlsd diff {revision}\n{completed.stdout.rstrip()}\n::endgroup::", flush=True)
        outputs["diff-markdown"] = str(markdown)
    drawn = sorted(pictures.glob("diff*.*")) if pictures.is_dir() else []
    if drawn:
        outputs["diff-pictures"] = "\n".join(str(path) for path in drawn)
    if completed.returncode != EXIT_ERROR:
        return completed.returncode, completed.stdout, outputs
    before = completed.stdout + "\n" if completed.stdout.strip() else "## mlsd diff\n\n"
    failure = f"`mlsd diff` could not compare the designs:\n\n```\n{completed.stderr.strip()}\n```\n"
    return completed.returncode, before + failure, outputs


def _resolve_revision(workspace: Path, candidates: Sequence[str]) -> str | None:
    """The first candidate that names a commit in this checkout (with `fetch-depth: 0`,
    actions/checkout gives a pull request's base branch as `origin/<branch>`)."""
    for candidate in candidates:
        found = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{candidate}^{{commit}}"],
            cwd=workspace,
            capture_output=True,
            text=True,
            check=False,
        )
        if found.returncode == 0:
            return candidate
    return None


def _mlsd(
    settings: Settings, arguments: list[str], capture: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run mlsd in the workspace; captured output is returned, else it goes to the log. Its error
    output always goes to the log (and is also returned when captured)."""
    command = [sys.executable, "-m", "mlsd_dsl", *arguments]
    if not capture:
        sys.stdout.flush()
        return subprocess.run(command, cwd=settings.workspace, text=True, check=False)
    completed = subprocess.run(command, cwd=settings.workspace, capture_output=True, text=True, check=False)
    sys.stderr.write(completed.stderr)
    return completed


def _append(path: Path | None, text: str) -> None:
    if path is None:
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")


def _write_outputs(path: Path | None, outputs: Mapping[str, str]) -> None:
    """`name=value` lines, and GitHub's `name<<DELIMITER` form for a value of several lines."""
    lines = []
    for name, value in outputs.items():
        if "\n" in value:
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            lines.append(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")
        else:
            lines.append(f"{name}={value}\n")
    _append(path, "".join(lines))


def _error(message: str) -> None:
    print(f"::error title={ANNOTATION_TITLE}::{escape_data(message)}", flush=True)


def main(environment: Mapping[str, str] | None = None) -> int:
    try:
        settings = settings_from(os.environ if environment is None else environment)
    except InputError as problem:
        _error(str(problem))
        return EXIT_ERROR
    return run(settings).exit_code


if __name__ == "__main__":
    sys.exit(main())
