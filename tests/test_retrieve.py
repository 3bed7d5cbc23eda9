"""Retrieval on real seed content with the real default embedder and store."""
from __future__ import annotations

import pytest

from assistant.related import related
from assistant.retrieve import RetrievalError, detect_dossier, search
from index.store import Filters

CONTRACT = {"chunk_id", "doc_id", "title", "text", "score", "page", "dossier", "date", "actor", "source_path"}


def test_blueprint_search_returns_seed_passages_with_metadata(seed_engine):
    hits = search(seed_engine, "Blueprint Cyber")
    assert hits and all("Blueprint" in h.chunk.text or "Blueprint" in h.chunk.section for h in hits[:3])
    inbreng = [h for h in hits if h.chunk.dossier == "22112-4018"]
    assert inbreng and inbreng[0].chunk.date == "2025-05-15" and inbreng[0].chunk.actors
    assert CONTRACT <= set(hits[0].to_json())


def test_actor_filter_returns_only_that_fracties_section(seed_engine):
    hits = search(seed_engine, "DNS-diversificatie", filters=Filters(actor="BBB"), top_k=10)
    assert hits
    for h in hits:
        assert "BBB" in h.chunk.actors
        assert "BBB" in h.chunk.section or "BBB" in h.chunk.text
        assert "VVD-fractie" not in h.chunk.text and "NSC-fractie" not in h.chunk.text
    assert any("DNS" in h.chunk.text for h in hits[:2])


def test_question_naming_an_actor_puts_its_passages_first(seed_engine):
    hits = search(seed_engine, "Welke vragen stelde de BBB-fractie over DNS?")
    assert "BBB" in hits[0].chunk.actors and "DNS" in hits[0].chunk.text


@pytest.mark.parametrize("mode", ["hybrid", "dense", "sparse"])
def test_every_mode_finds_the_pqc_sentence(seed_engine, mode):
    hits = search(seed_engine, "post-quantum cryptografie", mode=mode, top_k=3)
    assert any("post-quantum cryptografie" in h.chunk.text for h in hits)


def test_filters_combine_inside_the_store(seed_engine):
    hits = search(seed_engine, "cyber", filters=Filters(dossier="22112", doc_type="inbreng", date_from="2025-05-01", date_to="2025-05-31"), top_k=20)
    assert hits and all(h.chunk.dossier == "22112-4018" for h in hits)
    assert search(seed_engine, "cyber", filters=Filters(date_to="2020-01-01")) == []


def test_no_duplicate_texts_and_per_document_cap(seed_engine):
    hits = search(seed_engine.derive(max_hits_per_doc=2), "Blueprint Cyber", top_k=10)
    assert len({h.chunk.text for h in hits}) == len(hits)
    per_doc = {}
    for h in hits:
        per_doc[h.chunk.doc_id] = per_doc.get(h.chunk.doc_id, 0) + 1
    assert max(per_doc.values()) <= 2


def test_detect_dossier():
    assert detect_dossier("Wat staat er in Kamerstuk 22 112, nr. 4018?") == "22112-4018"
    assert detect_dossier("moties in dossier 21501-02") == "21501-02"
    assert detect_dossier("Wat vond de VVD van 2025?") is None


def test_named_document_types():
    """The reranker's doc_type feature: the store's doc_type values a question names."""
    from assistant.query import named_doc_types

    assert named_doc_types("Welke moties vragen het kabinet om meer hulp voor Gaza?") == ("motie",)
    assert named_doc_types("Which motion asked the government to publish a list?") == ("motie",)
    assert named_doc_types("Wat zei de minister in het debat over de Raad Buitenlandse Zaken?") == ("handelingen",)
    assert named_doc_types("Wat staat er in het BNC-fiche over MiFID?") == ("fiche",)
    assert named_doc_types("Wat staat er in het verslag van het schriftelijk overleg?") == ("verslag", "inbreng")
    assert named_doc_types("Wat vindt de VVD van ENISA?") == ()
    assert named_doc_types("Wat regelt de Wet kwaliteitsregistraties?") == ()  # a law's name is no document type


def test_related_passages_exclude_the_source_document(seed_engine):
    src = search(seed_engine, "DNS-diversificatie publieke DNS-capaciteit", filters=Filters(actor="BBB"))[0]
    rel = related(seed_engine, chunk_id=src.chunk.chunk_id, top_k=5)
    assert rel and all(h.chunk.doc_id != src.chunk.doc_id for h in rel)
    rel_text = related(seed_engine, text="digitale soevereiniteit en afhankelijkheid van Amerikaanse leveranciers", top_k=3)
    assert any("soevereiniteit" in h.chunk.text or "afhankelijk" in h.chunk.text for h in rel_text)
    with pytest.raises(RetrievalError, match="no passage"):
        related(seed_engine, chunk_id="0" * 32)


def test_filters_refuse_dates_that_are_not_iso():
    from index.store import BadDate

    for bad in ("2025-02-30", "12-03-2025", "2025", "2025-5-1"):
        with pytest.raises(BadDate, match="YYYY-MM-DD"):
            Filters(date_from=bad)
    assert Filters(date_from="2024-02-29", date_to="2025-05-15").date_to == "2025-05-15"


def test_doc_repeat_penalty_moves_a_documents_later_passages_down():
    from assistant.retrieve import _spread
    from assistant.types import Hit
    from index.types import Chunk

    hits = [Hit(Chunk(f"c{i}", d, f"t{i}", i, None, "", [], "", None, "verslag", None, "/x"), 1.0)
            for i, d in enumerate(["a", "a", "a", "b", "c"])]
    assert [h.chunk.chunk_id for h in _spread(hits, 0)] == ["c0", "c1", "c2", "c3", "c4"]
    assert [h.chunk.chunk_id for h in _spread(hits, 2)] == ["c0", "c1", "c3", "c4", "c2"]  # c1: 1 + 2, c2: 2 + 4
