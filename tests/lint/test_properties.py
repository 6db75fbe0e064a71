"""Properties over random systems: linting never fails, is deterministic, and suppressions are exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlsd_dsl.catalog import technologies
from mlsd_dsl.lint import lint_spec
from mlsd_dsl.lint.cycles import strongly_connected_components
from mlsd_dsl.model.kinds import Kind

from .helpers import compile_spec

TECHS = sorted(technology.key for technology in technologies())
ATTRIBUTES: dict[Kind, list[str]] = {
    Kind.DATASET: [
        "split: random",
        "split: time",
        "positive_rate: 2%",
        "imbalance: smote",
        'label: "y"',
        "negatives: random",
    ],
    Kind.MODEL: [
        "baseline: true",
        "stage: ranking",
        "stage: retrieval",
        "loss: mse",
        "loss: focal",
        "compression: quantization",
    ],
    Kind.SERVING: ["mode: online", "mode: batch", "mode: on_device", "latency_p99: 300ms", "rollout: canary"],
    Kind.MONITOR: ["drift: psi", "alerts: pagerduty", "watches: [latency]", "retrain_trigger: drift"],
    Kind.SOURCE: ["type: events", "pii: true"],
    Kind.PIPELINE: ["schedule: daily", "validation: true"],
}
SECTIONS = [
    'requirements { goal: "g" items: 1M latency_p99: 100ms }',
    "framing { task: ranking }",
    "framing { task: regression }",
    "evaluation { offline: [accuracy] online: [ctr] }",
]


@st.composite
def systems(draw: st.DrawFn) -> str:
    kinds = draw(st.lists(st.sampled_from(list(Kind)), min_size=1, max_size=8))
    lines = ["system s {"]
    lines += draw(st.lists(st.sampled_from(SECTIONS), unique_by=lambda s: s.split()[0], max_size=3))
    names = [f"c{index}" for index in range(len(kinds))]
    for name, kind in zip(names, kinds, strict=True):
        tech = draw(st.sampled_from(["", *(f": {t}" for t in TECHS)]))
        attributes = draw(
            st.lists(
                st.sampled_from(ATTRIBUTES.get(kind, ['owner: "me"'])), unique_by=lambda a: a.split(":")[0]
            )
        )
        lines.append(f"  {kind.value} {name}{tech} {{ {' '.join(attributes)} }}")
    for source, target, labelled in draw(
        st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names), st.booleans()), max_size=12)
    ):
        lines.append(f"  {source} -> {target}" + (' : "loop"' if labelled else ""))
    return "\n".join([*lines, "}", ""])


@given(systems())
def test_lint_is_deterministic_and_points_inside_the_file(text: str) -> None:
    first = lint_spec(compile_spec(text))
    assert first == lint_spec(compile_spec(text))
    line_count = text.count("\n")
    assert all(d.span is not None and 1 <= d.span.line <= line_count for d in first)


@given(systems())
def test_a_file_level_suppression_of_what_fired_silences_exactly_that(text: str) -> None:
    fired = sorted({d.code for d in lint_spec(compile_spec(text))} - {"SUP001", "SUP002"})
    if not fired:
        return
    suppressed = f"# mlsd: ignore-file[{', '.join(fired)}] -- property test\n" + text
    assert [d.code for d in lint_spec(compile_spec(suppressed))] == []


def test_cycles_in_a_long_chain_need_no_recursion() -> None:
    names = [f"n{index}" for index in range(20_000)]
    successors = {name: [names[index + 1]] for index, name in enumerate(names[:-1])}
    successors[names[-1]] = [names[0]]
    assert [len(c) for c in strongly_connected_components(names, lambda n: successors.get(n, []))] == [20_000]
