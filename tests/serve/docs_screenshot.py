"""Redraw docs/images/serve.png, the screenshot of `mlsd serve` in the README and docs/serve.md:

    .venv/bin/python -m tests.serve.docs_screenshot

A first draft of visual search with its gaps drawn, zoomed in, and the training dataset
selected: its attributes and finding beside the framework coverage.
"""

from __future__ import annotations

import shutil

from playwright.sync_api import sync_playwright

from tests.serve.conftest import ROOT, start_server, stop_server

TARGET = ROOT / "docs" / "images" / "serve.png"


def main() -> None:
    server = start_server(ROOT / "specs")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
            page = browser.new_page(viewport={"width": 1200, "height": 680})
            page.goto(server.url + "spec/broken/visual_search_draft.mlsd")
            page.wait_for_selector("svg.diagram g.node")
            page.click("#gaps")
            page.wait_for_selector('svg.diagram g.node[data-node^="gap_"]')
            page.mouse.move(420, 430)
            for _ in range(3):
                page.mouse.wheel(0, -100)
                page.wait_for_timeout(60)
            page.click('svg.diagram g.node[data-node="train_pairs"]')
            page.wait_for_timeout(500)
            page.screenshot(path=TARGET)
            browser.close()
    finally:
        stop_server(server)
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
