"""`mlsd estimate`: the back-of-the-envelope numbers of a design, each with its working.

>>> from mlsd_dsl.estimate import estimate
>>> figures = estimate(spec)                     # doctest: +SKIP
>>> figures.figure("load.peak_qps").value        # doctest: +SKIP
"""

from mlsd_dsl.estimate.estimator import estimate
from mlsd_dsl.estimate.figures import (
    SECTION_TITLES,
    UNIT_DOCS,
    Estimate,
    Figure,
    Input,
    Origin,
    Section,
    Unit,
)

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
