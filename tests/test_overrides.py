"""Metadata sidecars (index/overrides.py): their fields win over the readers' guesses, and
a changed sidecar re-indexes a file whose bytes did not change."""
from __future__ import annotations

import json

import pytest

from index.overrides import read_overrides, sidecar_path, write_sidecar

MOTIE = ("Motie van het lid Jansen over windparken op zee\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\n"
         "verzoekt de regering, windparken op zee sneller te vergunnen,\n\nen gaat over tot de orde van de dag.\n\nJansen\n")


def test_sidecar_wins_and_a_changed_sidecar_reindexes(make_settings, tmp_path):
    from assistant.engine import Engine

    src = tmp_path / "docs" / "motie-windparken.txt"
    src.parent.mkdir()
    src.write_text(MOTIE, encoding="utf-8")
    settings = make_settings()
    with Engine(settings) as eng:
        eng.ingest([src.parent], progress=False, log=lambda m: None)
        guessed = next(iter(eng.store.scroll()))
        assert guessed["doc_type"] == "motie" and guessed["members"] == ["Jansen"] and guessed["dossier"] is None

        write_sidecar(src, {"dossier": "31239-400", "date": "2025-02-03", "members": ["Jansen (PVV)", "Bontenbal (CDA)"],
                            "document_number": "2025D00001", "title": "Motie over windparken", "source": {"api": "x"}})
        report = eng.ingest([src.parent], progress=False, log=lambda m: None)
        assert len(report.indexed) == 1 and not report.unchanged  # same bytes, new metadata
        payloads = list(eng.store.scroll())
        assert {p["dossier"] for p in payloads} == {"31239-400"} and {p["dossier_number"] for p in payloads} == {"31239"}
        p = payloads[0]
        assert (p["date"], p["title"], p["document_number"]) == ("2025-02-03", "Motie over windparken", "2025D00001")
        assert {"Jansen (PVV)", "PVV", "Bontenbal (CDA)", "CDA"} <= set(p["actors"])
        assert "Jansen" not in p["actors"]  # the reader's indiener was replaced, also as speaker
        # the sidecar is hidden: a folder ingest never reads it as a document
        assert sidecar_path(src).parent.name == ".meta" and len(eng.manifest.documents()) == 1
        assert eng.ingest([src.parent], progress=False, log=lambda m: None).unchanged == [str(src.resolve())]


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ('["a"]', "expected a JSON object"),
    ('{"date": "12-03-2025"}', "is not YYYY-MM-DD"),
    ('{"members": "Jansen"}', "should be a list"),
])
def test_malformed_sidecar_is_named(tmp_path, content, problem):
    src = tmp_path / "a.txt"
    src.write_text("tekst", encoding="utf-8")
    sidecar_path(src).parent.mkdir()
    sidecar_path(src).write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as e:
        read_overrides(src)
    assert str(sidecar_path(src)) in str(e.value)


def test_unknown_field_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown field"):
        write_sidecar(tmp_path / "a.txt", {"dosier": "1"})
    write_sidecar(tmp_path / "a.txt", {"dossier": "1", "members": []})
    assert json.loads(sidecar_path(tmp_path / "a.txt").read_text())["dossier"] == "1"
    assert read_overrides(tmp_path / "a.txt") == {"dossier": "1"}  # empty values are left to the readers


def test_new_metadata_outside_the_chunk_id_reaches_the_stored_payload(make_settings, tmp_path):
    """A field the chunk id does not hash (document number, doc type, the answering minister)
    may change while every text stays: the stored chunks are written again with it, their
    vectors from the embedding cache, instead of keeping the old version's metadata."""
    from assistant.engine import Engine

    src = tmp_path / "docs" / "motie-windparken.txt"
    src.parent.mkdir()
    src.write_text(MOTIE, encoding="utf-8")
    with Engine(make_settings()) as eng:
        eng.ingest([src.parent], progress=False, log=lambda m: None)
        before = {p["chunk_id"]: p for p in eng.store.scroll()}
        write_sidecar(src, {"document_number": "2025D00002"})
        report = eng.ingest([src.parent], progress=False, log=lambda m: None)
        after = {p["chunk_id"]: p for p in eng.store.scroll()}
        assert set(after) == set(before)  # same texts, same ids
        assert {p["document_number"] for p in after.values()} == {"2025D00002"}
        assert report.embedding.embedded == 0 and report.chunks_embedded == len(after)  # stored again, not embedded
