"""Ingestion: idempotency, incremental updates, pruning, bad files among good ones,
near-duplicates, and the manifest refusing to mix embedders."""
from __future__ import annotations

import shutil

import pytest

from tests.fakes import HASH_EMBEDDER, HashEmbedder
from assistant.engine import Engine
from index.store import Filters
from index.manifest import ManifestMismatch
from tests.conftest import INBRENG, SAMPLE, VERSLAG

PARAS = [
    "De leden van de VVD-fractie vragen het kabinet naar de rol van ENISA bij cybercrises.",
    "Zij vragen verder of er een impact assessment komt over de herziening van de Blueprint.",
    "De leden van de BBB-fractie vragen waarom DNS-diversificatie niet in de Blueprint thuishoort.",
]


def _write(path, paras):
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return path


def test_second_ingest_embeds_nothing(make_settings):
    with Engine(make_settings()) as eng:
        first = eng.ingest([SAMPLE], progress=False)
        assert len(first.indexed) == 2 and first.chunks_embedded > 10
        n = eng.store.count()
        second = eng.ingest([SAMPLE], progress=False)
    assert second.chunks_embedded == 0 and len(second.unchanged) == 2 and not second.indexed
    with Engine(make_settings()) as eng:  # and across processes: the manifest persists
        third = eng.ingest([SAMPLE], progress=False)
        assert third.chunks_embedded == 0 and eng.store.count() == n


def test_changed_file_replaces_its_chunks_and_prune_removes_them(make_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    f = _write(docs / "inbreng.txt", PARAS)
    with Engine(make_settings()) as eng:
        eng.ingest([docs], progress=False)
        before = {p["chunk_id"]: p["text"] for p in eng.store.scroll()}
        _write(f, PARAS[:2] + ["De leden van de NSC-fractie vragen naar cloudopslag buiten bereik van niet-Europese diensten."])
        rep = eng.ingest([docs], progress=False)
        after = {p["chunk_id"]: p["text"] for p in eng.store.scroll()}
        assert rep.indexed and rep.chunks_embedded <= len(after)
        assert not any("BBB" in t for t in after.values()) and any("NSC" in t for t in after.values())
        assert set(before) != set(after)
        f.unlink()
        rep = eng.ingest([docs], prune=True, progress=False)
        assert rep.pruned == [str(f.resolve())] and eng.store.count() == 0


def test_bad_files_are_skipped_with_a_reason_and_good_ones_indexed(make_settings, tmp_path):
    docs = tmp_path / "mixed"
    docs.mkdir()
    shutil.copy(VERSLAG, docs / "verslag.txt")
    (docs / "junk.pdf").write_bytes(b"this is not a pdf at all \x00\x01\x02")
    (docs / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "broken.xml").write_text("<officiele-publicatie><kamerstuk><al>onaf", encoding="utf-8")
    lines: list[str] = []
    with Engine(make_settings()) as eng:
        rep = eng.ingest([docs], progress=False, log=lines.append)
        # no junk file indexed too; the broken XML gives what its recovering parse can extract
        assert sorted(p.rsplit("/", 1)[-1] for p in rep.indexed) == ["broken.xml", "verslag.txt"]
        skipped = {f.rsplit("/", 1)[-1]: r for f, r in rep.skipped}
        assert set(skipped) == {"junk.pdf", "legacy.doc", "empty.txt"}
        assert "doc" in skipped["legacy.doc"].lower()
        assert all(line.startswith(("skipped: ", "warning: ", "duplicate: ")) for line in lines)
        assert any(line.startswith("skipped: ") and "junk.pdf" in line for line in lines)
        assert eng.store.count(Filters()) > 0


def test_a_folders_readme_and_manifest_are_not_documents_unless_named(make_settings, tmp_path):
    docs = tmp_path / "corpus"
    docs.mkdir()
    _write(docs / "inbreng.txt", PARAS)
    readme = _write(docs / "README.md", ["# Corpus", "Dit corpus bevat moties en verslagen over cyber en ENISA."])
    _write(docs / "MANIFEST.txt", ["inbreng.txt\tverslag\t2025"])
    _write(docs / "manifest-digitale-overheid.txt", ["Het manifest vraagt het kabinet om open standaarden bij de overheid."])
    with Engine(make_settings()) as eng:
        rep = eng.ingest([docs], progress=False)
        names = sorted(p.rsplit("/", 1)[-1] for p in rep.indexed)
        assert names == ["inbreng.txt", "manifest-digitale-overheid.txt"]  # a document titled "manifest" stays
        skipped = {f.rsplit("/", 1)[-1]: r for f, r in rep.skipped}
        assert set(skipped) == {"README.md", "MANIFEST.txt"} and "name the file itself" in skipped["README.md"]
        assert not any("Dit corpus" in p["text"] for p in eng.store.scroll())
        again = eng.ingest([docs], progress=False)  # skipped once, unchanged after
        assert not again.skipped and len(again.unchanged) == 4
        named = eng.ingest([readme], progress=False)  # named on the command line: ingested
        assert [p.rsplit("/", 1)[-1] for p in named.indexed] == ["README.md"]
        assert any("Dit corpus" in p["text"] for p in eng.store.scroll())
        eng.ingest([docs], progress=False)  # a folder walk again: the README that was indexed goes
        assert not any("Dit corpus" in p["text"] for p in eng.store.scroll())


def test_a_reindex_keeps_a_skipped_readme_out(make_settings, tmp_path):
    """`ingest --reindex` reads again the files the store has: a README skipped as a folder's
    housekeeping file is not one of them."""
    from app import main

    docs = tmp_path / "corpus"
    docs.mkdir()
    _write(docs / "inbreng.txt", PARAS)
    _write(docs / "README.md", ["# Corpus", "Dit corpus bevat moties en verslagen over cyber en ENISA."])
    with Engine(make_settings(chunk_chars=400)) as eng:
        eng.ingest([docs], progress=False)
    store = make_settings().store
    assert main(["ingest", "--reindex", "--no-progress", "--store", str(store), "--embedder", HASH_EMBEDDER]) == 0
    with Engine(make_settings()) as eng:
        assert eng.store.count() > 0 and not any("Dit corpus" in p["text"] for p in eng.store.scroll())


def test_same_text_in_two_formats_is_indexed_once(make_settings, tmp_path):
    docs = tmp_path / "dups"
    docs.mkdir()
    text = INBRENG.read_text(encoding="utf-8").split("I Vragen en opmerkingen vanuit de fracties", 1)[1]
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    _write(docs / "stuk.txt", paras)
    html = "<html><body><nav>Menu Home Zoeken</nav><main>" + "".join(f"<p>{p}</p>" for p in paras) + "</main></body></html>"
    (docs / "stuk.html").write_text(html, encoding="utf-8")
    with Engine(make_settings()) as eng:
        rep = eng.ingest([docs], progress=False)
    assert len(rep.indexed) == 1 and len(rep.duplicates) == 1
    assert rep.duplicates[0][0].endswith("stuk.txt")  # the structured HTML is kept, the TXT is the duplicate


def test_manifest_refuses_to_mix_embedders(make_settings):
    class Other(HashEmbedder):
        name = "other-embedder"

    with Engine(make_settings()) as eng:
        eng.ingest([VERSLAG], progress=False)
    with pytest.raises(ManifestMismatch, match="cannot be mixed"):
        Engine(make_settings(), embedder=Other(dim=32))


def test_search_during_reingestion_sees_one_version(make_settings, tmp_path):
    """Between storing a changed file's new chunks and dropping its old ones, searches
    see the recorded version only; after the switch, only the new one."""
    from assistant.retrieve import search
    from index.bm25 import BM25Encoder
    from index.chunker import chunk_document, embed_text
    from index.readers import read_file

    docs = tmp_path / "v"
    docs.mkdir()
    f = _write(docs / "stuk.txt", PARAS)
    with Engine(make_settings()) as eng:
        eng.ingest([docs], progress=False)
        _write(f, [p.replace("kabinet", "ministerie") for p in PARAS])
        new = chunk_document(read_file(f))
        texts = [embed_text(c) for c in new]
        eng.store.upsert(new, eng.embedder.embed_passages(texts), [BM25Encoder().encode_document(t) for t in texts])
        seen = " ".join(h.chunk.text for h in search(eng, "VVD-fractie ENISA kabinet ministerie", top_k=10))
        assert "kabinet" in seen and "ministerie" not in seen  # both stored, the old one recorded
        rep = eng.ingest([docs], progress=False)
        seen = " ".join(h.chunk.text for h in search(eng, "VVD-fractie ENISA kabinet ministerie", top_k=10))
        assert rep.chunks_embedded == 0  # the new chunks were already stored: nothing re-embedded
        assert "ministerie" in seen and "kabinet" not in seen


def test_hnsw_index_is_built_above_the_exact_search_size(make_settings):
    """Qdrant Edge builds HNSW only when asked: ingest asks once the store outgrows exact search."""
    with Engine(make_settings(exact_search_max_points=10)) as eng:
        lines: list[str] = []
        eng.ingest([SAMPLE], progress=False, log=lines.append)
        assert any("HNSW" in line for line in lines)
        assert eng.store.shard.info().indexed_vectors_count > 0
        assert search_works(eng)


def search_works(eng) -> bool:
    from assistant.retrieve import search

    return any("Blueprint" in h.chunk.text for h in search(eng, "Blueprint Cyber", top_k=5))


def test_chunker_keeps_consecutive_and_trailing_headings():
    """Kamervragen open with two headings in a row (who asks, who answers); a VLOS ends
    with "Sluiting". Both were dropped once: a heading only opened the next chunk."""
    from index.chunker import chunk_document
    from index.types import Block, Document

    blocks = [
        Block(text="Vragen van de leden Van Weyenberg en Kat (allen D66) over de TOZO", kind="heading"),
        Block(text="Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid)", kind="heading"),
        Block(text="Vraag 1: Bent u bekend met het bericht over de TOZO-terugvorderingen?"),
        Block(text="Ja, ik ben bekend met het bericht en de Kamer wordt voor de zomer geïnformeerd."),
        Block(text="Sluiting", kind="heading"),
    ]
    doc = Document(doc_id="d", source_path="/x/ah.html", title="Kamervragen", blocks=blocks, doc_type="antwoord")
    chunks = chunk_document(doc)
    text = "\n".join(c.text for c in chunks)
    for b in blocks:
        assert b.text in text, b.text
    assert chunks[0].text.startswith("Vragen van de leden Van Weyenberg")
    assert chunks[-1].text.endswith("Sluiting")
    assert [c.position for c in chunks] == list(range(len(chunks)))


def test_a_document_of_headings_only_is_not_empty():
    from index.chunker import chunk_document
    from index.types import Block, Document

    doc = Document(doc_id="d", source_path="/x/a.txt", title="t",
                   blocks=[Block(text=f"Agendapunt {i}", kind="heading") for i in range(200)])
    chunks = chunk_document(doc, target=300)
    assert "".join(c.text for c in chunks).count("Agendapunt") == 200
    assert len(chunks) > 1 and all(len(c.text) <= 600 for c in chunks)


def test_store_of_an_older_chunker_is_rebuilt_by_reindex(make_settings, tmp_path):
    """A store chunked differently (chunker upgrade, or another chunk size) is refused with
    the fix named; `ingest --reindex` rebuilds it from the files it has, drops the old
    collection, and skips files that are gone."""
    from app import main

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(VERSLAG, docs / VERSLAG.name)
    gone = _write(docs / "weg.txt", PARAS)
    with Engine(make_settings(chunk_chars=400)) as eng:
        eng.ingest([docs], progress=False)
        old_shard = eng.store.path
        old_n = eng.store.count()
    gone.unlink()
    with pytest.raises(ManifestMismatch, match="ingest --reindex"):
        Engine(make_settings())
    store = make_settings().store
    rc = main(["ingest", "--reindex", "--no-progress", "--store", str(store), "--embedder", HASH_EMBEDDER])
    assert rc == 0
    assert not old_shard.exists() and not (store / "reindex.json").exists()
    with Engine(make_settings()) as eng:
        assert eng.reindex is None and 0 < eng.store.count() < old_n  # bigger chunks, one file fewer
        assert [s.title for _, s in eng.manifest.documents()] and len(eng.manifest.documents()) == 1
        assert search_works(eng)


def test_interrupted_reindex_goes_on_at_the_next_ingest(make_settings, tmp_path):
    from index.reindex import ReindexPlan

    with Engine(make_settings(chunk_chars=400)) as eng:
        eng.ingest([SAMPLE], progress=False)
    with Engine(make_settings(), reindex=True) as eng:  # the rebuild starts ...
        eng.ingest([VERSLAG], progress=False)  # ... one file is done, then the process dies
    plan = ReindexPlan.load(make_settings().store)
    assert plan is not None and len(plan.paths) == 2
    with Engine(make_settings()) as eng:  # the new manifest is current: no refusal
        assert eng.reindex is not None
        report = eng.ingest_with_reindex([], progress=False)
        assert len(report.indexed) == 1 and len(report.unchanged) == 1
        assert len(eng.manifest.documents()) == 2
    assert ReindexPlan.load(make_settings().store) is None


def test_make_run_rebuilds_a_sample_only_store_after_a_chunker_change(make_settings):
    import app

    with Engine(make_settings(chunk_chars=400)) as eng:
        eng.ingest([SAMPLE], progress=False)
    eng = app._open_engine(make_settings(), index_sample=True)
    try:
        assert eng.reindex is not None
        eng.ingest_with_reindex([], progress=False)
        assert eng.reindex is None and search_works(eng)
    finally:
        eng.close()
    with pytest.raises(ManifestMismatch):  # without --index-sample nothing is rebuilt unasked
        app._open_engine(make_settings(chunk_chars=500), index_sample=False)


def test_one_line_pdf_is_indexed_and_searchable_among_other_documents(make_settings, tmp_path):
    """The issue's PDF: one line of text, pypdf extracts it; it was skipped as "scanned?"."""
    from assistant.retrieve import search
    from tests.malformed import make_pdf, scan_pdf

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(VERSLAG, docs / VERSLAG.name)
    (docs / "motie.pdf").write_bytes(make_pdf([["Motie over cyberweerbaarheid van gemeenten"]]))
    (docs / "scan.pdf").write_bytes(scan_pdf([None]))
    with Engine(make_settings()) as eng:
        report = eng.ingest([docs], progress=False)
        hits = search(eng, "cyberweerbaarheid van gemeenten", mode="sparse", top_k=3)
    assert len(report.indexed) == 2 and [f.rsplit("/", 1)[1] for f, _ in report.skipped] == ["scan.pdf"]
    assert "scanned?" in report.skipped[0][1]
    assert hits and hits[0].chunk.text == "Motie over cyberweerbaarheid van gemeenten"
    assert hits[0].chunk.source_path.endswith("motie.pdf")
