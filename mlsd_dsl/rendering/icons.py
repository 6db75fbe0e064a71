"""Icons for the diagrams backend: a technology's icon from the catalog, else its kind's.

Icons are `module:Class` paths into mingrammer `diagrams`, each class naming a PNG under the
package's `resources/` folder, or paths of PNGs drawn for mlsd under `rendering/icons/`
(`genai/vector_db.png`, drawn by `python -m mlsd_dsl.rendering.draw_icons`). Technology icons live
in the catalog; the generic icon of each kind, for technologies without one, in the kind's record
(`model/kinds.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

from mlsd_dsl.model.kinds import KINDS, Kind

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


def icon_for(tech_icon: str | None, kind: Kind) -> Icon:
    """The technology's icon when it has a usable one, otherwise the kind's generic icon."""
    if tech_icon is not None:
        icon = resolve(tech_icon)
        if icon is not None:
            return icon
    icon = resolve(KINDS[kind].icon)
    assert icon is not None, f"the generic icon of {kind} is missing from diagrams"
    return icon


@cache
def resolve(path: str) -> Icon | None:
    """`"diagrams.onprem.queue:Kafka"` or `"genai/llm.png"` → its PNG, or None when there is none."""
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
