"""The TextMate grammar of `.mlsd` (editors/vscode/syntaxes/mlsd.tmLanguage.json), generated from the
model so its keywords cannot drift: kinds, sections, edge types, enumerated and reference
attributes, units and string escapes all come from the records the compiler checks specs against.

python -m mlsd_dsl.model.textmate editors/vscode/syntaxes/mlsd.tmLanguage.json   # rewrite it

The statements follow grammars/mlsd.lark; tests/editors/test_textmate.py tokenises every gallery
spec with vscode-textmate and checks each token's scope against the parser's syntax tree.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from mlsd_dsl.model.kinds import Kind, attributes_for_kind
from mlsd_dsl.model.schema import (
    EDGE_ATTRIBUTES,
    IDENT,
    REF,
    SECTION_ATTRIBUTES,
    AttributeSpec,
    EdgeType,
    SectionName,
)
from mlsd_dsl.model.values import DURATION_MS, ESCAPES, SI_MULTIPLIERS, SIZE_BYTES

Rule = dict[str, object]

NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*"  # the NAME terminal of grammars/mlsd.lark
BEFORE = r"(?<![A-Za-z0-9_-])"  # not inside a longer word
AFTER = r"(?![A-Za-z0-9_-])"
STRING = r'"(?:[^"\\]|\\.)*"'
NUMBER = r"-?[0-9][0-9_]*(?:\.[0-9]+)?"
NUMBER_END = r"(?![A-Za-z0-9_%/.@])"  # the NUMBER terminal reads every unit letter that follows
SUPPRESSION_RULE = r"[A-Za-z][A-Za-z0-9_-]*"  # a rule code (MON001) or name (no-monitoring)


def _words(words: Iterable[str]) -> str:
    """An alternation of literal words, longest first so none hides a longer one."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda w: (-len(w), w)))


def _attribute_tables() -> list[Mapping[str, AttributeSpec]]:
    return [
        *(attributes_for_kind(kind) for kind in Kind),
        *SECTION_ATTRIBUTES.values(),
        EDGE_ATTRIBUTES,
    ]


def enumerated_attributes() -> dict[str, tuple[str, ...]]:
    """Each attribute with choices and the words it accepts, over every kind and section."""
    choices: dict[str, set[str]] = {}
    for attributes in _attribute_tables():
        for name, spec in attributes.items():
            if spec.choices:
                choices.setdefault(name, set()).update(str(choice) for choice in spec.choices)
    return {name: tuple(sorted(words)) for name, words in sorted(choices.items())}


def reference_attributes() -> tuple[str, ...]:
    """Attributes whose bare words name components: some kind takes a reference there and none a
    free word, so `fallback: popular` is a component while `watches: latency` is just a word."""
    refs: set[str] = set()
    free: set[str] = set()
    for attributes in _attribute_tables():
        for name, spec in attributes.items():
            accepted = set(spec.types) | set(spec.item_types)
            if REF in accepted:
                refs.add(name)
            if IDENT in accepted:
                free.add(name)
    return tuple(sorted(refs - free - set(enumerated_attributes())))


def _capture(*names: str) -> dict[str, dict[str, str]]:
    return {str(index): {"name": name} for index, name in enumerate(names, start=1) if name}


def _comments() -> dict[str, Rule]:
    return {
        "comment": {
            "name": "comment.line.number-sign.mlsd",
            "begin": "#",
            "beginCaptures": _capture("punctuation.definition.comment.mlsd"),
            "end": "$",
            "patterns": [{"include": "#suppression"}],
        },
        # `# mlsd: ignore[MON001, no-fallback] -- reason` (mlsd_dsl/lint/suppress.py)
        "suppression": {
            "name": "meta.directive.suppression.mlsd",
            "begin": r"(?:(?<=#)|#)\s*(mlsd:)\s*(ignore-file|ignore)(?![\w-])",
            "beginCaptures": _capture("keyword.other.directive.mlsd", "keyword.control.suppression.mlsd"),
            "end": "$",
            "patterns": [
                {
                    "begin": r"\G\s*(\[)",
                    "beginCaptures": _capture("punctuation.section.brackets.begin.mlsd"),
                    "end": r"(\])|$",
                    "endCaptures": _capture("punctuation.section.brackets.end.mlsd"),
                    "patterns": [
                        {"match": SUPPRESSION_RULE, "name": "constant.language.rule.mlsd"},
                        {"match": ",", "name": "punctuation.separator.comma.mlsd"},
                    ],
                },
                {
                    "match": r"\s*(--)\s*(.*)",
                    "captures": _capture("punctuation.separator.reason.mlsd", "string.unquoted.reason.mlsd"),
                },
            ],
        },
    }


def _statements() -> dict[str, Rule]:
    kinds = _words(kind.value for kind in Kind)
    sections = _words(section.value for section in SectionName)
    not_kinds = f"{kinds}|{sections}|group|system|import|true|false"  # what else starts a statement
    return {
        "import": {
            "match": rf"{BEFORE}(import){AFTER}",
            "captures": _capture("keyword.control.import.mlsd"),
        },
        "system": {
            "name": "meta.system.mlsd",
            "begin": rf"{BEFORE}(system){AFTER}",
            "beginCaptures": _capture("keyword.other.system.mlsd"),
            "end": r"(?<=\})",
            "patterns": [
                {"include": "#comment"},
                {"include": "#string"},
                {
                    "name": "meta.block.system.mlsd",
                    "begin": r"\{",
                    "beginCaptures": {"0": {"name": "punctuation.section.block.begin.mlsd"}},
                    "end": r"\}",
                    "endCaptures": {"0": {"name": "punctuation.section.block.end.mlsd"}},
                    "patterns": [{"include": "#statements"}],
                },
                {"match": NAME, "name": "entity.name.namespace.system.mlsd"},
                {"include": "#invalid"},
            ],
        },
        "statements": {
            "patterns": [
                {"include": "#comment"},
                {"include": "#section"},
                {"include": "#group"},
                {"include": "#declaration"},
                {"include": "#unknown-kind"},
                {"include": "#edge"},
            ]
        },
        # requirements { ... }
        "section": {
            "name": "meta.section.mlsd",
            "begin": rf"{BEFORE}({sections}){AFTER}",
            "beginCaptures": _capture("keyword.other.section.mlsd"),
            "end": r"(?<=\})|(?=[^\s{#])",
            "patterns": [{"include": "#comment"}, {"include": "#attributes"}],
        },
        # group NAME ["label"] { member member ... }
        "group": {
            "name": "meta.group.mlsd",
            "begin": rf"{BEFORE}(group)\s+({NAME}){AFTER}",
            "beginCaptures": _capture("keyword.other.group.mlsd", "entity.name.namespace.group.mlsd"),
            "end": r"(?<=\})|(?=[^\s\"{#])",
            "patterns": [
                {"include": "#comment"},
                {"include": "#string"},
                {
                    "name": "meta.block.group.mlsd",
                    "begin": r"\{",
                    "beginCaptures": {"0": {"name": "punctuation.section.block.begin.mlsd"}},
                    "end": r"\}",
                    "endCaptures": {"0": {"name": "punctuation.section.block.end.mlsd"}},
                    "patterns": [
                        {"include": "#comment"},
                        {"include": "#comma"},
                        {"include": "#component"},
                        {"include": "#invalid"},
                    ],
                },
            ],
        },
        # KIND NAME [: TECH] ["label"] [{ attributes }]
        "declaration": _declaration(rf"{BEFORE}({kinds})\s+({NAME}){AFTER}", "storage.type.kind.mlsd"),
        # a word that is no kind where a kind would be, e.g. `sevring api: online` (E101)
        "unknown-kind": _declaration(
            rf"^[ \t]*(?!(?:{not_kinds}){AFTER})({NAME})[ \t]+({NAME}){AFTER}", "invalid.illegal.kind.mlsd"
        ),
        # a -> b, c -request-> d : label { attributes }
        "edge": {
            "patterns": [
                {"include": "#arrow"},
                {
                    "match": rf"(:)\s*(?:({NAME}){AFTER})?",
                    "captures": _capture("punctuation.separator.label.mlsd", "string.unquoted.label.mlsd"),
                },
                {"include": "#string"},
                {"include": "#attributes"},
                {"include": "#comma"},
                {"include": "#component"},
                {"include": "#invalid"},
            ]
        },
        "arrow": {
            "patterns": [
                {"match": "->", "name": "keyword.operator.arrow.mlsd"},
                {
                    "match": rf"(-)({_words(edge_type.value for edge_type in EdgeType)})(->)",
                    "name": "meta.arrow.typed.mlsd",
                    "captures": _capture(
                        "keyword.operator.arrow.mlsd",
                        "support.type.edge-type.mlsd",
                        "keyword.operator.arrow.mlsd",
                    ),
                },
                {
                    "match": r"(-)([A-Za-z_][A-Za-z0-9_]*)(->)",
                    "name": "meta.arrow.typed.mlsd",
                    "captures": _capture(
                        "keyword.operator.arrow.mlsd",
                        "invalid.illegal.edge-type.mlsd",
                        "keyword.operator.arrow.mlsd",
                    ),
                },
            ]
        },
        "component": {"match": NAME, "name": "variable.other.component.mlsd"},
        "comma": {"match": ",", "name": "punctuation.separator.comma.mlsd"},
        "invalid": {"match": r"[^\s]", "name": "invalid.illegal.character.mlsd"},
    }


ENUM = "constant.language.enum.mlsd"


def _declaration(begin: str, kind_scope: str) -> Rule:
    return {
        "name": "meta.declaration.mlsd",
        "begin": begin,
        "beginCaptures": _capture(kind_scope, "entity.name.type.component.mlsd"),
        "end": r"(?<=\})|(?=[^\s:\"{#])",
        "patterns": [
            {"include": "#comment"},
            {
                "match": rf"(:)\s*(?:({NAME})|({STRING}))?",
                "captures": _capture(
                    "punctuation.separator.technology.mlsd",
                    "support.class.technology.mlsd",
                    "support.class.technology.mlsd string.quoted.double.mlsd",
                ),
            },
            {"include": "#string"},
            {"include": "#attributes"},
        ],
    }


KEY_CAPTURES = _capture("support.type.property-name.mlsd", "punctuation.separator.key-value.mlsd")


def _attribute_rule(key_pattern: str, words: list[Rule]) -> Rule:
    """`key: value` for keys whose bare words mean something (a choice, a component): the rule
    lasts for the one value (or list) after the colon."""
    return {
        "name": "meta.attribute.mlsd",
        "begin": rf"{BEFORE}({key_pattern})\s*(:)",
        "beginCaptures": KEY_CAPTURES,
        "end": r"(?<=[^\s:])(?=[\s,}#\]]|$)|(?=\})",
        "patterns": [
            {"include": "#comment"},
            {
                "name": "meta.list.mlsd",
                "begin": r"\[",
                "beginCaptures": {"0": {"name": "punctuation.section.list.begin.mlsd"}},
                "end": r"\]",
                "endCaptures": {"0": {"name": "punctuation.section.list.end.mlsd"}},
                "patterns": [
                    {"include": "#comment"},
                    {"include": "#comma"},
                    {"include": "#list"},
                    *words,
                    {"include": "#value"},
                ],
            },
            *words,
            {"include": "#value"},
        ],
    }


def _attributes() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for key, choices in enumerated_attributes().items():
        word: Rule = {"match": rf"{BEFORE}(?:{_words(choices)}){AFTER}", "name": ENUM}
        rules[f"attribute-{key}"] = _attribute_rule(re.escape(key), [word])
    component: Rule = {"match": rf"{BEFORE}{NAME}{AFTER}(?!\s*:)", "name": "variable.other.component.mlsd"}
    rules["attribute-reference"] = _attribute_rule(_words(reference_attributes()), [component])
    block: Rule = {
        "name": "meta.block.attributes.mlsd",
        "begin": r"\{",
        "beginCaptures": {"0": {"name": "punctuation.section.block.begin.mlsd"}},
        "end": r"\}",
        "endCaptures": {"0": {"name": "punctuation.section.block.end.mlsd"}},
        "patterns": [
            {"include": "#comment"},
            *({"include": f"#{name}"} for name in rules),
            {
                "match": rf"{BEFORE}({NAME})\s*(:)",
                "captures": KEY_CAPTURES,
            },
            {"include": "#comma"},
            {"include": "#list"},
            {"include": "#value"},
        ],
    }
    return {"attributes": block, **rules}


def _numbers() -> list[Rule]:
    """One rule per value type of mlsd_dsl/model/values.py, the unit scoped apart from the digits."""
    si = _words(SI_MULTIPLIERS)
    durations = _words(DURATION_MS)

    def number(value_type: str, unit: str) -> Rule:
        return {
            "match": rf"(?<![A-Za-z0-9_.@-])({NUMBER})({unit}){NUMBER_END}",
            "name": f"constant.numeric.{value_type}.mlsd",
            "captures": _capture("", f"keyword.other.unit.{value_type}.mlsd"),
        }

    return [
        number("rate", rf"(?:{si})?/(?:{durations})"),
        number("duration", durations),
        number("size", _words(SIZE_BYTES)),
        number("percent", "%"),
        number("number", f"(?:{si})?"),
        {
            "match": rf"(?<![A-Za-z0-9_.@-])({NUMBER})([A-Za-z%]+(?:/[A-Za-z]+)?|/[A-Za-z]+)",
            "name": "constant.numeric.mlsd",
            "captures": _capture("", "invalid.illegal.unit.mlsd"),
        },
    ]


def _values() -> dict[str, Rule]:
    escapes = "".join(re.escape(char) for char in ESCAPES)
    return {
        "value": {
            "patterns": [
                {"include": "#comment"},
                {"include": "#string"},
                {
                    "match": r"[A-Za-z_][A-Za-z0-9_]*@[A-Za-z0-9_.]+(?:%[A-Za-z0-9_]*)?",
                    "name": "support.function.metric.mlsd",
                },
                *_numbers(),
                {"match": rf"{BEFORE}(?:true|false){AFTER}", "name": "constant.language.boolean.mlsd"},
                {"match": NAME, "name": "variable.other.value.mlsd"},
                {"include": "#invalid"},
            ]
        },
        "list": {
            "name": "meta.list.mlsd",
            "begin": r"\[",
            "beginCaptures": {"0": {"name": "punctuation.section.list.begin.mlsd"}},
            "end": r"\]",
            "endCaptures": {"0": {"name": "punctuation.section.list.end.mlsd"}},
            "patterns": [{"include": "#comma"}, {"include": "#list"}, {"include": "#value"}],
        },
        "string": {
            "name": "string.quoted.double.mlsd",
            "begin": '"',
            "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.mlsd"}},
            "end": '(")|$',
            "endCaptures": _capture("punctuation.definition.string.end.mlsd"),
            "patterns": [
                {"match": rf"\\[{escapes}]", "name": "constant.character.escape.mlsd"},
                {"match": r"\\.?", "name": "invalid.illegal.escape.mlsd"},
            ],
        },
    }


def textmate_grammar() -> dict[str, object]:
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "mlsd",
        "scopeName": "source.mlsd",
        "fileTypes": ["mlsd"],
        "comment": "Generated by `python -m mlsd_dsl.model.textmate` from mlsd_dsl/model; do not edit.",
        "patterns": [
            {"include": "#comment"},
            {"include": "#import"},
            {"include": "#system"},
            {"include": "#string"},
            {"include": "#statements"},
        ],
        "repository": {**_comments(), **_statements(), **_attributes(), **_values()},
    }


def textmate_json() -> str:
    return json.dumps(textmate_grammar(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(textmate_json(), encoding="utf-8")
