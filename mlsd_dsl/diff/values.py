"""When two attribute values mean the same: compared as the model types them, not as written.

`0.2s` and `200ms` are one duration, `10GB` and `10_000MB` one size, `"time"` and `time` one word.
A word naming a renamed component is compared under its new name.
"""

from __future__ import annotations

from collections.abc import Mapping

from mlsd_dsl.model.values import (
    BoolValue,
    DurationValue,
    IdentValue,
    ListValue,
    MetricValue,
    NumberValue,
    PercentValue,
    RateValue,
    SizeValue,
    StringValue,
    Value,
)

Canonical = tuple[object, ...]
SIGNIFICANT_DIGITS = 12  # floats equal to this many digits are equal (0.1 + 0.2 is 0.3)
MAGNITUDES: tuple[type[Value], ...] = (NumberValue, DurationValue, PercentValue, SizeValue, RateValue)


def canonical(value: Value, renames: Mapping[str, str] | None = None) -> Canonical:
    """A hashable form of the value: equal exactly when the values mean the same."""
    if isinstance(value, ListValue):
        return ("list", *(canonical(item, renames) for item in value.items))
    if isinstance(value, IdentValue):
        return ("text", (renames or {}).get(value.name, value.name))
    if isinstance(value, StringValue):
        return ("text", value.value)
    if isinstance(value, BoolValue):
        return ("bool", value.value)
    if isinstance(value, MetricValue):
        return ("metric", value.name.lower(), value.at)
    if isinstance(value, MAGNITUDES):
        magnitude = value.plain()
        assert isinstance(magnitude, float)
        return (value.type, _rounded(magnitude))
    return (value.type, value.raw)


def _rounded(number: float) -> float:
    return float(f"{number:.{SIGNIFICANT_DIGITS}g}")


def shown(value: Value | None) -> str | None:
    """The value as written in the spec (None when absent)."""
    return None if value is None else value.raw
