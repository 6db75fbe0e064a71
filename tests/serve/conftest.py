"""A real `mlsd serve` process on a free loopback port, over a folder of specs the test may edit,
and (when Debian's chromium is installed) a headless browser driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
URL_LINE = re.compile(r"serving \d+ specs? at (http://\S+/)")

FEED = """\
system feed "Personalized feed" {
  requirements { goal: "more meaningful interactions"  users: 300M  peak_qps: 50k  latency_p99: 200ms }
  framing { task: ranking  objective: "P(engage | user, post)"  input: [user, post]  output: "ranked posts" }

  source  events: kafka "interactions" { type: events  volume: 5B/day }
  dataset train { label: "engaged within 24h"  split: random  positive_rate: 4% }
  model   ranker: lightgbm { loss: cross_entropy }
  serving api: online { latency_p99: 250ms }

  events -> train -> ranker -> api
}
"""
HOSTILE_NAME = "<img src=x onerror=alert(1)> #?%.mlsd"  # a file name is no safer than a label
HOSTILE = (ROOT / "tests" / "render" / "specs" / "hostile.mlsd").read_text(encoding="utf-8")


@dataclass
class Server:
    url: str
    folder: Path
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)  # what the server printed after starting

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url.rstrip("/") + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as problem:
            return problem.code, dict(problem.headers), problem.read()

    def alive(self) -> bool:
        return self.process.poll() is None and self.get("/api/specs")[0] == 200


def start_server(folder: Path, *arguments: str) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-m", "mlsd_dsl", "serve", str(folder), "--port", "0", *arguments],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=folder,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    match = URL_LINE.search(line)
    if match is None:
        process.kill()
        raise AssertionError(f"mlsd serve did not start: {line}{process.stderr.read()}")
    server = Server(match.group(1), folder, process)
    threading.Thread(target=_drain, args=(process.stderr, server.log), daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if server.get("/api/specs")[0] == 200:
                return server
        except OSError:
            time.sleep(0.05)
    stop_server(server)
    raise AssertionError("mlsd serve did not answer")


def _drain(stream: IO[str], lines: list[str]) -> None:
    """Read the server's messages as they come, so a full pipe never blocks it."""
    lines.extend(stream)


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def make_spec_folder(parent: Path) -> Path:
    folder = parent / "designs"
    folder.mkdir()
    (folder / "feed.mlsd").write_text(FEED, encoding="utf-8")
    (folder / "hostile.mlsd").write_text(HOSTILE, encoding="utf-8")
    (folder / HOSTILE_NAME).write_text(FEED.replace("system feed", "system named"), encoding="utf-8")
    shutil.copytree(ROOT / "specs" / "common", folder / "common")
    shutil.copy(ROOT / "specs" / "broken" / "visual_search_draft.mlsd", folder / "visual_search_draft.mlsd")
    return folder


@pytest.fixture
def spec_folder(tmp_path: Path) -> Path:
    return make_spec_folder(tmp_path)


@pytest.fixture
def server(spec_folder: Path) -> Iterator[Server]:
    """A server of its own, for a test that edits the specs."""
    running = start_server(spec_folder)
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the tests of a module that only read: starting one costs a second or two."""
    running = start_server(make_spec_folder(tmp_path_factory.mktemp("shared")))
    yield running
    stop_server(running)


def save(path: Path, text: str) -> None:
    """Write a spec as an editor does: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/bootstrap installs it): no browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    opened.errors = errors
    yield opened
    context.close()
    assert errors == [], errors
