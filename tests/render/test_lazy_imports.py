"""Rendering libraries load only when something is drawn, so `mlsd check` starts fast."""

from __future__ import annotations

import subprocess
import sys

from .conftest import FIXTURE_SPECS

PROBE = """
import sys
from click.testing import CliRunner
from mlsd_dsl.cli.main import cli
import mlsd_dsl.rendering, mlsd_dsl.rendering.scene
result = CliRunner().invoke(cli, ["check", sys.argv[1]])
assert result.exit_code in (0, 1), result.output  # clean or lint findings
print(sorted(name for name in sys.modules if name.split(".")[0] in {"graphviz", "diagrams"}))
"""


def test_check_and_importing_the_renderer_load_neither_graphviz_nor_diagrams() -> None:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(FIXTURE_SPECS / "stages.mlsd")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "[]"
