"""The Markdown an editor shows for a kind, an attribute, a technology or a rule, from the
vocabulary, the catalog and the rules' own documentation (what `mlsd explain` prints)."""

from __future__ import annotations

from mlsd_dsl.catalog import Technology
from mlsd_dsl.diagnostics import ERROR_CODES
from mlsd_dsl.lint import get_rule
from mlsd_dsl.lint.docs import explain
from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import AttributeSpec


def kind_doc(kind: Kind) -> str:
    info = KINDS[kind]
    names = ", ".join(f"`{name}`" for name in info.attributes)
    step = f"Step {info.step.number}: {info.step.title}."
    return f"**{kind.value}** — {info.doc}\n\n{step}\n\nAttributes: {names}"


def attribute_doc(spec: AttributeSpec) -> str:
    return f"**{spec.name}**: {spec.describe_type()}\n\n{spec.doc}"


def technology_doc(technology: Technology) -> str:
    kinds = ", ".join(sorted(kind.value for kind in technology.kinds))
    lines = [f"**{technology.title}** (`{technology.key}`)", f"Plays: {kinds}"]
    if technology.traits:
        lines.append(f"Traits: {', '.join(sorted(technology.traits))}")
    if technology.aliases:
        lines.append(f"Also written: {', '.join(technology.aliases)}")
    return "\n\n".join(lines)


def rule_doc(code: str) -> str:
    """What `mlsd explain CODE` prints, for a lint rule or a language error."""
    rule = get_rule(code)
    if rule is not None:
        return "```text\n" + explain(rule) + "```"
    language_error = ERROR_CODES.get(code)
    if language_error is not None:
        return f"{language_error.value} {language_error.slug}: {language_error.summary}."
    return ""
