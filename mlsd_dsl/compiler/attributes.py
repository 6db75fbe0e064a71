"""Checking attribute blocks against the schema: known keys, value types, choices."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.model.construct import trusted
from mlsd_dsl.model.schema import IDENT, INTEGER, METRIC, REF, AttributeSpec
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.spec import Attribute
from mlsd_dsl.model.values import (
    METRIC_HELP,
    BoolValue,
    DurationValue,
    IdentValue,
    ListValue,
    LiteralError,
    MetricValue,
    NumberValue,
    PercentValue,
    RateValue,
    SizeValue,
    StringValue,
    Value,
    parse_metric,
)
from mlsd_dsl.parser.ast import AttributeNode
from mlsd_dsl.suggest import did_you_mean

VALUE_TYPE: dict[type, str] = {
    StringValue: "string",
    NumberValue: "number",
    DurationValue: "duration",
    PercentValue: "percent",
    SizeValue: "size",
    RateValue: "rate",
    BoolValue: "bool",
    IdentValue: "ident",
    MetricValue: "metric",
    ListValue: "list",
}
GOT_WORDS: dict[str, str] = {
    "string": "a string",
    "number": "a number",
    "duration": "a duration",
    "percent": "a percentage",
    "size": "a data size",
    "rate": "a rate",
    "bool": "a boolean",
    "ident": "a word",
    "metric": "a metric",
    "list": "a list",
}

# A reference found in an attribute: (component name, where it is written); checked once all
# components are known.
Reference = tuple[str, Span]


def _accepts(accepted: tuple[str, ...], value: Value) -> bool:
    value_type = VALUE_TYPE[type(value)]
    if value_type in accepted:
        return True
    if value_type == "ident" and REF in accepted:
        return True
    return isinstance(value, NumberValue) and INTEGER in accepted and value.is_integer


def _unit_hint(spec: AttributeSpec, value: Value) -> str | None:
    if isinstance(value, NumberValue) and "duration" in spec.types:
        return f"add a unit, e.g. {value.raw}ms or {value.raw}s"
    if isinstance(value, NumberValue) and "percent" in spec.types:
        return f"write a percentage, e.g. {value.raw}%"
    if isinstance(value, IdentValue) and value.name in ("yes", "no", "True", "False"):
        return "booleans are written true or false"
    if isinstance(value, IdentValue) and "string" in spec.types:
        return f'quote free text: "{value.name}"'
    if isinstance(value, StringValue) and METRIC in (*spec.types, *spec.item_types):
        return f"write metrics without quotes: {value.value}" if _is_metric(value.value) else METRIC_HELP
    return None


def _is_metric(text: str) -> bool:
    """Whether `text` would read as a metric or a word if it were written without quotes."""
    name, at_sign, _ = text.partition("@")
    if not name.isidentifier():
        return False
    try:
        return not at_sign or bool(parse_metric(text, None))
    except LiteralError:
        return False


class AttributeChecker:
    """Validates one attribute block, collecting diagnostics and component references."""

    def __init__(self, diagnostics: list[Diagnostic], references: list[Reference]) -> None:
        self.diagnostics = diagnostics
        self.references = references

    def check_block(
        self, nodes: list[AttributeNode], table: Mapping[str, AttributeSpec], owner: str
    ) -> dict[str, Attribute]:
        attributes: dict[str, Attribute] = {}
        for node in nodes:
            key = node.key.text
            spec = table.get(key)
            if spec is None:
                self._unknown(node, table, owner)
                continue
            if key in attributes:
                first = attributes[key].span
                self.diagnostics.append(
                    error(
                        ErrorCode.DUPLICATE_ATTRIBUTE,
                        f"attribute '{key}' is given twice in {owner}",
                        node.key.span,
                        hint=f"first given at line {first.line}; keep one",
                    )
                )
                continue
            if self._check_value(spec, node.value, node.key.span, owner):
                attributes[key] = trusted(Attribute, span=node.key.span, key=key, value=node.value)
        return attributes

    def _unknown(self, node: AttributeNode, table: Mapping[str, AttributeSpec], owner: str) -> None:
        self.diagnostics.append(
            error(
                ErrorCode.UNKNOWN_ATTRIBUTE,
                f"unknown attribute '{node.key.text}' for {owner}",
                node.key.span,
                hint=did_you_mean(node.key.text, table),
                expected="one of: " + ", ".join(sorted(table)),
            )
        )

    def _check_value(self, spec: AttributeSpec, value: Value, at: Span, owner: str) -> bool:
        if not _accepts(spec.types, value):
            got = GOT_WORDS[VALUE_TYPE[type(value)]]
            self.diagnostics.append(
                error(
                    ErrorCode.WRONG_TYPE,
                    f"'{spec.name}' expects {spec.describe_type()}, got {got} '{value.raw}'",
                    value.span or at,
                    hint=_unit_hint(spec, value),
                )
            )
            return False
        if isinstance(value, ListValue):
            item_spec = AttributeSpec(spec.name, spec.item_types, spec.doc, spec.choices)
            item_results = [
                self._check_value(item_spec, item, at, owner) for item in value.items
            ]  # report all
            return all(item_results)
        if isinstance(value, IdentValue):
            return self._check_word(spec, value, at)
        return True

    def _check_word(self, spec: AttributeSpec, value: IdentValue, at: Span) -> bool:
        if IDENT not in spec.types:
            self.references.append((value.name, value.span or at))
            return True
        if spec.choices and value.name not in spec.choices:
            self.diagnostics.append(
                error(
                    ErrorCode.INVALID_CHOICE,
                    f"'{value.name}' is not a valid {spec.name}",
                    value.span or at,
                    hint=did_you_mean(value.name, spec.choices),
                    expected="one of: " + ", ".join(spec.choices),
                )
            )
            return False
        return True


def check_references(
    references: list[Reference], known: Callable[[str], bool], names: list[str]
) -> list[Diagnostic]:
    return [
        error(
            ErrorCode.UNKNOWN_REFERENCE,
            f"'{name}' is not a declared component",
            span,
            hint=did_you_mean(name, names),
        )
        for name, span in references
        if not known(name)
    ]
