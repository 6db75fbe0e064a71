"""The API pass: one input through parse → lint → coverage → exports → reports → DOT → fmt, in process.

Anything but `SpecError` from `parse` is a failure, and so is any exception from the later stages, a
formatting that is not idempotent or changes the spec's meaning, a temporary file left behind, and
an input taking longer than the watchdog allows.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from xml.etree import ElementTree

import mlsd_dsl
from mlsd_dsl.diagnostics import Diagnostic, SpecError
from mlsd_dsl.export import FORMATS as EXPORT_FORMATS
from mlsd_dsl.export import export
from mlsd_dsl.formatter import format_source
from mlsd_dsl.lint import coverage, lint_spec
from mlsd_dsl.model import Spec
from mlsd_dsl.rendering import RenderError, render, to_dot
from mlsd_dsl.report import design_report

SLOW_SECONDS = 10.0
DRAW_ONE_IN = 25  # layout is too slow for every input
PATH = "fuzz.mlsd"
MLSD_MARKER = f"{os.sep}mlsd_dsl{os.sep}"


class WatchdogExpired(BaseException):
    """Raised from SIGALRM when one input has run too long (a BaseException, so no `except
    Exception` in the code under test swallows it)."""


@dataclass
class Failure:
    stage: str
    kind: str  # the exception type, or the name of the broken promise
    location: str
    message: str
    detail: str = ""

    @property
    def key(self) -> str:
        return f"{self.stage} | {self.kind} | {self.location}"


@dataclass
class Outcome:
    status: str = "invalid"  # "valid": parse gave a Spec; "invalid": SpecError
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)


def _location(tb: TracebackType | None, kind: str) -> tuple[str, str]:
    """Where an exception came from (the innermost frame in mlsd_dsl), and the end of its traceback.

    A recursion is located by the function that recursed (where the limit struck varies from input
    to input), and a watchdog expiry by the innermost mlsd function running (without its line)."""
    frames = traceback.extract_tb(tb)
    ours = [frame for frame in frames if MLSD_MARKER in frame.filename]
    detail = "".join(traceback.format_list(frames[-12:]))
    innermost = ours[-1] if ours else frames[-1] if frames else None
    if innermost is None:
        return "?", detail
    if kind == "RecursionError":
        recursing, _count = Counter((frame.filename, frame.name) for frame in frames).most_common(1)[0]
        if MLSD_MARKER in recursing[0]:
            return f"recursion in {_short_file(recursing[0])} in {recursing[1]}", detail
        return f"{_short(innermost)} → recursion in {Path(recursing[0]).name} in {recursing[1]}", detail
    if kind == "WatchdogExpired":
        return f"{_short_file(innermost.filename)} in {innermost.name}", detail
    return _short(innermost), detail


def _short_file(filename: str) -> str:
    return "mlsd_dsl/" + filename.split(MLSD_MARKER, 1)[1] if MLSD_MARKER in filename else Path(filename).name


def _short(frame: traceback.FrameSummary) -> str:
    return f"{_short_file(frame.filename)}:{frame.lineno} in {frame.name}"


class Runner:
    """Runs the stages of one input, recording failures by stage."""

    def __init__(self) -> None:
        self.outcome = Outcome()
        self.stage = "start"
        self._started = time.perf_counter()

    @contextmanager
    def step(self, stage: str) -> Iterator[None]:
        self.stage = stage
        started = time.perf_counter()
        try:
            yield
        except WatchdogExpired:
            raise
        except Exception as problem:
            kind = type(problem).__name__
            location, detail = _location(problem.__traceback__, kind)
            self.fail(stage, kind, location, str(problem)[:300], detail)
        finally:
            self.outcome.stages[stage] = self.outcome.stages.get(stage, 0.0) + time.perf_counter() - started

    def fail(self, stage: str, kind: str, location: str, message: str, detail: str = "") -> None:
        self.outcome.failures.append(Failure(stage, kind, location, message, detail))


def without_spans(value: object) -> object:
    """The dumped model without positions, and without how string literals (and so lists) were
    written: the formatter writes each string back in its canonical quoting (a tab as \\t), which
    reads back as the same value."""
    if isinstance(value, dict):
        quoted = value.get("type") in ("string", "list")
        return {
            key: without_spans(item)
            for key, item in value.items()
            if key != "span" and not (quoted and key == "raw")
        }
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value


def meaning(text: str) -> tuple[str, object]:
    """What a spec means, as the formatter must keep it: the model without positions and comments,
    or the codes of the errors that make it invalid."""
    try:
        spec = mlsd_dsl.parse(text, PATH)
    except SpecError as problem:
        return "invalid", sorted(Counter(diagnostic.code for diagnostic in problem.diagnostics).items())
    return "valid", without_spans(spec.model_dump(mode="json", exclude={"comments"}))


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise WatchdogExpired


def check_input(text: str, limit: float = SLOW_SECONDS) -> Outcome:
    """Every API stage on `text`, under a watchdog of `limit` seconds."""
    runner = Runner()
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        _stages(runner, text)
    except WatchdogExpired as expired:
        location, detail = _location(expired.__traceback__, "WatchdogExpired")
        runner.fail(
            runner.stage,
            f"slow (over {limit:g} s)",
            location,
            f"the input took over {limit:g} s ({len(text)} characters)",
            detail,
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    runner.outcome.seconds = time.perf_counter() - runner._started
    return runner.outcome


def _stages(runner: Runner, text: str) -> None:
    spec: Spec | None = None
    with runner.step("parse"):
        try:
            spec = mlsd_dsl.parse(text, PATH)
            runner.outcome.status = "valid"
        except SpecError:
            pass
    if spec is not None:
        _spec_stages(runner, spec)
        if zlib.crc32(text.encode("utf-8", "replace")) % DRAW_ONE_IN == 0:
            _draw(runner, spec)
    _format_stages(runner, text, spec is not None)


def _spec_stages(runner: Runner, spec: Spec) -> None:
    findings: list[Diagnostic] = []
    with runner.step("lint_spec"):
        findings = lint_spec(spec)
    with runner.step("coverage"):
        coverage(spec, findings)
    for fmt in EXPORT_FORMATS:
        with runner.step(f"export {fmt}"):
            export(spec, fmt, "TB" if fmt == "mermaid" else "LR")
    for fmt in ("md", "html"):
        with runner.step(f"design_report {fmt}"):
            design_report(spec, fmt, findings)
    with runner.step("to_dot graphviz"):
        to_dot(spec)
    with runner.step("to_dot diagrams --gaps"):
        to_dot(
            spec,
            backend="diagrams",
            gaps=True,
            theme="dark",
            direction="TB",
            legend=True,
            summary=True,
            findings=findings,
        )


def _draw(runner: Runner, spec: Spec) -> None:
    """A sample of the valid specs is drawn by graphviz too: what check accepts must be drawn."""
    with runner.step("render svg"):
        try:
            svg = render(spec, "svg", gaps=True, legend=True, summary=True, findings=lint_spec(spec))
        except RenderError as problem:
            reason = str(problem).split(":", 1)[0]
            runner.fail("render svg", "refused a spec that compiles", reason[:70], str(problem)[:500])
        else:
            ElementTree.fromstring(svg)  # a ParseError is a finding


def _format_stages(runner: Runner, text: str, parses: bool) -> None:
    once: str | None = None
    with runner.step("format_source"):
        once = format_source(text, PATH).text
        if once is None and parses:
            runner.fail("format_source", "refuses a spec that parses", "-", "format_source gave no text")
    if once is None:
        return
    with runner.step("format_source twice"):
        twice = format_source(once, PATH).text
        if twice is None:
            runner.fail("format_source twice", "formatted text does not parse", "-", "")
        elif twice != once:
            runner.fail("format_source twice", "not idempotent", "-", _first_difference(once, twice))
    with runner.step("format meaning"):
        before, after = meaning(text), meaning(once)
        if before != after:
            change = f"{before[0]} -> {after[0]}"
            runner.fail(
                "format meaning", "changes the meaning", change, _first_difference(repr(before), repr(after))
            )


def _first_difference(first: str, second: str) -> str:
    index = next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )
    start = max(0, index - 60)
    return f"at {index}: {first[start : index + 60]!r} vs {second[start : index + 60]!r}"


def leftover_files(folder: Path, before: set[str]) -> list[str]:
    """Files that appeared in the temporary folder, other than lark's grammar cache."""
    return sorted(name for name in set(os.listdir(folder)) - before if not name.startswith(".lark_cache"))


def use_private_tempdir(folder: Path) -> None:
    """Point `tempfile` (and so everything mlsd writes temporarily) at `folder`, to catch leaks."""
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)
