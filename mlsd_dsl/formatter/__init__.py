"""`mlsd fmt`: the canonical layout of a spec, keeping every comment next to what it annotates.

>>> format_source('system s{requirements{goal:"x"}}').text
'system s {\\n  requirements {\\n    goal: "x"\\n  }\\n}\\n'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.formatter.brackets import scan_brackets
from mlsd_dsl.formatter.printer import Printer
from mlsd_dsl.formatter.tree import CommentAttacher, TreeBuilder
from mlsd_dsl.parser import parse_source


@dataclass
class Formatted:
    """The formatted text, or None with the syntax errors that prevent formatting."""

    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def format_source(text: str, path: str = "<string>") -> Formatted:
    parsed = parse_source(text, path)
    if parsed.file is None:
        return Formatted(None, parsed.diagnostics)
    lines = text.split("\n")
    root = TreeBuilder(scan_brackets(text)).file(parsed.file)
    CommentAttacher(root, lines).attach_all(parsed.file.comments)
    return Formatted(Printer(lines).file(root), parsed.diagnostics)
