"""The CLI pass: one input written to a fresh project folder and one `mlsd` command run on it.

A failure is a Python traceback or "internal error" in the output, an exit status outside {0, 1, 2},
a run over 10 s (killed at 20 s), or any file created, changed or removed other than what the
command was asked to write, in the project or in the process's temporary folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from mlsd_dsl.compiler import compile_file
from tests.fuzz.api_pass import SLOW_SECONDS, Failure, WatchdogExpired, _location, _on_alarm
from tests.fuzz.inputs import CONTROL, HOSTILE_TEXT, ODD_WORDS
from tests.fuzz.project import build_project

KILL_SECONDS = 20.0
DRAWING = ("render", "export", "report")  # commands that must accept every spec that compiles
SPEC = "spec.mlsd"
# Most runs name the spec spec.mlsd; some give it a name that is hard to show or to pass on.
SPEC_NAMES = [
    "sp ace.mlsd",
    os.fsdecode(b"bad\xff.mlsd"),
    "-dash.mlsd",
    "new\nline.mlsd",
    "é.mlsd",
    "x" * 240 + ".mlsd",
    "a(b)[c].mlsd",
    "tab\t.mlsd",
    ".hidden.mlsd",
    "back\\slash.mlsd",
    "esc\x1b[31m.mlsd",
    "\u202eevil.mlsd",
    "%s%n.mlsd",
    "noext",
    "UPPER.MLSD",
]
# ... and output files ("out.svg", "out.md" and the diagram "out.svg" beside it) named as awkwardly.
OUTPUT_BASES = [
    "o ut(1)",
    os.fsdecode(b"o\xfe"),
    "x" * 240,
    "-out",
    "new\nline",
    "\u202eevil",
    "a[b]",
    ".hidden",
]
GALLERY_INPUT = "gallery_in"
OK_EXIT = {0, 1, 2}


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]  # "{spec}" is replaced by the spec's path
    writes: tuple[str, ...] = ()  # what the command is asked to write, relative to the project
    stdin: bool = False
    changes_spec: bool = False
    writes_under: str | None = None  # a folder it may fill (gallery)
    spec: str = SPEC  # the spec's file name

    def arguments(self) -> list[str]:
        name = f"./{self.spec}" if self.spec.startswith("-") else self.spec
        return [part.replace("{spec}", name) for part in self.args]


MAIN_COMMANDS = [
    Command("check", ("check", "{spec}")),
    Command("check --format json --coverage", ("check", "--format", "json", "--coverage", "{spec}")),
    Command("check --format sarif --coverage", ("check", "--format", "sarif", "--coverage", "{spec}")),
    Command("check --format github --coverage", ("check", "--format", "github", "--coverage", "{spec}")),
    Command("fmt --check", ("fmt", "--check", "{spec}")),
    Command("fmt (in place)", ("fmt", "{spec}"), changes_spec=True),
    Command("fmt - (stdin)", ("fmt", "-"), stdin=True),
    Command("render svg", ("render", "{spec}", "-o", "out.svg", "--timeout", "10"), ("out.svg",)),
    Command(
        "render -b diagrams png",
        ("render", "-b", "diagrams", "{spec}", "-o", "out.png", "--timeout", "10"),
        ("out.png",),
    ),
    Command(
        "render --gaps svg", ("render", "--gaps", "{spec}", "-o", "out.svg", "--timeout", "10"), ("out.svg",)
    ),
    Command("export json", ("export", "--to", "json", "{spec}", "-o", "out.json"), ("out.json",)),
    Command("export mermaid", ("export", "--to", "mermaid", "{spec}", "-o", "out.mmd"), ("out.mmd",)),
    Command("export d2", ("export", "--to", "d2", "{spec}", "-o", "out.d2"), ("out.d2",)),
    Command("export dot", ("export", "--to", "dot", "{spec}", "-o", "out.dot"), ("out.dot",)),
    Command("report md", ("report", "{spec}", "-o", "out.md"), ("out.md", "out.svg")),
    Command("report html", ("report", "{spec}", "-o", "out.html"), ("out.html",)),
]
OCCASIONAL = ["rules", "explain", "schema", "new", "gallery"]
RENDER_EXTRAS = [
    (),
    ("--legend",),
    ("--summary",),
    ("--theme", "dark"),
    ("--theme", "mono"),
    ("--direction", "tb"),
    ("--legend", "--summary", "--direction", "tb"),
]
TEMPLATES = ["ranking", "classification", "retrieval", "detection", "forecasting", "generation"]


def _argument_text(rng: random.Random) -> str:
    """Hostile text that can be a command-line argument (no NUL)."""
    words = ["E101", "MON001", "unknown-kind", "data", "x" * 10_000, "é"]
    text = rng.choice([*HOSTILE_TEXT, *ODD_WORDS, *words])
    if rng.random() < 0.3:
        text += "".join(rng.choice(CONTROL[1:]) for _ in range(3))
    return text.replace("\x00", "")


def command_for(run: int, rng: random.Random) -> Command:
    """Round robin: nine runs in ten go through the main commands, the tenth through an occasional one."""
    command = _command_for(run, rng)
    if rng.random() < 0.15:
        command = dataclasses.replace(command, spec=rng.choice(SPEC_NAMES))
    if command.writes and command.writes[0].startswith("out.") and rng.random() < 0.15:
        base = rng.choice(OUTPUT_BASES)
        args = tuple(part.replace("out.", f"{base}.") for part in command.args)
        writes = tuple(name.replace("out.", f"{base}.") for name in command.writes)
        command = dataclasses.replace(command, args=args, writes=writes)
    return command


def _command_for(run: int, rng: random.Random) -> Command:
    if run % 10 != 9:
        command = MAIN_COMMANDS[(run - run // 10) % len(MAIN_COMMANDS)]
        if command.name.startswith("render"):
            command = Command(command.name, command.args + rng.choice(RENDER_EXTRAS), command.writes)
        return command
    name = OCCASIONAL[(run // 10) % len(OCCASIONAL)]
    if name == "rules":
        return Command("rules", ("rules", "--format", rng.choice(["text", "json", "markdown"])))
    if name == "explain":
        return Command("explain", ("explain", _argument_text(rng)))
    if name == "schema":
        return Command("schema", ("schema",))
    if name == "new":
        system = rng.choice(
            [
                "my_system",
                "a-b",
                "_x",
                "x" * 300,
                "Ünïcode",
                "../up",
                "a b",
                "-",
                "system",
                "spec",
                "common",
                "x" * 250,
            ]
        )
        extra = ("--title", _argument_text(rng)) if rng.random() < 0.5 else ()
        template = rng.choice(TEMPLATES)
        return Command("new", ("new", system, "--template", template, *extra), (f"{system}.mlsd",))
    output = f"{GALLERY_INPUT}/g"
    return Command("gallery", ("gallery", GALLERY_INPUT, "-o", output), writes_under=output)


@dataclass
class CliOutcome:
    exit_code: int | None
    seconds: float
    failures: list[Failure] = field(default_factory=list)


Snapshot = dict[str, tuple[str, int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every entry under `root` (links not followed): its type, size and modification time."""
    entries: Snapshot = {}
    for folder, directories, files in os.walk(root):
        for name in directories + files:
            path = Path(folder) / name
            try:
                status = path.lstat()
            except OSError:
                continue
            kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
            size = 0 if kind == "dir" else status.st_size
            entries[str(path.relative_to(root))] = (kind, size, status.st_mtime_ns)
    return entries


def _normalise(name: str) -> str:
    """A file name with its random parts (temporary-file suffixes, digits) made generic, for bucketing."""
    return re.sub(r"\d+", "N", re.sub(r"\.[A-Za-z0-9_]{8}\.tmp$", ".XXXXXXXX.tmp", name))


def setup_project(workspace: Path, data: bytes, command: Command) -> tuple[Path, Path]:
    """A fresh folder holding the project (with the spec) that one command runs in."""
    root = Path(tempfile.mkdtemp(prefix="run-", dir=workspace))
    project = root / "project"
    project.mkdir()
    build_project(project, chain=40)
    (project / command.spec).write_bytes(data)
    if command.name == "gallery":
        (project / GALLERY_INPUT).mkdir()
        (project / GALLERY_INPUT / command.spec).write_bytes(data)
    return root, project


def run_command(data: bytes, command: Command, workspace: Path, private_tmp: Path) -> CliOutcome:
    root, project = setup_project(workspace, data, command)
    try:
        return _run(data, command, root, project, private_tmp)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _run(data: bytes, command: Command, root: Path, project: Path, private_tmp: Path) -> CliOutcome:
    args = command.arguments()
    compiles = command.name.startswith(DRAWING) and compile_file(project / command.spec).ok
    before, tmp_before = snapshot(root), snapshot(private_tmp)
    # strict UTF-8 on standard output, as in a UTF-8 locale (the C locale would escape what cannot be encoded)
    env = {
        **os.environ,
        "TMPDIR": str(private_tmp),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("MLSD_RENDER_TIMEOUT", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mlsd_dsl", *args],
        cwd=project,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    killed = False
    try:
        stdout, stderr = process.communicate(data if command.stdin else b"", timeout=KILL_SECONDS)
    except subprocess.TimeoutExpired:
        killed = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the group started above: mlsd and its dot
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    outcome = CliOutcome(None if killed else process.returncode, seconds)
    output = (stdout + b"\n" + stderr).decode("utf-8", "replace")
    _judge_output(outcome, command, output, killed)
    _judge_files(outcome, command, before, snapshot(root), project.relative_to(root))
    if compiles and outcome.exit_code == 2 and not killed:
        reason = next((line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()), "")
        outcome.failures.append(
            Failure(command.name, "refused a spec that compiles", _normalise(reason[:70]), reason[:500])
        )
    if outcome.exit_code in (0, 1):
        _judge_content(outcome, command, stdout, project)
    for name in sorted(set(snapshot(private_tmp)) - set(tmp_before)):
        if not name.startswith(".lark_cache"):
            outcome.failures.append(
                Failure(command.name, "leaves a temporary file", _normalise(name), f"{name} left in TMPDIR")
            )
    _clean(private_tmp, tmp_before)
    return outcome


def _judge_content(outcome: CliOutcome, command: Command, stdout: bytes, project: Path) -> None:
    """What the command printed or wrote must be well formed: JSON parses, SVG is XML, text is UTF-8."""
    try:
        if command.args[:3] in (("check", "--format", "json"), ("check", "--format", "sarif")):
            json.loads(stdout.decode("utf-8"))
        elif command.name == "export json":
            json.loads((project / command.writes[0]).read_text(encoding="utf-8"))
        elif command.name.startswith("render") and command.writes[0].endswith(".svg"):
            ElementTree.fromstring((project / command.writes[0]).read_bytes())
        elif command.name.startswith(("export", "report")):
            (project / command.writes[0]).read_text(encoding="utf-8")
    except (ValueError, ElementTree.ParseError, OSError) as problem:
        kind = type(problem).__name__
        outcome.failures.append(Failure(command.name, "malformed output", kind, str(problem)[:300]))


def _clean(folder: Path, keep: Snapshot) -> None:
    for name in os.listdir(folder):
        if name not in keep and not name.startswith(".lark_cache"):
            path = folder / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


INTERNAL = re.compile(r"internal error: (\w+)")
EXCEPTION_LINE = re.compile(r"\w+(\.\w+)*(Error|Exception|Exit)\b")


def _judge_output(outcome: CliOutcome, command: Command, output: str, killed: bool) -> None:
    if killed:
        outcome.failures.append(
            Failure(
                command.name, f"killed after {KILL_SECONDS:g} s", "-", f"no exit within {KILL_SECONDS:g} s"
            )
        )
    elif outcome.seconds > SLOW_SECONDS:
        outcome.failures.append(
            Failure(
                command.name,
                f"slow (over {SLOW_SECONDS:g} s)",
                "-",
                f"took {outcome.seconds:.1f} s, exit {outcome.exit_code}",
            )
        )
    if outcome.exit_code is not None and outcome.exit_code not in OK_EXIT:
        outcome.failures.append(Failure(command.name, f"exit status {outcome.exit_code}", "-", output[-500:]))
    internal = INTERNAL.search(output)
    if "Traceback (most recent call last)" in output:
        last = [line for line in output.splitlines() if EXCEPTION_LINE.match(line)]
        outcome.failures.append(
            Failure(
                command.name,
                "traceback",
                last[-1].split(":")[0] if last else "?",
                output[-300:],
                output[-3000:],
            )
        )
    elif internal:
        outcome.failures.append(
            Failure(
                command.name,
                "internal error",
                internal.group(1),
                output[internal.start() : internal.start() + 300],
            )
        )


def _judge_files(
    outcome: CliOutcome, command: Command, before: Snapshot, after: Snapshot, project: Path
) -> None:
    allowed = {os.path.normpath(project / name) for name in command.writes}
    if command.changes_spec:
        allowed.add(str(project / command.spec))
    under = os.path.normpath(project / command.writes_under) if command.writes_under else None
    failed = outcome.exit_code not in (0, 1)
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new or (old is not None and new is not None and old[0] == "dir" == new[0]):
            continue
        asked = name in allowed or (under is not None and (name == under or name.startswith(under + os.sep)))
        what = "created" if old is None else "removed" if new is None else "changed"
        short = name.removeprefix(str(project) + os.sep)
        if not asked:
            outcome.failures.append(
                Failure(
                    command.name,
                    f"{what} a file it was not asked to write",
                    _normalise(short),
                    f"{what} {short}",
                )
            )
        elif failed and new is not None and not (command.changes_spec and short == command.spec):
            outcome.failures.append(
                Failure(
                    command.name,
                    "wrote output yet failed",
                    _normalise(short),
                    f"{what} {short} but exited {outcome.exit_code}",
                )
            )
        elif failed and command.changes_spec and short == command.spec:
            outcome.failures.append(
                Failure(
                    command.name,
                    "changed the spec yet failed",
                    "-",
                    f"changed {short!r} but exited {outcome.exit_code}",
                )
            )


def locate_in_process(data: bytes, command: Command, workspace: Path) -> str:
    """Where an internal error comes from: the command run again through click's test runner, in this
    process, which keeps the traceback that `mlsd`'s entry point turns into one line."""
    from click.testing import CliRunner

    from mlsd_dsl.cli.main import cli

    root, project = setup_project(workspace, data, command)
    here = Path.cwd()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, SLOW_SECONDS)
    try:
        os.chdir(project)
        args = command.arguments()
        result = CliRunner().invoke(cli, ["--no-color", *args], input=data if command.stdin else None)
        if result.exc_info is None or isinstance(result.exception, SystemExit):
            return "? (not reproduced in process)"
        kind = type(result.exception).__name__
        location, _detail = _location(result.exc_info[2], kind)
        return location
    except WatchdogExpired:
        return "? (in-process rerun over the time limit)"
    except Exception as problem:
        return f"? (rerun failed: {traceback.format_exception_only(problem)[-1].strip()})"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(here)
        shutil.rmtree(root, ignore_errors=True)
