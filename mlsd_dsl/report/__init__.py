"""`mlsd report`: the design document a reviewer wants, as Markdown or one self-contained HTML page.

>>> from mlsd_dsl.report import design_report
>>> html = design_report(spec, fmt="html")
"""

from __future__ import annotations

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.report.content import ReportInput, build_document
from mlsd_dsl.report.document import Diagram

FORMATS = ("md", "html")
DIAGRAMS = ("svg", "mermaid", "none")


def design_report(
    spec: Spec, fmt: str = "md", findings: list[Diagnostic] | None = None, diagram: Diagram | None = None
) -> str:
    """The report of `spec` in `fmt` (md or html); lints the spec unless `findings` are given."""
    from mlsd_dsl.lint import coverage, lint_spec

    findings = lint_spec(spec) if findings is None else findings
    document = build_document(ReportInput(spec, findings, coverage(spec, findings), diagram))
    if fmt == "html":
        from mlsd_dsl.report.html import render_html

        return render_html(document)
    from mlsd_dsl.report.markdown import render_markdown

    return render_markdown(document)


def svg_diagram(
    spec: Spec,
    findings: list[Diagnostic],
    image_path: str | None = None,
    gaps: bool = True,
    direction: str = "TB",
) -> Diagram:
    """The rendered diagram (graphviz SVG), with the missing components the `findings` report drawn
    as dashed ghosts when `gaps`; raises `RenderError` when it cannot be drawn. Top to bottom by
    default, which fits a page better than the wide left-to-right layout."""
    from mlsd_dsl.rendering import render

    svg = render(spec, fmt="svg", gaps=gaps, direction=direction, findings=findings).decode("utf-8")
    return Diagram(f"Architecture of {spec.title}", svg=svg, image_path=image_path)


def mermaid_diagram(spec: Spec, direction: str = "TB") -> Diagram:
    from mlsd_dsl.export.mermaid import to_mermaid

    return Diagram(f"Architecture of {spec.title}", mermaid=to_mermaid(spec, direction))
