"""The Standpunten tab in a real Chromium: ask a topic, see the table, click a citation,
see the highlighted sentence; screenshots at 1280 and 390 px in tests/artifacts/."""
from __future__ import annotations

import pytest

from tests.test_browser import ARGS, ARTIFACTS, CHROMIUM, app_url  # noqa: F401 - the shared app fixture

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent")]


def test_positions_tab_table_citation_and_screenshots(app_url):  # noqa: F811
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(app_url)
        page.get_by_role("tab", name="Standpunten").click()
        page.locator("#pos-topic textarea").fill("Blueprint Cyber")
        page.locator("#pos-go").click()
        page.wait_for_selector("#pos-table .pos-actor")
        actors = page.locator("#pos-table .pos-actor h4").all_inner_texts()
        assert sum(any(a.startswith(f) for a in actors) for f in ("PVV", "GL-PvdA", "VVD", "NSC", "BBB")) >= 4
        assert page.locator("#pos-table .stance").count() >= 5
        assert page.locator("#pos-timeline sup.cite").count() == page.locator("#pos-table sup.cite").count()
        vvd = page.locator('#pos-table .pos-actor[data-actor="VVD"]')
        quote = vvd.locator("li").first.inner_text().split("“", 1)[1].split("”", 1)[0]
        chip = vvd.locator("sup.cite").first
        n = chip.get_attribute("data-n")
        chip.click()
        card = page.locator(f"#src-pos-{n}")
        page.wait_for_selector(f"#src-pos-{n}.flash")
        assert quote.startswith(card.locator("mark").first.inner_text().strip()[:40])
        assert page.locator("#pos-csv").is_enabled() and page.locator("#pos-md").is_enabled()
        page.screenshot(path=str(ARTIFACTS / "positions-1280.png"), full_page=True)
        page.locator("#pos-timeline sup.cite").last.click()  # a timeline dot opens its statement too
        page.wait_for_selector("#pos-sources .source.flash")
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / "positions-390.png"), full_page=True)
        table, src = page.locator("#pos-table").bounding_box(), page.locator("#pos-sources").bounding_box()
        assert src["y"] > table["y"] and src["width"] <= 390
        browser.close()
