"""What a file with syntax errors still gives the compiler: the statements that parsed.

The compiler checks them so that a syntax error does not hide the name and reference errors in
the rest of the file. The errors' own lines are damaged: a statement there may be missing from
the tree or built from a repair (`loss focal` read as `loss: focal`). So the compiler's findings
on those lines are dropped, and a name written on them counts as possibly declared: it is not an
unknown reference elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode
from mlsd_dsl.model.span import Span
from mlsd_dsl.parser.ast import FileNode

WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")
# The compiler's findings that a missing statement can cause anywhere, not only on its line.
CAUSED_BY_MISSING_STATEMENTS = frozenset({ErrorCode.EMPTY_FILE.value})


@dataclass(frozen=True)
class Recovery:
    file: FileNode  # the statements that parsed, repairs included
    damaged_lines: frozenset[int]
    possibly_declared: frozenset[str]  # every word on a damaged line
    lines: list[str]

    def hides(self, diagnostic: Diagnostic) -> bool:
        """Whether a compiler diagnostic on the recovered tree may be caused by the syntax errors."""
        span = diagnostic.span
        if diagnostic.code in CAUSED_BY_MISSING_STATEMENTS:
            return True
        if span is None or span.file != self.file.path:
            return False
        if span.line in self.damaged_lines:
            return True
        return (
            diagnostic.code == ErrorCode.UNKNOWN_REFERENCE and self._text_at(span) in self.possibly_declared
        )

    def _text_at(self, span: Span) -> str | None:
        if span.end_line != span.line or span.line > len(self.lines):
            return None
        return self.lines[span.line - 1][span.column - 1 : span.end_column - 1]


def recovery_of(
    tree: FileNode, text: str, diagnostics: Iterable[Diagnostic], repaired_lines: Iterable[int]
) -> Recovery:
    """The recovered `tree` of `text`: the lines with a diagnostic and those the parser dropped or
    repaired are damaged."""
    damaged = set(repaired_lines)
    for diagnostic in diagnostics:
        if diagnostic.span is not None:
            damaged.update(range(diagnostic.span.line, diagnostic.span.end_line + 1))
    lines = text.split("\n")
    words = {word for line in damaged if line <= len(lines) for word in WORD.findall(lines[line - 1])}
    return Recovery(tree, frozenset(damaged), frozenset(words), lines)
