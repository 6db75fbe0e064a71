"""`mlsd schema`: the JSON Schema of the compiled spec model."""

from __future__ import annotations

import json

import click

from mlsd_dsl.model import Spec


@click.command(name="schema")
def command() -> None:
    """Print the JSON Schema of the compiled spec model (what `mlsd export --to json` emits)."""
    click.echo(json.dumps(Spec.model_json_schema(), indent=2))
