"""The whole compiled model as JSON: typed values and source positions, valid against `mlsd schema`."""

from __future__ import annotations

import json

from mlsd_dsl.model.spec import Spec


def to_json(spec: Spec) -> str:
    return json.dumps(spec.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
