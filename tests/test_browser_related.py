"""The related tab in a real Chromium: cards grouped per dossier, with titles and the
shared subject terms as chips (issue 18); a screenshot in tests/artifacts/."""
from __future__ import annotations

import re

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, app_url, browser  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent")]

PASTED = ("Overweegt het kabinet om in Nederland strategische publieke DNS-capaciteit op te bouwen, "
          "met DNS-diversificatie en redundantie van de DNS-infrastructuur?")


def test_related_tab_shows_titles_dossiers_and_shared_terms(app_url, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(20_000)
    page.goto(app_url)
    page.get_by_role("tab", name="Gerelateerde passages").click()
    page.locator("#related-text textarea").fill(PASTED)
    page.locator("#related-go").click()
    page.wait_for_selector("#related-out .source.related")
    cards = page.locator("#related-out .source.related")
    assert cards.count() >= 1
    title = cards.first.locator(".source-title").inner_text()
    assert re.search(r"[a-z]{4,}", title) and not re.search(r"[0-9a-f]{32}", title)
    assert page.locator("#related-out .related-dossier").count() >= 1
    chips = [c.inner_text() for c in page.locator("#related-out .because-chip").all()]
    assert any("DNS" in c for c in chips), chips
    page.screenshot(path=str(ARTIFACTS / "related-because-1280.png"), full_page=True)
