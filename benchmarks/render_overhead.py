"""Render overhead: `mlsd render` of a 200-component spec versus plain `dot -Tsvg` on its DOT.

    .venv/bin/python benchmarks/render_overhead.py                 # 200 components, 5 runs
    .venv/bin/python benchmarks/render_overhead.py --components 500 --repeat 3 --backend diagrams

Both sides are timed as whole processes (wall clock, median of --repeat runs): mlsd's time
includes Python start-up, compiling the spec, building the graph, running dot and writing the
file. Target (issue 4): mlsd's total wall time ≤ 1.3 × dot's.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from mlsd_dsl.api import load
from mlsd_dsl.rendering.icons import resources_root

TARGET_RATIO = 1.3


def wall_time(command: list[str], repeat: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall-clock seconds of `repeat` runs of a command (after one warm-up run)."""
    timings = []
    for run in range(repeat + 1):
        start = time.perf_counter()
        finished = subprocess.run(command, capture_output=True, check=False)
        if finished.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed: {finished.stderr.decode()[:2000]}")
        if run:
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--components", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backend", choices=("graphviz", "diagrams"), default="graphviz")
    arguments = parser.parse_args()
    mlsd = str(Path(sys.executable).with_name("mlsd"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        spec = work / "bench.mlsd"
        spec.write_text(generate(arguments.components), encoding="utf-8")
        backend = ["--backend", arguments.backend]
        subprocess.run(
            [mlsd, "render", str(spec), "-o", str(work / "bench.dot"), *backend],
            check=True,
            capture_output=True,
        )
        components = len(load(spec).components)
        mlsd_seconds = wall_time(
            [mlsd, "render", str(spec), "-o", str(work / "mlsd.svg"), *backend], arguments.repeat
        )
        dot_seconds = wall_time(
            [
                "dot",
                "-Tsvg",
                f"-Gimagepath={resources_root()}",
                str(work / "bench.dot"),
                "-o",
                str(work / "dot.svg"),
            ],
            arguments.repeat,
        )
        emit_seconds = wall_time(
            [mlsd, "render", str(spec), "-o", str(work / "again.dot"), *backend], arguments.repeat
        )
        check_seconds = wall_time([mlsd, "check", "--format", "json", str(spec)], arguments.repeat, ok=(0, 1))
    ratio = mlsd_seconds / dot_seconds
    print(f"spec: {components} components, backend {arguments.backend}, median of {arguments.repeat} runs")
    print(f"dot -Tsvg on the emitted DOT:      {dot_seconds:.3f} s")
    print(f"mlsd render → SVG:                 {mlsd_seconds:.3f} s")
    print(f"  of which mlsd render → DOT only: {emit_seconds:.3f} s (start-up, compile, scene, DOT)")
    print(f"  for scale, mlsd check (+lint):   {check_seconds:.3f} s")
    print(
        f"ratio: {ratio:.2f}× (target ≤ {TARGET_RATIO}×) — {'ok' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
    )


if __name__ == "__main__":
    main()
