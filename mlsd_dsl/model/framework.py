"""The standard 7-step ML system-design framework, and where each component kind belongs in it.

Lint rules are filed under a step, coverage is reported per step, and renderers lay out
components by their stage so a diagram reads left to right: data → model → serving → monitoring.
"""

from __future__ import annotations

from enum import Enum

from mlsd_dsl.model.schema import Kind


class Step(Enum):
    """A framework step: (number, code prefix of its lint rules, title)."""

    REQUIREMENTS = (1, "REQ", "Clarify requirements")
    FRAMING = (2, "FRAME", "Frame as an ML task")
    DATA = (3, "DATA", "Data preparation")
    MODEL = (4, "MODEL", "Model development")
    EVALUATION = (5, "EVAL", "Evaluation")
    SERVING = (6, "SERVE", "Deployment and serving")
    MONITORING = (7, "MON", "Monitoring")

    @property
    def number(self) -> int:
        return self.value[0]

    @property
    def prefix(self) -> str:
        return self.value[1]

    @property
    def title(self) -> str:
        return self.value[2]


class Stage(Enum):
    """Where a component sits in the flow of an ML system, in reading order."""

    CLIENTS = (0, "Clients")
    DATA = (1, "Data")
    FEATURES = (2, "Features")
    TRAINING = (3, "Training")
    REGISTRY = (4, "Registry")
    SERVING = (5, "Serving")
    MONITORING = (6, "Monitoring")

    @property
    def order(self) -> int:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]


KIND_STAGE: dict[Kind, Stage] = {
    Kind.CLIENT: Stage.CLIENTS,
    Kind.SOURCE: Stage.DATA,
    Kind.STREAM: Stage.DATA,
    Kind.STORAGE: Stage.DATA,
    Kind.PROCESSOR: Stage.DATA,
    Kind.LABELING: Stage.DATA,
    Kind.DATASET: Stage.FEATURES,
    Kind.FEATURE_STORE: Stage.FEATURES,
    Kind.MODEL: Stage.TRAINING,
    Kind.PIPELINE: Stage.TRAINING,
    Kind.REGISTRY: Stage.REGISTRY,
    Kind.VECTOR_DB: Stage.SERVING,
    Kind.SEARCH_INDEX: Stage.SERVING,
    Kind.SERVING: Stage.SERVING,
    Kind.CACHE: Stage.SERVING,
    Kind.MONITOR: Stage.MONITORING,
}

KIND_STEP: dict[Kind, Step] = {
    Kind.CLIENT: Step.SERVING,
    Kind.SOURCE: Step.DATA,
    Kind.STREAM: Step.DATA,
    Kind.STORAGE: Step.DATA,
    Kind.PROCESSOR: Step.DATA,
    Kind.LABELING: Step.DATA,
    Kind.DATASET: Step.DATA,
    Kind.FEATURE_STORE: Step.DATA,
    Kind.MODEL: Step.MODEL,
    Kind.PIPELINE: Step.MODEL,
    Kind.REGISTRY: Step.SERVING,
    Kind.VECTOR_DB: Step.SERVING,
    Kind.SEARCH_INDEX: Step.SERVING,
    Kind.SERVING: Step.SERVING,
    Kind.CACHE: Step.SERVING,
    Kind.MONITOR: Step.MONITORING,
}
