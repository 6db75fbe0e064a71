"""`mlsd schema`: the JSON Schema of the compiled spec model, of `mlsd diff --format json` or of
`mlsd estimate --format json`."""

from __future__ import annotations

import json

import click

DOCUMENTS = ("spec", "diff", "estimate")


@click.command(name="schema")
@click.argument("document", type=click.Choice(DOCUMENTS), default="spec")
def command(document: str) -> None:
    """Print a JSON Schema: of the compiled spec model (`spec`, what `mlsd export --to json` emits;
    the default), of the diff report (`diff`, what `mlsd diff --format json` emits) or of an
    estimate (`estimate`, what `mlsd estimate --format json` emits)."""
    if document == "diff":
        from mlsd_dsl.diff.report import DiffReport

        schema: dict[str, object] = DiffReport.model_json_schema()
    elif document == "estimate":
        from mlsd_dsl.estimate.render import schema as estimate_schema

        schema = estimate_schema()
    else:
        from mlsd_dsl.model import Spec

        schema = Spec.model_json_schema()
    click.echo(json.dumps(schema, indent=2))
