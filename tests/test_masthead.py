"""The printed masthead of a Kamer publication ("Tweede Kamer der Staten-Generaal", "Vergaderjaar
2023–2024", "Aanhangsel van de Handelingen", "Vragen gesteld door de leden der Kamer, ...") is read
for the document's type, date and askers, and is then no passage text (it showed up as related
passages' shared reason "Vergaderjaar")."""
from __future__ import annotations

from index.readers import read_file
from index.readers.textutil import strip_masthead
from index.types import Block
from tests.malformed import make_pdf

PAGE = ["Tweede Kamer der Staten-Generaal", "2", "Vergaderjaar 2023–2024 Aanhangsel van de Handelingen",
        "Vragen gesteld door de leden der Kamer, met de daarop door de", "regering gegeven antwoorden", "1314",
        "Vragen van de leden Ceder (ChristenUnie) en Dobbe (SP) aan de Minister van", "Buitenlandse Zaken over Jemen "
        "(ingezonden 5 juni 2024).", "", "Antwoord van Minister Bruins Slot (BZ) (ontvangen 28 juni 2024).", "",
        "Vraag 1", "Bent u bekend met de oproep van humanitaire organisaties in Jemen?", "", "Antwoord 1",
        "Ja, het kabinet kent die oproep en steunt de humanitaire hulp aan Jemen."]


def test_a_kamervragen_pdf_keeps_its_type_and_askers_but_loses_its_masthead(tmp_path):
    path = tmp_path / "ah-tk-20232024-2129.pdf"
    path.write_bytes(make_pdf([PAGE]))
    doc = read_file(path)
    assert doc.doc_type == "antwoord"
    assert doc.members == ["Ceder (ChristenUnie)", "Dobbe (SP)"]
    text = "\n".join(b.text for b in doc.blocks)
    for formula in ("Staten-Generaal", "Vergaderjaar", "Aanhangsel", "Vragen gesteld door de leden der Kamer"):
        assert formula not in text
    assert doc.blocks[0].text.startswith("Vragen van de leden Ceder (ChristenUnie)")
    assert "Ja, het kabinet kent die oproep" in text


def test_only_a_leading_masthead_goes():
    blocks = [Block("1 Inleiding"), Block("Vergaderjaar 2023–2024 is het jaar van de begroting.")]
    assert [b.text for b in strip_masthead(blocks)] == ["1 Inleiding", blocks[1].text]
    later = [Block("Het kabinet antwoordt."), Block("Tweede Kamer der Staten-Generaal")]
    assert strip_masthead(later) == later
    kst = [Block("Tweede Kamer der Staten-Generaal"), Block("Vergaderjaar 2020–2021 32 545 Wet- en regelgeving Nr. 143")]
    assert [b.text for b in strip_masthead(kst)] == ["32 545 Wet- en regelgeving Nr. 143"]  # the dossier number stays


def test_the_page_footer_printed_once_in_a_two_page_document_goes(tmp_path):
    page2 = ["Vraag 2", "Hoeveel geld gaat er naar humanitaire hulp voor Jemen in 2024?", "", "Antwoord 2",
             "Het kabinet draagt in 2024 twaalf miljoen euro bij aan de humanitaire hulp.", "",
             "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2"]
    path = tmp_path / "ah-tk-20232024-2129.pdf"
    path.write_bytes(make_pdf([PAGE + ["’s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1"], page2]))
    text = "\n".join(b.text for b in read_file(path).blocks)
    assert "vergaderjaar" not in text.lower()
    assert "twaalf miljoen euro bij aan de humanitaire hulp" in text
