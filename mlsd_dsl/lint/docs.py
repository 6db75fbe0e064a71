"""Rule documentation, generated from the rules themselves: `mlsd explain` and docs/rules.md."""

from __future__ import annotations

from itertools import groupby

from mlsd_dsl.lint.registry import all_rules
from mlsd_dsl.lint.rule import Rule

DOCS_HEADER = """\
# Lint rules

Generated from the rules themselves by `mlsd rules --format markdown > docs/rules.md`; a test
fails when this file is stale. `mlsd explain CODE` prints one rule; every example below is run by
the test suite (the first triggers the rule, the second does not).

`mlsd check PATH...` compiles and lints specs. Exit status: 0 nothing at or above `fail-on`,
1 findings, 2 an invalid spec, a bad configuration or a usage error. Rules are named by code
(`MON001`) or name (`no-monitoring`) wherever a rule is expected; a prefix (`MON`, `DATA00`) or
`ALL` selects several. Severities: error, warning, info. A rule marked *missing: KIND* reports an
absent component; `mlsd render --gaps` draws it as a dashed ghost node.

## Configuration

`[tool.mlsd]` in `pyproject.toml`, or the same keys at the top level of `.mlsd.toml`; the file
closest to the spec wins. `--select` replaces `select`, `--ignore` adds to `ignore`, `--fail-on`
replaces `fail-on`.

```toml
[tool.mlsd]
select = ["ALL"]
ignore = ["EVAL007"]
fail-on = "warning"            # error | warning | info
exclude = ["specs/broken"]     # skipped when checking folders (and with --force-exclude)

[tool.mlsd.severity]
MON001 = "error"

[tool.mlsd.per-file-ignores]
"drafts/*.mlsd" = ["REQ", "FRAME"]
```

## Suppressions

```mlsd
system recs {  # mlsd: ignore[MON001] -- the platform team monitors every service
  serving api: online { rollout: canary }  # mlsd: ignore[no-fallback] -- clients retry
}
```

A `# mlsd: ignore[RULE, ...] -- reason` comment covers findings on its line and the line below;
on a component, group or system line it covers everything inside it. `# mlsd: ignore-file[RULE]`
covers the file. Suppressions that suppress nothing are reported (`SUP001`), and so are unknown
rule names (`SUP002`).

## Baselines, formats, CI

`mlsd check specs/ --write-baseline .mlsd-baseline.json` records today's findings;
`mlsd check specs/ --baseline .mlsd-baseline.json` then reports only new ones. Fingerprints use the
file, the rule and the message, never line numbers, so they survive edits that move lines.
`--format text|json|sarif|github` (SARIF 2.1.0 for code scanning, workflow-command annotations for
GitHub Actions); `--coverage` adds the per-step coverage of each system. Specs are checked on
every processor (`--jobs N` or `MLSD_JOBS` to choose; the output is the same), and a spec whose
text, imports, configuration and options are unchanged since the last run is answered from a
per-user cache (`--no-cache` or `MLSD_NO_CACHE=1` to check everything; see
[performance](performance.md)). pre-commit users add (`mlsd-fmt` rewrites specs in the canonical
layout):

```yaml
- repo: <the mlsd repository>
  rev: v0.1.0
  hooks: [{id: mlsd-check}, {id: mlsd-fmt}]
```

In GitHub Actions, the action at the repository's root (`action.yml`) runs `mlsd check` with
annotations and a SARIF log for code scanning, and shows a pull request's `mlsd diff` in the job
summary; the README has a workflow that uses it.

## Rules
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
    parts += [
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.group} | {r.severity.value} | {r.title} |"
        for r in rules
    ]
    for group, members in groupby(rules, key=lambda r: r.group):
        parts += ["", f"### {group}"]
        for rule in members:
            parts += ["", _rule_section(rule)]
    return "\n".join(parts).rstrip() + "\n"


def _rule_section(rule: Rule) -> str:
    missing = f" · missing: `{rule.missing.value}`" if rule.missing else ""
    return "\n".join(
        [
            f"#### {rule.code}",
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
        ]
    )
