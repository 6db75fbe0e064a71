"""How long diagnostics take after a change to a ~500-line spec, from the change leaving the client
to the diagnostics arriving (the debounce included). The target is 150 ms on the development
machine; the test prints what it measures and asserts only a bound any machine meets."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from benchmarks.generate import generate
from tests.lsp.conftest import Editor, codes

pytestmark = pytest.mark.asyncio(loop_scope="package")

GENEROUS_BOUND_SECONDS = 5.0
CHANGES = 10


async def timed_change(
    client: LanguageClient,
    editor: Editor,
    uri: str,
    text: str,
    wanted: Callable[[Sequence[lsp.Diagnostic]], bool],
) -> float:
    """Seconds from sending the change to the first diagnostics that satisfy `wanted`."""
    started = time.perf_counter()
    waiting = asyncio.ensure_future(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))
    editor.change(uri, text)
    while True:
        await asyncio.wait_for(waiting, GENEROUS_BOUND_SECONDS)
        arrived = time.perf_counter()
        if wanted(client.diagnostics.get(uri, [])):
            return arrived - started
        waiting = asyncio.ensure_future(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))


async def test_diagnostics_of_a_500_line_spec_follow_a_change_quickly(
    client: LanguageClient, project: Path, record_property: Callable[[str, object], None]
) -> None:
    text = generate(275)
    assert 480 <= text.count("\n") <= 520
    broken = text.replace("split: time", "split: tme", 1)
    editor = Editor(client)
    uri = editor.open(project / "large.mlsd", text)
    await editor.diagnostics(uri, lambda found: bool(found) and "E104" not in codes(found))
    timings = []
    for change in range(CHANGES):
        if change % 2 == 0:
            timings.append(
                await timed_change(client, editor, uri, broken, lambda found: "E104" in codes(found))
            )
        else:
            timings.append(
                await timed_change(
                    client, editor, uri, text, lambda found: bool(found) and "E104" not in codes(found)
                )
            )
    editor.close(uri)
    median, worst = statistics.median(timings) * 1000, max(timings) * 1000
    print(
        f"\ndiagnostics after a change to a {text.count(chr(10))}-line spec: median {median:.0f} ms, max {worst:.0f} ms"
    )
    record_property("diagnostics_latency_median_ms", round(median))
    record_property("diagnostics_latency_max_ms", round(worst))
    assert max(timings) < GENEROUS_BOUND_SECONDS
