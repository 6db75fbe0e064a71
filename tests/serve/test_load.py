"""A bounded load test on loopback: 50 pages loading concurrently, again and again, each with its
event stream open, while the spec they show is saved 20 times a second for 10 seconds.

No request may fail, the server must stay up, the pages must end on the last save, and the
server's memory must be steady (it grows by less than LEAK_MB between the warm-up and the end).
The figures are printed (`pytest -s`); nothing is asserted about time."""

from __future__ import annotations

import os
import shutil
import statistics
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, Server, save, start_server, stop_server

PAGES = 50
SAVES_PER_SECOND = 20
SECONDS = float(os.environ.get("MLSD_LOAD_SECONDS", "10"))  # longer runs show whether memory plateaus
WARM_UP = 2.0
LEAK_MB = 6.0  # with the garbage collector left off (as `mlsd check` runs) it grew ~0.8 MB/s
SPEC = "video_recommendation.mlsd"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def load_page(base: str, version: list[int]) -> list[tuple[int, float]]:
    """One page load as the browser does it: the page, its CSS and JS, the spec, the diagram."""
    paths = [
        f"spec/{SPEC}",
        "static/style.css",
        "static/app.js",
        f"api/spec/{SPEC}",
        f"api/diagram/{SPEC}?theme=light&gaps=0&v={version[0]}",
    ]
    results = []
    for path in paths:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as problem:
            status = problem.code
        except OSError:
            status = 0
        results.append((status, time.perf_counter() - started))
    return results


def listen(base: str, stop: threading.Event, events: list[int]) -> None:
    with urllib.request.urlopen(base + "events", timeout=60) as stream:
        while not stop.is_set():
            line = stream.readline()
            if not line:
                return
            if line.startswith(b"data:"):
                events.append(1)


@pytest.mark.slow
def test_fifty_pages_and_twenty_saves_a_second_for_ten_seconds(spec_folder: Path) -> None:
    shutil.copy(ROOT / "specs" / SPEC, spec_folder / SPEC)
    original = (spec_folder / SPEC).read_text(encoding="utf-8")
    server: Server = start_server(spec_folder)
    stop = threading.Event()
    results: list[tuple[int, float]] = []
    events: list[int] = []
    memory: list[tuple[float, float]] = []
    version = [0]
    saves = 0
    try:
        listeners = [threading.Thread(target=listen, args=(server.url, stop, events)) for _ in range(PAGES)]

        def browse() -> None:
            while not stop.is_set():
                results.extend(load_page(server.url, version))

        browsers = [threading.Thread(target=browse) for _ in range(PAGES)]
        for thread in listeners + browsers:
            thread.start()
        started = time.monotonic()
        while (elapsed := time.monotonic() - started) < SECONDS:
            saves += 1
            save(spec_folder / SPEC, original.replace("peak_qps: 100k", f"peak_qps: {saves}k"))
            memory.append((elapsed, rss_mb(server.process.pid)))
            time.sleep(max(0.0, saves / SAVES_PER_SECOND - (time.monotonic() - started)))
        stop.set()
        for thread in browsers:
            thread.join(timeout=120)
        deadline = time.monotonic() + 10
        last = f'"peak_qps","{saves}k"'
        while time.monotonic() < deadline and last not in server.get(f"/api/spec/{SPEC}")[2].decode():
            time.sleep(0.1)
        final = server.get(f"/api/spec/{SPEC}")[2].decode()
        alive = server.alive()
        end_memory = rss_mb(server.process.pid)
    finally:
        stop.set()
        stop_server(server)
    statuses = [status for status, _ in results]
    latencies = sorted(seconds for _, seconds in results)
    warm = [mb for at, mb in memory if at >= WARM_UP]
    print(
        f"\nload: {len(results)} requests ({len(results) // 5} page loads) in {SECONDS:.0f} s by {PAGES} "
        f"concurrent pages, {saves} saves, {len(events)} events received; "
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; "
        f"server RSS {memory[0][1]:.0f} MB at start, {warm[0]:.0f} MB after warm-up, "
        f"{max(mb for _, mb in memory):.0f} MB peak, {end_memory:.0f} MB at the end"
    )
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
    assert alive and last in final, "the page does not show the last save"
    assert events, "no page heard of a save"
    assert end_memory - warm[0] < LEAK_MB
    assert server.log == [] or not any("Traceback" in line for line in server.log), server.log
