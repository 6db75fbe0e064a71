"""Hypothesis strategies for valid `.mlsd` specs, generated from the language's own schema."""

from __future__ import annotations

from hypothesis import strategies as st

from mlsd_dsl.model.schema import (
    BOOL,
    DURATION,
    IDENT,
    INTEGER,
    LIST,
    METRIC,
    NUMBER,
    PERCENT,
    RATE,
    REF,
    SECTION_ATTRIBUTES,
    SIZE,
    STRING,
    AttributeSpec,
    Kind,
    attributes_for_kind,
)

KEYWORDS = {"system", "group", "import", "true", "false", "requirements", "framing", "evaluation"}
names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda n: n not in KEYWORDS)
strings = st.text(st.characters(codec="utf-8", exclude_characters='"\\\n\r'), max_size=20).map(lambda s: f'"{s}"')
LITERALS = {
    STRING: strings,
    NUMBER: st.sampled_from(["1", "256", "0.5", "100k", "2B", "1.5M"]),
    INTEGER: st.sampled_from(["1", "64", "256"]),
    DURATION: st.sampled_from(["150ms", "2s", "5min", "1h", "7d"]),
    PERCENT: st.sampled_from(["3%", "0.5%", "99.9%"]),
    SIZE: st.sampled_from(["10GB", "512MiB"]),
    RATE: st.sampled_from(["100k/s", "10B/day"]),
    BOOL: st.sampled_from(["true", "false"]),
    METRIC: st.sampled_from(["recall@100", "ndcg@10"]),
}


def literal(spec: AttributeSpec, components: list[str], depth: int = 0) -> st.SearchStrategy[str]:
    options = []
    for type_name in spec.types:
        if type_name == IDENT:
            options.append(st.sampled_from(spec.choices) if spec.choices else names)
        elif type_name == REF and components:
            options.append(st.sampled_from(components))
        elif type_name == LIST and depth == 0 and spec.item_types:
            item = AttributeSpec(spec.name, spec.item_types, spec.doc, spec.choices)
            options.append(st.lists(literal(item, components, 1), max_size=3).map(lambda xs: f"[{', '.join(xs)}]"))
        elif type_name in LITERALS:
            options.append(LITERALS[type_name])
    return st.one_of(options) if options else strings


@st.composite
def attribute_block(draw: st.DrawFn, table: dict[str, AttributeSpec], components: list[str]) -> str:
    keys = draw(st.lists(st.sampled_from(sorted(table)), unique=True, max_size=3))
    return "{ " + "  ".join(f"{key}: {draw(literal(table[key], components))}" for key in keys) + " }"


@st.composite
def valid_specs(draw: st.DrawFn) -> str:
    """A spec that compiles without diagnostics: declarations, sections, groups and edges."""
    component_names = draw(st.lists(names, min_size=1, max_size=8, unique=True))
    lines = []
    for name in component_names:
        kind = draw(st.sampled_from(list(Kind)))
        tech = draw(st.none() | st.sampled_from(["kafka", "s3", "feast", "lightgbm", "online"]))
        label = draw(st.none() | strings)
        block = draw(st.none() | attribute_block(attributes_for_kind(kind), component_names))
        parts = [kind.value, name + (f": {tech}" if tech else ""), label, block]
        lines.append(" ".join(part for part in parts if part))
    for section, table in SECTION_ATTRIBUTES.items():
        if draw(st.booleans()):
            lines.append(f"{section.value} {draw(attribute_block(table, component_names))}")
    for _ in range(draw(st.integers(0, 4))):
        chain = draw(st.lists(st.sampled_from(component_names), min_size=2, max_size=3))
        label = draw(st.none() | names | strings)
        lines.append(" -> ".join(chain) + (f" : {label}" if label else ""))
    group_name = draw(names)
    if draw(st.booleans()) and group_name not in component_names:
        members = draw(st.lists(st.sampled_from(component_names), max_size=3, unique=True))
        lines.append(f"group {group_name} {{ {' '.join(members)} }}")
    body = "".join(f"  {line}\n" for line in lines)
    return f"system {draw(names)} {{\n{body}}}\n"
