"""What is at a position of a spec, however broken the text is: the role of every token (a kind,
a declared name, a reference, an attribute of a block, a value, a technology, an import path…)
and what the cursor expects next (`context_at`).

It reads the tokens (`tokens.lex`) with a small machine that follows the grammar's statement
shapes: `KIND NAME [: TECH] ["label"] [{ attributes }]`, `a -> b, c : label { … }`,
`SECTION { … }`, `group NAME { members }`, `system NAME { … }`, `import "path"`. The parser's
recovered tree leaves out the lines an error touched, which are the lines being typed; this
machine never gives up on a token, so completion and hover work on the line under the cursor.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mlsd_dsl.lsp.tokens import OPEN_STRING, Token, lex
from mlsd_dsl.model.kinds import KIND_WORDS, Kind, attributes_for_kind
from mlsd_dsl.model.schema import (
    EDGE_ATTRIBUTES,
    IDENT,
    REF,
    SECTION_ATTRIBUTES,
    AttributeSpec,
    SectionName,
)

SUPPRESSION_OPEN = re.compile(r"#\s*mlsd:\s*ignore(?:-file)?\s*\[(?P<codes>[^\]]*)$")
WORDS = frozenset({"NAME", "SYSTEM", "IMPORT", "GROUP", "SECTION", "TRUE", "FALSE"})
LITERALS = frozenset({"STRING", OPEN_STRING, "NUMBER", "METRIC"})


class Role(StrEnum):
    KEYWORD = "keyword"  # system, import, group, true, false
    SECTION = "section"  # requirements, framing, evaluation
    KIND = "kind"  # the kind word that starts a declaration
    DECLARATION = "declaration"  # the name a declaration, group or system introduces
    TECH = "tech"  # what a component is built with: `model ranker: lightgbm`
    LABEL = "label"  # a declaration's or edge's label
    REFERENCE = "reference"  # a component named: edge end, group member, component-valued attribute
    ATTRIBUTE = "attribute"  # an attribute's key
    VALUE = "value"  # an attribute's value (or a part of a list value)
    ARROW = "arrow"
    IMPORT_PATH = "import_path"
    COMMENT = "comment"
    OTHER = "other"  # punctuation and stray characters


class Expect(StrEnum):
    """What may be written at the cursor."""

    NOTHING = "nothing"
    STATEMENT = "statement"  # a kind, a section, `group`, or a component starting an edge
    TOP_LEVEL = "top_level"  # a statement outside a system: also `system` and `import`
    ATTRIBUTE = "attribute"  # a key of the block's kind, section or edge
    VALUE = "value"  # a value of `attribute`
    UNIT = "unit"  # the unit after a number
    COMPONENT = "component"  # a component's name: an edge end or a group member
    TECHNOLOGY = "technology"  # the tech of a component of `kind`
    IMPORT_PATH = "import_path"
    RULE_CODE = "rule_code"  # inside `# mlsd: ignore[...]`
    EDGE_TYPE = "edge_type"  # the word of a typed arrow: `a -re` → request


@dataclass(frozen=True)
class Block:
    """The owner of an attribute block: a component (`word` is its kind), a section or an edge."""

    owner: str  # "component", "section", "edge" or "unknown"
    word: str | None = None
    name: str | None = None

    def attributes(self) -> Mapping[str, AttributeSpec]:
        if self.owner == "component" and self.word in KIND_WORDS:
            return attributes_for_kind(Kind(self.word))
        if self.owner == "section" and self.word in set(SectionName):
            return SECTION_ATTRIBUTES[SectionName(self.word)]
        if self.owner == "edge":
            return EDGE_ATTRIBUTES
        return {}


@dataclass
class Classified:
    token: Token
    role: Role
    block: Block | None = None  # ATTRIBUTE and VALUE: the block they are in; '{': the block it opens
    attribute: str | None = None  # VALUE (and REFERENCE in a value): the attribute it is a value of
    kind: str | None = None  # DECLARATION: the kind word, "group" or "system"; TECH: the kind word


@dataclass
class _Frame:
    """One open `{`: the file itself, a system, an attribute block or a group's members."""

    type: str  # "file", "system", "attributes" or "group"
    block: Block | None = None
    state: str = "start"
    pending: Classified | None = None  # a statement's first word, until the next token says what it is
    kind: str | None = None  # the kind word of the declaration under way
    name: str | None = None
    arrow: bool = False  # the edge under way has an arrow
    key: str | None = None  # the attribute whose value comes next
    depth: int = 0  # list nesting inside a value
    keys: set[str] = field(default_factory=set)


STATEMENT_STATES = frozenset({"start", "declared", "teched", "labelled", "endpoint_done", "edge_labelled"})


class Classifier:
    """Gives each token its role, one token at a time; `frames` is the nesting after the last one."""

    def __init__(self) -> None:
        self.frames = [_Frame("file")]
        self.out: list[Classified] = []
        self._system_name: str | None = None

    def feed_all(self, tokens: list[Token]) -> list[Classified]:
        for token in tokens:
            self.feed(token)
        return self.out

    def feed(self, token: Token) -> None:
        item = Classified(token, Role.COMMENT if token.type == "COMMENT" else Role.OTHER)
        self.out.append(item)
        if token.type in ("COMMENT", "ERROR"):
            return
        frame = self.frames[-1]
        if frame.type in ("file", "system"):
            self._statement(frame, item)
        elif frame.type == "attributes":
            self._attribute(frame, item)
        else:
            self._member(item)

    @property
    def top(self) -> _Frame:
        return self.frames[-1]

    def _open(self, frame: _Frame) -> None:
        self.frames.append(frame)

    def _close(self) -> None:
        if len(self.frames) > 1:
            self.frames.pop()

    def _statement(self, frame: _Frame, item: Classified) -> None:
        kind = item.token.type
        handler = getattr(self, f"_after_{frame.state}")
        if not handler(frame, item, kind):
            self._settle(frame)
            frame.state = "start"
            self._start(frame, item, kind)

    def _settle(self, frame: _Frame) -> None:
        """A first word that no second word followed is a name on its own (`a` in `a ->`)."""
        if frame.pending is not None:
            frame.pending.role = Role.REFERENCE
            frame.pending = None

    def _start(self, frame: _Frame, item: Classified, kind: str) -> None:
        frame.kind = frame.name = None
        frame.arrow = False
        if kind in ("SYSTEM", "IMPORT", "GROUP"):
            item.role = Role.KEYWORD
            frame.state = {"SYSTEM": "system", "IMPORT": "import", "GROUP": "group"}[kind]
        elif kind == "SECTION":
            item.role = Role.SECTION
            frame.state, frame.kind = "section", item.token.text
        elif kind in WORDS:
            item.role = Role.REFERENCE
            frame.state, frame.pending = "first", item
        elif kind == "RBRACE":
            self._close()
        elif kind == "LBRACE":
            self._open(_Frame("attributes", Block("unknown")))
        elif kind == "ARROW":
            item.role = Role.ARROW

    def _block(self, frame: _Frame, block: Block, brace: Classified) -> bool:
        brace.block = block  # the '{' records the block it opens
        frame.state = "start"
        self._open(_Frame("attributes", block))
        return True

    def _after_start(self, frame: _Frame, item: Classified, kind: str) -> bool:
        return False

    def _after_first(self, frame: _Frame, item: Classified, kind: str) -> bool:
        first = frame.pending
        assert first is not None
        if kind in WORDS:
            first.role = Role.KIND
            item.role, item.kind = Role.DECLARATION, first.token.text
            frame.pending, frame.kind, frame.name = None, first.token.text, item.token.text
            frame.state = "declared"
            return True
        if kind in ("ARROW", "COMMA"):
            self._settle(frame)
            item.role = Role.ARROW if kind == "ARROW" else Role.OTHER
            frame.arrow, frame.state = kind == "ARROW", "endpoint"
            return True
        if kind == "LBRACE":
            self._settle(frame)
            return self._block(frame, Block("unknown"), item)
        return False

    def _after_declared(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind == "COLON":
            frame.state = "tech"
            return True
        if kind in ("STRING", OPEN_STRING):
            item.role, frame.state = Role.LABEL, "labelled"
            return True
        return self._after_labelled(frame, item, kind)

    def _after_tech(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in WORDS or kind in ("STRING", OPEN_STRING):
            item.role, item.kind, frame.state = Role.TECH, frame.kind, "teched"
            return True
        return self._after_labelled(frame, item, kind)

    def _after_teched(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in ("STRING", OPEN_STRING):
            item.role, frame.state = Role.LABEL, "labelled"
            return True
        return self._after_labelled(frame, item, kind)

    def _after_labelled(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind == "LBRACE":
            return self._block(frame, Block("component", frame.kind, frame.name), item)
        return False

    def _after_endpoint(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in WORDS:
            item.role, frame.state = Role.REFERENCE, "endpoint_done"
            return True
        return False

    def _after_endpoint_done(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind == "COMMA":
            frame.state = "endpoint"
            return True
        if kind == "ARROW":
            item.role, frame.arrow, frame.state = Role.ARROW, True, "endpoint"
            return True
        if kind == "COLON" and frame.arrow:
            frame.state = "edge_label"
            return True
        if kind == "LBRACE":
            return self._block(frame, Block("edge"), item)
        return False

    def _after_edge_label(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in WORDS or kind in ("STRING", OPEN_STRING):
            item.role, frame.state = Role.LABEL, "edge_labelled"
            return True
        return self._after_edge_labelled(frame, item, kind)

    def _after_edge_labelled(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind == "LBRACE":
            return self._block(frame, Block("edge"), item)
        return False

    def _after_section(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind == "LBRACE":
            return self._block(frame, Block("section", frame.kind), item)
        return False

    def _after_group(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in WORDS:
            item.role, item.kind, frame.state = Role.DECLARATION, "group", "group_named"
            return True
        return self._after_group_named(frame, item, kind)

    def _after_group_named(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in ("STRING", OPEN_STRING):
            item.role = Role.LABEL
            return True
        if kind == "LBRACE":
            frame.state = "start"
            self._open(_Frame("group"))
            return True
        return False

    def _after_system(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in WORDS:
            item.role, item.kind, frame.state = Role.DECLARATION, "system", "system_named"
            self._system_name = item.token.text
            return True
        return self._after_system_named(frame, item, kind)

    def _after_system_named(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in ("STRING", OPEN_STRING):
            item.role = Role.LABEL
            return True
        if kind == "LBRACE":
            item.block, frame.state = Block("system", "system", self._system_name), "start"
            self._open(_Frame("system"))
            return True
        return False

    def _after_import(self, frame: _Frame, item: Classified, kind: str) -> bool:
        if kind in ("STRING", OPEN_STRING):
            item.role, frame.state = Role.IMPORT_PATH, "start"
            return True
        return False

    def _attribute(self, frame: _Frame, item: Classified) -> None:
        kind = item.token.type
        if kind == "RBRACE":
            self._close()
        elif kind == "LBRACE":
            self._open(_Frame("attributes", Block("unknown")))
        elif frame.state == "value":
            self._value(frame, item, kind)
        elif kind == "COLON" and frame.state == "colon":
            frame.state = "value"
        elif kind in WORDS:
            item.role, item.block = Role.ATTRIBUTE, frame.block
            frame.key, frame.state = item.token.text, "colon"
            frame.keys.add(item.token.text)
        else:
            frame.state = "key"

    def _value(self, frame: _Frame, item: Classified, kind: str) -> None:
        if kind == "LSQB":
            frame.depth += 1
            return
        if kind in ("RSQB", "COMMA"):
            frame.depth = max(0, frame.depth - (kind == "RSQB"))
            frame.state = "value" if frame.depth else "key"
            return
        if kind in WORDS or kind in LITERALS:
            item.block, item.attribute = frame.block, frame.key
            reference = kind in WORDS and kind not in ("TRUE", "FALSE") and self._names_component(frame)
            keyword = kind in ("TRUE", "FALSE")
            item.role = Role.REFERENCE if reference else Role.KEYWORD if keyword else Role.VALUE
            if not frame.depth:
                frame.state = "key"

    @staticmethod
    def _names_component(frame: _Frame) -> bool:
        """Whether a word in this value names a component (a `ref` attribute that takes no words)."""
        spec = frame.block.attributes().get(frame.key or "") if frame.block else None
        if spec is None:
            return False
        types = spec.item_types if frame.depth and spec.item_types else spec.types
        return REF in types and IDENT not in types

    def _member(self, item: Classified) -> None:
        kind = item.token.type
        if kind == "RBRACE":
            self._close()
        elif kind == "LBRACE":
            self._open(_Frame("attributes", Block("unknown")))
        elif kind in WORDS:
            item.role = Role.REFERENCE


def classify(tokens: list[Token]) -> list[Classified]:
    """Every token with its role."""
    return Classifier().feed_all(tokens)


@dataclass(frozen=True)
class Context:
    """What the cursor is in or after, and what may be written there."""

    expect: Expect
    start: int  # where the text being completed starts (an offset); the cursor is the end
    prefix: str = ""  # what is already typed of it
    block: Block | None = None  # ATTRIBUTE, VALUE, UNIT
    attribute: str | None = None  # VALUE, UNIT
    kind: str | None = None  # TECHNOLOGY: the kind word of the component
    present: frozenset[str] = frozenset()  # attributes already in the block; codes already listed
    in_list: bool = False  # VALUE: inside [ ... ]


def context_at(text: str, offset: int, tokens: list[Token] | None = None) -> Context:
    """What the cursor at `offset` (in characters) of `text` is in, and what may be written there."""
    tokens = lex(text) if tokens is None else tokens
    before = [t for t in tokens if t.start < offset]
    current = before[-1] if before and offset <= before[-1].end else None
    if current is not None and current.type == "COMMENT":
        return _in_comment(text, current, offset)
    if current is not None and current.type in ("STRING", OPEN_STRING):
        inside = offset < current.end or current.type == OPEN_STRING
        if inside:
            is_import = len(before) > 1 and before[-2].type == "IMPORT"
            expect = Expect.IMPORT_PATH if is_import else Expect.NOTHING
            return Context(expect, current.start + 1, text[current.start + 1 : offset])
        current = None
    if current is not None and current.type == "ERROR" and current.text == "-":
        return _edge_type(before[:-1], offset, "")
    if current is not None and current.type in WORDS:
        if (
            len(before) > 1
            and before[-2].type == "ERROR"
            and before[-2].text == "-" == text[current.start - 1]
        ):
            return _edge_type(before[:-2], current.start, text[current.start : offset])
        return _expected(before[:-1], current.start, text[current.start : offset])
    if current is not None and current.type == "NUMBER":
        state = _expected(before[:-1], current.start, "")
        if state.expect is not Expect.VALUE:
            return Context(Expect.NOTHING, offset)
        return Context(Expect.UNIT, current.start, text[current.start : offset], state.block, state.attribute)
    if current is not None and current.type not in ("LBRACE", "RBRACE", "LSQB", "RSQB", "COMMA", "COLON"):
        return Context(Expect.NOTHING, offset)
    return _expected(before, offset, "")


def _in_comment(text: str, comment: Token, offset: int) -> Context:
    typed = text[comment.start : offset]
    found = SUPPRESSION_OPEN.search(typed)
    if found is None:
        return Context(Expect.NOTHING, offset)
    *listed, last = found["codes"].split(",")
    word = last.lstrip()
    return Context(
        Expect.RULE_CODE, offset - len(word), word, present=frozenset(c.strip() for c in listed if c.strip())
    )


def _edge_type(before: list[Token], start: int, prefix: str) -> Context:
    """After `a -`: the word of a typed arrow, when an edge can continue there."""
    classifier = Classifier()
    classifier.feed_all(before)
    frame = classifier.top
    if frame.type in ("file", "system") and frame.state in ("first", "endpoint_done"):
        return Context(Expect.EDGE_TYPE, start, prefix)
    return Context(Expect.NOTHING, start, prefix)


def _expected(before: list[Token], start: int, prefix: str) -> Context:
    """What the machine expects after `before`, for a word starting at `start`."""
    classifier = Classifier()
    classifier.feed_all(before)
    frame = classifier.top
    if frame.type == "attributes":
        present = frozenset(frame.keys)
        if frame.state == "value":
            return Context(Expect.VALUE, start, prefix, frame.block, frame.key, in_list=frame.depth > 0)
        if frame.state == "colon":
            return Context(Expect.NOTHING, start, prefix)
        return Context(Expect.ATTRIBUTE, start, prefix, frame.block, present=present - {prefix})
    if frame.type == "group":
        return Context(Expect.COMPONENT, start, prefix)
    if frame.state == "tech":
        return Context(Expect.TECHNOLOGY, start, prefix, kind=frame.kind)
    if frame.state == "endpoint":
        return Context(Expect.COMPONENT, start, prefix)
    if frame.state == "import":
        return Context(Expect.IMPORT_PATH, start, prefix)
    if frame.state in STATEMENT_STATES:
        top_level = frame.type == "file"
        return Context(Expect.TOP_LEVEL if top_level else Expect.STATEMENT, start, prefix)
    return Context(Expect.NOTHING, start, prefix)


def token_at(classified: list[Classified], offset: int) -> Classified | None:
    """The token under the cursor: the one containing it, or the one that ends at it."""
    for item in classified:
        if item.token.start <= offset < item.token.end:
            return item
    for item in classified:
        if item.token.end == offset and item.token.type not in ("COMMENT",):
            return item
    return None
