"""`mlsd serve` live-update latency: from saving a spec to its new node on the open page.

    .venv/bin/python benchmarks/serve_latency.py --saves 10

Starts `mlsd serve` on a free loopback port over a temporary copy of the test specs, opens the
spec's page in Debian's chromium (Playwright), then saves the spec with one more component each
time and waits for that node in the page's diagram. Prints the median and the maximum. Target
(issue 16): within a second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.serve.conftest import FEED, make_spec_folder, save, start_server, stop_server


def edited(number: int) -> str:
    name = f"monitor_{number}"
    declaration = f"  monitor {name}: evidently {{ watches: [drift] }}\n  events -> train"
    return FEED.replace("  events -> train", declaration).replace("ranker -> api", f"ranker -> api -> {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    arguments = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    folder = make_spec_folder(Path(tempfile.mkdtemp()))
    server = start_server(folder)
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page()
            page.goto(server.url + "spec/feed.mlsd")
            page.wait_for_selector("#live.on")
            page.wait_for_selector("svg.diagram g.node")
            for number in range(arguments.saves):
                started = time.perf_counter()
                save(folder / "feed.mlsd", edited(number))
                page.wait_for_selector(f'svg.diagram g.node[data-node="monitor_{number}"]', timeout=10_000)
                latencies.append(time.perf_counter() - started)
                time.sleep(0.3)
            browser.close()
    finally:
        stop_server(server)
        shutil.rmtree(folder.parent, ignore_errors=True)
    print(
        f"save → new node on the page, {len(latencies)} saves: "
        f"median {statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
