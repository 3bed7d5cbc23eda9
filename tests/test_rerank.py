"""The learned reranker (issue 12): its fitting learns what separates relevant candidates,
the shipped weights match the features the code computes, and search applies them."""
from __future__ import annotations

import numpy as np

from assistant.rerank import FEATURES, WEIGHTS_FILE, Reranker, fit_listwise, fit_logistic, load_reranker, rerank
from assistant.types import Hit
from index.types import Chunk


def _data(seed=0, groups=30, per=20):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(groups * per, len(FEATURES)))
    y = np.zeros(groups * per)
    for g in range(groups):  # the relevant candidate of each question is the one highest on feature 5
        y[g * per + int(np.argmax(x[g * per:(g + 1) * per, 5]))] = 1
    return x, y, [i // per for i in range(groups * per)]


def test_listwise_fit_finds_the_informative_feature():
    x, y, g = _data()
    m = fit_listwise(x, y, g, l2=1.0)
    assert int(np.argmax(m.coef)) == 5 and m.coef[5] > 3 * np.abs(np.delete(m.coef, 5)).max()
    # and it ranks held-out questions: the relevant one first in most
    xt, yt, gt = _data(seed=1)
    firsts = [int(np.argmax(m.scores(xt[np.asarray(gt) == k])) == np.argmax(yt[np.asarray(gt) == k])) for k in set(gt)]
    assert sum(firsts) / len(firsts) > 0.6  # chance: 1 in 20
    assert fit_logistic(x, y).coef[5] > 0


def test_the_shipped_weights_fit_the_features():
    model = load_reranker(WEIGHTS_FILE)
    assert model is not None and model.names == FEATURES and len(model.coef) == len(FEATURES)
    data = Reranker.from_json  # a file fitted on other features is refused with the fix
    try:
        data({"features": ["dense"], "mean": [0], "scale": [1], "coef": [1], "bias": 0})
    except ValueError as e:
        assert "fit_rerank" in str(e)
    else:
        raise AssertionError("a mismatched weights file was accepted")


def test_rerank_orders_by_the_model_score():
    hits = [Hit(Chunk(f"c{i}", "d", "t", 0, None, "", [], "", None, "verslag", None, "/x"), 1.0) for i in range(3)]
    x = np.zeros((3, len(FEATURES)))
    x[2, 0] = 1.0
    m = Reranker(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.eye(len(FEATURES))[0], 0.0)
    assert [h.chunk.chunk_id for h in rerank(hits, x, m)] == ["c2", "c0", "c1"]


def test_search_reranks_in_hybrid_mode_only(seed_engine, monkeypatch):
    import assistant.retrieve as retrieve

    calls = []
    real = retrieve.rerank
    monkeypatch.setattr(retrieve, "rerank", lambda hits, x, m: calls.append(len(hits)) or real(hits, x, m))
    retrieve.search(seed_engine, "Wat vindt de VVD van ENISA?", "hybrid", 5)
    assert calls and calls[0] >= 5
    calls.clear()
    retrieve.search(seed_engine, "Wat vindt de VVD van ENISA?", "dense", 5)
    retrieve.search(seed_engine.derive(rerank=False), "Wat vindt de VVD van ENISA?", "hybrid", 5)
    assert calls == []


def test_doc_type_feature_marks_the_type_the_question_names():
    from assistant.rerank import features
    from assistant.subject import DocFreq
    from index.settings import IndexSettings

    texts = ["verzoekt de regering om de DNS-keten in Nederland te laten draaien",
             "De leden van de VVD-fractie vragen naar de DNS-keten."]
    hits = [Hit(Chunk(f"c{i}", "d", t, 0, None, "", [], "", None, kind, None, "/x"), 1.0)
            for i, (t, kind) in enumerate(zip(texts, ("motie", "verslag")))]
    df = DocFreq.from_texts(texts)
    q = np.ones(4, dtype=np.float32) / 2
    col = FEATURES.index("doc_type")
    named = features(q, ["dns"], {"dns": 1.0}, hits, df, None, "nl", IndexSettings(), ("motie",))
    assert named[:, col].tolist() == [1.0, 0.0]
    assert features(q, ["dns"], {"dns": 1.0}, hits, df, None, "nl", IndexSettings())[:, col].tolist() == [0.0, 0.0]
