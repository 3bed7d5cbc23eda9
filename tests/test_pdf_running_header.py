"""Issue 13 item 10: a running header printed on every other page (left/right pages of a
report) must not be glued into a quoted sentence."""
from __future__ import annotations

from pathlib import Path

import pytest

from index.readers.pdf import read_pdf
from tests.malformed import make_pdf

HEADER = "NCTV | Cybersecuritybeeld Nederland 2024"


def _pages(n: int = 12) -> list[list[str]]:
    pages = []
    for i in range(n):
        w = ["april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december", "januari",
             "februari", "maart"][i]
        body = [f"Deze paragraaf beschrijft de maand {w} en wat daarin gebeurde.",
                f"In {w} waren er bij de overheid storingen toen er", "problemen waren met een leverancier van",
                f"software voor gemeenten in de maand {w}.", f"Daarna volgde herstel in {w} met hulp van het NCSC.",
                f"De schade in {w} was beperkt, meldden de betrokken organisaties.", f"Einde van het deel over {w}."]
        # the header on fewer than half of the pages (right-hand pages only, none on full-page
        # figures), as in the Cybersecuritybeeld PDF: 22 of its 62 pages
        pages.append(([str(i + 1), HEADER] if i % 3 == 1 else [str(i + 1)]) + body)
    return pages


def test_header_on_alternate_pages_is_removed(tmp_path):
    doc = read_pdf(Path(tmp_path / "csbn.pdf"), make_pdf(_pages()))
    text = "\n".join(b.text for b in doc.blocks)
    assert HEADER not in text
    assert "storingen toen er problemen waren met een leverancier" in text


def test_a_sentence_repeated_on_some_pages_is_kept(tmp_path):
    pages = _pages()
    for p in pages[::3]:
        p.append("Dit is een volledige zin die op enkele pagina's terugkomt.")
    doc = read_pdf(Path(tmp_path / "csbn.pdf"), make_pdf(pages))
    assert "Dit is een volledige zin die op enkele pagina's terugkomt." in "\n".join(b.text for b in doc.blocks)


CSBN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "woo-hoo-overheidsdocumenten" / "cybersecuritybeeld_nederland_2024.pdf"


@pytest.mark.corpus
@pytest.mark.skipif(not CSBN.exists(), reason="shared corpus absent")
def test_cybersecuritybeeld_has_no_running_header_in_its_text():
    doc = read_pdf(CSBN, CSBN.read_bytes())
    text = "\n".join(b.text for b in doc.blocks)
    assert "NCTV | Cybersecuritybeeld Nederland 2024" not in text
    assert len(text) > 50_000  # the body is kept


def test_header_glued_to_a_section_title_is_cut_off():
    from index.readers.pdf import _strip_running

    body = ["Een zin over de eerste maand.", "Een zin over de tweede maand.", "Nog een zin.", "Slot van de pagina."]
    pages = [[str(i), HEADER, *body] for i in range(1, 5)] + [["5", f"{HEADER} 2 Jaarbeeld", *body]]
    assert _strip_running(pages)[-1][0] == "2 Jaarbeeld"
