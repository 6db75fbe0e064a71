"""`mlsd diff --render`: the new design drawn with what changed marked.

The comparison decides what is marked (`marks_of`); the renderer only draws the marks it is given.
"""

from __future__ import annotations

from pathlib import Path

from mlsd_dsl.diff.report import Change, SpecDiff, Status
from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType
from mlsd_dsl.rendering.marks import EdgeKey, Mark, Marks, RemovedComponent, RemovedEdge

MAX_NOTES = 3


class DrawError(Exception):
    """The new design could not be drawn; the message says why."""


def marks_of(diff: SpecDiff, compared_with: str | None = None) -> Marks:
    components: dict[str, Mark] = {change.name: Mark.CHANGED for change in diff.components_changed}
    notes = {change.name: _notes([*change.fields, *change.attributes]) for change in diff.components_changed}
    for rename in diff.components_renamed:
        components[rename.new] = Mark.RENAMED
        notes[rename.new] = (f"was {rename.old}", *notes.get(rename.new, ()))[:MAX_NOTES]
    components.update({component.name: Mark.ADDED for component in diff.components_added})
    edges: dict[EdgeKey, Mark] = {
        (edge.source, edge.target, EdgeType(edge.type)): Mark.CHANGED for edge in diff.edges_changed
    }
    edges.update({(edge.source, edge.target, EdgeType(edge.type)): Mark.ADDED for edge in diff.edges_added})
    return Marks(
        components=components,
        notes=notes,
        edges=edges,
        removed=tuple(
            RemovedComponent(c.name, Kind(c.kind), c.tech, _old_group(diff, c.name))
            for c in diff.components_removed
        ),
        removed_edges=tuple(
            RemovedEdge(edge.source, edge.target, EdgeType(edge.type), edge.label)
            for edge in diff.edges_removed
        ),
        caption=caption(diff, compared_with),
    )


def _old_group(diff: SpecDiff, name: str) -> str | None:
    """The group a removed component was in, when that group is still there."""
    return next(
        (g.name for g in diff.groups if g.status is Status.CHANGED and name in g.members_removed), None
    )


def _notes(changes: list[Change]) -> tuple[str, ...]:
    lines = [f"{c.key}: {c.before or '∅'} → {c.after or '∅'}" for c in changes]
    if len(lines) > MAX_NOTES:
        lines = [*lines[: MAX_NOTES - 1], f"and {len(lines) - MAX_NOTES + 1} more changes"]
    return tuple(lines)


def caption(diff: SpecDiff, compared_with: str | None) -> str:
    counts = [
        (len(diff.components_added), "added"),
        (len(diff.components_removed), "removed"),
        (len(diff.components_renamed), "renamed"),
        (len(diff.components_changed) - sum(1 for c in diff.components_changed if c.renamed_from), "changed"),
    ]
    said = ", ".join(f"{count} {word}" for count, word in counts if count) or "no component changed"
    since = f"Changes since {compared_with}" if compared_with else "Changes"
    return f"{since}: {said}"


def draw_changes(diff: SpecDiff, output: Path, fmt: str, compared_with: str | None = None) -> None:
    """Compile the new version of the spec and write its drawing, marked, to `output`."""
    from mlsd_dsl.compiler import compile_file
    from mlsd_dsl.files import write_atomically
    from mlsd_dsl.rendering import RenderError, RenderOptions, render_with

    compilation = compile_file(diff.path)
    if compilation.spec is None:
        raise DrawError(f"{diff.path} does not compile; nothing to draw")
    try:
        data = render_with(compilation.spec, RenderOptions(fmt=fmt), marks=marks_of(diff, compared_with))
        write_atomically(output, data)
    except RenderError as problem:
        raise DrawError(f"{diff.path}: {problem}") from None
    except OSError as problem:
        raise DrawError(f"cannot write '{output}': {problem.strerror or problem}") from None
