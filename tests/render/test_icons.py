"""Icons: every catalog icon exists in the installed diagrams, and every kind has a generic one."""

from __future__ import annotations

import pytest

from mlsd_dsl.catalog import technologies
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import ModelStage
from mlsd_dsl.rendering.icons import GLYPH_PREFIX, MODEL_GLYPHS, icon_for, resolve
from mlsd_dsl.rendering.scene import SceneNode

CATALOG_ICONS = sorted({tech.icon for tech in technologies() if tech.icon})


@pytest.mark.parametrize("icon", CATALOG_ICONS)
def test_every_catalog_icon_is_a_png_in_diagrams_or_mlsd_s_glyphs(icon: str) -> None:
    resolved = resolve(icon)
    assert resolved is not None and resolved.file.read_bytes().startswith(b"\x89PNG")


def test_every_kind_has_a_generic_icon() -> None:
    assert all(resolve(info.icon) is not None for info in KINDS.values())


def _node(kind: Kind, icon: str | None = None, **role: object) -> SceneNode:
    return SceneNode(id="n", kind=kind, name="n", icon=icon, **role)  # type: ignore[arg-type]


def test_a_tech_without_an_icon_falls_back_to_its_kind_s_glyph() -> None:
    assert icon_for(_node(Kind.VECTOR_DB)).reference == "glyphs/vector_db.png"
    assert icon_for(_node(Kind.MONITOR, "diagrams.onprem.nothing:Here")).reference == "glyphs/monitor.png"
    assert (
        icon_for(_node(Kind.STREAM, "diagrams.onprem.queue:Kafka")).reference
        == "resources/onprem/queue/kafka.png"
    )


def test_a_model_s_glyph_follows_its_role_and_a_baseline_has_its_own() -> None:
    ranking = icon_for(_node(Kind.MODEL, model_stage=ModelStage.RANKING))
    retrieval = icon_for(_node(Kind.MODEL, model_stage=ModelStage.RETRIEVAL))
    baseline = icon_for(_node(Kind.MODEL, model_stage=ModelStage.RANKING, baseline=True))
    learned = icon_for(_node(Kind.MODEL))
    assert len({ranking, retrieval, baseline, learned}) == 4


def test_the_curated_glyphs_are_distinct_pngs_shipped_in_the_package() -> None:
    paths = [info.icon for info in KINDS.values()] + [GLYPH_PREFIX + name for name in MODEL_GLYPHS.values()]
    files = [resolve(path) for path in paths]
    assert all(icon is not None and icon.file.read_bytes().startswith(b"\x89PNG") for icon in files)
    contents = {icon.file.read_bytes() for icon in files if icon is not None}
    assert len(contents) == len(set(paths))
