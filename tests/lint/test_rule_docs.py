"""Every rule's documented examples are run: the bad snippet triggers it, the good one does not."""

from __future__ import annotations

import re

import pytest

from mlsd_dsl.lint import Rule, all_rules, get_rule
from mlsd_dsl.model.framework import Step

from .helpers import codes

RULES = all_rules()


def test_there_are_at_least_thirty_rules_and_several_per_step() -> None:
    assert len(RULES) >= 30
    for step in Step:
        assert len([rule for rule in RULES if rule.step is step]) >= 4, step


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_example_triggers_the_rule(rule: Rule) -> None:
    assert rule.code in codes(rule.bad)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_good_example_does_not_trigger_the_rule(rule: Rule) -> None:
    assert rule.code not in codes(rule.good)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_identity_and_docs_are_complete(rule: Rule) -> None:
    expected_prefix = rule.step.prefix if rule.step else rule.prefix
    assert re.fullmatch(rf"{expected_prefix}\d{{3}}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.title and rule.rationale and rule.fix
    assert get_rule(rule.code) is rule and get_rule(rule.name) is rule and get_rule(rule.code.lower()) is rule


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len({rule.name for rule in RULES}) == len(RULES)


def test_unknown_rule_is_none() -> None:
    assert get_rule("NOPE999") is None
