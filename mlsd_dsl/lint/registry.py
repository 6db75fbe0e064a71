"""Finding rules by code, name or prefix; the one ordered list of every rule."""

from __future__ import annotations

from functools import cache

from mlsd_dsl.lint.rule import HYGIENE_GROUPS, Rule, registered_rules

ALL = "ALL"


@cache
def all_rules() -> list[Rule]:
    """Every rule, by framework step (hygiene last), then by code number."""
    import mlsd_dsl.lint.rules  # noqa: F401 - registers the rules

    return sorted(registered_rules().values(), key=_order)


def _order(rule: Rule) -> tuple[int, int]:
    group = rule.step.number if rule.step else 8 + list(HYGIENE_GROUPS).index(rule.prefix)
    return group, int(rule.code[len(rule.prefix) :])


@cache
def _index() -> dict[str, Rule]:
    index: dict[str, Rule] = {}
    for rule in all_rules():
        index[rule.code.upper()] = rule
        index[rule.name.upper()] = rule
    return index


def get_rule(code_or_name: str) -> Rule | None:
    """A rule by its code (`MON001`) or its name (`no-monitoring`), case-insensitively."""
    return _index().get(code_or_name.strip().upper())


def matching_rules(selector: str) -> list[Rule]:
    """The rules a selector names: `ALL`, a code, a name, or a code prefix (`MON`, `DATA00`)."""
    key = selector.strip().upper()
    if key == ALL:
        return all_rules()
    exact = _index().get(key)
    if exact is not None:
        return [exact]
    return [rule for rule in all_rules() if rule.code.startswith(key)] if key else []
