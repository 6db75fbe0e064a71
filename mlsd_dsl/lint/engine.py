"""Running the rules over a spec: selection, suppressions, severities, deterministic order."""

from __future__ import annotations

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint.config import LintConfig
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.rule import Finding, Rule
from mlsd_dsl.lint.rules.suppressions import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from mlsd_dsl.lint.suppress import Suppression, SuppressionIndex, parse_suppressions
from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.spec import Spec


def lint_spec(spec: Spec, config: LintConfig | None = None) -> list[Diagnostic]:
    """Every finding for one compiled spec, suppressions and configuration applied, sorted.

    Findings located in imported modules are left to the module's own check, so a shared module
    is reported once, not once per system that imports it.
    """
    config = config or LintConfig()
    rules = [r for r in config.rules_for(spec.path) if r.applies_to_modules or not spec.is_module]
    context = LintContext(spec)
    suppressions = parse_suppressions(spec)
    index = SuppressionIndex(spec, suppressions)
    diagnostics = [
        _diagnostic(rule, finding, config)
        for rule in rules
        if rule.check is not None
        for finding in rule.check(context)
        if finding.span.file == spec.path and not index.suppress(rule.code, finding)
    ]
    enabled = {rule.code for rule in rules}
    diagnostics += _suppression_problems(suppressions, enabled, config)
    return sorted(diagnostics, key=lambda d: (*d.sort_key, d.message))


def _diagnostic(rule: Rule, finding: Finding, config: LintConfig) -> Diagnostic:
    # Built from checked parts without pydantic validation: a run that only prints text never
    # builds the model's validator (nor loads pydantic's plugin machinery), ~20 ms of a small check.
    return trusted(
        Diagnostic,
        code=rule.code,
        name=rule.name,
        severity=config.severity_of(rule),
        message=finding.message,
        span=finding.span,
        file=finding.span.file,
        hint=rule.fix,
        subject=finding.subject,
    )


def _suppression_problems(
    suppressions: list[Suppression], enabled: set[str], config: LintConfig
) -> list[Diagnostic]:
    problems = []
    for suppression in suppressions:
        where = Finding("", suppression.span)
        if INVALID_SUPPRESSION.code in enabled:
            for name in suppression.unknown:
                message = (
                    "the suppression names no rule"
                    if name == "(none)"
                    else f"'{name}' is not a rule code or name"
                )
                problems.append(_diagnostic(INVALID_SUPPRESSION, Finding(message, where.span), config))
        if UNUSED_SUPPRESSION.code in enabled:
            unused = [code for code in suppression.codes if code in enabled and code not in suppression.used]
            if unused:
                message = f"unused suppression of {', '.join(unused)}: nothing to suppress"
                problems.append(_diagnostic(UNUSED_SUPPRESSION, Finding(message, where.span), config))
    return problems
