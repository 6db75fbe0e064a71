"""How much of `mlsd check`'s time `mlsd estimate` adds, on the 10k-component benchmark spec.

    .venv/bin/python benchmarks/estimate_share.py             # best of 5
    .venv/bin/python benchmarks/estimate_share.py --repeat 9

Both commands compile the spec first; what differs is the step after it: `mlsd check` lints,
`mlsd estimate` works out the figures. The target (issue 18) is the estimate step at most 20 % of
what `mlsd check` spends (compile + lint), in CPU seconds of this process, with Python's garbage
collector off as the command line runs it (`collector_off`). Printed as a ratio, never asserted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate
from benchmarks.run import best_of
from mlsd_dsl.cli.main import collector_off
from mlsd_dsl.compiler import compile_text
from mlsd_dsl.estimate import estimate
from mlsd_dsl.lint import lint_spec
from mlsd_dsl.model.spec import Spec

TARGET = 0.20


def spec_of(text: str) -> Spec:
    spec = compile_text(text, "bench_10000.mlsd").spec
    assert spec is not None
    return spec


def estimate_share(repeat: int, components: int = 10_000) -> dict[str, float]:
    """CPU seconds of compile, lint and estimate, and the estimate's share of compile + lint."""
    text = generate(components)
    with collector_off():
        compile_s = best_of(repeat, lambda _: spec_of(text))
        spec = spec_of(text)
        lint_s = best_of(repeat, lambda _: lint_spec(spec))
        estimate_s = best_of(repeat, lambda _: estimate(spec))
    return {
        "compile": compile_s,
        "lint": lint_s,
        "estimate": estimate_s,
        "share": estimate_s / (compile_s + lint_s),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    figures = estimate_share(parser.parse_args().repeat)
    print(
        f"10k components, best of CPU seconds: compile {figures['compile']:.3f}, lint {figures['lint']:.3f}, "
        f"estimate {figures['estimate']:.3f}; estimate = {figures['share']:.0%} of check's compile + lint "
        f"(target ≤ {TARGET:.0%})"
    )


if __name__ == "__main__":
    main()
