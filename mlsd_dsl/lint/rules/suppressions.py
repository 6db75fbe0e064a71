"""Rules about suppression comments themselves; the engine reports them while it applies suppressions."""

from __future__ import annotations

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.rule import Rule, register_rule

UNUSED_SUPPRESSION = Rule(
    code="SUP001",
    name="unused-suppression",
    step=None,
    severity=Severity.WARNING,
    title="A suppression comment that suppresses nothing",
    applies_to_modules=True,
    rationale=(
        "A `# mlsd: ignore[RULE]` comment that no longer matches a finding hides nothing today and\n"
        "will silently hide a real finding tomorrow. Remove it once the design is fixed (like ruff's\n"
        "RUF100). Suppressions of rules that are not selected are not reported."
    ),
    fix="remove the suppression, or the rule codes in it that no longer fire",
    bad=(
        "system recs {\n"
        "  monitor quality: evidently { drift: psi alerts: pagerduty }  # mlsd: ignore[MON003] -- pager "
        "later\n"
        "}\n"
    ),
    good=(
        "system recs {\n"
        "  monitor quality: evidently { drift: psi }  # mlsd: ignore[MON003] -- pager arrives in Q3\n"
        "}\n"
    ),
)
INVALID_SUPPRESSION = Rule(
    code="SUP002",
    name="invalid-suppression",
    step=None,
    severity=Severity.WARNING,
    title="A suppression comment that names no known rule",
    applies_to_modules=True,
    rationale=(
        "`# mlsd: ignore[...]` must list rule codes or names (`MON001` or `no-monitoring`). A typo\n"
        "suppresses nothing, and a bare `# mlsd: ignore` would hide every rule at once, so it is not\n"
        "accepted."
    ),
    fix="name the rules: `# mlsd: ignore[MON001] -- reason`",
    bad=(
        "system recs {  # mlsd: ignore[no-monitorin] -- prototype\n"
        '  serving api: online { fallback: "cached" }\n'
        "}\n"
    ),
    good=(
        "system recs {  # mlsd: ignore[no-monitoring] -- prototype\n"
        '  serving api: online { fallback: "cached" }\n'
        "}\n"
    ),
)

register_rule(UNUSED_SUPPRESSION)
register_rule(INVALID_SUPPRESSION)
