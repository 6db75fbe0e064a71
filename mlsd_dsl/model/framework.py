"""The standard 7-step ML system-design framework, and where each component kind belongs in it.

Lint rules are filed under a step, coverage is reported per step, and renderers lay out
components by their stage so a diagram reads left to right: data → model → serving → monitoring.
Which step and stage each component kind belongs to is part of its record (`model/kinds.py`).
"""

from __future__ import annotations

from enum import Enum


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
