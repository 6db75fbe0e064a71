"""Measure the lint rules on the evaluation corpus (tests/lint/corpus/, see its README).

A defect variant is *caught* when it has at least one finding its design's base does not have.
Findings are compared by rule code and message (the message names the component concerned and
does not depend on line numbers, which the variants move). Every finding on a base or a clean
variant is a *false positive*.

    .venv/bin/python -m tests.lint.corpus_report            # the table per defect class
    .venv/bin/python -m tests.lint.corpus_report --details  # and every variant with its findings
    .venv/bin/python -m tests.lint.corpus_report --all-rules  # the generative rules too

The corpus measures the issue-12 rules. The generative rules of issue 15 (lint/rules/generative.py,
codes from 050) are left out by default: the corpus was written before their vocabulary (the
`guardrail` and `prompt` kinds, token and cost attributes), so its RAG design draws its guardrails
as a service and states no prompt or token cost, which those rules rightly ask for.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mlsd_dsl.compiler import compile_file
from mlsd_dsl.diagnostics import Diagnostic
from mlsd_dsl.lint import LintConfig, all_rules, lint_spec
from tests.lint.corpus_generate import CORPUS, DEFECT_CLASSES

FindingKey = tuple[str, str]  # (rule code, message)


@dataclass(frozen=True)
class Variant:
    """One corpus file: a base design, a defect variant or a clean variant."""

    path: Path
    design: str
    kind: str  # "base", "defect" or "clean"
    defect_class: str | None
    says: str

    @property
    def name(self) -> str:
        return f"{self.design}/{self.path.relative_to(CORPUS / self.design).with_suffix('')}"


@dataclass
class Outcome:
    variant: Variant
    errors: list[Diagnostic] = field(default_factory=list)  # language errors: a bug in the corpus
    findings: list[FindingKey] = field(default_factory=list)
    new_findings: list[FindingKey] = field(default_factory=list)  # not on the design's base

    @property
    def caught(self) -> bool:
        return bool(self.new_findings)


class HeaderError(Exception):
    """A variant file whose first line is not the header the corpus layout asks for."""


def read_header(path: Path, kind: str) -> tuple[str | None, str]:
    """(defect class, what a reviewer would say) from a variant's first line."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    prefix = f"# {kind}: "
    if not first.startswith(prefix):
        raise HeaderError(f"{path}: the first line must start with {prefix!r}")
    rest = first[len(prefix) :]
    if kind == "clean":
        return None, rest.strip()
    defect_class, _, says = rest.partition(": ")
    if defect_class not in DEFECT_CLASSES or not says.strip():
        raise HeaderError(
            f"{path}: expected '# defect: <class>: <sentence>' with a class among {DEFECT_CLASSES}"
        )
    return defect_class, says.strip()


def discover(corpus: Path = CORPUS) -> list[Variant]:
    """Every base, defect and clean file of the corpus, in a stable order."""
    variants = []
    for base in sorted(corpus.glob("*/base.mlsd")):
        design = base.parent.name
        variants.append(Variant(base, design, "base", None, "the design as written"))
        for folder, kind in (("defects", "defect"), ("clean", "clean")):
            for path in sorted((base.parent / folder).glob("*.mlsd")):
                defect_class, says = read_header(path, kind)
                variants.append(Variant(path, design, kind, defect_class, says))
    return variants


GENERATIVE_RULES = tuple(
    rule.code
    for rule in all_rules()
    if rule.check is not None and rule.check.__module__.endswith(".generative")
)
ISSUE_12_RULES = LintConfig(ignore=GENERATIVE_RULES)


def _lint(path: Path, config: LintConfig | None) -> tuple[list[Diagnostic], list[FindingKey]]:
    compilation = compile_file(path)
    if compilation.spec is None or compilation.diagnostics:
        return list(compilation.diagnostics), []
    return [], [(d.code, d.message) for d in lint_spec(compilation.spec, config)]


def measure(variants: Sequence[Variant], config: LintConfig | None = ISSUE_12_RULES) -> list[Outcome]:
    """Lint every variant; a variant's new findings are those its design's base does not have."""
    outcomes = []
    base_findings: dict[str, set[FindingKey]] = {}
    for variant in variants:
        errors, findings = _lint(variant.path, config)
        if variant.kind == "base":
            base_findings[variant.design] = set(findings)
        new = [key for key in findings if key not in base_findings.get(variant.design, set())]
        outcomes.append(Outcome(variant, errors, findings, new))
    return outcomes


@dataclass(frozen=True)
class Row:
    label: str
    defects: int
    caught: int

    @property
    def rate(self) -> float:
        return 100.0 * self.caught / self.defects if self.defects else 0.0


def class_rows(outcomes: Sequence[Outcome]) -> list[Row]:
    """Catch counts per defect class, then the total."""
    defects = [o for o in outcomes if o.variant.kind == "defect"]
    rows = []
    for defect_class in DEFECT_CLASSES:
        of_class = [o for o in defects if o.variant.defect_class == defect_class]
        rows.append(Row(defect_class, len(of_class), sum(o.caught for o in of_class)))
    rows.append(Row("overall", len(defects), sum(o.caught for o in defects)))
    return rows


def false_positives(outcomes: Sequence[Outcome]) -> list[tuple[Outcome, FindingKey]]:
    """Every finding on a base design or a clean variant."""
    return [(o, key) for o in outcomes if o.variant.kind in ("base", "clean") for key in o.findings]


def catch_rate(outcomes: Sequence[Outcome]) -> float:
    return class_rows(outcomes)[-1].rate


def table(outcomes: Sequence[Outcome]) -> str:
    rows = class_rows(outcomes)
    fps = false_positives(outcomes)
    clean = [o for o in outcomes if o.variant.kind in ("base", "clean")]
    lines = [f"{'defect class':<14} {'variants':>8} {'caught':>7} {'catch rate':>11}"]
    for row in rows:
        if row.label == "overall":
            lines.append("-" * len(lines[0]))
        lines.append(f"{row.label:<14} {row.defects:>8} {row.caught:>7} {row.rate:>10.0f}%")
    flagged = sum(1 for o in clean if o.findings)
    lines.append(f"false positives: {len(fps)} findings on {flagged} of {len(clean)} base and clean designs")
    lines.append("")
    lines.append(f"{'design':<18} {'caught':>9} {'clean with findings':>20}")
    for design in sorted({o.variant.design for o in outcomes}):
        mine = [o for o in outcomes if o.variant.design == design]
        defects = [o for o in mine if o.variant.kind == "defect"]
        legit = [o for o in mine if o.variant.kind != "defect"]
        caught = f"{sum(o.caught for o in defects)}/{len(defects)}"
        flagged_here = f"{sum(1 for o in legit if o.findings)}/{len(legit)}"
        lines.append(f"{design:<18} {caught:>9} {flagged_here:>20}")
    return "\n".join(lines)


def details(outcomes: Sequence[Outcome]) -> str:
    lines = []
    for outcome in outcomes:
        variant = outcome.variant
        if variant.kind == "defect":
            status = "caught" if outcome.caught else "MISSED"
            shown = outcome.new_findings
        else:
            status = "clean" if not outcome.findings else "FALSE POSITIVE"
            shown = outcome.findings
        if outcome.errors:
            status, shown = "LANGUAGE ERROR", [(d.code, d.message) for d in outcome.errors]
        lines.append(f"{status:<14} {variant.name}: {variant.says}")
        lines += [f"{'':<16}{code} {message}" for code, message in shown]
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    outcomes = measure(discover(), None if "--all-rules" in argv else ISSUE_12_RULES)
    if "--details" in argv:
        print(details(outcomes))
        print()
    print(table(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
