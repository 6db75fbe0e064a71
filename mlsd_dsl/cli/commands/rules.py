"""`mlsd rules`: list every lint rule with its code, step, severity and title."""

from __future__ import annotations

import json

import click


@click.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown prints docs/rules.md.",
)
def command(output_format: str) -> None:
    """List the lint rules (`mlsd explain CODE` shows one in full)."""
    from mlsd_dsl.lint import all_rules
    from mlsd_dsl.lint.docs import rules_markdown

    rules = all_rules()
    if output_format == "markdown":
        click.echo(rules_markdown(), nl=False)
    elif output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "step": r.step.number if r.step else None,
                        "group": r.group,
                        "severity": r.severity.value,
                        "title": r.title,
                        "fix": r.fix,
                        "missing": r.missing.value if r.missing else None,
                    }
                    for r in rules
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        width = max(len(r.name) for r in rules)
        for r in rules:
            step = f"{r.step.number}" if r.step else "-"
            click.echo(f"{r.code:<9} {r.name:<{width}}  {step}  {r.severity.value:<7}  {r.title}")
