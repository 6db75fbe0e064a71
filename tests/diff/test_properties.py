"""Properties of the diff over random valid specs (tests/strategies.py)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from mlsd_dsl.diff import SpecStatus, diff_sides
from mlsd_dsl.diff.report import EdgeRef, SpecDiff
from tests.profiles import scaled
from tests.strategies import laid_out, spec_tokens, specs

from .helpers import side


def _valid(text: str) -> None:
    assume(side(text).spec is not None)


def _names(diff: SpecDiff) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    return (
        {c.name for c in diff.components_added},
        {c.name for c in diff.components_removed},
        {(r.old, r.new) for r in diff.components_renamed},
    )


@scaled(0.3)
@given(specs)
def test_a_spec_against_itself_is_unchanged(text: str) -> None:
    _valid(text)
    assert diff_sides(side(text), side(text)).status is SpecStatus.UNCHANGED


@scaled(0.3)
@given(spec_tokens().flatmap(lambda tokens: st.tuples(laid_out(tokens), laid_out(tokens))))
def test_layout_and_comments_never_change_the_design(texts: tuple[str, str]) -> None:
    first, second = texts
    _valid(first)
    assert not diff_sides(side(first), side(second)).design_changed


@scaled(0.3)
@given(specs, specs)
def test_what_one_direction_adds_the_other_removes(old: str, new: str) -> None:
    _valid(old)
    _valid(new)
    forward = diff_sides(side(old), side(new))
    backward = diff_sides(side(new), side(old))
    added, removed, renamed = _names(forward)
    back_added, back_removed, back_renamed = _names(backward)
    assert added == back_removed and removed == back_added
    assert renamed == {(new_name, old_name) for old_name, new_name in back_renamed}
    assert {(e.source, e.target, e.type) for e in forward.edges_added} == {
        (e.source, e.target, e.type) for e in _renamed_edges(backward.edges_removed, back_renamed)
    }
    assert {(f.code, f.message) for f in forward.findings_introduced} == {
        (f.code, f.message) for f in backward.findings_fixed
    }


def _renamed_edges(edges: list[EdgeRef], renames: set[tuple[str, str]]) -> list[EdgeRef]:
    """Backward edges name renamed ends by their old names: map them to the forward's new names."""
    names = dict(renames)
    inverse = {new: old for old, new in names.items()}
    return [
        e.model_copy(
            update={"source": inverse.get(e.source, e.source), "target": inverse.get(e.target, e.target)}
        )
        for e in edges
    ]
