"""Strongly connected components (iterative Tarjan): linear time, no recursion limit."""

from __future__ import annotations

from collections.abc import Callable


def strongly_connected_components(
    nodes: list[str], successors: Callable[[str], list[str]]
) -> list[list[str]]:
    """The components that contain a cycle: two or more nodes, or one node with an edge to itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = _pop_component(node, stack, on_stack)
                if len(members) > 1 or node in successors(node):
                    found.append(members)
    return found


def _pop_component(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    members: list[str] = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.append(member)
        if member == root:
            return members
