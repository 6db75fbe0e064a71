"""Building model objects the compiler has already checked.

The compiler checks everything it puts into the model, so it skips pydantic validation; pydantic's
public `BaseModel.model_construct` fills in the defaults and the instance state.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def trusted(model: type[M], **fields: Any) -> M:
    """An instance of `model` holding `fields` (plus defaults), without validation."""
    return model.model_construct(**fields)
