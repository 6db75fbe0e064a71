"""Shared fixtures for the renderer tests: tiny specs, fake lint rules, rendered outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import mlsd_dsl
from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.spec import Spec

HERE = Path(__file__).parent
FIXTURE_SPECS = HERE / "specs"
REPO = HERE.parent.parent
GALLERY_SPECS = sorted((REPO / "specs").rglob("*.mlsd"))


def fixture_spec(name: str) -> Spec:
    return mlsd_dsl.load(FIXTURE_SPECS / name)


def spec_of(text: str) -> Spec:
    return mlsd_dsl.parse(text)


@dataclass(frozen=True)
class FakeRule:
    code: str
    name: str
    missing: Kind | None


class FakeLinter:
    """Reports each rule once, as the real `lint_spec` would, and looks rules up by code."""

    def __init__(self, *rules: FakeRule) -> None:
        self.rules = {rule.code: rule for rule in rules}

    def lint(self, spec: Spec) -> list[Diagnostic]:
        return [
            Diagnostic(code=code, severity=Severity.WARNING, message="gap", file=spec.path)
            for code in self.rules
        ]

    def rule_of(self, code: str) -> FakeRule | None:
        return self.rules.get(code)


@pytest.fixture
def tiny() -> Spec:
    return fixture_spec("stages.mlsd")
