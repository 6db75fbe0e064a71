"""Formatting through `mlsd fmt`'s formatter, as the smallest edits that turn the text into its
canonical layout (a range request gets the edits that touch its lines)."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from lsprotocol import types as lsp

from mlsd_dsl.formatter import format_source
from mlsd_dsl.lsp.documents import Document


def format_edits(document: Document, within: lsp.Range | None = None) -> list[lsp.TextEdit]:
    """Nothing when the text has syntax errors (the formatter needs a tree)."""
    formatted = format_source(document.text, document.name).text
    if formatted is None or formatted == document.text:
        return []
    old, new = _pieces(document.text), _pieces(formatted)
    offsets = [0]
    for piece in old:
        offsets.append(offsets[-1] + len(piece))
    edits = []
    for first, last, new_first, new_last in _changes(old, new):
        if within is not None and not _touches(first, last, within):
            continue
        where = document.range(offsets[first], offsets[last])
        edits.append(lsp.TextEdit(where, "".join(new[new_first:new_last])))
    return edits


def _changes(old: list[str], new: list[str]) -> list[tuple[int, int, int, int]]:
    """The line ranges that differ, each as small as it can be: inside a changed run, lines that
    differ only in their spacing are matched with each other, so each is its own edit."""
    changes = []
    for tag, first, last, new_first, new_last in _opcodes(old, new):
        if tag == "equal":
            continue
        bare_old = ["".join(line.split()) for line in old[first:last]]
        bare_new = ["".join(line.split()) for line in new[new_first:new_last]]
        for inner, a, b, c, d in _opcodes(bare_old, bare_new):
            if inner != "equal":
                changes.append((first + a, first + b, new_first + c, new_first + d))
                continue
            changes += [
                (first + a + i, first + a + i + 1, new_first + c + i, new_first + c + i + 1)
                for i in range(b - a)
                if old[first + a + i] != new[new_first + c + i]
            ]
    return changes


def _opcodes(old: list[str], new: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _pieces(text: str) -> list[str]:
    """The lines of a text with their '\\n' (the last one without, when the text does not end in one)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _touches(first: int, last: int, within: lsp.Range) -> bool:
    """Whether lines first..last-1 (an insertion when first == last) meet the range's lines."""
    return first <= within.end.line and max(last - 1, first) >= within.start.line
