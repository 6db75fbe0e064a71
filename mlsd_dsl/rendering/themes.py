"""How a diagram looks: a graphviz shape per shape family and colours per framework stage, per theme.

Shapes alone tell kinds apart, so a diagram stays legible printed in black and white; colours
group the kinds of one stage (data, features, training, registry, serving, monitoring).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.model.framework import Stage
from mlsd_dsl.model.kinds import ShapeFamily


@dataclass(frozen=True)
class Shape:
    """Graphviz node attributes that draw one kind."""

    shape: str
    style: tuple[str, ...] = ()
    peripheries: int = 1
    penwidth: float = 1.2


SHAPES: dict[ShapeFamily, Shape] = {
    ShapeFamily.ACTOR: Shape("box", ("rounded",)),
    ShapeFamily.DOCUMENT: Shape("note"),
    ShapeFamily.QUEUE: Shape("cds"),
    ShapeFamily.DATABASE: Shape("cylinder"),
    ShapeFamily.JOB: Shape("box"),
    ShapeFamily.HUMAN_TASK: Shape("ellipse"),
    ShapeFamily.COLLECTION: Shape("folder"),
    ShapeFamily.FEATURE_TABLE: Shape("box3d"),
    ShapeFamily.VECTOR_INDEX: Shape("cylinder", penwidth=2.0),
    ShapeFamily.TEXT_INDEX: Shape("octagon"),
    ShapeFamily.MODEL: Shape("box", ("rounded",), penwidth=2.4),
    ShapeFamily.WORKFLOW: Shape("component"),
    ShapeFamily.CATALOG: Shape("tab"),
    ShapeFamily.ENDPOINT: Shape("box", peripheries=2),
    ShapeFamily.CACHE: Shape("box", ("diagonals",)),
    ShapeFamily.WATCHER: Shape("hexagon"),
    ShapeFamily.GATE: Shape("invtrapezium"),
}


@dataclass(frozen=True)
class StageColours:
    fill: str
    border: str
    cluster_fill: str


@dataclass(frozen=True)
class ChangeColours:
    """The change overlay (`mlsd diff --render`): borders of added, changed and renamed components,
    and the faded look of removed ones."""

    added: str
    changed: str
    renamed: str
    removed: str
    removed_fill: str
    context: str  # borders and edges of unchanged components, faded so the changes stand out
    context_fill: str


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
    changes: ChangeColours
    fontname: str = "Helvetica,Arial,sans-serif"
    icon_plate: str | None = None  # a light plate behind icons, so dark logos show on a dark background
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
    changes=ChangeColours("#1A7F37", "#BF5700", "#0969DA", "#8C959F", "#F6F8FA", "#AFB8C1", "#FFFFFF"),
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
    changes=ChangeColours("#3FB950", "#F0883E", "#58A6FF", "#6E7681", "#161B22", "#484F58", "#0D1117"),
    icon_plate="#E6EDF3",
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
    changes=ChangeColours("black", "black", "black", "#555555", "white", "#999999", "white"),
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, DARK, MONO)}
