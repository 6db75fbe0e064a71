"""The framework linter: rules over a compiled `Spec`, grounded in the 7-step ML design framework.

from mlsd_dsl.lint import lint_spec, all_rules, get_rule, coverage
findings = lint_spec(spec)                 # list[Diagnostic], sorted, suppressions applied
"""

from mlsd_dsl.lint.config import ConfigError, LintConfig, find_config
from mlsd_dsl.lint.coverage import Coverage, CoverageStatus, StepCoverage, coverage
from mlsd_dsl.lint.engine import lint_spec
from mlsd_dsl.lint.registry import all_rules, get_rule
from mlsd_dsl.lint.rule import Finding, Rule

__all__ = [
    "ConfigError",
    "Coverage",
    "CoverageStatus",
    "Finding",
    "LintConfig",
    "Rule",
    "StepCoverage",
    "all_rules",
    "coverage",
    "find_config",
    "get_rule",
    "lint_spec",
]
