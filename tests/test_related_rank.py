"""The learned related ranker (assistant/related_rank.py): its features read what the store
returned and what a candidate shares with the source; the shipped weights fit the features."""
from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.related import Pool, Source
from assistant.related_rank import FEATURES, load_related_ranker, related_features
from assistant.rerank import Reranker, fit_listwise, rerank
from assistant.subject import Term
from assistant.types import Hit
from index.types import Chunk


def chunk(cid, text, doc_type="motie", dossier="26643-1317", day="2024-05-01", title=""):
    return Chunk(cid, "d" + cid, text, 0, None, "", [], title, day, doc_type, dossier, f"/c/{cid}.xml")


TERMS = [Term("dns", 3.0, "DNS"), Term("sidn", 2.0, "SIDN"), Term("keet", 1.0, "keten")]


def pool_of(*chunks):
    hits = [Hit(c, 1.0) for c in chunks]
    ids = [c.chunk_id for c in chunks]
    return Pool(hits, {"dense": {ids[0]: 0, ids[1]: 1}, "sparse": {ids[1]: 0}},
                {"dense": {ids[0]: 0.9, ids[1]: 0.8}, "sparse": {ids[1]: 4.0}})


def test_features_read_ranks_shared_terms_type_dossier_and_date():
    src = Source("De DNS-keten bij SIDN", [0.0], chunk("s", "De DNS-keten bij SIDN", day="2024-05-01"))
    a = chunk("a", "Het debat over iets heel anders", doc_type="verslag", dossier="36000-1", day=None)
    b = chunk("b", "verzoekt de regering de DNS bij SIDN te houden", dossier="26643-1400", day="2024-05-01",
              title="Motie over de DNS-keten")
    x = related_features(src, TERMS, pool_of(a, b))
    f = dict(zip(FEATURES, x[1]))
    assert x.shape == (2, len(FEATURES))
    assert f["rr_dense"] == 0.5 and f["rr_sparse"] == 1.0 and f["rr_sentence"] == 0.0 and f["sparse_rel"] == 1.0
    assert f["shared"] == pytest.approx(5 / 6) and f["n_shared"] == pytest.approx(2 / 3)
    assert f["title_shared"] == pytest.approx(4 / 6)  # "dns", "keten" in the title
    assert f["same_type"] == 1.0 and f["same_dossier"] == 1.0 and f["date_near"] == pytest.approx(1.0)
    g = dict(zip(FEATURES, x[0]))
    assert g["shared"] == 0.0 and g["same_type"] == 0.0 and g["same_dossier"] == 0.0 and g["date_near"] == 0.0
    assert g["dense"] == 0.9 and f["dense"] == 0.8


def test_a_pasted_text_has_no_type_dossier_or_date_to_match():
    x = related_features(Source("DNS bij SIDN", [0.0]), TERMS, pool_of(chunk("a", "DNS"), chunk("b", "SIDN")))
    assert not x[:, [FEATURES.index(n) for n in ("same_type", "same_dossier", "date_near")]].any()


def test_rank_orders_by_score_and_fitting_learns_the_telling_feature():
    hits = [Hit(chunk(c, c), 1.0) for c in "abc"]
    by_first = Reranker(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), np.eye(len(FEATURES))[0], 0.0)
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = [0.1, 0.9, 0.5]
    assert [h.chunk.chunk_id for h in rerank(hits, x, by_first)] == ["b", "c", "a"]
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, len(FEATURES)))
    y = (x[:, FEATURES.index("shared")] > 1.0).astype(float)
    m = fit_listwise(x, y, [i // 10 for i in range(300)], names=FEATURES)
    assert m.names == FEATURES and int(np.argmax(m.coef)) == FEATURES.index("shared")


def test_weights_fitted_on_other_features_are_refused_with_the_fix(tmp_path):
    path = tmp_path / "related_rank.json"
    path.write_text('{"features": ["fused"], "mean": [0], "scale": [1], "coef": [1], "bias": 0}', encoding="utf-8")
    with pytest.raises(ValueError, match="fit_related"):
        load_related_ranker(path)
    m = fit_listwise(np.eye(len(FEATURES)), np.eye(len(FEATURES))[0], [0] * len(FEATURES), names=FEATURES)
    path.write_text(json.dumps(m.to_json()), encoding="utf-8")
    assert load_related_ranker(path).names == FEATURES
