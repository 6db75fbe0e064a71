"""The compiler builds the model without validation (`trusted`); what it builds is what validation gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.model import Spec
from mlsd_dsl.model.values import ListValue, Value

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.mlsd"))
VALUE_TYPES = {"string", "number", "duration", "percent", "size", "rate", "bool", "ident", "metric", "list"}


def compiled(path: Path) -> Spec:
    spec = compile_file(path).spec
    assert spec is not None
    return spec


def value_types(value: Value) -> set[str]:
    items = value.items if isinstance(value, ListValue) else []
    return {value.type}.union(*(value_types(item) for item in items))


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.name)
def test_a_compiled_spec_equals_its_validated_copy(path: Path) -> None:
    spec = compiled(path)
    validated = Spec.model_validate(spec.model_dump())
    assert validated == spec
    assert validated.model_dump_json() == spec.model_dump_json()  # the same fields, in the same order


def test_the_specs_hold_every_kind_of_value() -> None:
    found: set[str] = set()
    for path in SPECS:
        spec = compiled(path)
        blocks = [*spec.components.values(), spec.requirements, spec.framing, spec.evaluation]
        for block in filter(None, blocks):
            found.update(*(value_types(attribute.value) for attribute in block.attributes.values()))
    assert found == VALUE_TYPES
