"""Step 2 — frame the problem as an ML task: task type, ML objective, input and output."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mlsd_dsl.diagnostics import Severity
from mlsd_dsl.lint.context import LintContext
from mlsd_dsl.lint.rule import Finding, rule
from mlsd_dsl.model.framework import Step

CLICK = re.compile(r"\bclick", re.IGNORECASE)
BEYOND_CLICKS = re.compile(
    r"watch|dwell|time|conver|purchase|book|order|like|share|comment|satisf|revenue|complet|install|"
    r"hide|skip|report|long|quality|rating|retention",
    re.IGNORECASE,
)


@rule(
    code="FRAME001",
    name="no-framing",
    step=Step.FRAMING,
    severity=Severity.WARNING,
    title="The system is not framed as an ML task",
    rationale="""
        Framing turns the business goal into a learnable problem: which task (classification,
        ranking, retrieval…), which objective, what goes in and what comes out. Skipping it is the
        most common reason a design answers the wrong question.
    """,
    fix="add a `framing { task: ... objective: ... input: ... output: ... }` section",
    bad="""
        system fraud {
          requirements { goal: "cut fraud losses" }
        }
    """,
    good="""
        system fraud {
          requirements { goal: "cut fraud losses" }
          framing { task: binary_classification objective: "P(fraud | transaction)" }
        }
    """,
)
def no_framing(context: LintContext) -> Iterator[Finding]:
    if context.framing is None:
        yield context.at_system("the system has no `framing` section")


@rule(
    code="FRAME002",
    name="no-task",
    step=Step.FRAMING,
    severity=Severity.WARNING,
    title="The framing does not name the ML task",
    rationale="""
        The task type (classification, ranking, retrieval, regression, detection…) decides the
        labels, the loss, the offline metrics and the serving shape. Several rules can only check a
        design whose task is known.
    """,
    fix="add `task: ranking` (or classification, retrieval, regression, …) to `framing`",
    bad="""
        system fraud {
          framing { objective: "P(fraud | transaction)" }
        }
    """,
    good="""
        system fraud {
          framing { task: binary_classification objective: "P(fraud | transaction)" }
        }
    """,
)
def no_task(context: LintContext) -> Iterator[Finding]:
    if context.framing is not None and not context.framing.has("task"):
        yield context.at_section(context.framing, "the framing does not name the ML `task`")


@rule(
    code="FRAME003",
    name="no-ml-objective",
    step=Step.FRAMING,
    severity=Severity.WARNING,
    title="The framing does not state the ML objective",
    rationale="""
        The ML objective is the quantity the model predicts or optimises — `P(watch > 50% | user,
        video)` — and must be tied to the business goal. Without it the labels and the loss are
        guesses.
    """,
    fix='add `objective: "P(... | ...)"` to `framing`',
    bad="""
        system fraud {
          framing { task: binary_classification }
        }
    """,
    good="""
        system fraud {
          framing { task: binary_classification objective: "P(fraud | transaction)" }
        }
    """,
)
def no_ml_objective(context: LintContext) -> Iterator[Finding]:
    if context.framing is not None and not context.framing.has("objective"):
        yield context.at_section(context.framing, "the framing does not state the ML `objective`")


@rule(
    code="FRAME004",
    name="no-input-output",
    step=Step.FRAMING,
    severity=Severity.WARNING,
    title="The framing does not say what the model sees and returns",
    rationale="""
        Stating the input (a user and context, an image, a query) and the output (a ranked list, a
        probability, boxes) fixes the interface between the model and the rest of the system and
        exposes features that are not available at prediction time.
    """,
    fix="add `input: [...]` and `output: ...` to `framing`",
    bad="""
        system fraud {
          framing { task: binary_classification input: transaction }
        }
    """,
    good="""
        system fraud {
          framing { task: binary_classification input: transaction output: "fraud probability" }
        }
    """,
)
def no_input_output(context: LintContext) -> Iterator[Finding]:
    framing = context.framing
    if framing is None:
        return
    missing = [key for key in ("input", "output") if not framing.has(key)]
    if missing:
        yield context.at_section(framing, "the framing does not state the model's " + " or ".join(missing))


@rule(
    code="FRAME005",
    name="click-only-objective",
    step=Step.FRAMING,
    severity=Severity.WARNING,
    title="The ML objective optimises raw clicks only",
    rationale="""
        Optimising clicks alone rewards click-bait: items that attract a click and disappoint.
        Recommendation and feed designs combine clicks with a signal of real value — watch time,
        dwell time, conversions, explicit feedback — or predict several and weight them.
    """,
    fix="objective: weigh clicks with a quality signal (watch time, dwell, conversion, likes, hides)",
    bad="""
        system feed {
          framing { task: ranking objective: "P(click | user, post)" }
        }
    """,
    good="""
        system feed {
          framing { task: ranking objective: "P(click) and expected dwell time per post" }
        }
    """,
)
def click_only_objective(context: LintContext) -> Iterator[Finding]:
    framing = context.framing
    objective = framing.word("objective") if framing else None
    if framing and objective and CLICK.search(objective) and not BEYOND_CLICKS.search(objective):
        yield context.at_section(
            framing, f"the objective '{objective}' optimises clicks only", key="objective"
        )
