"""`mlsd explain RULE`: a rule's documentation, by code or name."""

from __future__ import annotations

import click

from mlsd_dsl.cli.exit_codes import EXIT_ERROR


@click.command(name="explain")
@click.argument("rule_id")
def command(rule_id: str) -> None:
    """Explain a lint rule: why it matters, how to fix it, and examples. RULE_ID is a code or a name.

    Language error codes (E101 unknown-kind, …) are explained too.
    """
    from mlsd_dsl.diagnostics import ERROR_CODES, ERROR_CODES_BY_NAME
    from mlsd_dsl.lint import all_rules, get_rule
    from mlsd_dsl.lint.docs import explain
    from mlsd_dsl.suggest import did_you_mean

    rule = get_rule(rule_id)
    language_error = ERROR_CODES.get(rule_id.upper()) or ERROR_CODES_BY_NAME.get(rule_id.lower())
    if rule is None and language_error is not None:
        click.echo(
            f"{language_error.value} {language_error.slug}  (error)\n"
            f"Language error: {language_error.summary}. The spec is not valid mlsd until it is fixed."
        )
        return
    if rule is None:
        names = [name for r in all_rules() for name in (r.code, r.name)] + [
            *ERROR_CODES,
            *ERROR_CODES_BY_NAME,
        ]
        hint = did_you_mean(rule_id, names)
        click.echo(
            f"mlsd: error: no rule '{rule_id}'."
            + (f" {hint}" if hint else "")
            + " Run `mlsd rules` to list them.",
            err=True,
        )
        raise SystemExit(EXIT_ERROR)
    click.echo(explain(rule), nl=False)
