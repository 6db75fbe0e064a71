"""Where an estimate's numbers come from: the spec's attributes, its `assumptions` section, the
documented defaults (`ASSUMPTIONS` in model/schema.py) and other figures. Each number travels with
the `Input` that says so."""

from __future__ import annotations

from dataclasses import dataclass

from mlsd_dsl.estimate.figures import Input, Origin, Unit
from mlsd_dsl.estimate.numbers import count, data_size, duration, money, show
from mlsd_dsl.model.kinds import attributes_for_kind
from mlsd_dsl.model.schema import ASSUMPTION_BY_NAME, PERCENT, SIZE, Assumption
from mlsd_dsl.model.spec import Attribute, Component, Section, Spec
from mlsd_dsl.model.values import (
    DurationValue,
    IdentValue,
    NumberValue,
    PercentValue,
    RateValue,
    SizeValue,
    StringValue,
    Value,
)

PRICE_ASSUMPTIONS = frozenset({"replica_hour_price", "gpu_hour_price"})


@dataclass(frozen=True)
class Given:
    """A number (in its base unit: bytes, seconds, a fraction, per second) and where it came from."""

    value: float
    input: Input

    @property
    def text(self) -> str:
        return self.input.value


@dataclass(frozen=True)
class Word:
    """A word-valued input, such as a vector precision."""

    value: str
    input: Input


def base_number(value: Value) -> float | None:
    """A value in its base unit: a number, a rate per second, bytes, a fraction, seconds."""
    if isinstance(value, NumberValue):
        return value.value
    if isinstance(value, RateValue):
        return value.per_second
    if isinstance(value, SizeValue):
        return value.bytes
    if isinstance(value, PercentValue):
        return value.fraction
    if isinstance(value, DurationValue):
        return value.seconds
    return None


def location(attribute: Attribute) -> str:
    span = attribute.span
    return f"{span.file}:{span.line}:{span.column}"


def from_attribute(owner: str, attribute: Attribute, origin: Origin = Origin.SPEC) -> Given | None:
    number = base_number(attribute.value)
    if number is None:
        return None
    item = Input(
        name=f"{owner}.{attribute.key}",
        value=attribute.value.raw,
        origin=origin,
        source=f"{owner}.{attribute.key}",
        location=location(attribute),
    )
    return Given(number, item)


def estimated(name: str, value: float, unit: Unit) -> Given:
    """Another figure used as an input."""
    return Given(value, Input(name=name, value=show(value, unit), origin=Origin.ESTIMATE, source=name))


def constant(name: str, value: float, text: str) -> Given:
    return Given(value, Input(name=name, value=text, origin=Origin.CONSTANT, source="constant"))


def default_text(assumption: Assumption, value: float) -> str:
    types = assumption.attribute.types
    if PERCENT in types:
        return f"{value * 100:g}%"
    if SIZE in types:
        return data_size(value)
    if assumption.name in PRICE_ASSUMPTIONS:
        return money(value)
    return count(value)


class Inputs:
    """Reads a spec's numbers once, with their provenance."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def section(self, section: Section | None, key: str) -> Given | None:
        attribute = section.attributes.get(key) if section else None
        return from_attribute(section.name.value, attribute) if section and attribute else None

    def requirement(self, key: str) -> Given | None:
        return self.section(self.spec.requirements, key)

    def of(self, component: Component, key: str) -> Given | None:
        attribute = component.attributes.get(key)
        return from_attribute(component.name, attribute) if attribute else None

    def duration_of(self, component: Component, key: str) -> Given | None:
        attribute = component.attributes.get(key)
        if attribute is None or not isinstance(attribute.value, DurationValue):
            return None
        return from_attribute(component.name, attribute)

    def assumed(self, name: str, component: Component | None = None) -> Given | None:
        """The component's own value if its kind accepts the name and it states it, else the
        `assumptions` section's, else the documented default (None when there is none)."""
        if component is not None and name in attributes_for_kind(component.kind):
            own = self.of(component, name)
            if own is not None:
                return own
        stated = self.spec.assumptions.attributes.get(name) if self.spec.assumptions else None
        if stated is not None:
            return from_attribute("assumptions", stated, Origin.ASSUMPTION)
        assumption = ASSUMPTION_BY_NAME[name]
        if not isinstance(assumption.default, float):
            return None
        item = Input(
            name=name,
            value=default_text(assumption, assumption.default),
            origin=Origin.DEFAULT,
            source=f"default assumption '{name}' (docs/estimate.md)",
        )
        return Given(assumption.default, item)

    def assumed_word(self, name: str, component: Component | None = None) -> Word | None:
        """A word-valued assumption (e.g. `precision`), looked up like `assumed`."""
        owners: list[tuple[str, Section | Component | None, Origin]] = [
            ("assumptions", self.spec.assumptions, Origin.ASSUMPTION)
        ]
        if component is not None and name in attributes_for_kind(component.kind):
            owners.insert(0, (component.name, component, Origin.SPEC))
        for owner, holder, origin in owners:
            attribute = holder.attributes.get(name) if holder else None
            if attribute is not None and isinstance(attribute.value, IdentValue | StringValue):
                word = str(attribute.value.plain())
                source = f"{owner}.{name}"
                item = Input(
                    name=source, value=word, origin=origin, source=source, location=location(attribute)
                )
                return Word(word, item)
        default = ASSUMPTION_BY_NAME[name].default
        if not isinstance(default, str):
            return None
        item = Input(
            name=name,
            value=default,
            origin=Origin.DEFAULT,
            source=f"default assumption '{name}' (docs/estimate.md)",
        )
        return Word(default, item)


def needs(owner: str | None, key: str) -> str:
    """`needs api.replica_qps` / `needs requirements.peak_qps`."""
    return f"{owner}.{key}" if owner else key


def seconds_text(seconds: float) -> str:
    return duration(seconds)
