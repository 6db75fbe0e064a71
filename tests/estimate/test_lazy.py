"""`mlsd check` loads the estimate package only when a capacity rule has a bound to check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from click.testing import CliRunner
from mlsd_dsl.cli.main import cli
result = CliRunner().invoke(cli, ["check", sys.argv[1]])
assert result.exit_code in (0, 1), result.output
print("mlsd_dsl.estimate" in sys.modules)
"""
FIXTURES = Path(__file__).resolve().parents[1] / "lint" / "fixtures"


def loads_estimate(spec: Path) -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(spec)], capture_output=True, text=True, check=True
    )
    return probe.stdout.strip() == "True"


def test_check_loads_estimates_only_for_a_spec_that_states_a_bound() -> None:
    assert not loads_estimate(FIXTURES / "SERVE012" / "good.mlsd")  # no replicas, shards or budgets
    assert loads_estimate(FIXTURES / "SERVE015" / "bad.mlsd")  # declares replicas
