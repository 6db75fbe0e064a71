"""An estimate as text (the terminal), Markdown (the report) or JSON (tools; `mlsd schema estimate`)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from mlsd_dsl.estimate.figures import SECTION_TITLES, Estimate, Figure, Input, Origin, Section
from mlsd_dsl.model.schema import ASSUMPTION_BY_NAME

FORMATS = ("text", "markdown", "json")
ORIGIN_WORDS: dict[Origin, str] = {
    Origin.DEFAULT: "default",
    Origin.ASSUMPTION: "stated in assumptions",
    Origin.SPEC: "stated on the component",
}


def _sections(estimate: Estimate) -> Iterator[tuple[Section, tuple[Figure, ...]]]:
    for section in Section:
        figures = estimate.in_section(section)
        if figures:
            yield section, figures


def assumption_rows(estimate: Estimate) -> list[tuple[str, str, str]]:
    """(name, value, where it comes from) for each default or stated assumption used."""
    rows = []
    for item in estimate.assumptions:
        name = item.name.removeprefix("assumptions.")
        known = ASSUMPTION_BY_NAME.get(name)
        if item.origin is Origin.DEFAULT and known is not None:
            where = f"default — {known.source}"
        elif item.origin is Origin.DEFAULT:
            where = "default"
        else:
            where = f"stated in assumptions ({item.location})" if item.location else "stated in assumptions"
        rows.append((name, item.value, where))
    return sorted(rows)


NOTHING = (
    "nothing to estimate yet: state a peak QPS in requirements, online serving, event sources "
    "with a volume, datasets, vector indexes or priced models (docs/estimate.md)"
)


def summary(estimate: Estimate) -> str:
    if not estimate.figures:
        return NOTHING
    done = sum(1 for figure in estimate.figures if figure.estimated)
    missing = len(estimate.figures) - done
    text = f"{done} figure{'s' if done != 1 else ''} estimated"
    return text + (f", {missing} not estimated (missing inputs)" if missing else "")


def to_text(estimate: Estimate) -> str:
    """The terminal view: each figure's value, then its working indented below it."""
    title = estimate.system or estimate.path
    lines = [f"Estimates for {title} ({estimate.path})", ""]
    for section, figures in _sections(estimate):
        lines.append(SECTION_TITLES[section])
        width = max(len(figure.title) for figure in figures)
        for figure in figures:
            lines.append(f"  {figure.title.ljust(width)}  {figure.shown}")
            lines.append(f"    {figure.formula}")
        lines.append("")
    rows = assumption_rows(estimate)
    if rows:
        lines.append("Assumptions used (override them in `assumptions { … }`)")
        width = max(len(name) for name, _, _ in rows)
        lines += [f"  {name.ljust(width)}  {value}  ({where})" for name, value, where in rows]
        lines.append("")
    lines.append(summary(estimate))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A table cell's text: `|` cannot split the row, and `$` cannot start math on GitHub."""
    return text.replace("|", "\\|").replace("$", "\\$").replace("\n", " ")


def to_markdown(estimate: Estimate, heading: str = "##") -> str:
    """Markdown tables, one per section, then the assumptions used; `heading` sets the level."""
    lines = [
        f"{heading} Estimates",
        "",
        summary(estimate) + ". Every figure shows its working; "
        "values marked *assumed* in the working come from the assumptions listed below.",
        "",
    ]
    for section, figures in _sections(estimate):
        lines += [
            f"{heading}# {SECTION_TITLES[section]}",
            "",
            "| figure | value | working |",
            "|---|---|---|",
        ]
        for figure in figures:
            lines.append(f"| {_cell(figure.title)} | {_cell(figure.shown)} | {_cell(working(figure))} |")
        lines.append("")
    rows = assumption_rows(estimate)
    if rows:
        lines += [f"{heading}# Assumptions used", "", "| assumption | value | source |", "|---|---|---|"]
        lines += [f"| `{name}` | {_cell(value)} | {_cell(where)} |" for name, value, where in rows]
        lines.append("")
    return "\n".join(lines)


def working(figure: Figure) -> str:
    assumed = [item for item in figure.inputs if item.is_assumed]
    if not assumed:
        return figure.formula
    return f"{figure.formula} (*assumed*: {', '.join(_assumed_name(item) for item in assumed)})"


def _assumed_name(item: Input) -> str:
    return f"{item.name.removeprefix('assumptions.')} = {item.value}"


def to_json(estimate: Estimate) -> str:
    """The estimate as JSON: stable key order, described by `schema()`."""
    return json.dumps(estimate.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def schema() -> dict[str, object]:
    """The JSON Schema of `to_json`'s output."""
    return Estimate.model_json_schema(mode="serialization")


def render(estimate: Estimate, fmt: str) -> str:
    if fmt == "json":
        return to_json(estimate)
    if fmt == "markdown":
        return to_markdown(estimate, heading="#")
    return to_text(estimate)
