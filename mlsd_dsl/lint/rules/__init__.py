"""The rule set: one module per framework step, plus graph hygiene and suppressions,
the capacity rules that read `mlsd estimate`'s figures (`capacity`),
and the rules for generative systems (`generative`, codes from 050 in each step's prefix).

Importing this package registers every rule (see `mlsd_dsl.lint.rule.rule`).
"""

from mlsd_dsl.lint.rules import (  # noqa: F401 - imported for their registrations
    capacity,
    data,
    evaluation,
    framing,
    generative,
    graph,
    model,
    monitoring,
    requirements,
    serving,
    suppressions,
)
