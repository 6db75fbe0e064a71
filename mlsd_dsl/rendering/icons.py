"""Icons for the diagrams backend: a technology's icon from the catalog, else a generic glyph.

An icon path is `module:Class` into mingrammer `diagrams` (each class names a PNG under the
package's `resources/` folder), `mlsd:<glyph>`, one of mlsd's own vendor-neutral glyphs in
`rendering/glyphs/` (drawn by `python -m mlsd_dsl.rendering.make_glyphs`), or the path of a PNG drawn for mlsd
under `rendering/icons/` (`genai/vector_db.png`, drawn by `python -m mlsd_dsl.rendering.draw_icons`).
Technology icons live in the catalog; the generic icon of each kind in the kind's record
(`model/kinds.py`); a model's glyph follows its role (`MODEL_GLYPHS`), and a heuristic baseline
has its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import ModelStage

if TYPE_CHECKING:
    from mlsd_dsl.rendering.scene import SceneNode

GLYPH_PREFIX = "mlsd:"
GLYPH_ROOT = Path(__file__).resolve().parent  # glyph references are relative to it
GLYPH_FOLDER = "glyphs"
BASELINE_GLYPH = "model-baseline"
MODEL_GLYPHS: dict[ModelStage, str] = {stage: f"model-{stage.value}" for stage in ModelStage}

OWN_ICONS = Path(__file__).resolve().parent / "icons"
"""Icons drawn for mlsd itself; references are relative to this folder."""


@dataclass(frozen=True)
class Icon:
    """An icon file: `reference` is its portable path under `root` (the DOT and SVG use it)."""

    reference: str
    root: Path

    @property
    def file(self) -> Path:
        return self.root / self.reference


def glyph_name(path: str) -> str:
    return path.removeprefix(GLYPH_PREFIX)


def icon_for(node: SceneNode) -> Icon:
    """The technology's icon when it has a usable one, otherwise the generic glyph."""
    if node.icon is not None:
        icon = resolve(node.icon)
        if icon is not None:
            return icon
    return generic_icon(node)[0]


def has_tech_icon(path: str | None) -> bool:
    return path is not None and resolve(path) is not None


def generic_icon(node: SceneNode) -> tuple[Icon, str]:
    """The glyph of the node's kind, or of its role for a model, with what it means."""
    words = node.kind.value.replace("_", " ")
    path = KINDS[node.kind].icon
    if node.kind is Kind.MODEL and node.baseline:
        path, words = GLYPH_PREFIX + BASELINE_GLYPH, "heuristic / baseline model"
    elif node.kind is Kind.MODEL and node.model_stage is not None:
        path, words = (
            GLYPH_PREFIX + MODEL_GLYPHS[node.model_stage],
            f"{node.model_stage.value.replace('_', ' ')} model",
        )
    icon = resolve(path)
    assert icon is not None, f"the generic icon {path} is missing"
    return icon, words


@cache
def resolve(path: str) -> Icon | None:
    """`"diagrams.onprem.queue:Kafka"`, `"mlsd:cache"` or `"genai/llm.png"` → its PNG, or None
    when there is none."""
    if path.startswith(GLYPH_PREFIX):
        icon = Icon(f"{GLYPH_FOLDER}/{glyph_name(path)}.png", GLYPH_ROOT)
        return icon if icon.file.is_file() else None
    if ":" not in path:
        own = Icon(path, OWN_ICONS)
        return own if own.file.is_file() else None
    module_name, _, class_name = path.partition(":")
    try:
        node_class = getattr(import_module(module_name), class_name)
    except (ImportError, AttributeError):
        return None
    icon = Icon(f"{node_class._icon_dir}/{node_class._icon}", resources_root())
    return icon if icon.file.is_file() else None


def resources_root() -> Path:
    """The folder holding diagrams' `resources/`: icon references are relative to it."""
    import diagrams

    return Path(diagrams.__file__).resolve().parent.parent
