"""`mlsd serve --export DIR`: the pages as self-contained files, readable from disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from mlsd_dsl.cli.main import cli

from .conftest import HOSTILE_NAME


def export(folder: Path, target: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(folder), "--export", str(target)])
    assert result.exit_code == 0, result.output
    assert "wrote 6 pages" in result.output


def test_the_export_writes_one_self_contained_page_per_spec(spec_folder: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    export(spec_folder, site)
    pages = sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))
    assert pages == [
        "index.html",
        f"spec/{HOSTILE_NAME}.html",
        "spec/common/platform.mlsd.html",
        "spec/feed.mlsd.html",
        "spec/hostile.mlsd.html",
        "spec/visual_search_draft.mlsd.html",
    ]
    hostile = (site / "spec" / "hostile.mlsd.html").read_text(encoding="utf-8")
    block = hostile.split('<script type="application/json" id="mlsd-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block  # no label can close the data block or open a tag
    assert "<script>alert(1)</script>" in json.dumps(json.loads(block), ensure_ascii=False)
    head = hostile.split("<body", 1)[0]
    assert 'http-equiv="Content-Security-Policy"' in head and "script-src 'sha256-" in head
    assert "http" not in hostile.replace("http://www.w3.org/2000/svg", "").replace("http-equiv", "")


def test_the_exported_pages_work_from_disk(spec_folder: Path, tmp_path: Path, page: Any) -> None:
    site = tmp_path / "site"
    export(spec_folder, site)
    page.add_init_script("window.alert = () => { window.pwned = true; };")
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto((site / "index.html").as_uri())
    page.click('tr[data-spec="feed.mlsd"] a')
    page.wait_for_selector('svg.diagram g.node[data-node="ranker"]')
    assert page.inner_text("#live") == "static export"
    page.click('.finding[data-code="SERVE005"]')
    assert page.locator('svg.diagram g.node.hl[data-node="api"]').count() == 1
    page.click('#directions button[data-direction="TB"]')
    page.click("#gaps")
    page.wait_for_selector('svg.diagram g.node[data-node^="gap_"]')
    page.get_by_role("button", name="Explain SERVE005", exact=True).click()
    page.wait_for_selector('.finding[data-code="SERVE005"] .explain:not([hidden]) pre')
    page.click("a.brand")
    page.click('tr[data-spec="hostile.mlsd"] a')
    page.wait_for_selector('svg.diagram g.node[data-node="m"]')
    page.click("a.brand")
    page.click(f'tr[data-spec="{HOSTILE_NAME}"] a')
    page.wait_for_selector('svg.diagram g.node[data-node="ranker"]')
    assert page.evaluate("window.pwned === undefined")
    assert not [m for m in messages if "Content Security Policy" in m], messages
