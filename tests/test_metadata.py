"""Tests for index.metadata: document type, dossier, date, title and indiener heuristics."""
from __future__ import annotations

import pytest

from index.metadata import (
    clean_title,
    detect_doc_type,
    dossier_from_lines,
    extract_date,
    extract_dossier,
    kamerstuk_title,
    members_from_motie_text,
    members_from_motie_title,
    title_case_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamerstuk 22 112, nr. 4018", "22112-4018"),
        ("(Kamerstuk 22112-4018)", "22112-4018"),
        ("Kamerstuk 22 112-4018", "22112-4018"),
        ("zie 21 501-02, nr. 3121", "21501-02-3121"),
        ("Kamerstukken II 2023/24, 36 410 IV, nr. 15", "36410-IV-15"),
        ("kst-21501-02-3121.pdf", "21501-02-3121"),
        ("kst-36600-VI-119.xml", "36600-VI-119"),
        ("ah-tk-20202021-3235.xml", "ah-tk-20202021-3235"),
        ("h-tk-20172018-70-10", "h-tk-20172018-70-10"),
        ("Vergaderjaar 2023-2024", None),
        ("Er zijn 22 112 mensen.", None),
    ],
)
def test_extract_dossier(text: str, expected: str | None) -> None:
    assert extract_dossier(text) == expected


def test_extract_dossier_prefers_own_identifier_over_citations() -> None:
    text = "ah-tk-20232024-1178\n3 Kamerstuk 21 501-02, nr. 2498"
    assert extract_dossier(text) == "ah-tk-20232024-1178"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nummer: 2025D21651, datum: 2025-05-15, bijgewerkt: 2025-05-30 12:17", "2025-05-15"),
        ("Voorgesteld 26 maart 2024", "2024-03-26"),
        ("Voorgesteld 3december 2024", "2024-12-03"),
        ("(ingezonden 16 januari 2024). Antwoord (ontvangen 7 maart 2024).", "2024-03-07"),
        ("Den Haag, 28 oktober 2016", "2016-10-28"),
        ("Donderdag 8 februari 2018", "2018-02-08"),
        ("Vergaderjaar 2023-2024", None),
        ("31 februari 2024", None),
        ("geen datum hier", None),
    ],
)
def test_extract_date(text: str, expected: str | None) -> None:
    assert extract_date(text) == expected


@pytest.mark.parametrize(
    ("title", "text", "path", "expected"),
    [
        ("MOTIE VAN HET LID KEIJZER", "", "kst-19637-3220.xml", "motie"),
        ("Vreemdelingenbeleid; Motie van het lid Podt over opvang", "", "x.xml", "motie"),
        ("GEWIJZIGDE MOTIE VAN HET LID CLAASSEN", "", "a.docx", "motie"),
        ("AMENDEMENT VAN HET LID X", "", "a.pdf", "amendement"),
        ("Inbreng verslag van een schriftelijk overleg over het Fiche: Aanbeveling Blueprint Cyber", "", "s.txt", "inbreng"),
        ("Antwoord op vragen van het lid Van Zanten over de reactie op de motie van het lid Van Zanten", "", "u.pdf", "antwoord"),
        ("Vragen van het lid Sneller", "", "u.pdf", "vragen"),
        ("Iets", "", "ah-tk-20202021-3235.pdf", "antwoord"),
        ("Handelingen", "", "h-tk-20172018-70-10.xml", "handelingen"),
        ("Staat van de Volkshuisvesting", "De voorzitter:\nAan de orde is het tweeminutendebat", "x.pdf", "handelingen"),
        ("Fiche 5: Herziening verordening", "", "f.pdf", "fiche"),
        ("Besluitenlijst procedurevergadering", "", "b.pdf", "besluitenlijst"),
        ("Verslag (Commissie) Politie", "", "v.xml", "verslag"),
        ("Kamerbrief Draagmoederschap", "", "k.pdf", "brief"),
        ("Onderwerp", "> Retouradres Postbus 20301", "k.pdf", "brief"),
        ("Ter inzage", "", "stcrt.xml", "staatscourant"),
        ("Besluit van 9 maart 2018", "", "stb.xml", "wet"),
        ("Jaarplan 2024", "Belastingen zijn onmisbaar.", "jaarplan.pdf", "document"),
    ],
)
def test_detect_doc_type(title: str, text: str, path: str, expected: str) -> None:
    assert detect_doc_type(title, text, path) == expected


def test_clean_title_drops_site_suffix_and_whitespace() -> None:
    raw = "Moties ingediend bij Wet\n auteurscontractenrecht | Tweede Kamer der Staten-Generaal"
    assert clean_title(raw) == "Moties ingediend bij Wet auteurscontractenrecht"
    assert clean_title("x" * 400).endswith("…")
    assert len(clean_title("woord " * 100)) <= 301


def test_title_case_name_keeps_tussenvoegsels_lowercase() -> None:
    assert title_case_name("VAN DER BURG") == "Van der Burg"
    assert title_case_name("RIKKERS-OOSTERKAMP") == "Rikkers-Oosterkamp"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS", ["Inge van Dijk", "Grinwis"]),
        ("GEWIJZIGDE MOTIE VAN HET LID KLAVER C.S.", ["Klaver"]),
        ("MOTIE VAN BOON EN WILDERS", ["Boon", "Wilders"]),
        ("Europese Raad; Motie van het lid Van der Burg c.s. over Libanon", ["Van der Burg"]),
        ("Brief van de minister", []),
    ],
)
def test_members_from_motie_title(title: str, expected: list[str]) -> None:
    assert members_from_motie_title(title) == expected


def test_members_from_motie_text_reads_names_after_dictum() -> None:
    paras = ["De Kamer,", "verzoekt de regering iets te doen,", "en gaat over tot de orde van de dag.",
             "Inge van Dijk", "Grinwis", "Dit is een lange zin die geen naam is."]
    assert members_from_motie_text(paras) == ["Inge van Dijk", "Grinwis"]
    assert members_from_motie_text(["geen dictum"]) == []


def test_dossier_and_title_from_kamerstuk_layout_lines() -> None:
    lines = ["TWEEDE KAMER DER STATEN-GENERAAL", "2", "Vergaderjaar 2024-2025", "36 682",
             "Wijziging van een aantal wetten", "Nr. 10", "GEWIJZIGDE MOTIE VAN HET LID CLAASSEN"]
    assert dossier_from_lines(lines) == "36682-10"
    assert kamerstuk_title(["Nr. 3121 MOTIE VAN HET LID CEDER"]) == "MOTIE VAN HET LID CEDER"
    assert kamerstuk_title(["Geen titel"]) is None
