"""Graph hygiene: what every diagram should get right, whatever the framework step."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.cycles import strongly_connected_components
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.model.spec import Edge


@rule(
    code="GRAPH001",
    name="orphan-component",
    step=None,
    severity=Severity.WARNING,
    title="A component nothing connects to",
    rationale="""
        A component with no edges and no attribute that names it plays no part in the system's
        data flow: either an edge is missing or the component is. Components declared in imported
        modules are exempt — a shared module may offer more than one system uses.
    """,
    fix="connect the component with an edge (`a -> b`), reference it (`fallback: name`) or remove it",
    bad="""
        system recs {
          source events: kafka
          storage lake: s3
          storage archive: gcs
          events -> lake
        }
    """,
    good="""
        system recs {
          source events: kafka
          storage lake: s3
          storage archive: gcs
          events -> lake -> archive
        }
    """,
)
def orphan_component(context: LintContext) -> Iterator[Finding]:
    spec = context.spec
    for component in spec.components.values():
        if component.span.file != spec.path or component.name in context.referenced_names:
            continue
        if not spec.successors(component.name) and not spec.predecessors(component.name):
            yield context.at(component, f"nothing connects to '{component.name}'")


@rule(
    code="GRAPH002",
    name="tech-kind-mismatch",
    step=None,
    severity=Severity.WARNING,
    title="A technology used as a kind of component it cannot be",
    applies_to_modules=True,
    rationale="""
        `registry models: kafka` or `feature_store f: airflow` is almost always a slip: the named
        technology does not play that role. The technology catalog knows which kinds each known
        technology can be; unknown technologies are not checked.
    """,
    fix="fix the kind or the technology (see `mlsd schema` and the technology catalog)",
    bad="""
        system recs {
          registry models: kafka
        }
    """,
    good="""
        system recs {
          registry models: mlflow
        }
    """,
)
def tech_kind_mismatch(context: LintContext) -> Iterator[Finding]:
    for component in context.spec.components.values():
        technology = context.technology(component)
        if technology is not None and not technology.can_play(component.kind):
            kinds = ", ".join(sorted(kind.value for kind in technology.kinds))
            yield context.at(
                component, f"{technology.title} is not a {component.kind.value} (it can be: {kinds})"
            )


DELIBERATE_LOOPS = frozenset({EdgeType.LOG, EdgeType.TRIGGER})


@rule(
    code="GRAPH003",
    name="unlabelled-cycle",
    step=None,
    severity=Severity.WARNING,
    title="A cycle that is not a labelled feedback loop",
    applies_to_modules=True,
    rationale="""
        Data in an ML system flows one way — data, features, training, serving — except for
        deliberate feedback loops such as serving logs flowing back into the event stream. A cycle
        with no label on any of its edges is usually an edge drawn backwards; label the edge that
        closes a real feedback loop (`api -> events : "logs impressions"`), or type it: a cycle closed
        by an edge written `-log->` or `-trigger->` is a declared feedback loop.
    """,
    fix="reverse the backwards edge, or label the edge that closes the feedback loop",
    bad="""
        system recs {
          source events: kafka
          storage lake: s3
          events -> lake
          lake -> events
        }
    """,
    good="""
        system recs {
          source events: kafka
          storage lake: s3
          events -> lake
          lake -> events : "replays late events"
        }
    """,
)
def unlabelled_cycle(context: LintContext) -> Iterator[Finding]:
    spec = context.spec
    cycles = strongly_connected_components(list(spec.components), spec.successors)
    cycle_of = {name: number for number, members in enumerate(cycles) for name in members}
    edges_in: dict[int, list[Edge]] = defaultdict(list)
    for edge in spec.edges:
        number = cycle_of.get(edge.source)
        if number is not None and cycle_of.get(edge.target) == number:
            edges_in[number].append(edge)
    for number, edges in edges_in.items():
        if not any(edge.label or (edge.typed and edge.type in DELIBERATE_LOOPS) for edge in edges):
            names = ", ".join(sorted(cycles[number]))
            yield Finding(f"unlabelled cycle through {names}", edges[0].span, edges[0].source)


@rule(
    code="GRAPH004",
    name="empty-group",
    step=None,
    severity=Severity.WARNING,
    title="A group with no members",
    applies_to_modules=True,
    rationale="An empty group draws an empty box: it was forgotten, or its members were renamed.",
    fix="list the group's members or remove the group",
    bad="""
        system recs {
          serving api: online
          group online "Online" { }
        }
    """,
    good="""
        system recs {
          serving api: online
          group online "Online" { api }
        }
    """,
)
def empty_group(context: LintContext) -> Iterator[Finding]:
    for group in context.spec.groups:
        if not group.members:
            yield Finding(f"group '{group.name}' has no members", group.span)


@rule(
    code="GRAPH005",
    name="duplicate-edge",
    step=None,
    severity=Severity.INFO,
    applies_to_modules=True,
    title="The same edge declared twice",
    rationale="A repeated edge draws two arrows for one flow; keep one (with its label).",
    fix="remove the repeated edge",
    bad="""
        system recs {
          source events: kafka
          storage lake: s3
          events -> lake
          events -> lake
        }
    """,
    good="""
        system recs {
          source events: kafka
          storage lake: s3
          events -> lake
        }
    """,
)
def duplicate_edge(context: LintContext) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for edge in context.spec.edges:
        key = (edge.source, edge.target)
        if key in seen:
            yield Finding(
                f"the edge {edge.source} -> {edge.target} is declared again", edge.span, edge.source
            )
        seen.add(key)
