"""Rule documentation, generated from the rules themselves: `mlsd explain` and docs/rules.md."""

from __future__ import annotations

from itertools import groupby

from mlsd_dsl.lint.registry import all_rules
from mlsd_dsl.lint.rule import Rule

DOCS_HEADER = """\
# Lint rules

Generated from the rules themselves by `mlsd rules --format markdown > docs/rules.md`; a test
fails when this file is stale. `mlsd explain CODE` prints one rule.

Rules are named by code (`MON001`) or name (`no-monitoring`) wherever a rule is expected: in
`--select`/`--ignore`, in `[tool.mlsd]` and in `# mlsd: ignore[...] -- reason` comments.
Severities: error, warning, info; `mlsd check` exits 1 on findings at or above `fail-on`
(default: warning). A rule marked *missing: KIND* reports an absent component; `mlsd render
--gaps` draws it as a ghost node.
"""


def explain(rule: Rule) -> str:
    """One rule as plain text, for the terminal."""
    lines = [
        f"{rule.code} {rule.name}  ({rule.severity.value})",
        f"{rule.group}: {rule.title}",
        "",
        rule.rationale,
        "",
        f"Fix: {rule.fix}",
    ]
    if rule.missing is not None:
        lines.append(f"Missing component: {rule.missing.value}")
    lines += ["", "Triggers it:", _indent(rule.bad), "Does not:", _indent(rule.good)]
    return "\n".join(lines).rstrip() + "\n"


def _indent(snippet: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in snippet.splitlines())


def rules_markdown() -> str:
    """docs/rules.md: a summary table, then every rule's documentation with its examples."""
    rules = all_rules()
    parts = [DOCS_HEADER, "| code | name | step | severity | title |", "|---|---|---|---|---|"]
    parts += [f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.group} | {r.severity.value} | {r.title} |"
              for r in rules]
    for group, members in groupby(rules, key=lambda r: r.group):
        parts += ["", f"## {group}"]
        for rule in members:
            parts += ["", _rule_section(rule)]
    return "\n".join(parts).rstrip() + "\n"


def _rule_section(rule: Rule) -> str:
    missing = f" · missing: `{rule.missing.value}`" if rule.missing else ""
    return "\n".join([
        f"### {rule.code}",
        "",
        f"**`{rule.name}`** · {rule.severity.value}{missing} — {rule.title}.",
        "",
        " ".join(rule.rationale.split()),
        "",
        f"**Fix:** {rule.fix}",
        "",
        "Triggers the rule:",
        "",
        "```mlsd",
        rule.bad.rstrip(),
        "```",
        "",
        "Does not:",
        "",
        "```mlsd",
        rule.good.rstrip(),
        "```",
    ])
