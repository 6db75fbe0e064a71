"""Icons: every catalog icon exists in the installed diagrams, and every kind has a generic one."""

from __future__ import annotations

import pytest

from mlsd_dsl.catalog import technologies
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.rendering.icons import icon_for, resolve

CATALOG_ICONS = sorted({tech.icon for tech in technologies() if tech.icon})


@pytest.mark.parametrize("icon", CATALOG_ICONS)
def test_every_catalog_icon_is_a_png_in_diagrams(icon: str) -> None:
    resolved = resolve(icon)
    assert resolved is not None and resolved.file.read_bytes().startswith(b"\x89PNG")


def test_every_kind_has_a_generic_icon() -> None:
    assert all(resolve(info.icon) is not None for info in KINDS.values())


def test_a_tech_without_an_icon_falls_back_to_its_kind() -> None:
    assert icon_for(None, Kind.VECTOR_DB).reference == "resources/gcp/ml/ai-hub.png"
    assert (
        icon_for("diagrams.onprem.nothing:Here", Kind.MONITOR).reference
        == "resources/azure/monitor/monitor.png"
    )
    assert (
        icon_for("diagrams.onprem.queue:Kafka", Kind.STREAM).reference == "resources/onprem/queue/kafka.png"
    )
