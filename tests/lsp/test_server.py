"""`mlsd lsp` end to end: a pytest-lsp client over stdio asks what an editor asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from mlsd_dsl.compiler import compile_text
from mlsd_dsl.lint import LintConfig, lint_spec
from tests.lsp.conftest import SYSTEM, Editor, apply_edits, codes

pytestmark = pytest.mark.asyncio(loop_scope="package")


def doc(uri: str) -> lsp.TextDocumentIdentifier:
    return lsp.TextDocumentIdentifier(uri)


async def test_diagnostics_appear_and_clear_as_the_text_changes(
    client: LanguageClient, project: Path
) -> None:
    editor = Editor(client)
    uri = editor.open(project / "changing.mlsd", SYSTEM)
    first = await editor.diagnostics(uri, lambda found: "DATA003" in codes(found))
    data003 = next(d for d in first if d.code == "DATA003")
    assert data003.severity == lsp.DiagnosticSeverity.Error
    assert data003.source == "mlsd"
    assert data003.range == lsp.Range(lsp.Position(6, 35), lsp.Position(6, 40))  # `split` (line 7, col 36)
    assert data003.code_description is not None
    assert data003.code_description.href.endswith("rules.md#data003")
    assert "help: use `split: time`" in data003.message

    editor.change(uri, SYSTEM.replace("split: random", "split: tme"))
    broken = await editor.diagnostics(uri, lambda found: "E104" in codes(found))
    assert "did you mean 'time'?" in next(d for d in broken if d.code == "E104").message
    assert "DATA003" not in codes(broken)  # an invalid spec is not linted, as with `mlsd check`

    editor.change(uri, SYSTEM.replace("split: random", "split: time"))
    fixed = await editor.diagnostics(uri, lambda found: "E104" not in codes(found))
    assert "DATA003" not in codes(fixed)
    assert "MON001" in codes(fixed)

    editor.close(uri)
    assert not await editor.diagnostics(uri, lambda found: not found)


async def test_syntax_errors_are_reported_with_the_names_after_them(
    client: LanguageClient, project: Path
) -> None:
    editor = Editor(client)
    text = SYSTEM.replace("model ranker: lightgbm", "model ranker lightgbm {").replace(
        "events -> train", "events -> trian"
    )
    uri = editor.open(project / "syntax.mlsd", text)
    found = await editor.diagnostics(uri, lambda found: bool(found))
    assert {"E007"} <= codes(found) or {"E001"} <= codes(found)
    editor.close(uri)


async def test_configuration_is_found_as_mlsd_check_finds_it(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / ".mlsd.toml").write_text('ignore = ["MON"]\n[severity]\nDATA003 = "info"\n', encoding="utf-8")
    standalone = SYSTEM.replace('import "common.mlsd"', "").replace(
        "  dataset train", "  source events: kafka { type: events }\n  dataset train"
    )
    editor = Editor(client)
    uri = editor.open(tmp_path / "configured.mlsd", standalone)
    found = await editor.diagnostics(uri, lambda found: "DATA003" in codes(found))
    assert next(d for d in found if d.code == "DATA003").severity == lsp.DiagnosticSeverity.Information
    assert "MODEL005" in codes(found)
    assert not any(str(d.code).startswith("MON") for d in found)
    editor.close(uri)


def labels(result: lsp.CompletionList | list[lsp.CompletionItem] | None) -> list[str]:
    items = result.items if isinstance(result, lsp.CompletionList) else result or []
    return [item.label for item in items]


COMPLETIONS = [
    # (text to insert at the marker, marker, offset into the marker, wanted labels, unwanted labels)
    ("statement", "  group online", 2, {"monitor", "feature_store", "group", "events", "api"}, {"system"}),
    ("attribute", "split: random }", 14, {"positive_rate", "snapshot", "imbalance"}, {"label", "split"}),
    ("enum value", "split: random", 7, {"random", "time", "user", "stratified"}, {"lightgbm"}),
    ("section choice", "task: ranking", 6, {"ranking", "classification", "retrieval"}, set()),
    ("technology", "ranker: lightgbm", 8, {"lightgbm", "xgboost", "two_tower"}, {"kafka", "redis"}),
    ("edge target", "-> train ->", 3, {"train", "ranker", "api", "events"}, {"model"}),
    ("group member", "group online { api", 15, {"api", "ranker", "train"}, {"dataset"}),
    ("component-valued attribute", "fallback: ranker", 10, {"ranker", "train"}, set()),
]


@pytest.mark.parametrize(
    ("what", "marker", "after", "wanted", "unwanted"), COMPLETIONS, ids=[c[0] for c in COMPLETIONS]
)
async def test_completion_in_the_document(
    client: LanguageClient,
    project: Path,
    what: str,
    marker: str,
    after: int,
    wanted: set[str],
    unwanted: set[str],
) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    result = await client.text_document_completion_async(
        lsp.CompletionParams(doc(uri), editor.position(uri, marker, after))
    )
    found = set(labels(result))
    assert wanted <= found, f"{what}: {sorted(wanted - found)} missing"
    assert not unwanted & found, f"{what}: {sorted(unwanted & found)} offered"


TYPED = [
    # (what, text with `|` as the cursor, wanted labels, unwanted)
    ("kind, half typed", "system s {\n  mon|\n}\n", {"monitor", "model"}, {"split"}),
    ("top level", "|", {"system", "import", "source"}, set()),
    ("unit", "system s {\n  serving api { latency_p99: 150m| }\n}\n", {"ms", "min"}, {"GB", "%"}),
    ("rate unit", "system s {\n  stream s { throughput: 10k| }\n}\n", {"k/s", "/s"}, {"ms"}),
    ("boolean", "system s {\n  model m { baseline: | }\n}\n", {"true", "false"}, set()),
    ("import path", 'import "|', {"common.mlsd"}, {"main.mlsd"}),  # a file with a system is no module
    ("suppression code", "system s { # mlsd: ignore[MON001, DATA|\n}\n", {"DATA003", "DATA011"}, {"MON001"}),
    ("edge type", "system s {\n  a -|\n}\n", {"request", "log", "deploy"}, set()),
    ("evaluation metric list", "system s {\n  framing { task: | }\n}\n", {"ranking"}, set()),
]


@pytest.mark.parametrize(("what", "marked", "wanted", "unwanted"), TYPED, ids=[c[0] for c in TYPED])
async def test_completion_while_typing(
    client: LanguageClient, project: Path, what: str, marked: str, wanted: set[str], unwanted: set[str]
) -> None:
    editor = Editor(client)
    text = marked.replace("|", "")
    uri = editor.open(project / "typing.mlsd", text)
    offset = marked.index("|")
    line = marked.count("\n", 0, offset)
    position = lsp.Position(line, offset - (marked.rfind("\n", 0, offset) + 1))
    result = await client.text_document_completion_async(lsp.CompletionParams(doc(uri), position))
    found = set(labels(result))
    assert wanted <= found, f"{what}: {sorted(wanted - found)} missing"
    assert not unwanted & found, f"{what}: {sorted(unwanted & found)} offered"
    editor.close(uri)


async def test_a_completion_replaces_what_is_typed(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "replace.mlsd", "system s {\n  serving api { latency_p99: 150m }\n}\n")
    result = await client.text_document_completion_async(
        lsp.CompletionParams(doc(uri), editor.position(uri, "150m", 4))
    )
    items = result.items if isinstance(result, lsp.CompletionList) else result or []
    ms = next(item for item in items if item.label == "ms")
    assert isinstance(ms.text_edit, lsp.TextEdit)
    assert apply_edits(editor.texts[uri], [ms.text_edit]).count("latency_p99: 150ms }") == 1
    editor.close(uri)


async def hover_text(client: LanguageClient, uri: str, position: lsp.Position) -> str:
    result = await client.text_document_hover_async(lsp.HoverParams(doc(uri), position))
    assert result is not None
    assert isinstance(result.contents, lsp.MarkupContent)
    return result.contents.value


async def test_hover(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    await editor.diagnostics(uri, lambda found: "DATA003" in codes(found))
    kind = await hover_text(client, uri, editor.position(uri, "dataset train"))
    assert kind.startswith("**dataset** — ") and "`split`" in kind
    assert "LightGBM" in await hover_text(client, uri, editor.position(uri, "lightgbm", 2))
    latency = await hover_text(client, uri, editor.position(uri, "latency_p99: 100ms", 3))
    assert "a duration such as 150ms" in latency
    assert "ranker**: model" in await hover_text(client, uri, editor.position(uri, "fallback: ranker", 12))
    events = await hover_text(client, uri, editor.position(uri, "events -> train"))
    assert "events**: source" in events and "common.mlsd" in events
    finding = await hover_text(client, uri, editor.position(uri, "split: random", 2))
    assert "DATA003" in finding and "Fix: use `split: time`" in finding  # what `mlsd explain` prints


async def test_definition_of_names_and_imports(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(doc(uri), editor.position(uri, "-> ranker ->", 4))
    )
    assert isinstance(found, list)
    assert [(f.uri, f.range.start) for f in found] == [(uri, editor.position(uri, "ranker: lightgbm"))]

    imported = await client.text_document_definition_async(
        lsp.DefinitionParams(doc(uri), editor.position(uri, "events -> train", 1))
    )
    assert isinstance(imported, list)
    assert [(f.uri, f.range.start) for f in imported] == [
        ((project / "common.mlsd").as_uri(), lsp.Position(1, 7))
    ]

    module = await client.text_document_definition_async(
        lsp.DefinitionParams(doc(uri), editor.position(uri, '"common.mlsd"', 3))
    )
    assert isinstance(module, list)
    assert [f.uri for f in module] == [(project / "common.mlsd").resolve().as_uri()]


async def test_references(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=doc(uri),
            position=editor.position(uri, "ranker: lightgbm"),
            context=lsp.ReferenceContext(True),
        )
    )
    assert found is not None
    lines = sorted(location.range.start.line for location in found)
    assert lines == [7, 8, 11]  # declared, fallback: ranker, the edge

    uses = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=doc(uri),
            position=editor.position(uri, "events -> train"),
            context=lsp.ReferenceContext(True),
        )
    )
    assert uses is not None
    assert {(location.uri.rsplit("/", 1)[-1], location.range.start.line) for location in uses} == {
        ("common.mlsd", 1),
        ("main.mlsd", 11),
    }


async def test_document_symbols(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(doc(uri)))
    assert symbols is not None
    (system,) = symbols
    assert isinstance(system, lsp.DocumentSymbol)
    assert (system.name, system.kind) == ("shop", lsp.SymbolKind.Module)
    assert system.range.end.line == 12  # its closing brace
    children = {child.name: child for child in system.children or []}
    assert list(children) == ["requirements", "framing", "online", "train", "ranker"]
    assert [member.name for member in children["online"].children or []] == ["api"]
    assert children["ranker"].detail == "model: lightgbm"

    # a line that breaks the parse keeps the last outline; a recovered parse gives the rest
    editor.change(
        uri, editor.texts[uri].replace("model ranker: lightgbm", "model ranker: lightgbm oops oops ]")
    )
    broken = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(doc(uri)))
    assert broken is not None and broken[0].name == "shop"


async def test_workspace_symbols(client: LanguageClient, project: Path) -> None:
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="evn"))
    assert found is not None
    names = {(symbol.name, symbol.container_name) for symbol in found}
    assert ("events (source)", "common.mlsd") in names
    everything = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query=""))
    assert everything is not None
    assert {"shop", "online", "api (serving)"} <= {symbol.name for symbol in everything}


MESSY = """\
system shop {
    requirements{goal:"x"   users:1M}
  model ranker: lightgbm{loss:cross_entropy}
    serving api: online
  ranker->api
}
"""


async def test_formatting_the_whole_document_and_a_range(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "messy.mlsd", MESSY)
    options = lsp.FormattingOptions(tab_size=2, insert_spaces=True)
    edits = await client.text_document_formatting_async(lsp.DocumentFormattingParams(doc(uri), options))
    assert edits
    from mlsd_dsl.formatter import format_source

    assert apply_edits(MESSY, edits) == format_source(MESSY).text

    line_three = lsp.Range(lsp.Position(2, 0), lsp.Position(2, 10))
    partial = await client.text_document_range_formatting_async(
        lsp.DocumentRangeFormattingParams(doc(uri), line_three, options)
    )
    assert partial
    assert all(
        edit.range.start.line <= 2 <= max(edit.range.end.line - 1, edit.range.start.line) for edit in partial
    )
    after = apply_edits(MESSY, partial)
    assert "requirements{goal" in after  # line 2 is left alone
    assert "model ranker: lightgbm { loss: cross_entropy }" in after

    editor.change(uri, MESSY + "oops {")
    assert not await client.text_document_formatting_async(lsp.DocumentFormattingParams(doc(uri), options))
    editor.close(uri)


async def actions_for(
    client: LanguageClient, editor: Editor, uri: str, code: str
) -> tuple[lsp.Diagnostic, list[lsp.CodeAction]]:
    found = await editor.diagnostics(uri, lambda found: code in codes(found))
    diagnostic = next(d for d in found if d.code == code)
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(doc(uri), diagnostic.range, lsp.CodeActionContext([diagnostic]))
    )
    return diagnostic, [a for a in result or [] if isinstance(a, lsp.CodeAction)]


def edited(editor: Editor, uri: str, action: lsp.CodeAction) -> str:
    assert action.edit is not None and action.edit.changes is not None
    return apply_edits(editor.texts[uri], action.edit.changes[uri])


def findings(text: str, folder: Path) -> set[str]:
    compilation = compile_text(text, "fixed.mlsd", folder / "fixed.mlsd")
    assert compilation.spec is not None, compilation.diagnostics
    return {d.code for d in lint_spec(compilation.spec, LintConfig())}


async def test_code_action_applies_a_did_you_mean(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "typo.mlsd", SYSTEM.replace("model ranker", "modle ranker"))
    _, actions = await actions_for(client, editor, uri, "E101")
    (fix,) = [a for a in actions if a.title == "Replace 'modle' with 'model'"]
    assert fix.is_preferred
    assert edited(editor, uri, fix) == SYSTEM
    diagnostic = fix.diagnostics[0] if fix.diagnostics else None
    assert diagnostic is not None
    only_source = lsp.CodeActionContext([diagnostic], only=[lsp.CodeActionKind.Source])
    params = lsp.CodeActionParams(doc(uri), diagnostic.range, only_source)
    assert not await client.text_document_code_action_async(params)  # quick fixes are not source actions
    editor.close(uri)


async def test_code_action_adds_a_suppression_with_a_reason(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "suppress.mlsd", SYSTEM)
    _, actions = await actions_for(client, editor, uri, "DATA003")
    (fix,) = [a for a in actions if a.title.startswith("Suppress DATA003")]
    text = edited(editor, uri, fix)
    assert "split: random }  # mlsd: ignore[DATA003] -- TODO: why this is acceptable\n" in text
    assert "DATA003" not in findings(text, project)

    editor.change(uri, text.replace("DATA003]", "MODEL005]"))  # a suppression already on the line
    _, again = await actions_for(client, editor, uri, "DATA003")
    (more,) = [a for a in again if a.title.startswith("Suppress DATA003")]
    assert "# mlsd: ignore[MODEL005, DATA003] -- TODO" in edited(editor, uri, more)
    editor.close(uri)


async def test_code_action_adds_the_attribute_the_fix_names(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "attribute.mlsd", SYSTEM)
    _, actions = await actions_for(client, editor, uri, "DATA011")
    (into_block,) = [a for a in actions if a.title.startswith("Add `snapshot")]
    text = edited(editor, uri, into_block)
    assert 'dataset train { label: "bought"  split: random snapshot: "..." }' in text
    assert "DATA011" not in findings(text, project)

    _, actions = await actions_for(client, editor, uri, "MODEL005")
    (new_block,) = [a for a in actions if a.title.startswith("Add `loss: cross_entropy`")]
    text = edited(editor, uri, new_block)
    assert "model ranker: lightgbm { loss: cross_entropy }" in text
    assert "MODEL005" not in findings(text, project)
    editor.close(uri)


async def test_code_action_adds_the_missing_component_wired_in(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "component.mlsd", SYSTEM)
    _, actions = await actions_for(client, editor, uri, "MON001")
    (fix,) = [a for a in actions if a.title.startswith("Add monitor")]
    text = edited(editor, uri, fix)
    assert "  monitor quality: evidently { drift: psi alerts: pagerduty }\n" in text
    assert "  api -> quality\n}" in text  # wired as `--gaps` draws the ghost (KindInfo.ghost)
    assert "MON001" not in findings(text, project)
    editor.close(uri)


async def test_semantic_tokens(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    result = await client.text_document_semantic_tokens_full_async(lsp.SemanticTokensParams(doc(uri)))
    assert result is not None
    from mlsd_dsl.lsp.semantic import TOKEN_TYPES

    decoded, line, column = {}, 0, 0
    lines = editor.texts[uri].split("\n")
    data = list(result.data)
    for at in range(0, len(data), 5):
        delta_line, delta_column, length, kind, _ = data[at : at + 5]
        line += delta_line
        column = column + delta_column if not delta_line else delta_column
        decoded[(line, lines[line][column : column + length])] = TOKEN_TYPES[kind]
    assert decoded[(2, "system")] == "keyword"
    assert decoded[(6, "dataset")] == "type"
    assert decoded[(6, "train")] == "variable"
    assert decoded[(6, "split")] == "property"
    assert decoded[(6, "random")] == "enumMember"
    assert decoded[(7, "lightgbm")] == "class"
    assert decoded[(3, "200ms")] == "number"
    assert decoded[(0, '"common.mlsd"')] == "string"


async def test_the_server_answers_a_request_on_an_unknown_document(client: LanguageClient) -> None:
    unknown = doc("file:///nowhere/never-opened.mlsd")
    assert await client.text_document_hover_async(lsp.HoverParams(unknown, lsp.Position(3, 3))) is None
    result = await client.text_document_completion_async(lsp.CompletionParams(unknown, lsp.Position(0, 0)))
    assert labels(result) == []


async def test_a_problem_in_an_imported_module_is_shown_at_the_import(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "shared.mlsd").write_text("source events: kafka { type: events\n", encoding="utf-8")
    editor = Editor(client)
    uri = editor.open(tmp_path / "importer.mlsd", 'import "shared.mlsd"\nsystem s {\n  events -> api\n}\n')
    found = await editor.diagnostics(uri, lambda found: "E007" in codes(found))
    unclosed = next(d for d in found if d.code == "E007")
    assert unclosed.range.start.line == 0  # the import line
    assert "shared.mlsd:1:" in unclosed.message
    editor.close(uri)


async def test_hover_explains_a_rule_named_in_a_suppression(client: LanguageClient, project: Path) -> None:
    editor = Editor(client)
    uri = editor.open(
        project / "suppressed.mlsd",
        SYSTEM.replace("split: random }", "split: random }  # mlsd: ignore[DATA003] -- x"),
    )
    text = await hover_text(client, uri, editor.position(uri, "DATA003", 3))
    assert text.startswith("```text\nDATA003 random-split-on-time-data")
    editor.close(uri)


async def test_references_of_an_import_are_every_import_of_the_file(
    client: LanguageClient, project: Path
) -> None:
    editor = Editor(client)
    uri = editor.open(project / "main.mlsd")
    other = editor.open(project / "second.mlsd", 'import "./common.mlsd"\n')
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=doc(uri),
            position=editor.position(uri, '"common.mlsd"', 2),
            context=lsp.ReferenceContext(True),
        )
    )
    assert found is not None
    assert {(location.uri, location.range.start.line) for location in found} == {(uri, 0), (other, 0)}
    editor.close(other)


async def test_an_importer_sees_the_unsaved_text_of_an_open_module(
    client: LanguageClient, tmp_path: Path
) -> None:
    module = tmp_path / "shared.mlsd"
    module.write_text("source events: kafka { type: events }\n", encoding="utf-8")
    editor = Editor(client)
    importer = editor.open(
        tmp_path / "system.mlsd", 'import "shared.mlsd"\nsystem s {\n  events -> events_copy\n}\n'
    )
    first = await editor.diagnostics(importer, lambda found: "E108" in codes(found))
    assert "'events_copy' is not a declared component" in next(d for d in first if d.code == "E108").message

    opened = editor.open(module)
    editor.change(opened, "source events: kafka { type: events }\nstorage events_copy: s3\n")  # not saved
    await editor.diagnostics(importer, lambda found: "E108" not in codes(found))

    editor.close(opened)  # the file on disk again
    await editor.diagnostics(importer, lambda found: "E108" in codes(found))
    editor.close(importer)
