"""Settings for the whole suite.

Hypothesis profiles, chosen with the HYPOTHESIS_PROFILE environment variable:

- `dev` (the default): fast and repeatable — the same examples on every run;
- `ci` (`.ci/run`): ten times the examples, fresh random ones on every run, and the blob to
  reproduce a failure printed with it.

Property tests take their example counts from the profile; a test that is heavier per example
scales it with `tests.profiles.scaled`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev", max_examples=100, derandomize=True, database=None, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci", max_examples=1000, derandomize=False, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
