"""`mlsd lsp` diagnostics latency: from a change leaving the editor to its diagnostics arriving.

    .venv/bin/python benchmarks/lsp_latency.py --lines 100 500 2000 --changes 10

Starts `mlsd lsp` over stdio, opens a generated spec of about each size and changes it back and
forth between a valid text and one with an invalid choice (`split: tme`), waiting each time for
the diagnostics that show the change. An isolated change is checked at once; `--typing` also
measures the change as the last of a burst of keystrokes 10 ms apart (the debounce then counts).
Prints the median and the maximum per size. Target (issue 17): 150 ms for 500 lines.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import COMPONENTS_PER_CELL, generate

Wanted = Callable[[Sequence[lsp.Diagnostic]], bool]
TYPO = "E104"


class Session:
    def __init__(self) -> None:
        self.client = LanguageClient("mlsd-benchmark", "1")
        self.diagnostics: dict[str, Sequence[lsp.Diagnostic]] = {}
        self.arrived = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.arrived.set()

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "mlsd_dsl", "lsp")
        capabilities = lsp.ClientCapabilities()
        await self.client.initialize_async(
            lsp.InitializeParams(capabilities=capabilities, root_uri=root.as_uri())
        )
        self.client.initialized(lsp.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def send(self, uri: str, text: str) -> None:
        if uri not in self.versions:
            self.versions[uri] = 1
            item = lsp.TextDocumentItem(uri, "mlsd", 1, text)
            self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(item))
            return
        self.versions[uri] += 1
        document = lsp.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri)
        change = lsp.TextDocumentContentChangeWholeDocument(text)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(document, [change]))

    async def until(self, uri: str, wanted: Wanted) -> float:
        """When (perf_counter) the document's diagnostics first satisfy `wanted`."""
        while True:
            self.arrived.clear()
            if uri in self.diagnostics and wanted(self.diagnostics[uri]):
                return time.perf_counter()
            await asyncio.wait_for(self.arrived.wait(), 30)


def has_typo(found: Sequence[lsp.Diagnostic]) -> bool:
    return any(d.code == TYPO for d in found)


def no_typo(found: Sequence[lsp.Diagnostic]) -> bool:
    return not has_typo(found)


async def measure(session: Session, folder: Path, lines: int, changes: int, typing: bool) -> list[float]:
    text = generate(max(COMPONENTS_PER_CELL, lines * COMPONENTS_PER_CELL // 20))
    broken = text.replace("split: time", "split: tme", 1)
    uri = (folder / f"spec_{lines}.mlsd").as_uri()
    session.send(uri, text)
    await session.until(uri, no_typo)
    timings = []
    current = text
    for change in range(changes):
        target, wanted = (broken, has_typo) if change % 2 == 0 else (text, no_typo)
        if typing:  # keystrokes 10 ms apart that leave the diagnostics as they were, then the change
            for keystroke in range(1, 6):
                session.send(uri, current + "#" * keystroke)
                await asyncio.sleep(0.01)
        started = time.perf_counter()
        session.send(uri, target)
        timings.append(await session.until(uri, wanted) - started)
        current = target
    return timings


async def run(sizes: list[int], changes: int, typing: bool) -> None:
    session = Session()
    with tempfile.TemporaryDirectory() as folder:
        await session.start(Path(folder))
        print("| lines | change | median | max |\n|---|---|---|---|")
        for lines in sizes:
            for burst in [False, True] if typing else [False]:
                timings = await measure(session, Path(folder), lines, changes, burst)
                kind = "end of typing" if burst else "isolated"
                median, worst = statistics.median(timings) * 1e3, max(timings) * 1e3
                print(f"| {lines} | {kind} | {median:.0f} ms | {worst:.0f} ms |")
        await session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--typing", action="store_true", help="also measure the end of a burst of keystrokes")
    arguments = parser.parse_args()
    asyncio.run(run(arguments.lines, arguments.changes, arguments.typing))


if __name__ == "__main__":
    main()
