"""Settings for the whole suite: expected files and Hypothesis profiles.

The default run skips tests marked slow (addopts in pyproject.toml), except those named one by
one on the command line. `--update-expected` regenerates every expected file (see
tests/expected.py): it runs the slow tests too, writes what differs and lists what changed.

Hypothesis profiles, chosen with the HYPOTHESIS_PROFILE environment variable:

- `dev` (the default): fast and repeatable — the same examples on every run;
- `ci` (`.ci/run`): ten times the examples, fresh random ones on every run, and the blob to
  reproduce a failure printed with it.

Property tests take their example counts from the profile; a test that is heavier per example
scales it with `tests.profiles.scaled`.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests import expected

# `mlsd check` replays unchanged specs from a per-user cache; tests that patch mlsd in-process must
# not be answered from it. The cache's own tests (tests/core/test_check_cache.py) turn it back on.
os.environ["MLSD_NO_CACHE"] = "1"

settings.register_profile(
    "dev",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=1000,
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="write every expected file the tests compare with (slow tests included), then list what changed",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("update_expected"):
        expected.start_updating()
    # `-m 'not slow'` comes from addopts; lift it to update every expected file, and when tests are
    # named one by one (`path::test`), so that naming a slow test runs it.
    named_one_by_one = any("::" in arg for arg in config.args)
    if config.option.markexpr == "not slow" and (expected.updating() or named_one_by_one):
        config.option.markexpr = ""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if expected.updating():
        terminalreporter.section("expected files")
        for line in expected.summary():
            terminalreporter.write_line(line)
