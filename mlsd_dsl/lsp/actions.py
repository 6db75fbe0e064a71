"""Quick fixes for the diagnostics under the cursor: apply a did-you-mean, suppress a finding (with
a reason to fill in), add the attribute or the component the rule's fix names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as lsp

from mlsd_dsl.lint import Rule, get_rule
from mlsd_dsl.lint.suppress import DIRECTIVE
from mlsd_dsl.lsp.context import Block, Classified, Role, token_at
from mlsd_dsl.lsp.documents import Document
from mlsd_dsl.model.spec import Spec
from mlsd_dsl.parser import parse_source
from mlsd_dsl.parser.ast import DeclarationNode
from mlsd_dsl.rendering.gaps import Gap, ghost_links

DID_YOU_MEAN = re.compile(r"did you mean '(?P<word>[^']+)'\?")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
SNIPPET = re.compile(r"`([^`]+)`")
REASON = "-- TODO: why this is acceptable"
QUICK_FIX = lsp.CodeActionKind.QuickFix


def code_actions(
    document: Document, diagnostics: Sequence[lsp.Diagnostic], spec: Spec | None
) -> list[lsp.CodeAction]:
    actions: list[lsp.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source not in (None, "mlsd") or not isinstance(diagnostic.code, str):
            continue
        fixes = [_did_you_mean(document, diagnostic)]
        rule = get_rule(diagnostic.code)
        if rule is not None:
            fixes += [
                _add_attribute(document, diagnostic, rule),
                _add_component(document, diagnostic, rule, spec),
            ]
            if rule.prefix != "SUP":
                fixes.append(_suppress(document, diagnostic, rule))
        actions += [fix for fix in fixes if fix is not None]
    return actions


def _action(
    title: str,
    document: Document,
    edits: list[lsp.TextEdit],
    diagnostic: lsp.Diagnostic,
    preferred: bool = False,
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title,
        kind=QUICK_FIX,
        diagnostics=[diagnostic],
        edit=lsp.WorkspaceEdit(changes={document.uri: edits}),
        is_preferred=preferred or None,
    )


def _hint(diagnostic: lsp.Diagnostic) -> str:
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    return str(data.get("hint") or diagnostic.message)


def _did_you_mean(document: Document, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
    found = DID_YOU_MEAN.search(_hint(diagnostic))
    if found is None:
        return None
    start = document.offset_of(diagnostic.range.start)
    end = document.offset_of(diagnostic.range.end)
    written = document.text[start:end]
    if not WORD.fullmatch(written):
        return None
    word = found["word"]
    edit = lsp.TextEdit(diagnostic.range, word)
    return _action(f"Replace '{written}' with '{word}'", document, [edit], diagnostic, preferred=True)


def _suppress(document: Document, diagnostic: lsp.Diagnostic, rule: Rule) -> lsp.CodeAction:
    line = diagnostic.range.start.line
    text = document.index.lines[line] if line < len(document.index.lines) else ""
    line_start = document.index.starts[min(line, len(document.index.starts) - 1)]
    comment = next(
        (
            c
            for c in document.classified
            if c.role is Role.COMMENT and line_start <= c.token.start <= line_start + len(text)
        ),
        None,
    )
    title = f"Suppress {rule.code} ({rule.name}) here"
    if comment is not None:
        existing = DIRECTIVE.search(comment.token.text)
        if existing is not None and existing["form"] == "ignore" and existing["rules"] is not None:
            at = comment.token.start + existing.end("rules")
            edit = lsp.TextEdit(document.range(at, at), f", {rule.code}")
            return _action(title, document, [edit], diagnostic)
        indent = text[: len(text) - len(text.lstrip())]
        above = lsp.TextEdit(
            document.range(line_start, line_start), f"{indent}# mlsd: ignore[{rule.code}] {REASON}\n"
        )
        return _action(title, document, [above], diagnostic)
    end = line_start + len(text.rstrip())
    edit = lsp.TextEdit(document.range(end, end), f"  # mlsd: ignore[{rule.code}] {REASON}")
    return _action(title, document, [edit], diagnostic)


def _add_attribute(document: Document, diagnostic: lsp.Diagnostic, rule: Rule) -> lsp.CodeAction | None:
    block = _block_at(document, document.offset_of(diagnostic.range.start))
    if block is None:
        return None
    table = block.attributes()
    present = _keys_in(document, block)
    for snippet in SNIPPET.findall(rule.fix):
        keys = _attribute_keys(snippet)
        if keys and all(key in table and key not in present for key in keys):
            edits = _insert_into_block(document, block, snippet)
            if edits:
                owner = block.name or block.word
                return _action(f"Add `{snippet}` to {owner}", document, edits, diagnostic)
    return None


def _block_at(document: Document, offset: int) -> Block | None:
    """The component or section a finding is about: the block it sits in, or the one it names."""
    item = token_at(document.classified, offset)
    if item is None:
        return None
    if item.role in (Role.ATTRIBUTE, Role.VALUE, Role.REFERENCE) and item.block is not None:
        return item.block if item.block.owner in ("component", "section") else None
    index = document.classified.index(item)
    if item.role is Role.KIND and index + 1 < len(document.classified):
        item = document.classified[index + 1]
    if item.role is Role.DECLARATION and item.kind not in ("group", "system"):
        return Block("component", item.kind, item.token.text)
    if item.role is Role.SECTION:
        return Block("section", item.token.text)
    return None


def _keys_in(document: Document, block: Block) -> set[str]:
    return {c.token.text for c in document.classified if c.role is Role.ATTRIBUTE and c.block == block}


def _attribute_keys(snippet: str) -> list[str]:
    """The keys of `snippet` when it is a run of attributes (`split: time`), else nothing."""
    parsed = parse_source(f"x y {{ {snippet} }}")
    if parsed.file is None or len(parsed.file.statements) != 1:
        return []
    declaration = parsed.file.statements[0]
    if not isinstance(declaration, DeclarationNode) or not declaration.attributes:
        return []
    return [attribute.key.text for attribute in declaration.attributes]


def _braces(document: Document, block: Block) -> tuple[Classified, Classified | None] | None:
    """The '{' that opens a block and the '}' that closes it (None while it is unclosed)."""
    items = document.classified
    for position, item in enumerate(items):
        if item.token.type == "LBRACE" and item.block == block:
            depth = 0
            for later in items[position:]:
                depth += {"LBRACE": 1, "RBRACE": -1}.get(later.token.type, 0)
                if depth == 0:
                    return item, later
            return item, None
    return None


def _insert_into_block(document: Document, block: Block, snippet: str) -> list[lsp.TextEdit]:
    braces = _braces(document, block)
    if braces is None:
        return _new_block(document, block, snippet)
    opener, closer = braces
    if closer is None:
        return []
    return [_insert_before_closer(document, opener, closer, snippet)]


def _new_block(document: Document, block: Block, snippet: str) -> list[lsp.TextEdit]:
    """A component written without `{ }`: the block after its header."""
    items = document.classified
    declared = next(
        (i for i, c in enumerate(items) if c.role is Role.DECLARATION and c.token.text == block.name), None
    )
    if declared is None or block.owner != "component":
        return []
    last = declared
    while last + 1 < len(items) and (
        items[last + 1].role in (Role.TECH, Role.LABEL) or items[last + 1].token.type == "COLON"
    ):
        last += 1
    at = items[last].token.end
    return [lsp.TextEdit(document.range(at, at), f" {{ {snippet} }}")]


def _insert_before_closer(
    document: Document, opener: Classified, closer: Classified, text: str
) -> lsp.TextEdit:
    line_of = document.index.position
    closer_line = line_of(closer.token.start)[0]
    line_start = document.index.starts[closer_line]
    first_on_line = not document.text[line_start : closer.token.start].strip()
    if line_of(opener.token.start)[0] == closer_line or not first_on_line:
        before = document.text[closer.token.start - 1 : closer.token.start]
        spacer = "" if before in (" ", "\t") else " "
        return lsp.TextEdit(document.range(closer.token.start, closer.token.start), f"{spacer}{text} ")
    closer_indent = document.text[line_start : closer.token.start]
    return lsp.TextEdit(document.range(line_start, line_start), f"{closer_indent}  {text}\n")


def _add_component(
    document: Document, diagnostic: lsp.Diagnostic, rule: Rule, spec: Spec | None
) -> lsp.CodeAction | None:
    if rule.missing is None or spec is None or spec.name is None:
        return None
    kind = rule.missing
    name, declaration = _component_text(rule, spec)
    upstream, downstream = ghost_links(Gap(rule.code, rule.name, kind), spec)
    lines = (
        [declaration]
        + [f"{source} -> {name}" for source in upstream]
        + [f"{name} -> {t}" for t in downstream]
    )
    braces = _braces(document, Block("system", "system", spec.name))
    if braces is None or braces[1] is None:
        return None
    opener, closer = braces[0], braces[1]
    edits = [_insert_before_closer(document, opener, closer, line) for line in lines]
    merged = lsp.TextEdit(edits[0].range, "".join(edit.new_text for edit in edits))
    return _action(f"Add {kind.value} '{name}' ({rule.code})", document, [merged], diagnostic)


def _component_text(rule: Rule, spec: Spec) -> tuple[str, str]:
    """The declaration the rule's fix shows (`monitor quality: evidently { … }`), under a free name;
    else a bare one of the missing kind."""
    assert rule.missing is not None
    kind = rule.missing.value
    for snippet in SNIPPET.findall(rule.fix):
        parsed = parse_source(snippet)
        statements = parsed.file.statements if parsed.file else []
        node = statements[0] if len(statements) == 1 else None
        if isinstance(node, DeclarationNode) and node.kind.text == kind and node.name.span.line == 1:
            name = _free_name(node.name.text, spec)
            start, end = node.name.span.column - 1, node.name.span.end_column - 1
            return name, snippet[:start] + name + snippet[end:]
    name = _free_name(kind, spec)
    return name, f"{kind} {name}"


def _free_name(wanted: str, spec: Spec) -> str:
    taken = set(spec.components) | {group.name for group in spec.groups}
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted}_{number}", number + 1
    return name
