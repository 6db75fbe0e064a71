"""Formatting through `mlsd fmt`'s formatter, as the smallest edits that turn the text into its
canonical layout (a range request gets the edits that touch its lines)."""

from __future__ import annotations

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
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, first, last, new_first, new_last in matcher.get_opcodes():
        if tag == "equal" or (within is not None and not _touches(first, last, within)):
            continue
        where = document.range(offsets[first], offsets[last])
        edits.append(lsp.TextEdit(where, "".join(new[new_first:new_last])))
    return edits


def _pieces(text: str) -> list[str]:
    """The lines of a text with their '\\n' (the last one without, when the text does not end in one)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _touches(first: int, last: int, within: lsp.Range) -> bool:
    """Whether lines first..last-1 (an insertion when first == last) meet the range's lines."""
    return first <= within.end.line and max(last - 1, first) >= within.start.line
