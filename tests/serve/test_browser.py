"""The live page in a real headless browser (Debian's chromium, driven by Playwright): the index,
a spec's page, live updates on save, a broken save keeping the last good diagram, highlighting,
path traversal and hostile labels. Screenshots of each page are written to the test's tmp folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import FEED, HOSTILE_NAME, Server, save

UPDATE_MS = 5_000  # generous for a loaded CI machine; the watcher groups saves over 0.3 s


def open_spec(page: Any, server: Server, name: str) -> None:
    page.goto(server.url + "spec/" + name)
    page.wait_for_selector("svg.diagram g.node")
    page.wait_for_selector("#live.on")


def node(page: Any, name: str) -> Any:
    return page.locator(f'svg.diagram g.node[data-node="{name}"]')


def test_the_index_lists_every_spec_with_status_findings_and_coverage(
    shared_server: Server, page: Any, tmp_path: Path
) -> None:
    page.goto(shared_server.url)
    page.wait_for_selector("table.specs tbody tr")
    rows = page.locator("table.specs tbody tr")
    names = [rows.nth(i).get_attribute("data-spec") for i in range(rows.count())]
    assert names == [
        HOSTILE_NAME,
        "common/platform.mlsd",
        "feed.mlsd",
        "hostile.mlsd",
        "visual_search_draft.mlsd",
    ]
    feed = page.locator('tr[data-spec="feed.mlsd"]')
    assert "compiles" in feed.inner_text()
    assert feed.locator(".count.error").inner_text().endswith("2")  # DATA003 and SERVE005, as in the README
    assert feed.locator(".step").count() == 7
    assert feed.locator(".step.missing").count() >= 1
    page.screenshot(path=tmp_path / "index.png")
    page.click('a[href="/spec/feed.mlsd"]')
    page.wait_for_selector('svg.diagram g.node[data-node="ranker"]')


def test_a_spec_page_shows_diagram_findings_and_coverage(
    shared_server: Server, page: Any, tmp_path: Path
) -> None:
    open_spec(page, shared_server, "feed.mlsd")
    assert {node(page, name).count() for name in ("events", "train", "ranker", "api")} == {1}
    codes = page.locator(".finding .code-chip").all_inner_texts()
    assert "DATA003" in codes and "SERVE005" in codes
    data003 = page.locator('.finding[data-code="DATA003"]')
    assert "split: random" in data003.locator("pre.source").inner_text()
    assert page.locator(".cover-row").count() == 7
    data003.get_by_role("button", name="Explain DATA003", exact=True).click()
    page.wait_for_selector('.finding[data-code="DATA003"] .explain:not([hidden]) pre')
    assert "split: time" in data003.locator(".explain").inner_text()
    page.screenshot(path=tmp_path / "spec.png")


def test_saving_the_file_adds_the_new_node_without_a_reload(server: Server, page: Any) -> None:
    open_spec(page, server, "feed.mlsd")
    page.evaluate("window.notReloaded = true")
    edited = FEED.replace(
        "  events -> train",
        '  monitor drift: evidently "feature drift" { watches: [drift] }\n  events -> train',
    ).replace("ranker -> api", "ranker -> api -> drift")
    save(server.folder / "feed.mlsd", edited)
    node(page, "drift").wait_for(timeout=UPDATE_MS)
    assert page.evaluate("window.notReloaded") is True


def test_a_broken_save_shows_the_diagnostic_and_keeps_the_last_good_diagram(
    server: Server, page: Any, tmp_path: Path
) -> None:
    open_spec(page, server, "feed.mlsd")
    save(
        server.folder / "feed.mlsd", FEED.replace("model   ranker: lightgbm {", "model   ranker: lightgbm {{")
    )
    page.wait_for_selector("#banner.on", timeout=UPDATE_MS)
    assert "last version that compiled" in page.inner_text("#banner")
    assert page.locator(".pill.invalid").count() == 1
    assert page.locator(".finding .sev.error").count() >= 1
    assert page.locator('.finding[data-code^="E"]').count() >= 1
    assert node(page, "ranker").count() == 1  # the last good diagram is still there, marked stale
    assert page.locator("#canvas.stale").count() == 1
    page.screenshot(path=tmp_path / "stale.png")
    save(server.folder / "feed.mlsd", FEED)
    page.wait_for_selector("#canvas:not(.stale)", timeout=UPDATE_MS)
    page.wait_for_selector("#banner:not(.on)", state="attached")
    assert server.alive()


def test_clicking_a_finding_highlights_its_component_and_a_component_shows_its_details(
    shared_server: Server, page: Any, tmp_path: Path
) -> None:
    open_spec(page, shared_server, "feed.mlsd")
    page.click('.finding[data-code="SERVE005"]')
    assert node(page, "api").get_attribute("class") == "node hl"
    assert page.locator("svg.diagram g.node.hl").count() == 1
    page.screenshot(path=tmp_path / "highlight.png")
    node(page, "train").click()
    card = page.locator("#component")
    card.wait_for()
    text = card.inner_text()
    assert "train" in text and "dataset" in text and "engaged within 24h" in text and "DATA003" in text
    assert page.locator('.finding.related[data-code="DATA003"]').count() == 1
    page.keyboard.press("Escape")
    assert page.locator("svg.diagram g.node.hl").count() == 0 and card.is_hidden()


def test_a_finding_about_a_missing_component_draws_the_gaps_and_highlights_the_ghost(
    shared_server: Server, page: Any
) -> None:
    open_spec(page, shared_server, "visual_search_draft.mlsd")
    assert page.locator('svg.diagram g.node[data-node^="gap_"]').count() == 0
    page.click('.finding[data-code="MON001"]')
    ghost = page.locator('svg.diagram g.node.hl[data-node="gap_MON001"]')
    ghost.wait_for(timeout=UPDATE_MS)
    assert page.is_checked("#gaps")


def test_paths_outside_the_served_folder_are_not_found(shared_server: Server, page: Any) -> None:
    (shared_server.folder.parent / "secret.mlsd").write_text(FEED, encoding="utf-8")
    for path in (
        "spec/../secret.mlsd",
        "spec/%2e%2e/secret.mlsd",
        "spec/..%2fsecret.mlsd",
        "spec/%2fetc%2fpasswd",
    ):
        response = page.goto(shared_server.url + path)
        assert response.status == 404, path
        assert "Traceback" not in page.content()


def test_hostile_labels_are_shown_as_text_and_never_run(
    shared_server: Server, page: Any, tmp_path: Path
) -> None:
    page.add_init_script("window.alert = () => { window.pwned = true; };")
    open_spec(page, shared_server, "hostile.mlsd")
    assert page.title().startswith('Title with "quotes" & <b>tags</b>')
    assert page.inner_text("#title") == 'Title with "quotes" & <b>tags</b>'
    assert page.locator("h1 b, svg.diagram script, svg.diagram foreignObject, .side script").count() == 0
    node(page, "m").click()
    assert "<script>alert(1)</script>" in page.inner_text("#component")
    assert "<script>alert(1)</script>" in page.locator("svg.diagram").inner_html().replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    assert page.evaluate("window.pwned === undefined")
    page.screenshot(path=tmp_path / "hostile.png")
    page.goto(shared_server.url)
    page.click(f'tr[data-spec="{HOSTILE_NAME}"] a')
    page.wait_for_selector('svg.diagram g.node[data-node="ranker"]')
    assert page.inner_text(".head .spec-path") == HOSTILE_NAME
    assert page.title() == "Personalized feed — mlsd serve"
    assert page.locator("img").count() == 0 and page.evaluate("window.pwned === undefined")
