"""Benchmark parse + validate (and lint, when the linter is installed) on generated specs.

    .venv/bin/python benchmarks/run.py            # 1k, 5k, 10k components
    .venv/bin/python benchmarks/run.py --sizes 1000 2000 --repeat 3

Times are CPU seconds of this process (time.process_time), so other load on the machine does
not inflate them. Prints the best of `--repeat` runs per stage, the 10k/5k growth ratio and the
lint overhead twice: for the library as it runs by default (it leaves Python's garbage collector
as it finds it), then as the `mlsd` command runs it, under the command line's `collector_off`.
With the default collector the growth ratio also steps with the number of full collections a
compile happens to trigger (when written: one at 5k components, three at 10k).
Targets (issue 2 and 3): 10k components parsed and validated in ≤ 1.5 s; 10k ≤ 2.2 × 5k;
lint adds ≤ 50 % to parse + validate.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from mlsd_dsl.cli.main import collector_off
from mlsd_dsl.compiler import compile_text
from mlsd_dsl.parser import parse_source

Rows = dict[int, dict[str, float]]


def best_of(
    repeat: int, action: Callable[[object], object], setup: Callable[[], object] = lambda: None
) -> float:
    """The fastest of `repeat` runs of `action(setup())`, timing only the action."""
    timings = []
    for _ in range(repeat):
        prepared = setup()
        gc.collect()
        start = time.process_time()
        action(prepared)
        timings.append(time.process_time() - start)
    return min(timings)


def load_linter() -> Callable[[object], object] | None:
    try:
        from mlsd_dsl.lint import lint_spec
    except ImportError:
        return None
    return lint_spec


def measure(size: int, repeat: int) -> dict[str, float]:
    text = generate(size)
    path = f"bench_{size}.mlsd"
    compilation = compile_text(text, path)
    if not compilation.ok:
        raise SystemExit(f"generated spec of size {size} does not compile: {compilation.diagnostics[:3]}")
    row = {
        "components": float(len(compilation.spec.components)),
        "edges": float(len(compilation.spec.edges)),
    }
    del compilation  # time each stage on its own, not next to a spec held from before
    row |= {
        "parse": best_of(repeat, lambda _: parse_source(text, path)),
        "parse+validate": best_of(repeat, lambda _: compile_text(text, path)),
    }
    lint_spec = load_linter()
    if lint_spec is not None:
        row["lint"] = best_of(repeat, lint_spec, setup=lambda: compile_text(text, path).spec)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description="mlsd parse/validate/lint benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    compile_text(generate(100), "warm-up.mlsd")  # load the grammar once, outside the timings
    library = {size: measure(size, arguments.repeat) for size in arguments.sizes}
    with collector_off():
        command_line = {size: measure(size, arguments.repeat) for size in arguments.sizes}
    report("the library, Python's default garbage collection:", library)
    report("as the CLI runs it (mlsd_dsl.cli.main.collector_off):", command_line)


def report(title: str, rows: Rows) -> None:
    print(title)
    print(
        f"{'size':>7} {'components':>10} {'edges':>7} {'parse s':>8} {'parse+validate s':>17} {'lint s':>7}"
    )
    for size, row in rows.items():
        lint = f"{row['lint']:7.3f}" if "lint" in row else "    n/a"
        print(
            f"{size:>7} {row['components']:>10.0f} {row['edges']:>7.0f} {row['parse']:>8.3f} "
            f"{row['parse+validate']:>17.3f} {lint}"
        )
    if 5000 in rows and 10000 in rows:
        ratio = rows[10000]["parse+validate"] / rows[5000]["parse+validate"]
        print(f"growth 10k/5k: {ratio:.2f}x (target ≤ 2.2x)")
    if 10000 in rows:
        print(f"10k parse+validate: {rows[10000]['parse+validate']:.3f} s (target ≤ 1.5 s)")
        if "lint" in rows[10000]:
            overhead = rows[10000]["lint"] / rows[10000]["parse+validate"]
            print(f"10k lint overhead: {overhead:.0%} of parse+validate (target ≤ 50%)")


if __name__ == "__main__":
    main()
