"""How a diagram looks: a shape per component kind and colours per framework stage, per theme.

Shapes alone tell kinds apart, so a diagram stays legible printed in black and white; colours
group the kinds of one stage (data, features, training, registry, serving, monitoring).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.schema import Kind


@dataclass(frozen=True)
class Shape:
    """Graphviz node attributes that draw one kind."""

    shape: str
    style: tuple[str, ...] = ()
    peripheries: int = 1
    penwidth: float = 1.2


KIND_SHAPES: dict[Kind, Shape] = {
    Kind.CLIENT: Shape("box", ("rounded",)),
    Kind.SOURCE: Shape("note"),
    Kind.STREAM: Shape("cds"),
    Kind.STORAGE: Shape("cylinder"),
    Kind.PROCESSOR: Shape("box"),
    Kind.LABELING: Shape("ellipse"),
    Kind.DATASET: Shape("folder"),
    Kind.FEATURE_STORE: Shape("box3d"),
    Kind.VECTOR_DB: Shape("cylinder", penwidth=2.0),
    Kind.SEARCH_INDEX: Shape("octagon"),
    Kind.MODEL: Shape("box", ("rounded",), penwidth=2.4),
    Kind.PIPELINE: Shape("component"),
    Kind.REGISTRY: Shape("tab"),
    Kind.SERVING: Shape("box", peripheries=2),
    Kind.CACHE: Shape("box", ("diagonals",)),
    Kind.MONITOR: Shape("hexagon"),
}


@dataclass(frozen=True)
class StageColours:
    fill: str
    border: str
    cluster_fill: str


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted_text: str
    edge: str
    cluster_text: str
    stages: dict[Stage, StageColours]
    group_colours: StageColours
    ghost_border: str
    ghost_fill: str
    ghost_text: str
    fontname: str = "Helvetica,Arial,sans-serif"
    extra_cluster_style: tuple[str, ...] = field(default_factory=tuple)

    def stage(self, stage: Stage | None) -> StageColours:
        return self.stages[stage] if stage is not None else self.group_colours


def _stages(*colours: tuple[str, str, str]) -> dict[Stage, StageColours]:
    return {stage: StageColours(*triple) for stage, triple in zip(Stage, colours, strict=True)}


LIGHT = Theme(
    name="light",
    background="white",
    text="#1F2328",
    muted_text="#57606A",
    edge="#57606A",
    cluster_text="#24292F",
    stages=_stages(
        ("#ECEFF1", "#546E7A", "#F8F9FA"),  # clients
        ("#E3F2FD", "#1E88E5", "#F5FAFF"),  # data
        ("#E0F2F1", "#00897B", "#F3FAF9"),  # features
        ("#EDE7F6", "#5E35B1", "#F8F5FC"),  # training
        ("#FFF8E1", "#F09300", "#FFFCF3"),  # registry
        ("#E8F5E9", "#2E7D32", "#F5FBF5"),  # serving
        ("#FCE4EC", "#C2185B", "#FEF5F8"),  # monitoring
    ),
    group_colours=StageColours("#F6F8FA", "#57606A", "#FBFCFD"),
    ghost_border="#CF222E",
    ghost_fill="#FFF5F5",
    ghost_text="#A40E26",
)

DARK = Theme(
    name="dark",
    background="#0D1117",
    text="#E6EDF3",
    muted_text="#9DA7B3",
    edge="#8B949E",
    cluster_text="#E6EDF3",
    stages=_stages(
        ("#263238", "#90A4AE", "#161B22"),
        ("#0D2A4A", "#58A6FF", "#10192A"),
        ("#0B3330", "#4DB6AC", "#0F1D1E"),
        ("#2A1F4A", "#B39DDB", "#191628"),
        ("#3A2C08", "#F2CC60", "#1F1B10"),
        ("#12361B", "#7EE787", "#101E15"),
        ("#3D1426", "#F778BA", "#21131A"),
    ),
    group_colours=StageColours("#161B22", "#8B949E", "#11161D"),
    ghost_border="#FF7B72",
    ghost_fill="#0D1117",
    ghost_text="#FFA198",
)

_MONO_STAGE = ("white", "black", "white")
MONO = Theme(
    name="mono",
    background="white",
    text="black",
    muted_text="#333333",
    edge="black",
    cluster_text="black",
    stages=_stages(*[_MONO_STAGE] * len(Stage)),
    group_colours=StageColours(*_MONO_STAGE),
    ghost_border="black",
    ghost_fill="white",
    ghost_text="black",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, DARK, MONO)}
