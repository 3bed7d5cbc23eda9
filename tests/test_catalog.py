"""assistant/catalog.py: readable filter choices, typed values matched or refused with
suggestions, undated documents counted, the catalog refreshed when the store changes."""
from __future__ import annotations

from collections import Counter

import pytest

from assistant.catalog import Catalog, DocEntry, UnknownValue, actor_label, catalog
from index.store import Filters
from tests.conftest import SAMPLE


def _doc(i, title, dossier=None, date=None, doc_type="motie", actors=()):
    number = dossier.rsplit("-", 1)[0] if dossier and "-" in dossier else dossier
    return DocEntry(f"d{i}", title, doc_type, date, dossier, number, f"f{i}.txt", 1, set(actors))


DOCS = [
    _doc(1, "Cyberbeveiligingswet; Motie van het lid Kathmann", "36682-10", "2025-03-01", actors={"VVD", "Kathmann (GL-PvdA)"}),
    _doc(2, "Cyberbeveiligingswet; Motie van het lid Six Dijkstra", "36682-11", None, actors={"NSC"}),
    _doc(3, "Verslag van een schriftelijk overleg", "22112-4018", None, "verslag", actors={"Nederland"}),
    _doc(4, "Handelingen", None, None, "handelingen", actors={"Baudet (FVD)"}),
]
RAW = Counter({"VVD": 10, "NSC": 3, "Nederland": 5, "Baudet (FVD)": 2, "Baudet (FvD)": 1, "Kathmann (GL-PvdA)": 1,
               "Bamenga, Dobbe": 1, "Dobbe (SP)": 1})


def test_actor_labels_are_normalised_and_parties_come_first():
    assert actor_label("vvd", {}) == ["VVD"]
    assert actor_label("Baudet (FVD)", {}) == ["Baudet (FvD)"]
    assert actor_label("Bamenga, Dobbe", {"Dobbe": "SP"}) == ["Bamenga", "Dobbe (SP)"]
    labels = [lab for lab, _ in Catalog(DOCS, RAW).actor_choices()]
    assert labels[:2] == ["NSC", "VVD"] and labels[2] == "Nederland"
    assert labels.count("Baudet (FvD)") == 1 and "Baudet (FVD)" not in labels  # one spelling per person
    assert "Dobbe (SP)" in labels and "Bamenga" in labels


def test_dossier_choices_carry_titles():
    choices = dict(Catalog(DOCS, RAW).dossier_choices())
    assert choices["36682 — Cyberbeveiligingswet"] == "36682"
    assert choices["22112 — Verslag van een schriftelijk overleg"] == "22112"


def test_typed_values_match_or_are_refused_with_suggestions():
    cat = Catalog(DOCS, RAW)
    assert cat.match("actor", "vvd") == "VVD" and cat.match("actor", "baudet (fvd)") == "Baudet (FVD)"
    assert cat.match("dossier", "36682 — Cyberbeveiligingswet") == "36682" and cat.match("dossier", "36682-10") == "36682-10"
    assert cat.match("doc_type", "Verslag") == "verslag" and cat.match("actor", "") is None
    with pytest.raises(UnknownValue, match="Bedoelt u: VVD"):
        cat.match("actor", "vvdd")
    with pytest.raises(UnknownValue, match="36682"):
        cat.match("dossier", "36683")
    with pytest.raises(UnknownValue, match="Dossier '99999' komt in geen"):
        cat.match("dossier", "99999")


def test_undated_documents_a_date_filter_leaves_out():
    cat = Catalog(DOCS, RAW)
    assert cat.undated_excluded(Filters(date_from="2025-01-01")) == 3
    assert cat.undated_excluded(Filters(date_from="2025-01-01", dossier="36682")) == 1
    assert cat.undated_excluded(Filters(date_to="2025-12-31", actor="Nederland")) == 1
    assert cat.undated_excluded(Filters(dossier="36682")) == 0  # no date filter: nothing left out


def test_catalog_of_a_store_refreshes_after_ingest(make_settings, tmp_path):
    from assistant.engine import Engine

    with Engine(make_settings()) as eng:
        eng.ingest([SAMPLE], progress=False)
        first = catalog(eng)
        assert catalog(eng) is first and len(first.docs) == 2
        motie = tmp_path / "motie.txt"
        motie.write_text("Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2024-2025\n\n26 643\n\nNr. 1250\n\n"
                         "MOTIE VAN HET LID KATHMANN\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering "
                         "quantumveilige versleuteling te versnellen,\n\nen gaat over tot de orde van de dag.\n\nKathmann\n",
                         encoding="utf-8")
        eng.ingest([motie], progress=False)
        again = catalog(eng)
        assert again is not first and len(again.docs) == 3
        assert any(d.title == "MOTIE VAN HET LID KATHMANN" for d in again.docs)  # not the letterhead
