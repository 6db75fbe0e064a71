"""What an untyped edge means, from the kinds it joins.

A plain `a -> b` is data flow, except where the kinds leave no doubt: a registry feeding serving
deploys to it, a client reaching serving sends it requests, serving writing to a source, stream,
storage or labelling queue logs back to it, and a monitor reaching a pipeline, model, processor
or index triggers it. A typed arrow (`a -data-> b`) always wins over this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from mlsd_dsl.model.kinds import Kind
from mlsd_dsl.model.schema import EdgeType

K = Kind

INFERRED_EDGE_TYPES: Mapping[tuple[Kind, Kind], EdgeType] = MappingProxyType(
    {
        (K.REGISTRY, K.SERVING): EdgeType.DEPLOY,
        (K.CLIENT, K.SERVING): EdgeType.REQUEST,
        **{(K.SERVING, target): EdgeType.LOG for target in (K.SOURCE, K.STREAM, K.STORAGE, K.LABELING)},
        **{
            (K.MONITOR, target): EdgeType.TRIGGER
            for target in (K.PIPELINE, K.MODEL, K.PROCESSOR, K.VECTOR_DB, K.SEARCH_INDEX)
        },
    }
)


def inferred_edge_type(source: Kind | None, target: Kind | None) -> EdgeType:
    """The meaning of an untyped edge between components of these kinds (None: unknown)."""
    if source is None or target is None:
        return EdgeType.DATA
    return INFERRED_EDGE_TYPES.get((source, target), EdgeType.DATA)
