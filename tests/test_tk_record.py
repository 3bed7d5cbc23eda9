"""API document -> ingest metadata (index/tk/record.py): table tests."""
from __future__ import annotations

import pytest

from index.tk.client import DossierRef
from index.tk.record import ApiDocument, doc_type_of, extension_of, local_date


@pytest.mark.parametrize("soort, expected", [
    ("Motie", "motie"), ("Motie (gewijzigd/nader)", "motie"), ("Amendement", "amendement"),
    ("Gewijzigd amendement", "amendement"), ("Brief regering", "brief"), ("Brief commissie", "brief"),
    ("Verslag van een schriftelijk overleg", "verslag"), ("Antwoord schriftelijke vragen", "antwoord"),
    ("Schriftelijke vragen", "vragen"), ("Besluitenlijst", "besluitenlijst"), ("Voorstel van wet", "wet"),
    ("Memorie van toelichting", "wet"), ("Inbreng verslag schriftelijk overleg", "inbreng"),
    ("Bijlage", None), ("", None), (None, None),
])
def test_doc_type_from_soort(soort, expected):
    assert doc_type_of(soort) == expected


@pytest.mark.parametrize("datum, expected", [
    ("2025-04-01T00:00:00+02:00", "2025-04-01"),  # UTC would say 2025-03-31
    ("2025-12-31T23:30:00-01:00", "2025-12-31"), ("2025-03-12", "2025-03-12"), (None, None), ("gisteren", None),
])
def test_local_date_is_kept(datum, expected):
    assert local_date(datum) == expected


def test_extension_from_content_type():
    assert extension_of("application/pdf") == ".pdf"
    assert extension_of("application/vnd.openxmlformats-officedocument.wordprocessingml.document") == ".docx"
    assert extension_of("text/xml; charset=utf-8") == ".xml" and extension_of("image/png") == ".bin"


def record(**kw) -> ApiDocument:
    base = {"Id": "a1b2", "Soort": "Motie", "DocumentNummer": "2025D12345", "Volgnummer": 12,
            "Datum": "2025-03-12T00:00:00+01:00", "Titel": "Begroting SZW", "Onderwerp": "Motie van het lid X over Y",
            "ContentType": "application/pdf", "ContentLength": 10, "GewijzigdOp": "g", "ApiGewijzigdOp": "a",
            "Kamerstukdossier": [{"Nummer": 36200, "Toevoeging": "XV", "Titel": "Begroting"}],
            "DocumentActor": [{"ActorNaam": "B", "ActorFractie": "VVD", "Relatie": "Medeindiener"},
                              {"ActorNaam": "A", "ActorFractie": "BBB", "Relatie": "Indiener"},
                              {"ActorNaam": "Minister C", "ActorFractie": None, "Relatie": "Ondertekenaar"}]}
    return ApiDocument.from_json(base | kw)


def test_overrides_from_the_record():
    o = record().overrides(DossierRef.parse("36200"))
    assert o["dossier"] == "36200-XV-12"  # the Toevoeging as the API has it
    assert o["members"] == ["A (BBB)", "B (VVD)"]  # indiener first, no ondertekenaar
    assert (o["title"], o["date"], o["doc_type"], o["document_number"]) == (
        "Begroting SZW; Motie van het lid X over Y", "2025-03-12", "motie", "2025D12345")
    assert record(Volgnummer=-1).dossier_label(DossierRef.parse("36200-XV")) == "36200-XV"
    assert record(Onderwerp="begroting szw").title() == "Begroting SZW"
    assert record(Titel="", Onderwerp="").title() == ""
    assert record().file_name() == "2025D12345.pdf" and record(DocumentNummer=None).file_name() == "a1b2.pdf"
    assert record().version != record(ApiGewijzigdOp="b").version != record(GewijzigdOp="h").version
    with pytest.raises(ValueError, match="without Id"):
        ApiDocument.from_json({"Soort": "Motie"})
