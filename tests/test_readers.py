"""Tests for index.readers: generated fixtures per format, the shipped seeds, and the shared corpus.

Fixtures are built here (a hand-written PDF byte stream, python-docx documents,
XML/HTML strings); tests over ../shared/corpus skip when it is absent.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import docx as python_docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from index.readers import SkipFile, make_doc_id, read_file
from index.readers.textutil import decode_bytes, join_lines, normalize_ws, repair_mojibake

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_corpus"
INBRENG = SAMPLES / "2025D21651-inbreng-so-fiche-blueprint-cyber.txt"
EU_VERSLAG = SAMPLES / "2025-verslag-eu-raad-cyber-werksessies.txt"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus not available")


# --- fixture builders -----------------------------------------------------------


# the minimal-PDF builder is shared with the malformed-input corpus
from tests.malformed import make_pdf, scan_pdf  # noqa: E402


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


MOTIE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie><metadata><meta name="OVERHEIDop.externMetadataRecord" content="https://zoek.officielebekendmakingen.nl/kst-21501-02-3121/metadata.xml"/></metadata>
<kamerstuk><kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2024-2025</tekstregel></kamerstukkop>
<dossier><dossiernummer><dossiernr>21 501</dossiernr>-<raadnr>02</raadnr></dossiernummer><titel>Raad Algemene Zaken</titel></dossier>
<stuk><stuknr>Nr. <ondernummer kamer="2">3121</ondernummer></stuknr><titel>MOTIE VAN DE LEDEN CEDER EN VAN DER BURG</titel>
<datumtekst>Voorgesteld <datum isodatum="2025-04-10">10 april 2025</datum></datumtekst>
<algemeen><vrije-tekst><tekst status="goed"><al>De Kamer,</al><al>gehoord de beraadslaging,</al>
<al>verzoekt de regering humanitaire hulp te bepleiten,</al><al>en gaat over tot de orde van de dag.</al>
<al-groep><al>Ceder</al><al>Van der Burg</al></al-groep></tekst></vrije-tekst></algemeen></stuk></kamerstuk></officiele-publicatie>"""

HANDELINGEN_XML = """\ufeff
<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie>
 <metadata><meta content="https://zoek.officielebekendmakingen.nl/h-tk-20172018-70-10/metadata.xml" name="OVERHEIDop.externMetadataRecord"/></metadata>
 <handelingen><agendapunt><nr>10</nr><item-titel>
    Zorg voor ggz-cliënten
   </item-titel>
  <spreekbeurt><spreker><voorvoegsels>Mevrouw</voorvoegsels><naam><achternaam>
     Agema
    </achternaam></naam>
    (
    <politiek>
     PVV
    </politiek>
    ):
   </spreker><tekst><al-groep><al>
     Voorzitter. De coördinatie van de zorg is een probleem
     <nadruk type="vet">
      bij één op de drie
     </nadruk>
     , zei zij. Het kost €45.000 per cliënt.
    </al></al-groep></tekst></spreekbeurt>
  <spreekbeurt><spreker><voorvoegsels>Minister</voorvoegsels><naam><achternaam>De Jonge</achternaam></naam>:</spreker>
   <tekst><al>Ik ben het daar niet mee eens.</al></tekst></spreekbeurt>
 </agendapunt></handelingen></officiele-publicatie>"""

VLOS_XML = """\ufeff<?xml version="1.0" encoding="UTF-8"?><vlosCoreDocument xmlns="http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0">
<vergadering soort="Commissie"><titel>Digitale weerbaarheid</titel><datum>2025-07-03T00:00:00</datum>
<activiteit soort="Opening"><titel>Opening</titel><activiteithoofd><tekst><alinea><alineaitem>Aanvang 10.00 uur.</alineaitem></alinea></tekst></activiteithoofd></activiteit>
<activiteit soort="Commissiedebat"><titel>Digitale weerbaarheid</titel><activiteithoofd><activiteitdeel><activiteititem>
<woordvoerder><spreker><fractie>VVD</fractie><verslagnaam>Van der Burg</verslagnaam><functie>lid Tweede Kamer</functie></spreker>
<tekst><alinea><alineaitem>Wij willen meer investeren in cyberveiligheid.</alineaitem></alinea></tekst>
<interrumpant><spreker><verslagnaam>Brekelmans</verslagnaam><functie>minister van Defensie</functie></spreker>
<tekst><alinea><alineaitem>Dat doen wij al.</alineaitem><alineaitem>Zeker.</alineaitem></alinea></tekst></interrumpant>
</woordvoerder></activiteititem></activiteitdeel></activiteithoofd></activiteit></vergadering></vlosCoreDocument>"""

TK_HTML = """<!DOCTYPE html><html><head><title>Motie over cyber | Tweede Kamer der Staten-Generaal</title>
<script>var x = 'script tekst';</script><style>.a{}</style></head><body>
<div id="top">Direct naar de hoofdnavigatie</div><nav><ul><li>Home</li><li>Kamerleden</li></ul></nav>
<div class="breadcrumb-container">Home Kamerstukken</div>
<div id="header"><div class="paper-header"><h1>Motie</h1></div></div>
<div id="content-container"><h2>Stemmingsuitslag</h2><p>Besluit: Aangenomen.</p>
<table><tr><th>Fractie</th><th>Zetels</th></tr><tr><td>VVD</td><td>24</td></tr></table></div>
<div id="footer"><ul class="nav-footer"><li>Colofon</li><li>Disclaimer</li></ul></div></body></html>"""


# --- textutil -----------------------------------------------------------------------


def test_repair_mojibake_fixes_latin1_and_cp1252_double_encoding() -> None:
    clean = "Coördinatie: één café, “Buy European” – €5"
    latin1 = clean.encode("utf-8").decode("latin-1")
    cp1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in clean.encode("utf-8"))
    assert "Ã" in latin1 and "â€" in cp1252
    assert repair_mojibake(latin1) == clean
    assert repair_mojibake(cp1252) == clean
    assert repair_mojibake(clean) == clean


_DUTCH = st.text(alphabet=st.sampled_from(list("abcdeéëïöüèçABCZ €–“”’'.,;:()-\n0123456789")), max_size=80)


@settings(max_examples=200, deadline=None)
@given(_DUTCH)
def test_repair_mojibake_roundtrip_property(s: str) -> None:
    assert repair_mojibake(s.encode("utf-8").decode("latin-1")) == s
    assert repair_mojibake(s) == s  # clean text is never touched


def test_decode_bytes_handles_boms_utf16_and_cp1252() -> None:
    assert decode_bytes("\ufeffcoördinatie".encode("utf-8")) == "coördinatie"
    assert decode_bytes("coördinatie".encode("utf-16")) == "coördinatie"
    assert decode_bytes("coördinatie €".encode("cp1252")) == "coördinatie €"
    assert decode_bytes("Ã©Ã©n".encode("utf-8")) == "één"


def test_join_lines_hyphenation_rules() -> None:
    vocab = {"quantumveilige", "publiek-private"}
    assert join_lines("Nederland legde nadruk op AI-", "gedreven systemen", vocab).endswith("AI-gedreven systemen")
    assert join_lines("in Neder-", "land", vocab).endswith("Nederland")
    assert join_lines("naar quantum-", "veilige", vocab).endswith("quantumveilige")
    assert join_lines("de publiek-", "private samenwerking", vocab).endswith("publiek-private samenwerking")
    assert join_lines("Tweede Kamer der Staten-", "Generaal", vocab).endswith("Staten-Generaal")
    assert join_lines("publiek-", "en private", vocab) == "publiek- en private"
    assert join_lines("een", "zin", vocab) == "een zin"
    assert normalize_ws(" a\u00a0b\u00adc \n d ") == "a bc d"


# --- dispatch and bad input --------------------------------------------------------


def test_make_doc_id_is_slug_plus_path_hash(tmp_path: Path) -> None:
    path = write(tmp_path, "Motie Keijzer (2024)!.txt", "x")
    doc_id = make_doc_id(path)
    slug, digest = doc_id.rsplit("-", 1)
    assert slug == "motie-keijzer-2024" and len(digest) == 8
    assert make_doc_id(write(tmp_path, "a" * 80 + ".txt", "x")).startswith("a" * 48 + "-")
    other = tmp_path / "sub"
    other.mkdir()
    assert make_doc_id(write(other, "Motie Keijzer (2024)!.txt", "x")) != doc_id


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("leeg.txt", b"", "empty file"),
        ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Word .doc is not supported; save it as .docx or PDF"),
        ("junk.txt", bytes(range(256)) * 20, "binary content"),
        ("data.xyz", b"\x00\x01\x02\x03binary", "unsupported file type"),
        ("nep.pdf", b"dit is geen pdf", "not a PDF"),
        ("kapot.xml", b"geen xml hier", "not XML"),
        ("kapot.docx", b"PK\x03\x04" + b"\x00" * 100, "corrupt .docx"),
    ],
)
def test_bad_input_is_skipped_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile) as info:
        read_file(write(tmp_path, name, data))
    assert reason in info.value.reason


def test_max_bytes_limit_and_missing_file(tmp_path: Path) -> None:
    path = write(tmp_path, "groot.txt", "Een tekst die te groot is. " * 10)
    with pytest.raises(SkipFile, match="too large"):
        read_file(path, max_bytes=100)
    assert read_file(path).blocks
    with pytest.raises(SkipFile, match="not a regular file"):
        read_file(tmp_path / "bestaat-niet.txt")


def test_unexpected_parser_errors_become_skipfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.readers import text as text_reader

    def boom(path: Path, data: bytes) -> None:
        raise ValueError("parser exploded")

    monkeypatch.setattr(text_reader, "read_text", boom)
    with pytest.raises(SkipFile, match="ValueError: parser exploded"):
        read_file(write(tmp_path, "a.txt", "tekst"))


# --- PDF ------------------------------------------------------------------------------


def _report_pdf() -> bytes:
    header, footer = "Rapport Digitale Weerbaarheid 2025", "Tweede Kamer, vergaderjaar 2024–2025, nr. {n}"
    page1 = [header, "Vraag 1", "Hoe staat het met de coördinatie van cybercrises in Europa en",
             "wat doet Nederland?", "Antwoord 1", "Nederland legde nadruk op AI-",
             "gedreven systemen en post-quantum cryptografie om ook in de toekomst",
             "weerbaar te blijven. Daarom is het volgens het kabinet belangrijk",
             footer.format(n=1), "1"]
    page2 = [header, "dat lidstaten samenwerken bij de bescherming van kritieke infrastruc-",
             "tuur in Europa, zei de minister.",  # a short last line ends the paragraph
             "Een nieuwe alinea begint hier.", footer.format(n=2), "2"]
    return make_pdf([page1, page2])


def test_pdf_pages_headings_hyphens_and_running_headers(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "ah-tk-20242025-123.pdf", _report_pdf()))
    text = doc.text
    assert "Rapport Digitale Weerbaarheid" not in text  # running header on every page
    assert "Tweede Kamer, vergaderjaar" not in text  # running footer, page numbers differ
    assert not any(b.text in {"1", "2"} for b in doc.blocks)  # page-number-only lines
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["Vraag 1", "Antwoord 1"]
    ai = next(b for b in doc.blocks if "AI-gedreven" in b.text)
    assert ai.page == 1 and ai.section == "Antwoord 1"
    # the sentence crossing the page break is one paragraph; "infrastruc-/tuur" is rejoined
    assert "belangrijk dat lidstaten samenwerken" in ai.text and "infrastructuur" in ai.text
    assert doc.blocks[-1].text == "Een nieuwe alinea begint hier." and doc.blocks[-1].page == 2
    assert doc.dossier == "ah-tk-20242025-123" and doc.doc_type == "antwoord"


def test_pdf_speaker_labels_become_block_speakers(tmp_path: Path) -> None:
    pdf = make_pdf([["Staat van de Volkshuisvesting", "Mevrouw Beckerman (SP):",
                     "Helemaal eens. De huurverhoging kan 5,8% zijn.", "De voorzitter:", "Dank u wel."]])
    doc = read_file(write(tmp_path, "handelingen.pdf", pdf))
    by_text = {b.text: b.speaker for b in doc.blocks}
    assert by_text["Helemaal eens. De huurverhoging kan 5,8% zijn."] == "Beckerman (SP)"
    assert by_text["Dank u wel."] == "De voorzitter"
    assert doc.title == "Staat van de Volkshuisvesting"


@pytest.mark.parametrize("name, lines, title", [
    # a letter: the salutation and address are no title, its "Onderwerp" is
    ("kamerbrief.pdf", ["> Retouradres Postbus 20301 2500 EH Den Haag", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
                        "Postbus 20018", "Datum 1 maart 2011", "Onderwerp Draagmoederschap",
                        "Draagmoederschap is een complex onderwerp waar de samenleving zich betrokken bij voelt."],
     "Draagmoederschap"),
    # a besluitenlijst: its own document label, not the committee nor an agenda item's document
    ("besluitenlijst.pdf", ["Den Haag, 3 april 2009", "Voortouwcommissie: vaste commissie voor Binnenlandse Zaken",
                            "Document: Besluitenlijst van de procedurevergadering van donderdag 2 april 2009",
                            "Agendapunt: Brief over de Wet openbaarheid van bestuur", "Document: Brief van de minister van BZK"],
     "Besluitenlijst van de procedurevergadering van donderdag 2 april 2009"),
    # a report cover: the title set in short lines, not the caption of the cover picture
    ("rapport.pdf", ["Cybersecuritybeeld", "Nederland 2024",
                     "Coverbeeld: Statelijke actoren intensiveren hun activiteiten en verbreden hun capaciteiten.",
                     "Inhoudsopgave 3"], "Cybersecuritybeeld Nederland 2024"),
    # no title anywhere but a long first sentence: the descriptive file name is better
    ("1400405_Brief_aan_de_Tweede_Kamer_inzake_vragen_AO_Krimp.pdf",
     ["In deze brief beantwoord ik de vragen die tijdens het algemeen overleg over krimp in het onderwijs niet "
      "beantwoord konden worden omdat ik het overleg moest verlaten."],
     "Brief aan de Tweede Kamer inzake vragen AO Krimp"),
])
def test_pdf_title_is_the_documents_own_title(tmp_path: Path, name, lines, title) -> None:
    assert read_file(write(tmp_path, name, make_pdf([lines]))).title == title


def test_pdf_of_blank_pages_is_skipped_as_empty_not_as_scanned(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(SkipFile) as info:
        read_file(write(tmp_path, "leeg.pdf", buf.getvalue()))
    assert info.value.reason == "PDF has no text layer and no images: its 1 page(s) are empty or only drawings"


def test_image_only_pdf_gets_the_scanned_message(tmp_path: Path) -> None:
    with pytest.raises(SkipFile) as info:
        read_file(write(tmp_path, "scan.pdf", scan_pdf([None, None, None])))
    assert info.value.reason == ("PDF has no text layer (scanned?); run OCR first: "
                                 "3 of 3 page(s) are images without text")


def test_one_line_pdf_is_read(tmp_path: Path) -> None:
    """The issue's case: one valid line of text (42 characters, under the old 40-visible-
    character minimum) is a document."""
    doc = read_file(write(tmp_path, "motie.pdf", make_pdf([["Motie over cyberweerbaarheid van gemeenten"]])))
    assert [b.text for b in doc.blocks] == ["Motie over cyberweerbaarheid van gemeenten"] and not doc.warnings


def test_pdf_with_some_scanned_pages_keeps_the_text_and_names_the_scans(tmp_path: Path) -> None:
    pdf = scan_pdf([["Antwoord op vragen over de cyberweerbaarheid van gemeenten."], None, ["Pagina 3 van 3"]])
    doc = read_file(write(tmp_path, "deels-gescand.pdf", pdf))
    assert "cyberweerbaarheid van gemeenten" in doc.text
    assert doc.warnings == ["2 of 3 page(s) are images without text (scanned?) and are not indexed: "
                            "page(s) 2, 3; run OCR for them"]  # a page number alone is no text


def test_pdf_with_too_little_text_says_so(tmp_path: Path) -> None:
    with pytest.raises(SkipFile) as info:
        read_file(write(tmp_path, "nummers.pdf", make_pdf([["Pag. 1"], ["2"]])))
    assert info.value.reason == "PDF has too little text to index: 'Pag. 1 2' on 2 page(s), under 3 words and no images"


def test_encrypted_pdf_is_skipped(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(_report_pdf()))
    writer.encrypt(user_password="geheim", owner_password="eigenaar", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(SkipFile, match="encrypted"):
        read_file(write(tmp_path, "geheim.pdf", buf.getvalue()))


def test_pdf_motie_metadata_from_cover(tmp_path: Path) -> None:
    pdf = make_pdf([["Tweede Kamer der Staten-Generaal", "Vergaderjaar 2024–2025", "21 501-02 Raad Algemene Zaken",
                     "Nr. 3121 MOTIE VAN HET LID CEDER", "Voorgesteld 10 april 2025", "De Kamer,",
                     "verzoekt de regering hulp te bieden,", "en gaat over tot de orde van de dag.", "Ceder",
                     "Tweede Kamer, vergaderjaar 2024–2025, 21 501-02, nr. 3121"]])
    doc = read_file(write(tmp_path, "motie.pdf", pdf))
    assert (doc.title, doc.doc_type, doc.date) == ("MOTIE VAN HET LID CEDER", "motie", "2025-04-10")
    assert doc.dossier == "21501-02-3121" and doc.members == ["Ceder"]
    assert all(b.speaker == "Ceder" for b in doc.blocks)


# --- XML ----------------------------------------------------------------------------------


def test_tk_motie_xml(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "motie.xml", MOTIE_XML))
    assert doc.title == "MOTIE VAN DE LEDEN CEDER EN VAN DER BURG"
    assert (doc.doc_type, doc.dossier, doc.date) == ("motie", "21501-02-3121", "2025-04-10")
    assert doc.members == ["Ceder", "Van der Burg"]
    assert {b.speaker for b in doc.blocks} == {"Ceder, Van der Burg"}
    assert "Vergaderjaar" not in doc.text  # kamerstukkop boilerplate
    texts = [b.text for b in doc.blocks]
    assert texts.count("verzoekt de regering humanitaire hulp te bepleiten,") == 1
    assert any(b.kind == "heading" and b.text == "Raad Algemene Zaken" for b in doc.blocks)


def test_double_encoded_handelingen_is_repaired(tmp_path: Path) -> None:
    mojibake = HANDELINGEN_XML.encode("utf-8").decode("latin-1")
    assert "Ã" in mojibake
    doc = read_file(write(tmp_path, "h-tk-20172018-70-10.xml", mojibake))
    assert "Ã" not in doc.text and "Â" not in doc.text
    assert doc.title == "Zorg voor ggz-cliënten" and doc.doc_type == "handelingen"
    agema = next(b for b in doc.blocks if b.speaker == "Agema (PVV)")
    assert agema.text == "Voorzitter. De coördinatie van de zorg is een probleem bij één op de drie, zei zij. Het kost €45.000 per cliënt."
    assert agema.section == "Zorg voor ggz-cliënten"
    assert any(b.speaker == "De Jonge (minister)" for b in doc.blocks)
    assert doc.members == ["Agema (PVV)"] and doc.dossier == "h-tk-20172018-70-10"
    assert any("double-encoded" in w for w in doc.warnings)


def test_malformed_xml_is_recovered_with_warning(tmp_path: Path) -> None:
    broken = "<officiele-publicatie><kamerstuk><titel>Brief van de minister</titel><al>Eerste alinea.</al><al>Tweede alinea & meer"
    doc = read_file(write(tmp_path, "kapot.xml", broken))
    assert "Eerste alinea." in doc.text and "Tweede alinea" in doc.text
    assert any(w.startswith("partial extraction:") for w in doc.warnings)


def test_unparseable_xml_falls_back_to_tag_stripping(tmp_path: Path) -> None:
    from index.readers.tkxml import strip_tags_fallback

    blocks = strip_tags_fallback("<doc <al>Tekst &amp; uitleg</al><al>Nog een</al><metadata>weg</metadata>")
    assert [b.text for b in blocks] == ["Tekst & uitleg", "Nog een"]
    with pytest.raises(SkipFile):
        read_file(write(tmp_path, "leeg.xml", "<officiele-publicatie></officiele-publicatie>"))


def test_vlos_xml_speakers_sections_and_title(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "vlos.xml", VLOS_XML))
    assert (doc.doc_type, doc.date, doc.title) == ("verslag", "2025-07-03", "Digitale weerbaarheid")
    vvd = next(b for b in doc.blocks if "cyberveiligheid" in b.text)
    assert vvd.speaker == "Van der Burg (VVD)" and vvd.section == "Digitale weerbaarheid"
    minister = next(b for b in doc.blocks if b.text == "Dat doen wij al. Zeker.")
    assert minister.speaker == "Brekelmans (minister van Defensie)"
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Opening", "Digitale weerbaarheid"]
    assert doc.members == ["Van der Burg (VVD)"]


# --- HTML, DOCX, text -----------------------------------------------------------------------


def test_html_drops_site_chrome(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "page.html", TK_HTML))
    text = doc.text
    for chrome in ("Direct naar", "Kamerleden", "Colofon", "script tekst", "Home Kamerstukken"):
        assert chrome not in text
    assert doc.title == "Motie over cyber"
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Motie", "Stemmingsuitslag"]
    assert "Besluit: Aangenomen." in text and "VVD | 24" in text
    assert next(b for b in doc.blocks if b.text == "VVD | 24").section == "Stemmingsuitslag"


def _docx_bytes() -> bytes:
    d = python_docx.Document()
    d.add_heading("Inleiding", level=1)
    d.add_paragraph("De Kamer, gehoord de beraadslaging,")
    table = d.add_table(rows=1, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Tekst in een samengevoegde cel."
    d.add_heading("Slot", level=2)
    d.add_paragraph("Laatste alinea.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_headings_tables_and_merged_cells(tmp_path: Path) -> None:
    doc = read_file(write(tmp_path, "stuk.docx", _docx_bytes()))
    texts = [b.text for b in doc.blocks]
    assert texts == ["Inleiding", "De Kamer, gehoord de beraadslaging,", "Tekst in een samengevoegde cel.",
                     "Slot", "Laatste alinea."]
    assert [b.kind for b in doc.blocks].count("heading") == 2
    assert doc.blocks[-1].section == "Slot"


def test_docx_zip_bomb_is_refused(tmp_path: Path) -> None:
    from index.readers.docx import check_zip

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (3 * 1024 * 1024))
    with pytest.raises(SkipFile, match="zip bomb"):
        read_file(write(tmp_path, "bom.docx", buf.getvalue()))
    with pytest.raises(SkipFile, match="zip bomb"):
        check_zip(_docx_bytes(), max_total=1000)
    check_zip(_docx_bytes())  # a normal document passes


def test_text_encodings_and_markdown(tmp_path: Path) -> None:
    for i, enc in enumerate(("utf-8-sig", "utf-16", "cp1252")):
        doc = read_file(write(tmp_path, f"t{i}.txt", "Coördinatie van één crisis.\n".encode(enc)))
        assert doc.text == "Coördinatie van één crisis."
    md = read_file(write(tmp_path, "notitie.md", "# Titel van de notitie\n\nEerste regel\nloopt door.\n"))
    assert [(b.kind, b.text) for b in md.blocks] == [("heading", "Titel van de notitie"),
                                                      ("paragraph", "Eerste regel loopt door.")]


# --- shipped seeds (always present) ----------------------------------------------------------


def test_seed_inbreng_drops_site_chrome_and_keeps_metadata() -> None:
    doc = read_file(INBRENG)
    text = doc.text
    assert "[overzicht]" not in text and "Directe link" not in text and "Gerelateerde personen" not in text
    assert "Preview document" not in text and "Onderdeel van zaak" not in text
    assert doc.title.startswith("Inbreng verslag van een schriftelijk overleg over het Fiche")
    assert "Nummer: 2025D21651, datum: 2025-05-15" in text
    assert (doc.date, doc.dossier, doc.doc_type) == ("2025-05-15", "22112-4018", "inbreng")
    assert doc.doc_id.startswith("2025d21651-inbreng-so-fiche-blueprint-cyber-")


def test_seed_inbreng_sections_and_fractie_speakers() -> None:
    doc = read_file(INBRENG)
    pvv = next(b for b in doc.blocks if b.text.startswith("De leden van de PVV-fractie constateren allereerst"))
    assert pvv.section == "Vragen en opmerkingen van de leden van de PVV-fractie" and pvv.speaker == "PVV"
    bbb = next(b for b in doc.blocks if b.text.startswith("Tot slot vragen zij waarom"))
    assert bbb.section == "Vragen en opmerkingen van de leden van de BBB-fractie" and bbb.speaker == "BBB"
    gl = next(b for b in doc.blocks if b.text.startswith("Deze leden steunen de roep om een robuuste"))
    assert gl.speaker == "GroenLinks-PvdA"  # its heading is missing in the source; the paragraph names it
    assert any(b.kind == "heading" and b.text == "2025D21651 INBRENG VERSLAG VAN EEN SCHRIFTELIJK OVERLEG"
               for b in doc.blocks)


def test_seed_eu_verslag_paragraphs_and_headings() -> None:
    doc = read_file(EU_VERSLAG)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert headings == ["1. Werksessie I: Cybercrisismanagement", "2. Werklunch: Civiel-militaire samenwerking",
                        "3. Werksessie II: Cyberinvesteringen"]
    text = doc.text
    assert "AI-gedreven systemen" in text and "publiek-private samenwerking" in text
    # sentences split by a page gap are rejoined into one block
    assert any("Daarom is het belangrijk dat lidstaten met een integrale blik" in b.text for b in doc.blocks)
    assert any("European Cybersecurity Competence Centre (ECCC)" in b.text for b in doc.blocks)
    assert "(“Buy European”)" in text and "gecoördineerde" in text
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    assert all(b.text.rstrip()[-1] in ".?!:" for b in paras)  # no paragraph stops mid-sentence
    assert len(paras) == 11 and doc.doc_type == "verslag"
    assert next(b for b in paras if "Competence Centre" in b.text).section == "3. Werksessie II: Cyberinvesteringen"


# --- the shared corpus (skipped when ../shared/corpus is absent) ------------------------------


@needs_corpus
def test_corpus_motie_xml_keijzer() -> None:
    doc = read_file(CORPUS / "motiematcher" / "kst-19637-3220.xml")
    assert (doc.title, doc.dossier, doc.date, doc.doc_type) == (
        "MOTIE VAN HET LID KEIJZER", "19637-3220", "2024-03-26", "motie")
    assert doc.members == ["Keijzer"] and all(b.speaker == "Keijzer" for b in doc.blocks)
    assert any("topprioriteit zijn voor Nederland" in b.text for b in doc.blocks)


@needs_corpus
def test_corpus_motie_dossier_variants() -> None:
    assert read_file(CORPUS / "motiematcher" / "kst-36600-VI-119.xml").dossier == "36600-VI-119"
    nader = read_file(CORPUS / "motiematcher" / "kst-36600-VI-119.xml")
    assert nader.date == "2024-12-03"  # from "Voorgesteld 3december 2024": no isodatum in this file
    assert read_file(CORPUS / "plooi" / "kst-32545-143.xml").members == ["Inge van Dijk", "Grinwis"]


@needs_corpus
def test_corpus_handelingen_repaired_with_speakers() -> None:
    doc = read_file(CORPUS / "nelson-am-handelingen" / "h-tk-20172018-70-10.xml")
    assert "Ã" not in doc.text and "€45.000" in doc.text
    assert doc.title == "125 miljoen euro voor woningcorporatie Humanitas"
    speakers = {b.speaker for b in doc.blocks}
    assert {"Koerhuis (VVD)", "De voorzitter"} <= speakers
    assert any(s.endswith("(minister)") for s in speakers)


@needs_corpus
def test_corpus_vlos_verslag() -> None:
    path = next((CORPUS / "vlos-vergaderverslagen").glob("sample_vlos_e714e7d8*.xml"))
    doc = read_file(path)
    assert (doc.doc_type, doc.date, doc.title) == ("verslag", "2025-07-03", "Artikel 100-bijdrage aan EUFOR Althea")
    assert any(b.speaker == "Kahraman (NSC)" and b.section == "Artikel 100-bijdrage aan EUFOR Althea" for b in doc.blocks)
    assert any(b.speaker == "Brekelmans (minister van Defensie)" for b in doc.blocks)


@needs_corpus
def test_corpus_tweedekamer_html_without_chrome() -> None:
    doc = read_file(CORPUS / "openkamer" / "2015P02267.html")
    assert doc.title == "Moties ingediend bij Wet auteurscontractenrecht"
    for chrome in ("Direct naar de hoofdnavigatie", "Colofon", "Deel dit via", "Plenaire vergaderingen"):
        assert chrome not in doc.text
    assert any(b.kind == "heading" and b.text.startswith("Motie van het lid Helder") for b in doc.blocks)


@needs_corpus
def test_corpus_kamervragen_pdf() -> None:
    doc = read_file(CORPUS / "learninglion-kamervragen" / "1c0f765c-d7b4-455e-a241-35a4e9a9dc36.pdf")
    assert doc.title == "Antwoord op vragen van lid Sneller over ‘Quantumproof encryptie’"
    assert (doc.date, doc.dossier, doc.doc_type) == ("2024-03-07", "ah-tk-20232024-1178", "antwoord")
    assert "Aanhangsel 2" not in doc.text and "ISSN" not in doc.text  # footers and colophon
    vraag2 = [b for b in doc.blocks if b.section == "Vraag 2" and b.kind == "paragraph"]
    assert vraag2 and vraag2[0].text == "Welke kansen en risicos ziet u op het gebied van quantum?"
    assert vraag2[0].page == 2


def test_pdf_spacing_accents_are_composed_with_their_letter() -> None:
    """Some PDF fonts draw an accent as its own spacing glyph after the letter: pypdf reads
    "Yes¸ilgöz-Zegerius"; the reader gives the name as written, so a search or an actor
    filter on "Yeşilgöz" finds it. A lone accent with no letter before it stays."""
    from index.readers.pdf import _clean_line

    assert _clean_line("Antwoord van Minister Yes¸ilgöz-Zegerius") == "Antwoord van Minister Yeşilgöz-Zegerius"
    assert _clean_line("Kovac´") == "Kovać"
    assert _clean_line("10 ¸ x") == "10 ¸ x"


@needs_corpus
def test_corpus_kamervragen_pdf_accented_answerer() -> None:
    doc = read_file(CORPUS / "learninglion-kamervragen" / "1bb0809b-f36a-48b7-9ef9-a96ed52c5b6d.pdf")
    assert doc.answerer.startswith("Yeşilgöz-Zegerius (minister van") and "¸" not in doc.text


@needs_corpus
def test_corpus_docx_and_doc() -> None:
    docx_doc = read_file(CORPUS / "parlementaire-monitor" / "09b97518-8d7c-4a90-a090-28e45bc44920.docx")
    assert (docx_doc.title, docx_doc.dossier, docx_doc.date) == (
        "GEWIJZIGDE MOTIE VAN HET LID CLAASSEN", "36682-10", "2025-04-22")
    assert docx_doc.members == ["Claassen"]
    with pytest.raises(SkipFile, match="legacy Word .doc is not supported"):
        read_file(next((CORPUS / "parlementaire-monitor").glob("*.doc")))


@needs_corpus
def test_corpus_smoke_every_file() -> None:
    """Read every corpus file: only SkipFile may escape; report counts."""
    read, skipped, errors = Counter(), Counter(), []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        if path.name in {"README.md", "MANIFEST.tsv", "SOURCES.tsv"}:
            continue
        try:
            doc = read_file(path)
        except SkipFile as exc:
            skipped[f"{path.suffix}: {exc.reason}"] += 1
            continue
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        read[path.parent.name] += 1
        assert doc.blocks and doc.doc_id and doc.source_path == str(path.resolve())
        if path.parent.name == "nelson-am-handelingen":
            assert doc.text.strip() and "Ã" not in doc.text, path
        if path.parent.name == "motiematcher":
            assert doc.doc_type == "motie" and doc.dossier and doc.date, path
    print(f"\nread {sum(read.values())}: {dict(read)}\nskipped {sum(skipped.values())}: {dict(skipped)}")
    assert not errors, errors
    assert skipped == Counter({".doc: legacy Word .doc is not supported; save it as .docx or PDF": 1})
    assert read["motiematcher"] == 1044 and read["nelson-am-handelingen"] == 16 and read["vlos-vergaderverslagen"] == 20
