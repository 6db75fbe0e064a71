"""The fuzz campaign: hostile inputs through the API (in process) and the CLI (subprocesses).

    .venv/bin/python -m tests.fuzz.campaign --api 100000 --cli 2000 --seed 1 --workers 2

Failures are bucketed by stage, kind and location; each bucket keeps a shrunk example. A summary
table is printed and a JSON report written (with each example also saved as a file beside it).
Every input is a function of (seed, pass, index): `--only api:123` runs one input again.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType
from typing import Any

from tests.fuzz import api_pass, cli_pass
from tests.fuzz.api_pass import Failure
from tests.fuzz.inputs import make_input
from tests.fuzz.project import build_project
from tests.fuzz.shrink import shrink

API_HARD_LIMIT = 300.0  # seconds a worker may spend on one API input (shrinking included) before it is killed
CLI_HARD_LIMIT = 400.0
LOCATE_PER_KIND = 20  # in-process reruns to locate internal errors, per command and exception type


@dataclass
class Found:
    """One failure of one input, with a shrunk example the first time this worker saw its bucket."""

    failure: Failure
    example: str | bytes | None = None


@dataclass
class Result:
    pass_name: str
    index: int
    origin: str
    length: int
    seconds: float
    status: str  # api: valid/invalid; cli: the command and its exit status
    found: list[Found] = field(default_factory=list)


# --- the worker ------------------------------------------------------------------------------------


class Worker:
    def __init__(self, seed: int, workspace: Path) -> None:
        self.seed = seed
        self.workspace = workspace
        self.private_tmp = workspace / "tmp"
        self.private_tmp.mkdir()
        api_project = workspace / "api-project"
        api_project.mkdir()
        build_project(api_project)
        os.chdir(api_project)  # `parse` resolves imports from the working directory
        api_pass.use_private_tempdir(self.private_tmp)
        self.seen: set[str] = set()
        self.located: Counter[str] = Counter()

    def api(self, index: int) -> Result:
        fuzz_input = make_input(self.seed, "api", index)
        text = fuzz_input.text
        tmp_before = set(os.listdir(self.private_tmp))
        outcome = api_pass.check_input(text)
        for name in api_pass.leftover_files(self.private_tmp, tmp_before):
            outcome.failures.append(Failure("(any)", "leaves a temporary file", name, name))
            path = self.private_tmp / name
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        result = Result("api", index, fuzz_input.origin, len(text), outcome.seconds, outcome.status)
        for failure in outcome.failures:
            found = Found(failure)
            if failure.key not in self.seen:
                self.seen.add(failure.key)
                found.example = self._shrink_api(text, failure)
            result.found.append(found)
        return result

    def _shrink_api(self, text: str, failure: Failure) -> str:
        if failure.kind.startswith("slow"):
            return text  # each try would take seconds; the parent keeps the smallest seen instead

        def still_fails(candidate: str) -> bool:
            return failure.key in {f.key for f in api_pass.check_input(candidate, limit=3.0).failures}

        return shrink(text, still_fails, max_tries=3000, max_seconds=90.0)

    def cli(self, index: int) -> Result:
        fuzz_input = make_input(self.seed, "cli", index)
        rng = random.Random(f"{self.seed}/cli-command/{index}")
        command = cli_pass.command_for(index, rng)
        outcome = cli_pass.run_command(fuzz_input.data, command, self.workspace, self.private_tmp)
        status = f"{command.name}: exit {outcome.exit_code}"
        result = Result("cli", index, fuzz_input.origin, len(fuzz_input.data), outcome.seconds, status)
        for failure in outcome.failures:
            if failure.kind == "internal error" and outcome.seconds < api_pass.SLOW_SECONDS:
                tag = f"{command.name} {failure.location}"
                if self.located[tag] < LOCATE_PER_KIND:
                    self.located[tag] += 1
                    where = cli_pass.locate_in_process(fuzz_input.data, command, self.workspace)
                    failure.location += f" @ {where}"
            found = Found(failure)
            if failure.key not in self.seen:
                self.seen.add(failure.key)
                found.example = self._shrink_cli(fuzz_input.data, command, failure)
            result.found.append(found)
        return result

    def _shrink_cli(self, data: bytes, command: cli_pass.Command, failure: Failure) -> bytes:
        if failure.kind.startswith(("slow", "killed")):
            return data
        kind = failure.kind

        def still_fails(candidate: bytes) -> bool:
            outcome = cli_pass.run_command(candidate, command, self.workspace, self.private_tmp)
            return any(
                f.kind == kind and (kind == "internal error" or f.location == failure.location)
                for f in outcome.failures
            )

        return shrink(data, still_fails, max_tries=60, max_seconds=120.0)


def worker_main(connection: Connection, seed: int, workspace: str) -> None:
    worker = Worker(seed, Path(workspace))
    while True:
        task = connection.recv()
        if task is None:
            return
        pass_name, index = task
        connection.send(worker.api(index) if pass_name == "api" else worker.cli(index))


# --- the parent ------------------------------------------------------------------------------------


@dataclass
class Bucket:
    key: str
    pass_name: str
    stage: str
    kind: str
    location: str
    message: str
    detail: str
    count: int = 0
    first_index: int = -1
    first_origin: str = ""
    smallest_failing_length: int = sys.maxsize
    example: str | bytes | None = None

    def add(self, result: Result, found: Found) -> None:
        self.count += 1
        if self.first_index < 0:
            self.first_index, self.first_origin = result.index, result.origin
        self.smallest_failing_length = min(self.smallest_failing_length, result.length)
        if found.example is not None and (self.example is None or len(found.example) < len(self.example)):
            self.example = found.example


@dataclass
class Stats:
    inputs: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    origins: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    slowest: dict[str, list[tuple[float, int, str, int]]] = field(default_factory=lambda: defaultdict(list))
    buckets: dict[str, Bucket] = field(default_factory=dict)
    failing_inputs: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)

    def record(self, result: Result) -> None:
        name = result.pass_name
        self.inputs[name] += 1
        self.statuses[name][result.status] += 1
        self.origins[name][result.origin.split(" ")[0]] += 1
        self.seconds[name] += result.seconds
        slowest = self.slowest[name]
        slowest.append((result.seconds, result.index, result.origin, result.length))
        slowest.sort(reverse=True)
        del slowest[10:]
        if result.found:
            self.failing_inputs[name] += 1
        for found in result.found:
            failure = found.failure
            key = f"{name} | {failure.key}"
            bucket = self.buckets.get(key)
            if bucket is None:
                bucket = self.buckets[key] = Bucket(
                    key, name, failure.stage, failure.kind, failure.location, failure.message, failure.detail
                )
            bucket.add(result, found)


class Pool:
    """Workers that each run one input at a time; a worker that hangs or dies is replaced, and the
    input it was on is recorded as a failure."""

    def __init__(self, workers: int, seed: int, workspace: Path) -> None:
        self.seed = seed
        self.workspace = workspace
        self.context = multiprocessing.get_context("fork")
        self.slots: list[dict[str, Any]] = [self._start(number) for number in range(workers)]

    def _start(self, number: int) -> dict[str, Any]:
        folder = Path(tempfile.mkdtemp(prefix=f"worker{number}-", dir=self.workspace))
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(
            target=worker_main, args=(child_end, self.seed, str(folder)), daemon=True
        )
        process.start()
        child_end.close()
        return {
            "number": number,
            "process": process,
            "connection": parent_end,
            "task": None,
            "since": 0.0,
            "folder": folder,
        }

    def _replace(self, slot: dict[str, Any]) -> None:
        process = slot["process"]
        if process.is_alive():
            process.kill()  # this pool's own worker, by its handle
        process.join(5)
        slot["connection"].close()
        shutil.rmtree(slot["folder"], ignore_errors=True)
        slot.update(self._start(slot["number"]))

    def run(self, pass_name: str, count: int, stats: Stats, progress: Progress) -> None:
        limit = API_HARD_LIMIT if pass_name == "api" else CLI_HARD_LIMIT
        pending = iter(range(count))
        busy = 0
        for slot in self.slots:
            busy += self._give(slot, pass_name, pending)
        while busy:
            waiting = [slot["connection"] for slot in self.slots if slot["task"]]
            ready = multiprocessing.connection.wait(waiting, timeout=1.0)
            for slot in self.slots:
                if slot["task"] is None:
                    continue
                if slot["connection"] in ready:
                    try:
                        result: Result = slot["connection"].recv()
                    except (EOFError, OSError):
                        result = self._lost(slot, "worker died", f"exit code {slot['process'].exitcode}")
                        self._replace(slot)
                elif time.monotonic() - slot["since"] > limit:
                    result = self._lost(slot, "worker hung", f"no answer within {limit:g} s")
                    self._replace(slot)
                else:
                    continue
                stats.record(result)
                progress.tick(stats)
                slot["task"] = None
                busy -= 1
                busy += self._give(slot, pass_name, pending)

    def _give(self, slot: dict[str, Any], pass_name: str, pending: Any) -> int:
        index = next(pending, None)
        if index is None:
            return 0
        slot["task"] = (pass_name, index)
        slot["since"] = time.monotonic()
        slot["connection"].send(slot["task"])
        return 1

    def _lost(self, slot: dict[str, Any], kind: str, message: str) -> Result:
        pass_name, index = slot["task"]
        fuzz_input = make_input(self.seed, pass_name, index)
        example: str | bytes = fuzz_input.text if pass_name == "api" else fuzz_input.data
        failure = Failure("(worker)", kind, "-", message)
        return Result(
            pass_name,
            index,
            fuzz_input.origin,
            len(example),
            time.monotonic() - slot["since"],
            kind,
            [Found(failure, example)],
        )

    def close(self) -> None:
        for slot in self.slots:
            with contextlib.suppress(OSError):
                slot["connection"].send(None)
        for slot in self.slots:
            slot["process"].join(10)
            if slot["process"].is_alive():
                slot["process"].kill()


class Progress:
    def __init__(self, report: Path, args: argparse.Namespace) -> None:
        self.report = report
        self.args = args
        self.started = time.monotonic()
        self.last_print = 0.0
        self.last_write = self.started

    def tick(self, stats: Stats, force: bool = False, finished: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last_print > 30:
            self.last_print = now
            elapsed = now - self.started
            inputs, failing = stats.inputs, stats.failing_inputs
            print(
                f"[{elapsed:7.0f} s] api {inputs['api']}/{self.args.api}"
                f"  cli {inputs['cli']}/{self.args.cli}"
                f"  failing inputs api {failing['api']} cli {failing['cli']}  buckets {len(stats.buckets)}",
                flush=True,
            )
        if force or now - self.last_write > 120:
            self.last_write = now
            write_report(self.report, stats, self.args, now - self.started, final=finished)


# --- reporting -------------------------------------------------------------------------------------


def _example_fields(example: str | bytes | None) -> dict[str, Any]:
    if example is None:
        return {}
    if isinstance(example, bytes):
        return {
            "example_bytes_base64": base64.b64encode(example).decode("ascii"),
            "example_repr": repr(example)[:2000],
            "example_length": len(example),
        }
    return {
        "example": example if len(example) <= 20_000 else None,
        "example_repr": repr(example)[:2000],
        "example_length": len(example),
    }


def write_report(path: Path, stats: Stats, args: argparse.Namespace, elapsed: float, final: bool) -> None:
    examples = path.with_name(path.stem + ".examples")
    examples.mkdir(parents=True, exist_ok=True)
    buckets = []
    for number, bucket in enumerate(sorted(stats.buckets.values(), key=lambda b: (b.pass_name, -b.count)), 1):
        entry = {k: v for k, v in asdict(bucket).items() if k != "example"}
        entry["smallest_failing_length"] = (
            None if bucket.smallest_failing_length == sys.maxsize else bucket.smallest_failing_length
        )
        entry.update(_example_fields(bucket.example))
        if bucket.example is not None:
            file = examples / f"{number:03d}-{bucket.pass_name}.mlsd"
            example = bucket.example
            file.write_bytes(example if isinstance(example, bytes) else example.encode("utf-8", "replace"))
            entry["example_file"] = str(file)
        buckets.append(entry)
    report = {
        "command": sys.argv,
        "seed": args.seed,
        "workers": args.workers,
        "elapsed_seconds": round(elapsed, 1),
        "finished": final,
        "inputs": dict(stats.inputs),
        "statuses": {k: dict(v) for k, v in stats.statuses.items()},
        "origins": {k: dict(v) for k, v in stats.origins.items()},
        "seconds_total": {k: round(v, 1) for k, v in stats.seconds.items()},
        "failing_inputs": dict(stats.failing_inputs),
        "slowest": {
            k: [{"seconds": round(s, 2), "index": i, "origin": o, "length": n} for s, i, o, n in v]
            for k, v in stats.slowest.items()
        },
        "buckets": buckets,
    }
    temporary = path.with_suffix(".json.partial")
    temporary.write_text(json.dumps(report, indent=2, ensure_ascii=True), encoding="utf-8")
    temporary.replace(path)


def print_summary(stats: Stats, elapsed: float) -> None:
    print(f"\n=== fuzz campaign: {elapsed:.0f} s ===")
    for name in ("api", "cli"):
        if not stats.inputs[name]:
            continue
        print(
            f"\n{name} pass: {stats.inputs[name]} inputs, {stats.failing_inputs[name]} failing, "
            f"{stats.seconds[name]:.0f} s of work"
        )
        print("  by origin: " + ", ".join(f"{k} {v}" for k, v in stats.origins[name].most_common()))
        if name == "api":
            print("  outcome:   " + ", ".join(f"{k} {v}" for k, v in stats.statuses[name].most_common()))
        else:
            per_command: dict[str, Counter[str]] = defaultdict(Counter)
            for status, count in stats.statuses[name].items():
                command, code = status.rsplit(": ", 1)
                per_command[command][code] += count
            print(f"  {'command':40} {'runs':>5}  exit statuses")
            for command, codes in sorted(per_command.items()):
                exits = ", ".join(f"{code} ×{count}" for code, count in sorted(codes.items()))
                print(f"  {command:40} {sum(codes.values()):5}  {exits}")
        slowest = stats.slowest[name][:5]
        print("  slowest: " + "; ".join(f"{s:.2f} s (#{i}, {o}, {n} chars)" for s, i, o, n in slowest))
    print(f"\nfailure buckets: {len(stats.buckets)}")
    print(f"  {'count':>6}  {'pass':4} {'stage / command':28} {'kind':32} location  [example length]")
    for bucket in sorted(stats.buckets.values(), key=lambda b: (b.pass_name, -b.count)):
        size = len(bucket.example) if bucket.example is not None else "-"
        print(
            f"  {bucket.count:6}  {bucket.pass_name:4} {bucket.stage[:28]:28} {bucket.kind[:32]:32} "
            f"{bucket.location}  [{size}]"
        )
        if bucket.example is not None:
            print(f"          example: {repr(bucket.example)[:160]}")


def run_one(spec: str, seed: int) -> None:
    """Run a single input again (`--only api:123` or `--only cli:45`) and print what it found."""
    pass_name, index = spec.split(":")
    fuzz_input = make_input(seed, pass_name, int(index))
    print(f"origin: {fuzz_input.origin}; {len(fuzz_input.text)} characters: {fuzz_input.text[:300]!r}")
    with tempfile.TemporaryDirectory(prefix="mlsd-fuzz-one-") as folder:
        worker = Worker(seed, Path(folder))
        result = worker.api(int(index)) if pass_name == "api" else worker.cli(int(index))
        os.chdir(Path(folder).parent)
    print(f"{result.status} in {result.seconds:.2f} s")
    for found in result.found:
        print(f"- {found.failure.key}: {found.failure.message}\n{found.failure.detail}")
        print(f"  shrunk: {found.example!r}"[:2000])


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.campaign", description=__doc__.split("\n")[0])
    parser.add_argument("--api", type=int, default=1000, help="inputs through the API pass")
    parser.add_argument("--cli", type=int, default=100, help="inputs through the CLI pass")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2)))
    parser.add_argument("--report", type=Path, default=Path(tempfile.gettempdir()) / "mlsd-fuzz-report.json")
    parser.add_argument("--only", help="run one input again: api:INDEX or cli:INDEX")
    args = parser.parse_args(argv)
    if args.only:
        run_one(args.only, args.seed)
        return 0
    report = args.report.resolve()
    stats = Stats()
    progress = Progress(report, args)
    workspace = Path(tempfile.mkdtemp(prefix="mlsd-fuzz-"))
    interrupted = False
    pool = Pool(args.workers, args.seed, workspace)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the campaign with a report of what ran
    try:
        for pass_name, count in (("api", args.api), ("cli", args.cli)):
            if count:
                pool.run(pass_name, count, stats, progress)
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted; reporting what was run", flush=True)
    finally:
        pool.close()
        shutil.rmtree(workspace, ignore_errors=True)
        elapsed = time.monotonic() - progress.started
        progress.tick(stats, force=True, finished=not interrupted)
        print_summary(stats, elapsed)
        print(f"\nreport: {report} (examples in {report.with_name(report.stem + '.examples')})")
    return 1 if stats.buckets else 0


if __name__ == "__main__":
    sys.exit(main())
