"""`mlsd schema`: the JSON Schema of the compiled spec model, or of `mlsd estimate --format json`."""

from __future__ import annotations

import json

import click

from mlsd_dsl.model import Spec

DOCUMENTS = ("spec", "estimate")


@click.command(name="schema")
@click.argument("document", type=click.Choice(DOCUMENTS), default="spec", required=False)
def command(document: str) -> None:
    """Print the JSON Schema of DOCUMENT: the compiled spec model (what `mlsd export --to json`
    emits, the default) or an estimate (what `mlsd estimate --format json` emits)."""
    if document == "estimate":
        from mlsd_dsl.estimate.render import schema

        click.echo(json.dumps(schema(), indent=2))
        return
    click.echo(json.dumps(Spec.model_json_schema(), indent=2))
