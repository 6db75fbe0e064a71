"""The generated part of docs/estimate.md: the default assumptions with their sources, and the units.

python -m mlsd_dsl.estimate.reference docs/estimate.md   # rewrite the generated part in place
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlsd_dsl.estimate.inputs import default_text
from mlsd_dsl.estimate.numbers import UNIT_DOCS
from mlsd_dsl.model.schema import ASSUMPTIONS

BEGIN = "<!-- BEGIN GENERATED: assumptions -->"
END = "<!-- END GENERATED: assumptions -->"


def reference_markdown() -> str:
    lines = [
        "### Default assumptions",
        "",
        "| assumption | value | default | meaning | source |",
        "|---|---|---|---|---|",
    ]
    for assumption in ASSUMPTIONS:
        default = assumption.default
        shown = (
            "—"
            if default is None
            else default
            if isinstance(default, str)
            else default_text(assumption, default)
        )
        spec = assumption.attribute
        lines.append(
            f"| `{spec.name}` | {spec.describe_type()} | {shown} | {spec.doc} | {assumption.source} |"
        )
    lines += ["", "### Units", "", "| unit | meaning |", "|---|---|"]
    lines += [f"| `{unit.value}` | {doc} |" for unit, doc in UNIT_DOCS.items()]
    return "\n".join(lines) + "\n"


def with_reference(document: str) -> str:
    """The document with the text between the markers replaced by the generated tables."""
    head, _, rest = document.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{reference_markdown()}{END}{tail}"


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.write_text(with_reference(target.read_text(encoding="utf-8")), encoding="utf-8")
