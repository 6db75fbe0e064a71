"""The result of `estimate(spec)`: figures, each with its working and where every input came from.

This is a contract other commands rely on (`mlsd diff` shows estimate deltas, lint rules may read
figures): keys are stable dotted ids, values are in the figure's `unit`, and a figure that cannot be
worked out has `value None` and says what it `missing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from mlsd_dsl.estimate.numbers import Unit, show


class Origin(StrEnum):
    """Where an input's value comes from."""

    SPEC = "spec"  # an attribute the designer wrote on a component or in a section
    ASSUMPTION = "assumption"  # the spec's `assumptions { … }` section overrides a default
    DEFAULT = "default"  # a documented default assumption (docs/estimate.md), not stated in the spec
    ESTIMATE = "estimate"  # another figure of this estimate
    CONSTANT = "constant"  # a fact such as 86,400 s in a day


@dataclass(frozen=True)
class Input:
    """One number a figure is worked out from (a plain dataclass: a large spec makes thousands)."""

    name: Annotated[str, Field(description="what the input is, e.g. 'peak_qps' or 'api.replica_qps'")]
    value: Annotated[str, Field(description="its value as text with its unit, e.g. '100k qps' or '1 KB'")]
    origin: Origin
    source: Annotated[
        str,
        Field(description="where it comes from: 'requirements.peak_qps', 'assumption peak_factor (default)'"),
    ]
    location: Annotated[str | None, Field(description="file:line:column of the spec attribute")] = None

    @property
    def is_assumed(self) -> bool:
        return self.origin in (Origin.DEFAULT, Origin.ASSUMPTION)


class Section(StrEnum):
    """The groups figures are shown in."""

    LOAD = "load"
    SERVING = "serving"
    LATENCY = "latency"
    STORAGE = "storage"
    INDEX = "index"
    FEATURES = "features"
    CACHE = "cache"
    COST = "cost"


SECTION_TITLES: dict[Section, str] = {
    Section.LOAD: "Request load",
    Section.SERVING: "Serving capacity",
    Section.LATENCY: "Latency budget",
    Section.STORAGE: "Storage",
    Section.INDEX: "Vector indexes",
    Section.FEATURES: "Feature store",
    Section.CACHE: "Caches",
    Section.COST: "Cost",
}


class Figure(BaseModel):
    """One back-of-the-envelope number and its working."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="stable dotted id: 'load.peak_qps', 'serving.api.replicas'")
    title: str = Field(description="'Peak QPS', 'Replicas for api'")
    value: float | None = Field(description="in `unit`; None when it cannot be estimated")
    unit: Unit
    formula: str = Field(description="the working with its inputs, ending in the result")
    inputs: tuple[Input, ...] = ()
    missing: tuple[str, ...] = Field(default=(), description="when value is None: what is needed")
    component: str | None = Field(default=None, description="the component it concerns")
    section: Section
    limit: float | None = Field(
        default=None, description="a bound the spec states for it (a required p99, declared replicas)"
    )

    @computed_field(description="the value with its unit as mlsd prints it, or 'not estimated'")  # type: ignore[prop-decorator]
    @property
    def shown(self) -> str:
        return "not estimated" if self.value is None else show(self.value, self.unit)

    @property
    def estimated(self) -> bool:
        return self.value is not None

    @property
    def over_limit(self) -> bool:
        """Estimated above the bound the spec states for it."""
        return self.value is not None and self.limit is not None and self.value > self.limit

    @property
    def assumptions(self) -> tuple[Input, ...]:
        return tuple(item for item in self.inputs if item.is_assumed)


class Estimate(BaseModel):
    """Every figure of one spec, in a stable order (by section, then as the spec declares)."""

    model_config = ConfigDict(frozen=True)

    format: Literal["mlsd-estimate/1"] = Field(
        default="mlsd-estimate/1", description="the version of this document's layout"
    )
    system: str | None = Field(description="the system's name")
    path: str
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure | None:
        return next((figure for figure in self.figures if figure.key == key), None)

    def in_section(self, section: Section) -> tuple[Figure, ...]:
        return tuple(figure for figure in self.figures if figure.section is section)

    @property
    def assumptions(self) -> tuple[Input, ...]:
        """Every default or stated assumption used, once each."""
        seen: dict[str, Input] = {}
        for figure in self.figures:
            for item in figure.assumptions:
                seen.setdefault(item.name, item)
        return tuple(seen[name] for name in sorted(seen))
