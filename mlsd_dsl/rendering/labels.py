"""Graphviz HTML-like labels built from untrusted text.

Every piece of spec text goes through `escape`, so quotes, `<`, `>`, `&`, braces, newlines and
unicode come out as text and can never inject DOT or SVG markup. The label as a whole is wrapped
in `<…>`, which the `graphviz` package passes through as an HTML-like label.
"""

from __future__ import annotations

import html
import textwrap
import unicodedata

LINE_BREAK = "<BR/>"
DESCRIPTION_WIDTH = 28
# Graphviz refuses an HTML-like label longer than 16,384 characters; no piece of text is shown
# longer than this (escaping can multiply its length by 6), which a diagram could not show anyway.
MAX_TEXT = 300
ELLIPSIS = "…"


def clipped(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def escape(text: str, limit: int = MAX_TEXT) -> str:
    """Spec text as HTML-label content: clipped to `limit` characters, entities escaped, newlines
    as line breaks.

    Backslashes are doubled: Graphviz expands `\\N`, `\\G`… even in HTML-like labels (and
    after entities are decoded), and reads `\\\\` as one backslash.
    """
    printable = "".join(_printable(char) for char in clipped(text, limit))
    return LINE_BREAK.join(_escape_line(line) for line in printable.split("\n"))


def _escape_line(line: str) -> str:
    escaped = html.escape(line, quote=True).replace("\\", "\\\\")
    if escaped and not escaped.strip("\t]"):
        # Graphviz rejects a text run of nothing but tabs and ']' (`<B>\t</B>`, `<TD>]</TD>`, the
        # "]" of "[model: \n]"); a space and a character reference read the same.
        return escaped.replace("\t", " ").replace("]", "&#93;")
    return escaped


def _printable(char: str) -> str:
    """Characters XML forbids (graphviz parses labels as XML) are shown as '?': control characters,
    lone surrogates and the noncharacters U+FFFE and U+FFFF of every plane."""
    if char in "\n\t":
        return char
    if unicodedata.category(char) in ("Cc", "Cs") or ord(char) & 0xFFFE == 0xFFFE:
        return "?"
    return char


def wrapped(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """Long free text wrapped on word boundaries (existing line breaks are kept)."""
    lines = [wrapped_line for line in text.split("\n") for wrapped_line in textwrap.wrap(line, width) or [""]]
    return "\n".join(lines)


def font(content: str, *, size: float | None = None, colour: str | None = None) -> str:
    """`content` (already escaped) in a FONT element."""
    if not content:
        return ""  # graphviz rejects an empty element
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size:g}"'
    if colour is not None:
        attributes += f' COLOR="{html.escape(colour)}"'
    return f"<FONT{attributes}>{content}</FONT>" if attributes else content


def bold(content: str) -> str:
    return f"<B>{content}</B>" if content else ""


def italic(content: str) -> str:
    return f"<I>{content}</I>" if content else ""


def html_label(*lines: str) -> str:
    """Escaped lines joined into one HTML-like label."""
    return "<" + LINE_BREAK.join(line for line in lines if line) + ">"
