"""Every spec that parsed before typed edges, provenance and the new values parses to the same
meaning: the gallery specs and the `mlsd new` templates as they were at commit 79401d0, compared
with the model that commit exported (`tests/core/data/meaning/*.json`, positions left out).

The new fields are the only difference allowed: an edge's `type` (inferred where the kinds leave no
doubt, otherwise `data`), `typed` (false: nothing was written) and `attributes` (none), a
metric's parsed cut-off or operating point, and the spec's `assumptions` section (none).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mlsd_dsl.api import load
from mlsd_dsl.model.edges import inferred_edge_type
from mlsd_dsl.model.kinds import Kind

MEANING = Path(__file__).parent / "data" / "meaning"
OLD_SPECS = sorted(MEANING.glob("*/*.mlsd"))
NEW_EDGE_FIELDS = ("type", "typed", "attributes")
NEW_METRIC_FIELDS = ("k", "top_percent", "threshold", "point_percent", "point_metric")


def _without_positions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_positions(v) for k, v in value.items() if k not in ("span", "path", "resolved")}
    if isinstance(value, list):
        return [_without_positions(item) for item in value]
    return value


def _without_new_metric_fields(value: Any) -> Any:
    if isinstance(value, dict):
        drop = NEW_METRIC_FIELDS if value.get("type") == "metric" else ()
        return {k: _without_new_metric_fields(v) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_without_new_metric_fields(item) for item in value]
    return value


def test_the_old_corpus_is_all_there() -> None:
    assert len(OLD_SPECS) == 16, [path.name for path in OLD_SPECS]  # ten gallery specs, six templates


@pytest.mark.parametrize("path", OLD_SPECS, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_an_old_spec_keeps_its_meaning(path: Path) -> None:
    spec = load(path)
    new = _without_positions(spec.model_dump(mode="json"))
    old = _without_positions(json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
    assert new.pop("assumptions") is None
    kinds = {name: Kind(component["kind"]) for name, component in new["components"].items()}
    for edge in new["edges"]:
        assert edge.pop("typed") is False
        assert edge.pop("attributes") == {}
        assert edge.pop("type") == inferred_edge_type(kinds[edge["source"]], kinds[edge["target"]])
    assert _without_new_metric_fields(new) == old
