"""Run the steps of the repository's `action.yml` as the Actions runner runs a composite action.

Each `run` step goes to `bash --noprofile --norc -eo pipefail` with its `env`, the GitHub
variables, a fresh GITHUB_OUTPUT file (read back into `steps.<id>.outputs`) and a step summary
file (collected into one job summary). `${{ … }}` expressions are evaluated for the contexts the
action uses (inputs, github, runner, steps); an expression or `if:` condition beyond those raises,
so the action stays within what these tests run. `uses:` steps (actions/setup-python) cannot run
here and are recorded as skipped; a step can be stood in for by the outputs it would have set
(the fast tests give `install` the test interpreter instead of installing mlsd into a new venv).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONDITION = re.compile(r"^([\w.-]+)\s*(==|!=)\s*'([^']*)'$")
OUTPUT_LINE = re.compile(r"^([\w-]+)=(.*)$")
HEREDOC_START = re.compile(r"^([\w-]+)<<(.+)$")


def load_action() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return document


@dataclass
class StepResult:
    name: str
    returncode: int
    stdout: str
    stderr: str


@dataclass
class ActionRun:
    steps: list[StepResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""

    @property
    def returncode(self) -> int:
        """The first failing step's exit status, as the runner reports the action's."""
        return next((step.returncode for step in self.steps if step.returncode), 0)

    @property
    def stdout(self) -> str:
        return "".join(step.stdout for step in self.steps)

    @property
    def stderr(self) -> str:
        return "".join(step.stderr for step in self.steps)


@dataclass
class Context:
    inputs: dict[str, str]
    github: dict[str, str]
    runner: dict[str, str]
    steps: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def lookup(self, expression: str) -> str:
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return self.inputs[parts[1]]
        if parts[0] in ("github", "runner") and len(parts) == 2:
            return getattr(self, parts[0])[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.steps.get(parts[1], {}).get("outputs", {}).get(parts[3], "")
        raise ValueError(f"action.yml uses an expression these tests do not evaluate: {expression}")

    def substitute(self, text: str) -> str:
        return EXPRESSION.sub(lambda match: self.lookup(match.group(1)), text)

    def holds(self, condition: str) -> bool:
        match = CONDITION.match(EXPRESSION.sub(lambda m: m.group(1), condition).strip())
        if match is None:
            raise ValueError(f"action.yml uses a condition these tests do not evaluate: {condition}")
        name, operator, literal = match.groups()
        return (self.lookup(name) == literal) == (operator == "==")


def run_action(
    workspace: Path,
    runner_temp: Path,
    inputs: Mapping[str, str],
    github_env: Mapping[str, str],
    stand_ins: Mapping[str, Mapping[str, str]] | None = None,
) -> ActionRun:
    """Run action.yml in `workspace` with `inputs` (its `with:`) and the GitHub variables
    `github_env` (GITHUB_EVENT_NAME, GITHUB_BASE_REF…); `stand_ins` maps a step id to the outputs
    it sets instead of running."""
    action = load_action()
    declared = action.get("inputs", {})
    unknown = set(inputs) - set(declared)
    if unknown:
        raise ValueError(f"inputs the action does not declare: {sorted(unknown)}")
    context = Context(
        inputs={name: str(inputs.get(name, spec.get("default", ""))) for name, spec in declared.items()},
        github={"action_path": str(REPO), "workspace": str(workspace)},
        runner={"temp": str(runner_temp)},
    )
    base_env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(runner_temp)),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(REPO),
        "RUNNER_TEMP": str(runner_temp),
        "MLSD_NO_CACHE": "1",
        **github_env,
    }
    result = ActionRun()
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", step.get("id", f"step {index}"))
        if "if" in step and not context.holds(str(step["if"])):
            continue
        step_id = step.get("id", f"__step{index}")
        if stand_ins and step_id in stand_ins:
            context.steps[step_id] = {"outputs": dict(stand_ins[step_id])}
            continue
        if "uses" in step:
            result.skipped.append(str(step["uses"]))
            continue
        outcome, outputs, summary = _run_step(step, index, context, base_env, workspace, runner_temp)
        result.steps.append(StepResult(name, outcome.returncode, outcome.stdout, outcome.stderr))
        context.steps[step_id] = {"outputs": outputs}
        result.summary += summary
        if outcome.returncode:
            break
    result.outputs = {
        name: context.substitute(str(spec["value"])) for name, spec in action.get("outputs", {}).items()
    }
    return result


def _run_step(
    step: Mapping[str, Any],
    index: int,
    context: Context,
    base_env: Mapping[str, str],
    workspace: Path,
    runner_temp: Path,
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    assert step.get("shell") == "bash", "every run step names its shell (a composite action must)"
    files = runner_temp / "_runner" / str(index)
    files.mkdir(parents=True, exist_ok=True)
    output_file, summary_file, script = files / "output", files / "summary", files / "script.sh"
    output_file.write_text("")
    summary_file.write_text("")
    script.write_text(context.substitute(str(step["run"])))
    env = {
        **base_env,
        **{key: context.substitute(str(value)) for key, value in step.get("env", {}).items()},
        "GITHUB_OUTPUT": str(output_file),
        "GITHUB_STEP_SUMMARY": str(summary_file),
    }
    cwd = Path(context.substitute(str(step.get("working-directory", workspace))))
    completed = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed, parse_outputs(output_file.read_text()), summary_file.read_text()


def parse_outputs(text: str) -> dict[str, str]:
    """A GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if match := HEREDOC_START.match(line):
            name, delimiter = match.groups()
            body = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            else:
                raise ValueError(f"output {name} is not closed by {delimiter}")
            outputs[name] = "\n".join(body)
        elif match := OUTPUT_LINE.match(line):
            outputs[match.group(1)] = match.group(2)
        elif line.strip():
            raise ValueError(f"not an output line: {line!r}")
    return outputs
