"""Turning lark's parse failures into diagnostics in plain words, and recovering from them.

Recovery: when a token is unexpected, try inserting one missing token (`:` in `loss focal`, a
closing `}`) and carry on. Otherwise the parse stops and asks for the offending line to be
blanked out and the text parsed again (see `parse_source`), which is reliable when the line
opens and closes its own brackets. Only the first error on a line is reported, so one mistake
gives one diagnostic rather than a cascade.
"""

from __future__ import annotations

import re
from copy import copy

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.parsers.lalr_interactive_parser import InteractiveParser

from mlsd_dsl.diagnostics import Diagnostic, ErrorCode, error
from mlsd_dsl.model.kinds import KIND_WORDS, Kind
from mlsd_dsl.model.schema import SectionName
from mlsd_dsl.model.span import Span
from mlsd_dsl.parser.brackets import CLOSER_OF, WHAT_IT_OPENS, Bracket, BracketScan
from mlsd_dsl.parser.builder import token_span
from mlsd_dsl.suggest import closest

SECTION_WORDS = ", ".join(SectionName)
TOKEN_WORDS: dict[str, str] = {
    "NAME": "a name",
    "STRING": "a string",
    "NUMBER": "a number",
    "METRIC": "a metric such as recall@10",
    "SECTION": f"a section ({SECTION_WORDS})",
    "TRUE": "true",
    "FALSE": "false",
    "IMPORT": "'import'",
    "SYSTEM": "'system'",
    "GROUP": "'group'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LSQB": "'['",
    "RSQB": "']'",
    "COLON": "':'",
    "COMMA": "','",
    "ARROW": "'->'",
    "$END": "the end of the file",
}
# A run of characters none of which can start a token: names, numbers, strings, comments,
# punctuation, whitespace and '-' before '>' or a digit can; a lone '-' cannot.
NOT_A_TOKEN_START = re.compile(r'(?:(?!->|-[0-9])[^A-Za-z0-9_"#{}\[\]:, \t\f\r\n])*')
# Tokens tried, in order, when repairing by inserting one missing token.
INSERTABLE: dict[str, str] = {"COLON": ":", "RBRACE": "}", "RSQB": "]", "COMMA": ",", "LBRACE": "{"}
KEYWORDS = ["system", "group", "import", *(s.value for s in SectionName), *(k.value for k in Kind)]


MAX_REPAIRS = 1000


class RepairBudget:
    """How many repairs one file may still try, over all its re-parses: text that is mostly
    errors stops being repaired (and reported) after MAX_REPAIRS, so its cost stays bounded."""

    def __init__(self, repairs: int = MAX_REPAIRS) -> None:
        self.left = repairs

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _trial_copy(parser: InteractiveParser) -> InteractiveParser:
    """A copy of the parser to try tokens on, as cheap as lark's own `accepts()`: it shares the
    values built so far instead of deep-copying the partial syntax tree (which made recovery cost
    grow with the file for every repair tried) and runs no tree-building callbacks."""
    trial: InteractiveParser = parser.copy(deepcopy_values=False)
    configuration = copy(trial.parser_state.parse_conf)
    configuration.callbacks = {}
    trial.parser_state.parse_conf = configuration
    return trial


def describe_token(token: Token) -> str:
    if token.type == "$END":
        return "end of file"
    if token.type in ("NAME", "STRING", "NUMBER", "METRIC"):
        return (
            f"{token.type.lower()} {token}" if token.type == "STRING" else f"{token.type.lower()} '{token}'"
        )
    return f"'{token}'"


def describe_expected(expected: set[str]) -> str:
    words = sorted({TOKEN_WORDS.get(name, name.lower()) for name in expected if name in TOKEN_WORDS})
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return "one of: " + ", ".join(words)


def _value_state(expected: set[str]) -> bool:
    return {"STRING", "NUMBER", "NAME", "LSQB"} <= expected


ARROW_HELP = "an edge is written a -> b, or with its meaning in the arrow: a -request-> b, a -log-> b"


class SyntaxErrorCollector:
    """The `on_error` callback for one parse: records diagnostics and repairs the parse."""

    def __init__(
        self, path: str, text: str, diagnostics: list[Diagnostic], budget: RepairBudget, brackets: BracketScan
    ) -> None:
        self.budget = budget
        self.brackets = brackets
        self.path = path
        self.lines = text.split("\n")  # lines as the lexer counts them: only \n ends a line
        self.diagnostics = diagnostics
        self._reported_lines = {d.span.line for d in diagnostics if d.span}
        self.text = text
        self.resync_line: int | None = None
        self.inserted_bracket = False  # a repair changed the block structure
        self.touched_lines: set[int] = set()  # where a problem was met, reported or not
        self._previous: Token | None = None
        self._bad_character_at: int | None = None

    def __call__(self, problem: UnexpectedInput) -> bool:
        self.touched_lines.add(problem.line)
        if isinstance(problem, UnexpectedCharacters):
            return self._on_characters(problem)
        if isinstance(problem, UnexpectedToken):
            return self._on_token(problem)
        return False

    def _report(
        self, line: int, column: int, end_column: int, code: ErrorCode, message: str, **extra: str | None
    ) -> None:
        if line in self._reported_lines:
            return
        self._reported_lines.add(line)
        span = Span(self.path, line, column, line, max(end_column, column + 1))
        self.diagnostics.append(error(code, message, span, **extra))

    def _on_characters(self, problem: UnexpectedCharacters) -> bool:
        char = problem.char
        line, column = problem.line, problem.column
        if char == '"':
            self._report(
                line,
                column,
                column + 1,
                ErrorCode.UNTERMINATED_STRING,
                "unterminated string: missing closing '\"'",
                hint="strings are written on one line between double quotes",
            )
            self._skip_rest_of_line(problem)
            return True
        expected = describe_expected(set(problem.allowed or ()))
        self._bad_character_at = problem.pos_in_stream
        self._report(
            line,
            column,
            column + 1,
            ErrorCode.INVALID_CHARACTER,
            f"unexpected character {char!r}",
            expected=expected or None,
            hint=ARROW_HELP if self._looks_like_an_arrow(problem.pos_in_stream) else None,
        )
        self._skip_invalid_run(problem)
        return True

    def _looks_like_an_arrow(self, position: int | None) -> bool:
        """`-->`, `--`, `=>`, `<-` and other arrows from other diagram languages."""
        if position is None:
            return False
        pair = self.text[position : position + 2]
        return pair[:1] == "-" or pair in ("=>", "<-", "<=")

    def _skip_invalid_run(self, problem: UnexpectedCharacters) -> None:
        """Skip the bad character and the characters after it that cannot start a token either:
        a run of thousands costs one recovery, not one (costly) lark exception each."""
        state = problem.interactive_parser.lexer_thread.state
        assert state is not None, "lark reports a bad character from a running lexer"
        text = state.text.text
        position = state.line_ctr.char_pos
        run = NOT_A_TOKEN_START.match(text, position + 1)
        end = run.end() if run else position + 1
        state.line_ctr.feed(text[position:end])
        self._bad_character_at = end - 1

    def _skip_rest_of_line(self, problem: UnexpectedCharacters) -> None:
        state = problem.interactive_parser.lexer_thread.state
        assert state is not None, "lark reports a bad character from a running lexer"
        text = state.text.text
        position = state.line_ctr.char_pos
        end = text.find("\n", position)
        state.line_ctr.feed(text[position : len(text) if end == -1 else end])

    def _on_token(self, problem: UnexpectedToken) -> bool:
        token = problem.token
        expected = set(problem.expected or problem.accepts or ())
        stack = problem.interactive_parser.parser_state.value_stack
        self._previous = stack[-1] if stack and isinstance(stack[-1], Token) else None
        if not self._follows_bad_character(token):
            self._report_token(token, expected)
        inserted = (
            self._repair_by_insertion(problem.interactive_parser, token) if self.budget.spend() else None
        )
        if inserted is not None:
            self.inserted_bracket |= inserted in ("LBRACE", "RBRACE", "RSQB")
            return True
        if token.type != "$END":
            self.resync_line = token.line
        return False

    def _follows_bad_character(self, token: Token) -> bool:
        """A token right after a skipped character is only unexpected because of that character."""
        bad = self._bad_character_at
        start = token.start_pos if token.type != "$END" else len(self.text)
        return bad is not None and start is not None and not self.text[bad + 1 : start].strip()

    def _after_kind(self, expected: set[str]) -> bool:
        previous = self._previous
        return (
            previous is not None
            and previous.type == "NAME"
            and str(previous) in KIND_WORDS
            and {"NAME", "ARROW"} <= expected
        )

    def _end_of_content(self) -> tuple[int, int]:
        """Just after the last non-blank character: where the missing text belongs."""
        for index in range(len(self.lines) - 1, -1, -1):
            content = self.lines[index].rstrip()
            if content:
                return index + 1, len(content) + 1
        return 1, 1

    def _lone_word_before_block(self, token: Token) -> bool:
        previous = self._previous
        return token.type == "LBRACE" and previous is not None and previous.type == "NAME"

    def _closes_another_kind(self, token: Token) -> bool:
        """Whether `token` is a '}' or ']' that leaves a bracket of the other kind open, reported
        (once per line) at that bracket."""
        line, column = token.line or 0, token.column or 0
        left_open = self.brackets.left_open_by.get((line, column))
        if token.type not in ("RBRACE", "RSQB") or left_open is None:
            return False
        if line not in self._reported_lines:
            self._reported_lines.add(line)
            self.diagnostics.append(closed_by_another(self.path, left_open, token))
        return True

    def _report_token(self, token: Token, expected: set[str]) -> None:
        if token.type == "$END" and self.brackets.unclosed and expected & {"RBRACE", "RSQB"}:
            return  # reported as the bracket left open, by `parse_source`
        if self._closes_another_kind(token):
            return
        if token.type == "$END":
            line, column = self._end_of_content()
            self._report(
                line,
                column,
                column + 1,
                ErrorCode.UNEXPECTED_END,
                "unexpected end of file",
                expected=describe_expected(expected) or None,
                hint="a '{' was opened but not closed" if "RBRACE" in expected else None,
            )
            return
        message = f"unexpected {describe_token(token)}"
        hint = None
        if self._after_kind(expected):
            message += f" after '{self._previous}'"
            expected = {"NAME"}
            hint = f'a declaration is written: {self._previous} NAME [: TECH] ["label"] [{{ attributes }}]'
        elif self._lone_word_before_block(token):
            word = str(self._previous)
            message += f" after '{word}'"
            keyword = closest(word, KEYWORDS)
            hint = (
                f"did you mean '{keyword}'?"
                if keyword
                else f"a block follows a section name ({SECTION_WORDS}) or a declaration"
            )
        elif token.type == "NAME" and "COLON" in expected and len(expected) <= 3:
            hint = "an attribute is written 'key: value'"
        elif token.type == "NAME":
            keyword = closest(str(token), KEYWORDS)
            if keyword and keyword != str(token):
                hint = f"did you mean '{keyword}'?"
        elif _value_state(expected):
            hint = "a value is a string, a number, a word, true/false or a [list]"
        span = token_span(self.path, token)
        self._report(
            span.line,
            span.column,
            span.end_column,
            ErrorCode.SYNTAX_ERROR,
            message,
            expected=describe_expected(expected) or None,
            hint=hint,
        )

    @staticmethod
    def _repair_by_insertion(parser: InteractiveParser, token: Token) -> str | None:
        """The type of the token inserted so that `token` is accepted, or None when none fits."""
        if token.type == "$END":
            return "RBRACE" if SyntaxErrorCollector._close_open_blocks(parser) else None
        accepted = parser.accepts()
        for name, text in INSERTABLE.items():
            if name not in accepted:
                continue
            trial = _trial_copy(parser)
            try:
                trial.feed_token(Token(name, text))
                if token.type not in trial.accepts():
                    continue
            except UnexpectedInput:
                continue
            parser.feed_token(Token(name, text))
            parser.feed_token(token)
            return name
        return None

    @staticmethod
    def _close_open_blocks(parser: InteractiveParser) -> bool:
        """At the end of the file, close whatever brackets are still open."""
        for _ in range(64):
            accepted = parser.accepts()
            if "$END" in accepted:
                return True
            closer = next((name for name in ("RSQB", "RBRACE") if name in accepted), None)
            if closer is None:
                return False
            try:
                parser.feed_token(Token(closer, INSERTABLE[closer]))
            except UnexpectedInput:
                return False
        return False


def never_closed(path: str, brackets: BracketScan) -> Diagnostic:
    """E007 for the innermost bracket still open at the end of the file."""
    *outer, innermost = brackets.unclosed
    closer = CLOSER_OF[innermost.char]
    hint = f"add '{closer}' where the {WHAT_IT_OPENS[innermost.char]} ends"
    misindented = brackets.misindented_block(innermost)
    if misindented is not None:
        opener, its_closer = misindented
        hint = (
            f"the '{opener.char}' at {opener.where} may be the one missing its '{CLOSER_OF[opener.char]}': "
            f"the '{its_closer.char}' on line {its_closer.line} that closes it is indented less than "
            f"line {opener.line}"
        )
    elif outer:
        hint += f"; the '{outer[-1].char}' at {outer[-1].where} is not closed either"
    return _unclosed_error(path, innermost, hint)


def without_cascade(diagnostics: list[Diagnostic], brackets: BracketScan) -> list[Diagnostic]:
    """`diagnostics` (in order) with one syntax error, the first, inside the block that seems to
    miss its closer (see `misindented_block`): the others follow from the missing closer."""
    block = brackets.misindented_block(brackets.unclosed[-1]) if brackets.unclosed else None
    if block is None:
        return diagnostics
    start, end = block[0].position, block[1].position
    kept: list[Diagnostic] = []
    reported = False
    for diagnostic in diagnostics:
        span = diagnostic.span
        inside = span is not None and start < (span.line, span.column) < end
        if inside and diagnostic.code == ErrorCode.SYNTAX_ERROR:
            if reported:
                continue
            reported = True
        kept.append(diagnostic)
    return kept


def closed_by_another(path: str, opener: Bracket, closer: Token) -> Diagnostic:
    """E007 for a bracket that a closer of the other kind leaves open, as in `[a, b }`."""
    hint = (
        f"add '{CLOSER_OF[opener.char]}' before the '{closer}' at line {closer.line}, column {closer.column}"
    )
    return _unclosed_error(path, opener, hint)


def _unclosed_error(path: str, opener: Bracket, hint: str) -> Diagnostic:
    return error(
        ErrorCode.UNCLOSED_BRACKET,
        f"'{opener.char}' opened at {opener.where} is never closed",
        Span(path, opener.line, opener.column, opener.line, opener.column + 1),
        hint=hint,
    )
