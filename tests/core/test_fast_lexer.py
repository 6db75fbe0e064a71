"""The fast path's single-regex lexer gives exactly the tokens lark's own lexer gives."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from lark import Lark, Token

from mlsd_dsl.parser import _grammar
from mlsd_dsl.parser.fast_lexer import FastLexer

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").rglob("*.mlsd"))
TEXTS = {
    "crlf-and-tabs": "system s {\r\n\tmodel m: xgboost {\tloss: logloss }\r\n}\r\n",
    "no-final-newline": "# only a comment, then a system\nsystem s { model m }",
    "surrounding-blank-lines": "\n\n   \nsystem s {\n\n  model m  # trailing comment\n\n}\n\n  \n",
    "unicode": 'system s "Système ☃" {\n  model m "модель" { loss: logloss }  # ünïcode\n}\n',
    "keyword-as-name": "system s {\n  model group: xgboost\n}\n",
    "empty": "",
}
Fields = tuple[type, str, str, int | None, int | None, int | None, int | None, int | None, int | None]


def fields(tokens: Iterable[Token]) -> list[Fields]:
    return [
        (type(t), t.type, t.value, t.start_pos, t.line, t.column, t.end_line, t.end_column, t.end_pos)
        for t in tokens
    ]


def tokens_and_comments(text: str, lexer: str | type[FastLexer]) -> tuple[list[Fields], list[Fields]]:
    comments: list[Token] = []
    parser = Lark(
        _grammar(),
        parser="lalr",
        lexer="basic",
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": comments.append},
        cache=True,
    )
    tokens = list(parser.lex(text) if lexer == "basic" else FastLexer(parser.lexer_conf).lex(text))
    return fields(tokens), fields(comments)


@pytest.mark.parametrize(
    "text",
    [
        *(pytest.param(path.read_text(encoding="utf-8"), id=path.name) for path in SPECS),
        *(pytest.param(text, id=name) for name, text in TEXTS.items()),
    ],
)
def test_tokens_and_comments_equal_lark_s_lexer(text: str) -> None:
    expected_tokens, expected_comments = tokens_and_comments(text, "basic")
    tokens, comments = tokens_and_comments(text, FastLexer)
    assert tokens == expected_tokens
    assert comments == expected_comments
    assert expected_tokens or not text.strip()
