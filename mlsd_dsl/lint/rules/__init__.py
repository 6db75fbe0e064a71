"""The rule set: one module per framework step, plus graph hygiene and suppressions.

Importing this package registers every rule (see `mlsd_dsl.lint.rule.rule`).
"""

from mlsd_dsl.lint.rules import (  # noqa: F401 - imported for their registrations
    data,
    evaluation,
    framing,
    graph,
    model,
    monitoring,
    requirements,
    serving,
    suppressions,
)
