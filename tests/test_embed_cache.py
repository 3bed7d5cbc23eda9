"""The embedding cache: each distinct text is embedded once per store (within a file,
across files, across runs, across --reindex), vectors come back bit-identical, and a
rebuild after a change that keeps the texts embeds nothing."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from tests.fakes import HashEmbedder
from assistant.engine import Engine
from index.embed_cache import CACHE_NAME, CacheStats, EmbedCache, embed_passages, passage_key
from tests.conftest import INBRENG, SAMPLE, VERSLAG


class CountingEmbedder(HashEmbedder):
    """The hash embedder, counting the texts it is asked to embed."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def embed_passages(self, texts):
        self.texts.extend(texts)
        return super().embed_passages(texts)


BOILER = ("De Kamer, gehoord de beraadslaging, constaterende dat gemeenten de digitale weerbaarheid "
          "van hun diensten nog onvoldoende op orde hebben en dat de regering hen daarbij kan steunen, "
          "verzoekt de regering gemeenten te helpen met een gezamenlijke aanpak, en gaat over tot de orde van de dag.")


def _doc(path, *paras):
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return path


def test_key_names_embedder_prefix_and_text(tmp_path):
    e = HashEmbedder()
    k = passage_key(e, "tekst")
    assert k == passage_key(HashEmbedder(), "tekst") and len(k) == 64
    assert k != passage_key(e, "tekst ") and k != passage_key(HashEmbedder(dim=32), "tekst")
    prefixed = HashEmbedder()
    prefixed.passage_prefix = "passage: "
    assert passage_key(prefixed, "tekst") != k
    cache = EmbedCache(tmp_path / "c.sqlite")
    v = np.random.default_rng(1).random(64).astype(np.float32)
    cache.put_many([(k, v)])
    assert np.array_equal(cache.get_many([k, "other"], 64)[k], v) and set(cache.get_many([k], 64)) == {k}
    assert cache.get_many([k], 32) == {}  # a vector of another size is no hit
    cache.close()


def test_repeated_texts_in_one_request_are_embedded_once(tmp_path):
    e, stats = CountingEmbedder(), CacheStats()
    cache = EmbedCache(tmp_path / "c.sqlite")
    out = embed_passages(e, cache, ["a b", "c d", "a b", "a b"], batch_size=2, stats=stats)
    assert e.texts == ["a b", "c d"] and out.shape == (4, 64)
    assert np.array_equal(out[0], out[2]) and not np.array_equal(out[0], out[1])
    again = embed_passages(e, cache, ["c d", "e f"], batch_size=2, stats=stats)
    assert e.texts == ["a b", "c d", "e f"] and np.array_equal(again[0], out[1])
    assert stats.to_json() == {"texts": 6, "cached": 1, "repeated": 2, "embedded": 3, "hit_rate": 0.5}
    cache.close()


@pytest.fixture
def make_settings(make_settings):
    """These tests count passage texts: sentence vectors off (they have tests of their own below)."""
    def _make(**kw):
        kw.setdefault("sentence_vectors", False)
        return make_settings(**kw)

    return _make


def test_identical_texts_are_embedded_once_across_files_and_runs(make_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _doc(docs / "notitie-a.txt", BOILER, "De leden van de VVD-fractie vragen het kabinet naar de rol van ENISA bij cybercrises "
         "en naar de kosten van een Europese cyberreserve voor de komende vijf jaar.")
    _doc(docs / "notitie-b.txt", BOILER, "De leden van de BBB-fractie vragen waarom DNS-diversificatie niet in de Blueprint "
         "thuishoort en welke lidstaten daar anders over denken.")
    emb = CountingEmbedder()
    with Engine(make_settings(chunk_chars=300), embedder=emb) as eng:
        first = eng.ingest([docs], progress=False)
    assert first.chunks_embedded == 4 and len(emb.texts) == 3  # the formula once for both files
    assert emb.texts.count(BOILER) == 1
    assert first.embedding.cached + first.embedding.repeated == 1
    assert "embedding cache hit rate 25.0 % (3 of 4 text(s) sent to the embedder)" in first.summary()
    assert first.to_json()["embedding_cache"]["hit_rate"] == 0.25
    _doc(docs / "notitie-c.txt", BOILER, "De leden van de NSC-fractie vragen naar cloudopslag buiten het bereik "
         "van niet-Europese diensten en naar de rol van de AIVD daarbij.")
    with Engine(make_settings(chunk_chars=300), embedder=emb) as eng:  # a later run, another process
        later = eng.ingest([docs], progress=False)
    assert later.chunks_embedded == 2 and len(emb.texts) == 4 and emb.texts.count(BOILER) == 1
    assert later.embedding.cached == 1


def test_cache_can_be_disabled(make_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _doc(docs / "a.txt", BOILER, "Eerste unieke alinea over ENISA en de rol van het agentschap bij cybercrises in Europa.")
    _doc(docs / "b.txt", BOILER, "Tweede unieke alinea over DNS-diversificatie, cloudopslag en de rol van de AIVD.")
    emb = CountingEmbedder()
    with Engine(make_settings(chunk_chars=300, embed_cache=False), embedder=emb) as eng:
        rep = eng.ingest([docs], progress=False)
    assert len(emb.texts) == 4 and rep.embedding.hit_rate == 0.0
    assert not (make_settings().store / CACHE_NAME).exists()


def _vectors(eng) -> dict[str, np.ndarray]:
    ids = [p["chunk_id"] for p in eng.store.scroll()]
    return {h.payload["chunk_id"]: np.asarray(h.vector) for h in eng.store.retrieve(ids, with_vector=True)}


def _rebuild(make_settings, monkeypatch, legacy: bool, bump_version: bool, **new_settings):
    """Build a store without a cache file (as every store before the cache was), then
    rebuild it after a change: (report, vectors before, vectors after, texts embedded)."""
    import index.settings as settings_mod
    import index.ingest as ingest_mod

    docs = make_settings().store.parent / "docs"
    docs.mkdir()
    shutil.copy(VERSLAG, docs / VERSLAG.name)
    shutil.copy(INBRENG, docs / INBRENG.name)
    emb = CountingEmbedder()
    with monkeypatch.context() as m:
        if legacy:  # points stored before embed keys were kept
            m.setattr(ingest_mod, "passage_key", lambda e, t: "")
        with Engine(make_settings(embed_cache=False), embedder=emb) as eng:
            eng.ingest([docs], progress=False)
            before = _vectors(eng)
    assert not (make_settings().store / CACHE_NAME).exists()
    if bump_version:  # a chunker upgrade that changed no chunk text
        monkeypatch.setattr(settings_mod, "CHUNKER_VERSION", "3-test")
        monkeypatch.setattr(ingest_mod, "CHUNKER_VERSION", "3-test")
    emb.texts.clear()
    with Engine(make_settings(**new_settings), embedder=emb, reindex=True) as eng:
        assert eng.reindex is not None
        report = eng.ingest_with_reindex([], progress=False)
        after = _vectors(eng)
    return report, before, after, list(emb.texts)


def test_reindex_after_a_chunker_upgrade_that_kept_the_texts_embeds_nothing(make_settings, monkeypatch):
    report, before, after, embedded = _rebuild(make_settings, monkeypatch, legacy=False, bump_version=True)
    assert embedded == [] and report.embedding.embedded == 0 and report.embedding.hit_rate == 1.0
    assert report.seeded_from_old == len(before) and "old collection reused" in report.summary()
    assert set(after) == set(before) and all(np.allclose(after[k], before[k], atol=1e-6) for k in before)


def test_reindex_of_an_old_store_rebuilds_the_embedded_text_from_the_payload(make_settings, monkeypatch):
    """A store from before embed keys, same chunker version, other chunk_max_chars: its
    texts are rebuilt exactly with embed_text (section heading, motie title) and reused."""
    report, before, after, embedded = _rebuild(make_settings, monkeypatch, legacy=True, bump_version=False,
                                               chunk_max_chars=1700)
    assert report.seeded_from_old == len(before) > 10
    assert embedded == [] and report.embedding.hit_rate == 1.0
    assert all(np.allclose(after[k], before[k], atol=1e-6) for k in after)


def test_old_vectors_of_another_chunker_version_without_keys_are_not_trusted(make_settings, monkeypatch):
    report, before, after, embedded = _rebuild(make_settings, monkeypatch, legacy=True, bump_version=True)
    assert report.seeded_from_old == 0 and len(embedded) == report.embedding.embedded > 10


def test_a_killed_rebuild_seeds_once(make_settings, monkeypatch, tmp_path):
    from index.reindex import ReindexPlan

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(VERSLAG, docs / VERSLAG.name)
    with Engine(make_settings(embed_cache=False, chunk_chars=400)) as eng:
        eng.ingest([docs], progress=False)
    with Engine(make_settings(), reindex=True) as eng:
        assert eng._seed_embed_cache(eng.reindex) > 0  # seeded, then the process dies
    assert ReindexPlan.load(make_settings().store).seeded
    with Engine(make_settings(), reindex=True) as eng:  # nothing was committed: `ingest --reindex` again
        report = eng.ingest_with_reindex([], progress=False)
    assert report.seeded_from_old == 0 and len(report.indexed) == 1  # not seeded twice ...
    assert report.embedding.cached > report.embedding.embedded  # ... and the first seeding is used
    assert ReindexPlan.load(make_settings().store) is None


def test_stored_points_carry_their_cache_key_and_other_embedders_miss(make_settings):
    """Every point names the cache row of its vector; the same texts under another
    embedder (another name or size) are not found, so vectors are never mixed."""
    from index.types import Chunk
    from index.chunker import embed_text

    with Engine(make_settings()) as eng:
        eng.ingest([SAMPLE], progress=False)
        payloads = list(eng.store.scroll())
    cache = EmbedCache.in_store(make_settings().store)
    keys = [p["embed_key"] for p in payloads]
    texts = [embed_text(Chunk.from_payload(p)) for p in payloads]
    assert len(keys) > 10 and keys == [passage_key(HashEmbedder(), t) for t in texts]
    assert set(cache.get_many(keys, 64)) == set(keys)
    assert cache.get_many([passage_key(HashEmbedder(dim=32), t) for t in texts], 32) == {}
    cache.close()


def test_sentence_vectors_go_through_the_cache_and_survive_a_reindex(make_settings, tmp_path):
    """Sentence vectors are cached by their text like passages: a second store over the same
    files embeds no sentence again, and a rebuild reuses the stored ones."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(INBRENG, docs / INBRENG.name)
    emb = CountingEmbedder()
    with Engine(make_settings(sentence_vectors=True), embedder=emb) as eng:
        rep = eng.ingest([docs], progress=False)
        # a passage with quotable sentences (a heading-only passage has none, so no sentence vectors);
        # chunk ids hash the source path, so which passage scrolls first differs per tmp dir
        quotable = next(p for p in eng.store.scroll() if p["sentence_spans"])
        hit = eng.store.retrieve([quotable["chunk_id"]], with_vector=True)[0]
    s = rep.sentence_embedding
    assert s.texts > rep.chunks_total and s.embedded == len(set(emb.texts)) - rep.embedding.embedded
    assert "sentence vectors:" in rep.summary() and rep.to_json()["sentence_embedding"]["texts"] == s.texts
    spans = hit.payload["sentence_spans"]
    assert hit.sentence_vectors is not None and hit.sentence_vectors.shape == (len(spans), emb.dim)
    # the rows are the vectors of exactly those spans
    text = hit.payload["text"]
    assert np.allclose(hit.sentence_vectors, HashEmbedder().embed_passages([text[a:b] for a, b in spans]), atol=1e-6)
    emb.texts.clear()
    with Engine(make_settings(sentence_vectors=True, bm25_k1=1.3), embedder=emb, reindex=True) as eng:
        again = eng.ingest_with_reindex([], progress=False)
    assert again.sentence_embedding.texts == s.texts and again.sentence_embedding.embedded == 0 and emb.texts == []


def test_a_store_without_sentence_vectors_is_rebuilt_with_them(make_settings, tmp_path):
    """A store built before sentence vectors (its shard has no `sents` vector) seeds the rebuild
    with its passage vectors; only the sentences are embedded."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(INBRENG, docs / INBRENG.name)
    emb = CountingEmbedder()
    with Engine(make_settings(sentence_vectors=False), embedder=emb) as eng:
        first = eng.ingest([docs], progress=False)
    emb.texts.clear()
    with Engine(make_settings(sentence_vectors=True), embedder=emb, reindex=True) as eng:
        rep = eng.ingest_with_reindex([], progress=False)
        hits = eng.store.retrieve([p["chunk_id"] for p in eng.store.scroll()], with_vector=True)
    assert rep.embedding.embedded == 0 and rep.sentence_embedding.embedded > 0
    assert len(emb.texts) == rep.sentence_embedding.embedded and rep.chunks_total == first.chunks_total
    assert sum(h.sentence_vectors is not None for h in hits) > 0.8 * len(hits)
