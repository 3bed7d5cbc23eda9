"""Degenerate text is bounded: one word repeated, or numbers without words, is kept once
per document and flagged; a file made of it gets a warning naming it and costs a handful
of embedder calls instead of one per chunk; real documents lose nothing."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.engine import Engine
from index.types import Block, Document
from index.chunker import chunk_document
from index.degenerate import DegenerateRule, bound_degenerate, distinct_word_ratio, is_degenerate
from tests.conftest import INBRENG, SAMPLE, VERSLAG
from tests.test_embed_cache import CountingEmbedder

RULE = DegenerateRule()
KAMERSTUK_LIST = ("Ik stel voor, de volgende stukken van de stand van werkzaamheden af te voeren: "
                  + ";".join(f"{21501 + i}-{32 + i % 3}-{800 + i}" for i in range(40)) + ".")


@pytest.mark.parametrize("text, degenerate", [
    ("cyber " * 200, True),  # one word repeated
    ("cyber weerbaarheid " * 100, True),
    (" ".join(str(1000 + 7 * i) for i in range(120)), True),  # numbers without words
    ("2024 2025", False),  # too short to judge
    (KAMERSTUK_LIST, False),  # real: a VLOS list of kamerstuk numbers (ratio ~0.1 in the corpus)
    (VERSLAG.read_text(encoding="utf-8")[:3000], False),
])
def test_what_counts_as_degenerate(text, degenerate):
    assert is_degenerate(text, RULE) is degenerate, distinct_word_ratio(text)


def test_real_documents_have_no_degenerate_chunks():
    from index.readers import read_file

    for path in (VERSLAG, INBRENG):
        chunks = chunk_document(read_file(path))
        bounded = bound_degenerate(chunks, RULE)
        assert bounded.chunks == chunks and not bounded.dropped and not bounded.warning


def _doc(*texts: str) -> Document:
    return Document(doc_id="d", source_path="/x/d.txt", title="T", blocks=[Block(t) for t in texts])


def test_first_degenerate_chunk_is_kept_flagged_the_rest_left_out_with_a_warning():
    chunks = chunk_document(_doc("Een gewone alinea over de Blueprint Cyber en de rol van ENISA.",
                                 ("cyber " * 2000).strip()), 900, 1600)
    bounded = bound_degenerate(chunks, RULE)
    assert len(chunks) > 5 and bounded.degenerate == len(chunks) - 1
    assert [c.degenerate for c in bounded.chunks] == [False, True]
    assert bounded.chunks[0].text.startswith("Een gewone alinea") and [c.position for c in bounded.chunks] == [0, 1]
    assert len(bounded.dropped) == len(chunks) - 2
    assert bounded.warning.startswith(f"mostly degenerate text: {len(chunks) - 1} of {len(chunks)} chunks")
    few = bound_degenerate(chunk_document(_doc(*[f"Alinea {i} over de inzet van Nederland in de Raad, met "
                                                 f"voorbeelden en argumenten van de minister." for i in range(8)]
                                                + ["7 " * 400]), 120, 200), RULE)
    assert few.degenerate >= 1 and not few.warning  # a table among text: no warning


degenerate_text = st.sampled_from(["cyber " * 300, "1 2 3 4 5 6 7 8 9 0 " * 40, "ja " * 250])
normal_text = st.text(alphabet="abcdefghij klm.\n", min_size=1, max_size=2000)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(normal_text, degenerate_text), max_size=12), st.sampled_from([(900, 1600), (200, 300)]))
def test_bounding_keeps_every_other_chunk_and_covers_what_it_keeps(texts, sizes):
    """The chunker's coverage property, restricted to what is kept: kept + left out are
    the chunks in order; only degenerate chunks are left out; one per document stays."""
    chunks = chunk_document(_doc(*texts), *sizes)
    bounded = bound_degenerate(chunks, RULE)
    dropped = {id(c) for c in bounded.dropped}
    assert [c.text for c in bounded.chunks] == [c.text for c in chunks if id(c) not in dropped]
    assert all(is_degenerate(c.text, RULE) for c in bounded.dropped)
    assert sum(c.degenerate for c in bounded.chunks) == min(1, bounded.degenerate)
    assert all(not is_degenerate(c.text, RULE) for c in bounded.chunks if not c.degenerate)


def test_a_repeated_word_file_costs_one_embedder_call(make_settings, tmp_path):
    """The issue's case at 1/10 scale: a 240 kB 'cyber cyber ...' file next to the seeds.
    Counted, not timed: texts sent to the embedder, against the chunks the file makes."""
    from index.readers import read_file

    junk = tmp_path / "cyber.txt"
    junk.write_text(("cyber " * 40_000).strip() + "\n", encoding="utf-8")
    junk_chunks = len(chunk_document(read_file(junk)))
    emb, lines = CountingEmbedder(), []
    with Engine(make_settings(sentence_vectors=False), embedder=emb) as eng:  # passages counted here
        report = eng.ingest([SAMPLE, junk], progress=False, log=lines.append)
        stored = [p for p in eng.store.scroll() if p["source_path"].endswith("/cyber.txt")]
    seed_chunks = report.chunks_total - 1
    assert junk_chunks > 100 and seed_chunks > 20
    assert len(emb.texts) == len(set(emb.texts)) == seed_chunks + 1  # each text once
    assert [t for t in emb.texts if t.startswith("cyber")] == [stored[0]["text"]]
    assert report.degenerate_dropped == junk_chunks - 1 and "degenerate chunk(s)" in report.summary()
    assert len(stored) == 1 and stored[0]["degenerate"] is True
    assert any(ln.startswith(f"warning: {junk}: mostly degenerate text") for ln in lines), lines


def test_without_bounds_every_chunk_was_embedded(make_settings, tmp_path):
    """The baseline the bound is measured against: cache off, bound off -> one call per chunk."""
    junk = tmp_path / "cyber.txt"
    junk.write_text(("cyber " * 20_000).strip() + "\n", encoding="utf-8")
    emb = CountingEmbedder()
    with Engine(make_settings(embed_cache=False, degenerate_max_ratio=-1.0, sentence_vectors=False), embedder=emb) as eng:
        report = eng.ingest([junk], progress=False)
    assert len(emb.texts) == report.chunks_total > 50 and report.degenerate_dropped == 0


def test_a_degenerate_chunk_gets_no_sentence_vectors(make_settings, tmp_path):
    junk = tmp_path / "cyber.txt"
    junk.write_text(("cyber " * 4_000).strip() + ". Dit is een gewone zin over de cyberhubs van de Commissie.\n",
                    encoding="utf-8")
    emb = CountingEmbedder()
    with Engine(make_settings(), embedder=emb) as eng:
        eng.ingest([junk], progress=False)
        stored = list(eng.store.scroll())
    flagged = [p for p in stored if p["degenerate"]]
    assert flagged and all(p["sentence_spans"] == [] for p in flagged)
