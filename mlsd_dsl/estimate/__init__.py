"""`mlsd estimate`: the back-of-the-envelope numbers of a design, each with its working.

`estimate(spec)` returns an `Estimate`: `figures`, each a `Figure` with a stable dotted `key`
(`load.peak_qps`, `serving.api.replicas`, `index.items.memory`), its `value` in its `unit` (None
when an input is missing, with `missing` saying which), the `formula` with its inputs, and every
`Input` with where it came from (the spec, its `assumptions` section, or a documented default).
"""

from mlsd_dsl.estimate.estimator import estimate
from mlsd_dsl.estimate.figures import SECTION_TITLES, Estimate, Figure, Input, Origin, Section
from mlsd_dsl.estimate.numbers import UNIT_DOCS, Unit

__all__ = [
    "SECTION_TITLES",
    "UNIT_DOCS",
    "Estimate",
    "Figure",
    "Input",
    "Origin",
    "Section",
    "Unit",
    "estimate",
]
