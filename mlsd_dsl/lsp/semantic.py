"""Semantic tokens: each token's role (`context.classify`) as an LSP token type, so an editor
colours kinds, declared names, references, attributes and values by what they are."""

from __future__ import annotations

from lsprotocol import types as lsp

from mlsd_dsl.lsp.context import Classified, Role
from mlsd_dsl.lsp.documents import Document

TOKEN_TYPES = [
    "keyword",
    "type",
    "variable",
    "namespace",
    "property",
    "enumMember",
    "string",
    "number",
    "operator",
    "comment",
    "function",
    "class",
]
TOKEN_MODIFIERS = ["declaration", "documentation"]
LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)
DECLARATION = 1 << TOKEN_MODIFIERS.index("declaration")
DOCUMENTATION = 1 << TOKEN_MODIFIERS.index("documentation")

BY_ROLE: dict[Role, str] = {
    Role.KEYWORD: "keyword",
    Role.SECTION: "keyword",
    Role.KIND: "type",
    Role.TECH: "class",
    Role.LABEL: "string",
    Role.REFERENCE: "variable",
    Role.ATTRIBUTE: "property",
    Role.ARROW: "operator",
    Role.IMPORT_PATH: "string",
    Role.COMMENT: "comment",
}
BY_VALUE_TOKEN: dict[str, str] = {
    "STRING": "string",
    "OPEN_STRING": "string",
    "NUMBER": "number",
    "METRIC": "function",
}


def semantic_tokens(document: Document) -> lsp.SemanticTokens:
    data: list[int] = []
    previous_line, previous_column = 0, 0
    for item in document.classified:
        kind, modifiers = _type_of(item)
        if kind is None:
            continue
        line, column = document.index.position(item.token.start)
        length = document.index.width(item.token.text)
        delta_column = column - previous_column if line == previous_line else column
        data += [line - previous_line, delta_column, length, TOKEN_TYPES.index(kind), modifiers]
        previous_line, previous_column = line, column
    return lsp.SemanticTokens(data=data)


def _type_of(item: Classified) -> tuple[str | None, int]:
    role = item.role
    if role is Role.DECLARATION:
        return ("namespace" if item.kind in ("group", "system") else "variable"), DECLARATION
    if role is Role.VALUE:
        return BY_VALUE_TOKEN.get(item.token.type, "enumMember"), 0
    if role is Role.COMMENT and "mlsd:" in item.token.text:
        return "comment", DOCUMENTATION
    return BY_ROLE.get(role), 0
