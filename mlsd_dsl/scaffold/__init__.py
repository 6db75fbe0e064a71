"""`mlsd new`: spec skeletons that walk an author through the 7 framework steps.

Each template in `templates/` is a complete, lint-clean design except for the decisions only its
author can make; each of those is marked `# TODO(CODE): …` with the lint rule that reports it, so
`mlsd check` on a fresh skeleton lists exactly the decisions still open.
"""

from __future__ import annotations

import re
from importlib.resources import files
from string import Template

from mlsd_dsl.compiler.sources import printable
from mlsd_dsl.formatter.printer import quote

TEMPLATES = (
    "ranking",
    "classification",
    "retrieval",
    "detection",
    "forecasting",
    "generation",
    "rag",
    "assistant",
)
TEMPLATE_SUMMARIES = {
    "ranking": "recommendations or a feed: candidate generation, ranking, a feature store",
    "classification": "moderation or fraud: rare positives, human review, calibrated scores",
    "retrieval": "visual or semantic search: an embedding model and a vector database",
    "detection": "object detection in images, run as a GPU batch job",
    "forecasting": "demand or load forecasting, produced by a daily batch job",
    "generation": "a generator trained or fine-tuned here and self-hosted: drafting, smart compose",
    "rag": "answers grounded in your documents: retrieval with permissions, a vendor LLM, guardrails",
    "assistant": "a chat assistant: a router over a small and a large LLM, guardrails, streaming, cost",
}
SYSTEM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*")
NAME_PART = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*")
OPEN_DECISION = re.compile(r"#\s*TODO\(([A-Z]+[0-9]+)\)")


class ScaffoldError(ValueError):
    """A template or a system name that cannot be used."""


def template_source(template: str) -> str:
    if template not in TEMPLATES:
        raise ScaffoldError(f"unknown template '{template}'; expected one of: {', '.join(TEMPLATES)}")
    return (files(__package__) / "templates" / f"{template}.mlsd").read_text(encoding="utf-8")


def new_spec(name: str, template: str, title: str | None = None) -> str:
    """The text of a new spec for system `name` from `template`."""
    if not SYSTEM_NAME.fullmatch(name):
        raise ScaffoldError(
            f"'{name}' is not a valid system name: use letters, digits, '_' and '-', "
            "starting with a letter or '_' (or give a file path ending in .mlsd)"
        )
    title = title or default_title(name)
    one_line_title = " ".join(title.split())
    return Template(template_source(template)).substitute(name=name, title=one_line_title, label=quote(title))


def system_name_for_file(stem: str) -> str:
    """The system name of a new spec file called `stem`.mlsd: the stem's runs of name characters
    joined by '_', with a '_' in front when it would start with a digit."""
    name = "_".join(NAME_PART.findall(stem))
    if not any(char.isalnum() for char in name):
        raise ScaffoldError(
            f"cannot make a system name from the file name '{printable(stem)}': "
            "it has no ASCII letter or digit"
        )
    return name if name[0].isalpha() or name[0] == "_" else "_" + name


def default_title(name: str) -> str:
    words = re.split(r"[_\-]+", name)
    return " ".join(word for word in words if word).capitalize() or name


def open_decisions(text: str) -> list[str]:
    """The rule codes of the decisions a skeleton leaves open, in the order they appear."""
    return OPEN_DECISION.findall(text)
