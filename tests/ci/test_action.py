"""The GitHub Action: action.yml against the action metadata schema, and its steps run as the
runner runs them (tests/ci/action_runner.py) in temporary pull-request checkouts, with the GitHub
variables set and the job summary, the outputs and the exit status read back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml

from mlsd_dsl.cli import github_action
from tests.ci.action_runner import ActionRun, load_action, run_action
from tests.ci.repositories import BASE_BRANCH, FEED, pull_request_checkout

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-2.1.0.json"
SPEC = "specs/feed.mlsd"
PULL_REQUEST = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": BASE_BRANCH}
PUSH = {"GITHUB_EVENT_NAME": "push", "GITHUB_BASE_REF": ""}


def action_schema() -> dict[str, Any]:
    """SchemaStore's github-action.json, as check-jsonschema ships it (`--builtin-schema vendor.github-actions`)."""
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor") / "github-actions.json"
    schema: dict[str, Any] = json.loads(vendored.read_text(encoding="utf-8"))
    return schema


def schema_errors(document: object) -> list[str]:
    schema = action_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def test_action_yml_follows_the_action_metadata_schema() -> None:
    assert action_schema()["$id"] == "https://json.schemastore.org/github-action.json"
    assert schema_errors(load_action()) == []


def test_the_schema_rejects_a_composite_run_step_without_a_shell() -> None:
    action = load_action()
    del action["runs"]["steps"][-1]["shell"]
    assert schema_errors(action)


def test_the_action_passes_every_input_the_module_reads_and_declares_every_output_it_writes() -> None:
    action = load_action()
    mlsd_step = next(step for step in action["runs"]["steps"] if step.get("id") == "mlsd")
    passed = {name for name in mlsd_step["env"] if name.startswith("INPUT_")}
    assert passed == {github_action.input_variable(name) for name in github_action.INPUTS}
    for name in github_action.INPUTS:
        assert mlsd_step["env"][github_action.input_variable(name)] == f"${{{{ inputs.{name} }}}}"
    assert set(github_action.INPUTS) <= set(action["inputs"])
    assert {name: spec["value"] for name, spec in action["outputs"].items()} == {
        name: f"${{{{ steps.mlsd.outputs.{name} }}}}" for name in github_action.OUTPUTS
    }


def stand_ins(tmp_path: Path) -> dict[str, dict[str, str]]:
    """The install step's outputs without installing: this interpreter runs mlsd. Without `dot`
    here, the graphviz step would try apt-get, so it is stood in for too."""
    replaced: dict[str, dict[str, str]] = {"install": {"python": sys.executable}}
    if shutil.which("dot") is None:
        replaced["graphviz"] = {}
    return replaced


def act(tmp_path: Path, workspace: Path, github_env: Mapping[str, str], **inputs: str) -> ActionRun:
    runner_temp = tmp_path / "runner_temp"
    runner_temp.mkdir(exist_ok=True)
    return run_action(
        workspace,
        runner_temp,
        {name.replace("_", "-"): value for name, value in inputs.items()},
        github_env,
        stand_ins(tmp_path),
    )


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def assert_valid_sarif(path: Path) -> list[dict[str, Any]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results: list[dict[str, Any]] = document["runs"][0]["results"]
    return results


@pytest.mark.parametrize(("check_fail_on", "status"), [("error", 1), ("never", 0)])
def test_on_a_push_the_action_annotates_writes_sarif_and_summarises(
    tmp_path: Path, check_fail_on: str, status: int
) -> None:
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {"README.md": "a change beside the design\n"})
    result = act(tmp_path, workspace, PUSH, check_fail_on=check_fail_on)
    assert result.returncode == status, result.stderr
    assert result.skipped == ["actions/setup-python@v7"]

    latency = line_of(FEED, "serving api")
    annotation = next(line for line in result.stdout.splitlines() if "title=SERVE005" in line)
    assert annotation.startswith(f"::error file={SPEC},line={latency},col=")
    assert "latency_p99 250ms, above the required 200ms" in annotation

    sarif = Path(result.outputs["sarif"])
    assert sarif == tmp_path / "runner_temp" / "mlsd" / "mlsd.sarif"
    results = assert_valid_sarif(sarif)
    assert result.outputs["findings"] == str(len(results))
    assert {r["ruleId"] for r in results} >= {"SERVE005", "DATA003"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {SPEC}, "code scanning needs paths relative to the repository root"

    assert result.outputs["diff-markdown"] == result.outputs["diff-pictures"] == ""
    errors = sum(r["level"] == "error" for r in results)
    warnings = sum(r["level"] == "warning" for r in results)
    assert result.summary.startswith("## mlsd check\n")
    assert f"{errors} errors, {warnings} warnings in 1 file" in result.summary
    assert "mlsd diff" not in result.summary
    assert "mlsd: no design diff: not a pull request, and no `base` input" in result.stdout


def test_a_sarif_path_is_taken_relative_to_the_workspace(tmp_path: Path) -> None:
    fixed = FEED.replace("250ms", "150ms").replace("split: random", "split: time")
    workspace = pull_request_checkout(tmp_path, {SPEC: fixed}, {"README.md": "no design change\n"})
    result = act(tmp_path, workspace, PUSH, sarif="reports/mlsd.sarif", check_fail_on="error")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.outputs["sarif"] == str(workspace / "reports" / "mlsd.sarif")
    assert not [r for r in assert_valid_sarif(workspace / "reports" / "mlsd.sarif") if r["level"] == "error"]


def test_a_spec_that_cannot_be_read_fails_even_with_check_fail_on_never(tmp_path: Path) -> None:
    broken = FEED.replace("model ranker", "modle ranker")
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {SPEC: broken})
    result = act(tmp_path, workspace, PUSH, check_fail_on="never")
    assert result.returncode == 2
    assert f"::error file={SPEC},line={line_of(broken, 'modle')}," in result.stdout
    assert assert_valid_sarif(Path(result.outputs["sarif"]))


def test_a_shallow_checkout_is_told_to_fetch_the_base_branch(tmp_path: Path) -> None:
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {SPEC: FEED + "\n"}, depth=1)
    result = act(tmp_path, workspace, PULL_REQUEST, check_fail_on="never")
    assert result.returncode == 2
    message = next(
        line for line in result.stdout.splitlines() if line.startswith("::error title=mlsd action::")
    )
    assert f"the base revision '{BASE_BRANCH}' is not in this checkout" in message
    assert "fetch-depth: 0" in message
    assert "## mlsd diff\n\nNo design diff: the base revision" in result.summary
    assert result.outputs["diff-markdown"] == ""


# The pull request adds a second online serving component (which has no fallback and no rollout:
# two new findings) and brings the first within the latency budget (a finding fixed).
ADDS_A_SERVICE = FEED.replace(
    "latency_p99: 250ms }", "latency_p99: 150ms }\n  serving batch_api: online { latency_p99: 100ms }"
).replace("ranker -> api\n", "ranker -> api\n  ranker -> batch_api\n")
# The pull request only fixes: the split by time, the latency within the budget.
FIXES_ONLY = FEED.replace("250ms", "150ms").replace("split: random", "split: time")
GALLERY_SPEC = Path(__file__).resolve().parents[2] / "specs" / "similar_listings.mlsd"


def test_on_a_pull_request_the_summary_shows_the_design_diff_and_the_picture_is_an_output(
    tmp_path: Path,
) -> None:
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {SPEC: ADDS_A_SERVICE})
    result = act(tmp_path, workspace, PULL_REQUEST, check_fail_on="never")
    assert result.returncode == 1, "the pull request introduces findings (fail-on: new-findings)"

    markdown = Path(result.outputs["diff-markdown"]).read_text(encoding="utf-8")
    assert markdown.startswith(f"## mlsd diff: `origin/{BASE_BRANCH} (")
    assert "`batch_api`" in markdown
    assert "latency\\_p99: `250ms` → `150ms`" in markdown
    assert re.search(
        r"^- warning `SERVE003` online serving 'batch\\_api' has no fallback", markdown, re.MULTILINE
    )
    assert re.search(r"^- error `SERVE005` 'api' has latency\\_p99 250ms", markdown, re.MULTILINE)
    check_section = result.summary[: result.summary.index("## mlsd diff")]
    assert check_section.startswith("## mlsd check\n")
    assert result.summary.endswith(markdown)
    assert f"::group::mlsd diff origin/{BASE_BRANCH}\n" in result.stdout

    pictures = result.outputs["diff-pictures"].splitlines()
    assert pictures == [str(tmp_path / "runner_temp" / "mlsd" / "diff-pictures" / "diff.svg")]
    drawing = ElementTree.parse(pictures[0]).getroot()
    assert drawing.tag == "{http://www.w3.org/2000/svg}svg"
    assert "batch_api" in "".join(drawing.itertext())
    assert assert_valid_sarif(Path(result.outputs["sarif"]))


@pytest.mark.parametrize(
    ("pull_request", "fail_on", "status"),
    [
        (FIXES_ONLY, "new-findings", 0),
        (FIXES_ONLY, "any-change", 1),
        (ADDS_A_SERVICE, "never", 0),
    ],
)
def test_the_exit_status_follows_fail_on(
    tmp_path: Path, pull_request: str, fail_on: str, status: int
) -> None:
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {SPEC: pull_request})
    result = act(tmp_path, workspace, PULL_REQUEST, fail_on=fail_on, check_fail_on="never", render="none")
    assert result.returncode == status, result.stdout + result.stderr
    assert "## mlsd diff" in result.summary
    assert result.outputs["diff-pictures"] == ""


def test_several_changed_specs_give_one_picture_each_listed_one_per_line(tmp_path: Path) -> None:
    listings = GALLERY_SPEC.read_text(encoding="utf-8")
    changed_listings = listings.replace("ttl: 1h ", "ttl: 6h ")
    assert changed_listings != listings
    workspace = pull_request_checkout(
        tmp_path,
        {SPEC: FEED, "specs/similar_listings.mlsd": listings},
        {SPEC: FIXES_ONLY, "specs/similar_listings.mlsd": changed_listings},
    )
    result = act(tmp_path, workspace, PULL_REQUEST, paths="specs", check_fail_on="never")
    assert result.returncode == 0, result.stdout + result.stderr
    folder = tmp_path / "runner_temp" / "mlsd" / "diff-pictures"
    assert result.outputs["diff-pictures"].splitlines() == [
        str(folder / "diff-feed.svg"),
        str(folder / "diff-similar_listings.svg"),
    ]
    assert "ttl: `1h` → `6h`" in result.summary


@pytest.mark.parametrize(
    ("inputs", "complaint"),
    [
        (
            {"fail_on": "sometimes"},
            "input 'fail-on' is 'sometimes'; expected one of new-findings, any-change, never",
        ),
        ({"render": "gif"}, "input 'render' is 'gif'; expected one of svg, png, none"),
        (
            {"check_fail_on": "fatal"},
            "input 'check-fail-on' is 'fatal'; expected one of error, warning, info",
        ),
        ({"paths": "specs --select X"}, "input 'paths' names files, directories or globs, not options"),
        ({"paths": "'specs"}, "input 'paths' cannot be split into paths: No closing quotation"),
    ],
)
def test_an_invalid_input_is_named_and_fails_the_step(
    tmp_path: Path, inputs: dict[str, str], complaint: str
) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    result = act(tmp_path, workspace, PUSH, **inputs)
    assert result.returncode == 2
    assert f"::error title=mlsd action::{complaint}" in result.stdout
    assert result.outputs == dict.fromkeys(github_action.OUTPUTS, "")


def test_a_sarif_path_that_cannot_be_written_is_reported_not_raised(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "specs").mkdir(parents=True)
    (workspace / SPEC).write_text(FEED, encoding="utf-8")
    result = act(tmp_path, workspace, PUSH, sarif="specs", check_fail_on="never")
    assert result.returncode == 2
    assert (
        f"::error title=mlsd action::cannot write the SARIF log to {workspace / 'specs'}: " in result.stdout
    )
    assert "Traceback" not in result.stderr
    assert (result.outputs["sarif"], result.outputs["findings"]) == ("", "")


def test_paths_are_split_like_a_shell_and_default_to_the_workspace() -> None:
    assert github_action.settings_from({}).paths == (".",)
    given = {"INPUT_PATHS": "specs/a.mlsd\n'my specs/b.mlsd'  other/**/*.mlsd"}
    assert github_action.settings_from(given).paths == ("specs/a.mlsd", "my specs/b.mlsd", "other/**/*.mlsd")


def test_the_base_comes_from_the_pull_request_event_or_the_input() -> None:
    def base(environment: dict[str, str]) -> tuple[str | None, bool]:
        settings = github_action.settings_from(environment)
        return settings.base, settings.base_is_branch

    pull_request = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "develop"}
    assert base(pull_request) == ("develop", True)
    assert base({**pull_request, "INPUT_BASE": "v1.0"}) == ("v1.0", False)
    assert base({"GITHUB_EVENT_NAME": "push", "GITHUB_BASE_REF": "main"}) == (None, False)
    assert base({"GITHUB_EVENT_NAME": "push", "INPUT_BASE": "HEAD~1"}) == ("HEAD~1", False)


def test_a_base_input_is_the_revision_as_given_not_under_origin(tmp_path: Path) -> None:
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {SPEC: FIXES_ONLY})
    (workspace / SPEC).write_text(ADDS_A_SERVICE, encoding="utf-8")  # the working tree moves on
    result = act(tmp_path, workspace, PUSH, base="HEAD", check_fail_on="never", render="none")
    # origin/HEAD~0 would be main, which does not have the fixes the pull request's HEAD has
    assert "## mlsd diff: `HEAD (" in result.summary
    assert "latency\\_p99" not in result.summary and "`batch_api`" in result.summary
    assert result.returncode == 1


def readme_workflow() -> dict[Any, Any]:
    """The workflow example in the README (PyYAML reads the key `on` as True, as YAML 1.1 says)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/mlsd\.yml\n.*?)```", readme, re.DOTALL)
    assert block is not None, "the README shows .github/workflows/mlsd.yml"
    workflow: dict[Any, Any] = yaml.safe_load(block.group(1))
    workflow["on"] = workflow.pop(True)
    return workflow


def test_the_readme_workflow_is_valid_and_uses_the_action_as_declared() -> None:
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor") / "github-workflows.json"
    jsonschema.validate(readme_workflow(), json.loads(vendored.read_text(encoding="utf-8")))
    steps = readme_workflow()["jobs"]["mlsd"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    action = load_action()
    mlsd = next(step for step in steps if step.get("id") == "mlsd")
    assert set(mlsd["with"]) <= set(action["inputs"])
    used = set(re.findall(r"steps\.mlsd\.outputs\.([\w-]+)", yaml.safe_dump(steps)))
    assert used == {"sarif", "diff-pictures"} and used <= set(action["outputs"])


@pytest.mark.slow
def test_the_action_installs_mlsd_from_its_own_checkout_into_a_virtualenv(tmp_path: Path) -> None:
    """Every step that can run here, the install too: a virtualenv in RUNNER_TEMP, mlsd built and
    installed from the action's checkout (this repository) with pip."""
    workspace = pull_request_checkout(tmp_path, {SPEC: FEED}, {SPEC: ADDS_A_SERVICE})
    runner_temp = tmp_path / "runner_temp"
    runner_temp.mkdir()
    no_dot = {} if shutil.which("dot") else {"graphviz": {}}
    result = run_action(workspace, runner_temp, {"check-fail-on": "never"}, PULL_REQUEST, no_dot)
    assert [step.name for step in result.steps if step.returncode == 0][-1] == "Install mlsd", result.stderr
    assert result.returncode == 1, "the pull request introduces findings"
    venv_python = runner_temp / "mlsd-venv" / "bin" / "python"
    installed = subprocess.run(
        [str(venv_python), "-c", "import mlsd_dsl; print(mlsd_dsl.__file__)"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(installed.strip()).is_relative_to(runner_temp / "mlsd-venv")
    assert "`batch_api`" in result.summary
    assert Path(result.outputs["diff-pictures"]).is_file()
    assert assert_valid_sarif(Path(result.outputs["sarif"]))
