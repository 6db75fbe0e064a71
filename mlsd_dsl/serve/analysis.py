"""One spec, checked as `mlsd check` checks it, as the JSON the live page shows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.diagnostics import Diagnostic, Severity
from mlsd_dsl.lint import ConfigError, Coverage, coverage, find_config, lint_spec
from mlsd_dsl.model.kinds import KINDS
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.spec import Component, Spec
from mlsd_dsl.rendering.gaps import find_gaps
from mlsd_dsl.rendering.scene import build_scene, value_text

Json = dict[str, Any]
SEVERITIES = tuple(severity.value for severity in Severity)


@dataclass(frozen=True)
class Analysis:
    """What a spec's file holds now: the spec when it compiles, and every diagnostic."""

    path: str  # as diagnostics name the file
    spec: Spec | None
    diagnostics: list[Diagnostic]
    lines: list[str]  # the file's text, for the source line of a diagnostic
    digest: str
    coverage: Coverage | None = None
    ghosts: dict[str, str] = field(default_factory=dict)  # rule code → ghost node id (for --gaps)

    @property
    def valid(self) -> bool:
        return self.spec is not None


def analyse(path: Path) -> Analysis:
    """Compile and lint the spec at `path` (with the configuration found for its folder)."""
    compilation = compile_file(path)
    text = compilation.sources.get(compilation.path, "")
    lines = text.splitlines()
    sources = "\0".join(compilation.sources.values())
    spec = compilation.spec
    if spec is None:
        diagnostics = compilation.diagnostics
        return Analysis(compilation.path, None, diagnostics, lines, _digest(sources, diagnostics))
    try:
        findings = compilation.diagnostics + lint_spec(spec, find_config(path))
    except ConfigError as problem:
        problems = [_config_error(path, problem)]
        return Analysis(compilation.path, None, problems, lines, _digest(sources, problems))
    digest = _digest(sources, findings)
    scene = build_scene(spec, find_gaps(findings))
    ghosts = {node.gap.code: node.id for node in scene.nodes.values() if node.gap is not None}
    return Analysis(compilation.path, spec, findings, lines, digest, coverage(spec, findings), ghosts)


def _digest(text: str, diagnostics: list[Diagnostic]) -> str:
    """What decides the page: the spec's text and what it imports, and every diagnostic."""
    outcome = "\n".join(f"{d.code} {d.span} {d.message}" for d in diagnostics)
    return hashlib.sha256(f"{text}\0{outcome}".encode("utf-8", "surrogatepass")).hexdigest()


def _config_error(path: Path, problem: ConfigError) -> Diagnostic:
    return Diagnostic(code="config", severity=Severity.ERROR, message=str(problem), file=str(path))


def diagnostic_json(diagnostic: Diagnostic, analysis: Analysis) -> Json:
    """A diagnostic with its source line (when it is in the spec's own file) and the diagram
    nodes it concerns."""
    span = diagnostic.span
    line = span.line if span else None
    own = span is not None and span.file == analysis.path and 0 < span.line <= len(analysis.lines)
    source = analysis.lines[span.line - 1] if own and span is not None else None
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "expected": diagnostic.expected,
        "file": Path(diagnostic.file).name,
        "line": line,
        "column": span.column if span else None,
        "end_column": span.end_column if span and span.end_line == span.line else None,
        "source": source,
        "subjects": subjects(diagnostic, analysis.spec, analysis.ghosts) if analysis.spec else [],
    }


def subjects(diagnostic: Diagnostic, spec: Spec, ghosts: dict[str, str]) -> list[str]:
    """The diagram nodes a finding is about: the component whose declaration holds it, the two ends
    of the edge it points at, or the ghost node `--gaps` draws for it."""
    found: list[str] = []
    if diagnostic.code in ghosts:
        found.append(ghosts[diagnostic.code])
    span = diagnostic.span
    if span is None or span.file != spec.path:
        return found
    at = (span.line, span.column)
    for edge in spec.edges:
        if (edge.span.line, edge.span.column) == at:
            return [*found, edge.source, edge.target]
    holder = _declaration_at(spec, at)
    return found + ([holder] if holder else [])


def _declaration_at(spec: Spec, at: tuple[int, int]) -> str | None:
    """The component whose declaration (first token to its last attribute) covers a position."""
    for component in spec.components.values():
        if component.span.file == spec.path and _start(component) <= at <= _end(component):
            return component.name
    return None


def _start(component: Component) -> tuple[int, int]:
    return component.span.line, component.span.column


def _end(component: Component) -> tuple[int, int]:
    ends = [(a.span.end_line, a.span.end_column) for a in component.attributes.values()]
    return max([*ends, (component.span.line, 1 << 30)])


def components_json(spec: Spec) -> Json:
    return {name: component_json(component) for name, component in spec.components.items()}


def sections_json(spec: Spec) -> list[Json]:
    """The requirements, framing and evaluation sections, as (key, value) rows."""
    found = []
    for name in SectionName:
        section = spec.section(name)
        if section is not None:
            rows = [[key, value_text(a.value)] for key, a in section.attributes.items()]
            found.append({"name": name.value, "attributes": rows})
    return found


def component_json(component: Component) -> Json:
    return {
        "kind": component.kind.value,
        "stage": KINDS[component.kind].stage.title,
        "tech": component.tech,
        "label": component.label,
        "file": Path(component.span.file).name,
        "line": component.span.line,
        "attributes": [[key, value_text(a.value)] for key, a in component.attributes.items()],
    }


def coverage_json(report: Coverage | None) -> list[Json] | None:
    if report is None:
        return None
    return [
        {
            "number": s.step.number,
            "title": s.step.title,
            "status": s.status.value,
            "findings": list(s.findings),
        }
        for s in report.steps
    ]


def counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    return {severity: sum(1 for d in diagnostics if d.severity.value == severity) for severity in SEVERITIES}
