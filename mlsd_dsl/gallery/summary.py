"""A one-paragraph summary of a design, written from the spec's own requirements and framing."""

from __future__ import annotations

from mlsd_dsl.catalog import lookup
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.spec import Section, Spec

# Requirement → the words that follow its value in the scale sentence.
SCALE_FIGURES: tuple[tuple[str, str], ...] = (
    ("users", "users"),
    ("items", "items"),
    ("peak_qps", "peak QPS"),
    ("throughput", "throughput"),
    ("latency_p99", "p99 latency"),
    ("freshness", "freshness"),
)


def summary_of(spec: Spec) -> str:
    """Goal, framing, scale and stack in four sentences; parts the spec does not state are left out."""
    sentences = [_goal(spec.requirements), _framing(spec.framing), _scale(spec.requirements), _stack(spec)]
    return " ".join(sentence for sentence in sentences if sentence)


def _goal(requirements: Section | None) -> str:
    goal = requirements.word("goal") if requirements else None
    return f"Goal: {goal}." if goal else ""


def _framing(framing: Section | None) -> str:
    if framing is None:
        return ""
    task = framing.word("task")
    objective = framing.word("objective")
    if not task:
        return f"Objective: {objective}." if objective else ""
    framed = f"Framed as {task.replace('_', ' ')}"
    return f"{framed}: {objective}." if objective else f"{framed}."


def _scale(requirements: Section | None) -> str:
    if requirements is None:
        return ""
    values = [(requirements.get(key), words) for key, words in SCALE_FIGURES]
    figures = [f"{value.raw} {words}" for value, words in values if value is not None]
    return f"Scale: {', '.join(figures)}." if figures else ""


def _stack(spec: Spec) -> str:
    """The known technologies in flow order (data → … → monitoring), leaving out clients and baselines."""
    components = sorted(spec.components.values(), key=lambda component: KINDS[component.kind].stage.order)
    titles: list[str] = []
    for component in components:
        technology = lookup(component.tech)
        if technology is None or component.kind is Kind.CLIENT or "baseline" in technology.traits:
            continue
        if technology.title not in titles:
            titles.append(technology.title)
    return f"Built with {', '.join(titles)}." if titles else ""
