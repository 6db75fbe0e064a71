"""Per-test example counts relative to the loaded Hypothesis profile (see tests/conftest.py)."""

from __future__ import annotations

from hypothesis import settings


def scaled(factor: float) -> settings:
    """Settings that run `factor` times the profile's examples (at least one), for a test that is
    heavier per example than the others; everything else comes from the profile."""
    profile = settings.default
    assert profile is not None, "tests/conftest.py loads a profile"
    return settings(max_examples=max(1, round(profile.max_examples * factor)))
