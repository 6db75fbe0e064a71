"""The vocabulary part of docs/language.md, generated from the schema so the docs cannot drift.

python -m mlsd_dsl.model.reference docs/language.md   # rewrite the generated part in place
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlsd_dsl.model.edges import INFERRED_EDGE_TYPES
from mlsd_dsl.model.kinds import KINDS, Kind, attributes_for_kind
from mlsd_dsl.model.schema import EDGE_ATTRIBUTES, SECTION_ATTRIBUTES, AttributeSpec, EdgeType

BEGIN = "<!-- BEGIN GENERATED: vocabulary -->"
END = "<!-- END GENERATED: vocabulary -->"


def _table(attributes: dict[str, AttributeSpec]) -> list[str]:
    rows = ["| attribute | value | meaning |", "|---|---|---|"]
    for name in sorted(attributes):
        spec = attributes[name]
        rows.append(f"| `{name}` | {spec.describe_type()} | {spec.doc} |")
    return rows


def vocabulary_markdown() -> str:
    lines = ["### Sections", ""]
    for section, attributes in SECTION_ATTRIBUTES.items():
        lines += [f"#### `{section.value}`", "", *_table(attributes), ""]
    lines += ["### Component kinds", "", "Every kind also accepts `description` and `owner`.", ""]
    for kind in Kind:
        own = {k: v for k, v in attributes_for_kind(kind).items() if k not in ("description", "owner")}
        lines += [f"#### `{kind.value}`", "", KINDS[kind].doc.capitalize() + ".", "", *_table(own), ""]
    lines += _edge_vocabulary()
    return "\n".join(lines).rstrip() + "\n"


def _edge_vocabulary() -> list[str]:
    lines = ["### Edge types", "", "| arrow | type | meaning |", "|---|---|---|"]
    for edge_type in EdgeType:
        lines.append(f"| `-{edge_type.value}->` | `{edge_type.value}` | {edge_type.doc} |")
    lines += ["", "An untyped `->` between these kinds means:", "", "| from | to | type |", "|---|---|---|"]
    for (source, target), edge_type in INFERRED_EDGE_TYPES.items():
        lines.append(f"| `{source.value}` | `{target.value}` | `{edge_type.value}` |")
    lines += ["", "Every other untyped `->` is `data`.", ""]
    return [*lines, "### Edge attributes", "", *_table(EDGE_ATTRIBUTES), ""]


def with_vocabulary(document: str) -> str:
    """The document with the text between the markers replaced by the generated vocabulary."""
    head, _, rest = document.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{vocabulary_markdown()}{END}{tail}"


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.write_text(with_vocabulary(target.read_text(encoding="utf-8")), encoding="utf-8")
