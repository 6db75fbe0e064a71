"""Every performance target of issue 13 in one run, as a table of times and ratios.

    .venv/bin/python benchmarks/suite.py              # everything, 5 paired runs per row
    .venv/bin/python benchmarks/suite.py --quick      # 3 runs, no 2,000-node layout, 300 specs

Whole-process rows start `mlsd` (as `python -m mlsd_dsl`, the interpreter running this script) and
the program it is compared with in turn, A B A B …, and quote the median of each and the median of
the ratios pair by pair, so the comparison holds while a shared machine's speed drifts. Serial work
is timed in CPU seconds (user + system of the process and its children, `dot` included), which a
loaded machine inflates far less than the wall clock and which a quiet machine's wall clock shows;
`--jobs` and the cache are timed by the wall clock, what they change. In-process rows (parse +
validate) are CPU seconds of this process, from `benchmarks/run.py`. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.estimate_share import TARGET as ESTIMATE_TARGET  # noqa: E402
from benchmarks.estimate_share import estimate_share  # noqa: E402
from benchmarks.generate import generate, generate_clustered  # noqa: E402
from benchmarks.run import measure  # noqa: E402
from mlsd_dsl.cli.main import collector_off  # noqa: E402
from mlsd_dsl.compiler import compile_text  # noqa: E402
from mlsd_dsl.parallel import default_jobs  # noqa: E402

MLSD = [sys.executable, "-m", "mlsd_dsl"]
# A control for the --jobs rows: the same pure-CPU work in one process or spread over several. On
# idle cores two processes finish it in half the time; on a loaded machine they do not, and a
# --jobs speed-up can only be judged against what the machine gives this control.
CONTROL = """
import sys
from concurrent.futures import ProcessPoolExecutor

def work(_):
    return sum(range(6_000_000))

jobs = int(sys.argv[1])
if jobs == 1:
    [work(i) for i in range(8)]
else:
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(work, range(8)))
"""
IDLE_CONTROL = 1.9  # the control's speed-up on two idle cores is about 1.95×
GALLERY_SPEC = ROOT / "specs" / "ad_click_prediction.mlsd"


@dataclass
class Row:
    target: str
    measured: str
    goal: str
    met: bool | None  # None: for information, or not measurable here


@dataclass
class Pair:
    a: float  # median seconds of A
    b: float  # median seconds of B
    ratio: float  # median of A/B, pair by pair


@dataclass
class Timing:
    wall: float
    cpu: float  # user + system seconds of the process and its children (dot, workers)


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1)
) -> Timing:
    """Wall-clock and CPU seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    finished = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if finished.returncode not in ok:
        problem = finished.stderr.decode()[:2000]
        raise SystemExit(f"{' '.join(command)} failed ({finished.returncode}): {problem}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu)


def paired(a: Callable[[], Timing], b: Callable[[], Timing], repeat: int, clock: str = "cpu") -> Pair:
    """A and B in turn after one warm-up each: the medians and the median ratio of the pairs, in CPU
    seconds (serial work: what a quiet machine's wall clock shows) or, for work spread over
    processes, in wall-clock seconds."""
    a(), b()
    pairs = [(getattr(a(), clock), getattr(b(), clock)) for _ in range(repeat)]
    return Pair(
        statistics.median(x for x, _ in pairs),
        statistics.median(y for _, y in pairs),
        statistics.median(x / y for x, y in pairs),
    )


class Suite:
    def __init__(self, work: Path, repeat: int, quick: bool) -> None:
        self.work = work
        self.repeat = repeat
        self.quick = quick
        self.rows: list[Row] = []
        self.env = os.environ | {"XDG_CACHE_HOME": str(work / "cache"), "MLSD_NO_CACHE": "1"}
        self.in_process_check = 0.0  # seconds of in-process parse + validate + lint at 10k

    def mlsd(self, *args: str, env: dict[str, str] | None = None) -> Callable[[], Timing]:
        return lambda: run([*MLSD, *args], self.work, env or self.env)

    def tool(self, *args: str) -> Callable[[], Timing]:
        return lambda: run(list(args), self.work)

    def spec(self, name: str, text: str) -> Path:
        path = self.work / name
        path.write_text(text, encoding="utf-8")
        return path

    def dot_of(self, spec: Path) -> Path:
        dot = spec.with_suffix(".dot")
        run([*MLSD, "render", str(spec), "-o", str(dot)], self.work, self.env, ok=(0,))
        return dot

    def add(self, target: str, measured: str, goal: str, met: bool | None) -> None:
        self.rows.append(Row(target, measured, goal, met))
        print(f"  {target}: {measured}", file=sys.stderr)

    def start_up(self) -> None:
        spec = self.spec("small.mlsd", generate(12))
        dot = self.dot_of(spec)
        svg = self.mlsd("render", str(spec), "-o", "small.svg")
        pair = paired(svg, self.tool("dot", "-Tsvg", str(dot), "-o", "dot.svg"), self.repeat)
        overhead = pair.a - pair.b
        self.add(
            "N=12 → SVG, whole process",
            f"{pair.a:.3f} s; dot {pair.b:.3f} s; overhead {overhead:.3f} s ({pair.ratio:.1f}× dot)",
            "≤ 0.25 s; overhead ≤ 0.2 s",
            pair.a <= 0.25 and overhead <= 0.2,
        )
        check = self.mlsd("check", str(GALLERY_SPEC))
        pair = paired(check, self.tool("dot", "-Tsvg", str(dot), "-o", "dot.svg"), self.repeat)
        self.add("mlsd check, a gallery spec", f"{pair.a:.3f} s", "≤ 0.25 s", pair.a <= 0.25)

    def medium(self) -> None:
        spec = self.spec("medium.mlsd", generate(200))
        dot = self.dot_of(spec)
        svg = self.mlsd("render", str(spec), "-o", "medium.svg")
        pair = paired(svg, self.tool("dot", "-Tsvg", str(dot), "-o", "dot.svg"), self.repeat)
        self.add(
            "N=200 → SVG",
            f"{pair.a:.3f} s; dot {pair.b:.3f} s; dot + {pair.a - pair.b:.3f} s",
            "≤ dot + 0.25 s",
            pair.a - pair.b <= 0.25,
        )

    def large(self, components: int) -> None:
        spec = self.spec(f"layout_{components}.mlsd", generate_clustered(components, clusters=10))
        dot = self.dot_of(spec)
        svg = self.mlsd("render", str(spec), "-o", f"layout_{components}.svg")
        newrank = self.tool("dot", "-Gnewrank=true", "-Tsvg", str(dot), "-o", "dot.svg")
        pair = paired(svg, newrank, max(3, self.repeat // 2))
        self.add(
            f"N={components:,} in 10 clusters → SVG",
            f"{pair.a:.2f} s; dot -Gnewrank=true {pair.b:.2f} s; {pair.ratio:.2f}×",
            "completes, ≤ 1.3× dot -Gnewrank=true",
            pair.ratio <= 1.3,
        )

    def in_process(self) -> None:
        compile_text(generate(100), "warm-up.mlsd")
        with collector_off():
            rows = {size: measure(size, 3) for size in (5000, 10000)}
        validate, growth = (
            rows[10000]["parse+validate"],
            rows[10000]["parse+validate"] / rows[5000]["parse+validate"],
        )
        self.add(
            "parse + validate, 10k components (CLI)",
            f"{validate:.3f} s CPU; 10k/5k {growth:.2f}×",
            "≤ 1.5 s; ≤ 2.2×",
            validate <= 1.5 and growth <= 2.2,
        )
        library = {size: measure(size, 3) for size in (5000, 10000)}
        lib_validate = library[10000]["parse+validate"]
        lib_growth = lib_validate / library[5000]["parse+validate"]
        self.add(
            "the same as a library (default collector)",
            f"{lib_validate:.3f} s CPU; 10k/5k {lib_growth:.2f}×",
            "≤ 1.5 s; ≤ 2.2× (see docs)",
            lib_validate <= 1.5 and lib_growth <= 2.2,
        )
        self.in_process_check = validate + rows[10000]["lint"]

    def check_output(self) -> None:
        spec = self.spec("large.mlsd", generate(10000))
        text = self.mlsd("check", str(spec))
        pair = paired(text, self.mlsd("check", "--format", "json", str(spec)), max(3, self.repeat // 2))
        ratio = pair.a / self.in_process_check
        self.add(
            "mlsd check 10k, text output",
            f"{pair.a:.2f} s = {ratio:.2f}× in-process parse + lint; {pair.ratio:.2f}× json",
            "≤ 2× in-process",
            ratio <= 2,
        )
        fmt = paired(self.mlsd("fmt", "--check", str(spec)), text, max(3, self.repeat // 2))
        self.add("mlsd fmt --check 10k", f"{fmt.a:.2f} s", "≤ 2 s", fmt.a <= 2)

    def estimate(self) -> None:
        figures = estimate_share(3)
        self.add(
            "mlsd estimate 10k, the step after compiling",
            f"{figures['estimate']:.3f} s CPU = {figures['share']:.0%} of check's compile + lint",
            f"≤ {ESTIMATE_TARGET:.0%}",
            figures["share"] <= ESTIMATE_TARGET,
        )
        spec = self.spec("large.mlsd", generate(10000))
        pair = paired(
            self.mlsd("estimate", str(spec)), self.mlsd("check", str(spec)), max(3, self.repeat // 2)
        )
        self.add(
            "mlsd estimate 10k, whole process",
            f"{pair.a:.2f} s; {pair.ratio:.2f}× mlsd check (both compile the spec)",
            "n/a",
            None,
        )

    def many_files(self) -> None:
        count = 300 if self.quick else 1000
        folder = self.work / "many"
        specs = sorted(p for p in (ROOT / "specs").glob("*.mlsd"))
        (folder / "common").mkdir(parents=True)
        shutil.copy(ROOT / "specs" / "common" / "platform.mlsd", folder / "common")
        for index in range(count):
            shutil.copy(specs[index % len(specs)], folder / f"spec_{index:04}.mlsd")
        jobs = default_jobs()
        repeat = max(3, self.repeat // 2)
        control = self.tool(sys.executable, "-c", CONTROL, str(jobs))
        machine = 1 / paired(control, self.tool(sys.executable, "-c", CONTROL, "1"), repeat, "wall").ratio
        self.add(
            f"control: pure CPU work, {jobs} processes vs 1",
            f"{machine:.2f}× faster",
            f"≥ {IDLE_CONTROL}× when the cores are idle",
            None,
        )
        out = str(self.work / "out")
        for command, options in (("check", ()), ("render", ("-f", "dot", "-o", out))):
            spread = self.mlsd(command, *options, "many")
            serial = self.mlsd(command, "--jobs", "1", *options, "many")
            speed_up = 1 / paired(spread, serial, repeat, "wall").ratio
            self.add(
                f"mlsd {command}, {count} specs, --jobs {jobs} vs 1",
                f"{speed_up:.2f}× faster (the control: {machine:.2f}×)",
                "≥ 1.7× on 2 idle cores",
                speed_up >= 1.7 if jobs >= 2 and machine >= IDLE_CONTROL else None,
            )
        cached = {key: value for key, value in self.env.items() if key != "MLSD_NO_CACHE"}
        cache = self.work / "cache" / "mlsd" / "check"

        def first() -> Timing:
            shutil.rmtree(cache, ignore_errors=True)
            return self.mlsd("check", "many", env=cached)()

        pair = paired(self.mlsd("check", "many", env=cached), first, repeat, "wall")
        self.add(
            f"second mlsd check of {count} unchanged specs",
            f"{pair.a:.2f} s vs first {pair.b:.2f} s: {pair.ratio:.0%}",
            "≤ 10 % of the first",
            pair.ratio <= 0.10,
        )

    def table(self) -> str:
        lines = ["| target | measured | goal | met |", "|---|---|---|---|"]
        marks = {True: "yes", False: "**no**", None: "n/a"}
        lines += [f"| {r.target} | {r.measured} | {r.goal} | {marks[r.met]} |" for r in self.rows]
        return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="paired runs per whole-process row")
    parser.add_argument("--quick", action="store_true", help="3 runs, no 2,000-node layout, 300 specs")
    arguments = parser.parse_args()
    repeat = 3 if arguments.quick else arguments.repeat
    # An installed mlsd has its bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would otherwise
    # compile every module of mlsd on every run (about 0.1 s), which no installed copy pays.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "mlsd_dsl")], check=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "pyproject.toml").write_text("[project]\nname = 'bench'\n")
        suite = Suite(work, repeat, arguments.quick)
        suite.start_up()
        suite.medium()
        suite.large(1000)
        if not arguments.quick:
            suite.large(2000)
        suite.in_process()
        suite.check_output()
        suite.estimate()
        suite.many_files()
    print(
        f"mlsd benchmarks: {default_jobs()} usable processors; medians of {repeat} paired runs; "
        "CPU seconds, wall-clock seconds for --jobs and the cache"
    )
    print(suite.table())


if __name__ == "__main__":
    main()
