"""The report's Estimates section: each figure of `mlsd estimate` with its working, and the
assumptions it rests on."""

from __future__ import annotations

from mlsd_dsl.estimate import SECTION_TITLES, Section, estimate
from mlsd_dsl.estimate.render import assumption_rows, summary, working
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.report.document import Block, Heading, Paragraph, Table, code, text


def estimate_blocks(spec: Spec) -> list[Block]:
    figures = estimate(spec)
    blocks: list[Block] = [
        Heading(2, [text("Estimates")], "estimates"),
        Paragraph(
            [
                text(summary(figures) + " by "),
                code("mlsd estimate"),
                text(
                    ". Each shows its working; values the spec does not state are assumptions, listed last."
                ),
            ]
        ),
    ]
    for section in Section:
        in_section = figures.in_section(section)
        if not in_section:
            continue
        rows = [[[text(f.title)], [text(f.shown)], [text(working(f))]] for f in in_section]
        blocks += [Heading(3, [text(SECTION_TITLES[section])]), Table(["Figure", "Value", "Working"], rows)]
    rows = [[[code(name)], [text(value)], [text(where)]] for name, value, where in assumption_rows(figures)]
    if rows:
        blocks += [Heading(3, [text("Assumptions used")]), Table(["Assumption", "Value", "Source"], rows)]
    return blocks
