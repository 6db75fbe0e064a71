"""The server stays up on any input: random insertions and deletions on the gallery specs, sent
as changes, with requests at random places in between. Every request must be answered, and no
handler may fail (a failure is logged to the client as an error, which the test reads)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import Editor, codes

pytestmark = pytest.mark.asyncio(loop_scope="package")

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.mlsd"))
FRAGMENTS = [
    "{", "}", "[", "]", '"', ":", ",", "->", "-request->", "-lgo->", "-", ">", "#", "# mlsd: ignore[",
    "# mlsd: ignore[MON001] -- x", "\n", "\n\n", "  ", "\t", "\r\n", "model ", "serving api: ", "split: ",
    "latency_p99: 150m", "10k/s", "ndcg@10", "recall@5%", "true", "group g { ", "system x {", 'import "',
    "requirements {", "😋", "é", "\u2028", "\x00", "\\", "5xs", "-1", "@", "requirements", "}}}}", "[[[[",
]  # fmt: skip


def mutate(text: str, chance: random.Random) -> str:
    """One random edit: insert a fragment, delete a stretch, or duplicate a line."""
    at = chance.randrange(len(text) + 1)
    choice = chance.random()
    if choice < 0.55:
        return text[:at] + chance.choice(FRAGMENTS) + text[at:]
    if choice < 0.9:
        return text[:at] + text[at + chance.randrange(1, 40) :]
    lines = text.split("\n")
    line = chance.randrange(len(lines))
    return "\n".join([*lines[: line + 1], lines[line], *lines[line + 1 :]])


def position_in(text: str, chance: random.Random) -> lsp.Position:
    lines = text.split("\n")
    line = chance.randrange(len(lines) + 1)
    width = len(lines[line]) if line < len(lines) else 0
    return lsp.Position(line, chance.randrange(width + 2))


async def ask_something(client: LanguageClient, uri: str, text: str, chance: random.Random) -> None:
    document = lsp.TextDocumentIdentifier(uri)
    position = position_in(text, chance)
    request = chance.randrange(8)
    if request == 0:
        await client.text_document_completion_async(lsp.CompletionParams(document, position))
    elif request == 1:
        await client.text_document_hover_async(lsp.HoverParams(document, position))
    elif request == 2:
        await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(document))
    elif request == 3:
        await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(document))
    elif request == 4:
        await client.text_document_definition_async(lsp.DefinitionParams(document, position))
    elif request == 5:
        reference = lsp.ReferenceContext(include_declaration=True)
        params = lsp.ReferenceParams(context=reference, text_document=document, position=position)
        await client.text_document_references_async(params)
    elif request == 6:
        options = lsp.FormattingOptions(tab_size=2, insert_spaces=True)
        await client.text_document_formatting_async(lsp.DocumentFormattingParams(document, options))
    else:
        diagnostics = list(client.diagnostics.get(uri, []))
        context = lsp.CodeActionContext(diagnostics)
        everything = lsp.Range(lsp.Position(0, 0), lsp.Position(len(text.split("\n")), 0))
        await client.text_document_code_action_async(lsp.CodeActionParams(document, everything, context))


async def fuzz(client: LanguageClient, spec: Path, edits: int, seed: int) -> None:
    chance = random.Random(seed)
    editor = Editor(client)
    original = spec.read_text(encoding="utf-8")
    uri = editor.open(spec, original)
    text = original
    for _ in range(edits):
        text = mutate(text, chance) if len(text) > 20 else original
        editor.change(uri, text)
        await ask_something(client, uri, text, chance)
    # still checking: a broken text is reported, and restoring the spec clears it
    editor.change(uri, original + "\n}")
    await editor.diagnostics(uri, lambda found: "E001" in codes(found))
    editor.change(uri, original)
    await editor.diagnostics(uri, lambda found: not found)
    editor.close(uri)
    errors = [m.message for m in client.log_messages if m.type == lsp.MessageType.Error]
    assert not errors, errors[0]


async def test_random_edits_on_three_gallery_specs_never_break_the_server(client: LanguageClient) -> None:
    for number, spec in enumerate(SPECS[:3]):
        await fuzz(client, spec, edits=40, seed=number)


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "spec"), list(enumerate(SPECS)), ids=[spec.stem for spec in SPECS])
async def test_random_edits_on_every_gallery_spec_never_break_the_server(
    client: LanguageClient, seed: int, spec: Path
) -> None:
    await fuzz(client, spec, edits=300, seed=100 + seed)
