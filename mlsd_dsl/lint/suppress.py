"""Suppression comments: `# mlsd: ignore[RULE, ...] -- reason` and `# mlsd: ignore-file[RULE] -- reason`.

A suppression on a line covers findings on that line and on the line below it. A finding is
also covered through the lines of what contains it: the declaration of the component it concerns,
the groups that component belongs to, and the system line. The file form covers the whole file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from mlsd_dsl.lint.registry import get_rule
from mlsd_dsl.lint.rule import Finding
from mlsd_dsl.model.span import Span
from mlsd_dsl.model.spec import Spec

DIRECTIVE = re.compile(
    r"#\s*mlsd:\s*(?P<form>ignore-file|ignore)(?![\w-])\s*(?:\[(?P<rules>[^\]]*)\])?\s*(?:--\s*(?P<reason>.*))?"
)


@dataclass
class Suppression:
    span: Span
    codes: list[str]
    whole_file: bool
    unknown: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def parse_suppressions(spec: Spec) -> list[Suppression]:
    found = []
    for comment in spec.comments:
        match = DIRECTIVE.search(comment.text)
        if match is None:
            continue
        names = [name.strip() for name in (match["rules"] or "").split(",") if name.strip()]
        rules = [get_rule(name) for name in names]
        found.append(
            Suppression(
                span=comment.span,
                codes=[rule.code for rule in rules if rule is not None],
                whole_file=match["form"] == "ignore-file",
                unknown=[name for name, rule in zip(names, rules, strict=True) if rule is None]
                or ([] if names else ["(none)"]),
            )
        )
    return found


class SuppressionIndex:
    """Answers "is this finding suppressed?" in constant time per containing line."""

    def __init__(self, spec: Spec, suppressions: list[Suppression]) -> None:
        self.spec = spec
        self.whole_file = [s for s in suppressions if s.whole_file]
        self.by_line: dict[int, list[Suppression]] = defaultdict(list)
        for suppression in suppressions:
            if not suppression.whole_file:
                self.by_line[suppression.span.line].append(suppression)
                self.by_line[suppression.span.line + 1].append(suppression)
        self.group_lines: dict[str, list[int]] = defaultdict(list)
        if suppressions:
            for group in spec.groups:
                for member in group.members:
                    self.group_lines[member].append(group.span.line)

    def suppress(self, code: str, finding: Finding) -> bool:
        """True when a suppression covers the finding; marks that suppression used."""
        if not self.whole_file and not self.by_line:
            return False
        for suppression in self._candidates(finding):
            if code in suppression.codes:
                suppression.used.add(code)
                return True
        return False

    def _candidates(self, finding: Finding) -> list[Suppression]:
        lines = {finding.span.line}
        component = self.spec.components.get(finding.subject) if finding.subject else None
        if component is not None and component.span.file == self.spec.path:
            lines.add(component.span.line)
        if finding.subject:
            lines.update(self.group_lines.get(finding.subject, ()))
        if not self.spec.is_module:
            lines.add(self.spec.span.line)
        return [*self.whole_file, *(s for line in sorted(lines) for s in self.by_line.get(line, ()))]
