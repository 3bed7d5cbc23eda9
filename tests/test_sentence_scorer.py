"""The learned sentence scorer (assistant/sentence_scorer.py) inside the answerer."""
from __future__ import annotations

import json

import numpy as np
import pytest

import assistant.answer as answer_mod
from assistant.answer import REFUSAL, _candidates, compose, scorer_rows
from assistant.rerank import Reranker, fit_logistic
from assistant.sentence_scorer import FEATURES, load_sentence_scorer
from tests.test_sentence_evidence import _hit, _unit

TEXT = ("De inlichtingendiensten krijgen meer bevoegdheden om digitale aanvallen te onderzoeken. "
        "Kan de minister toelichten wat de planning voor het groenonderhoud is?")
QUESTION = "Welke bevoegdheden krijgen de geheime diensten tegen hackers?"


def model_on(**coef) -> Reranker:
    """A scorer whose weights are zero but for the named features (unstandardised)."""
    w = np.array([coef.get(n, 0.0) for n in FEATURES])
    return Reranker(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), w, coef.get("bias", 0.0))


def cands_of(hit, s):
    return _candidates([hit], [0.9], s.answer, _unit(0), {"bevoegd": 1.0})


def test_feature_rows_follow_the_documented_order(make_settings):
    s = make_settings()
    hit = _hit(TEXT, [_unit(0, 1, 0.2), _unit(2, 0, 0.3)])
    cands = cands_of(hit, s)
    x = scorer_rows(cands, QUESTION, [0.9], "nl", None)
    assert x.shape == (2, len(FEATURES))
    row = dict(zip(FEATURES, x[0])), dict(zip(FEATURES, x[1]))
    assert row[0]["sim_gap"] == 0.0 and row[1]["sim_gap"] < 0
    assert row[0]["overlap"] == 1.0 and row[1]["overlap"] == 0.0
    assert row[0]["interrogative"] == 0.0 and row[1]["interrogative"] == 1.0
    assert row[1]["asked_wanted"] == 0.0  # the question names no actor and asks for a statement
    assert row[0]["position"] == 1.0 and row[1]["position"] == 0.5
    assert row[0]["en"] == 0.0 and row[0]["kind_miss"] == 0.0
    amount = scorer_rows(cands, "Hoeveel bevoegdheden krijgen de diensten?", [0.9], "nl", None)
    assert amount[0][FEATURES.index("kind_miss")] == 1.0  # no number in it
    asked = scorer_rows(cands, "Wat vroeg de VVD over bevoegdheden?", [0.9], "nl", "VVD")
    assert asked[1][FEATURES.index("asked_wanted")] == 1.0


def test_learned_scores_pick_the_sentences_and_gate_the_answer(make_settings, monkeypatch):
    hit = _hit(TEXT, [_unit(0, 1, 0.2), _unit(2, 0, 0.3)])
    # a scorer that wants the question-like sentence: the learned path must follow it
    monkeypatch.setattr(answer_mod, "load_sentence_scorer", lambda: model_on(interrogative=4.0, bias=-2.0))
    s = make_settings(scorer="learned", learned_min_ratio=0.9, sim_margin=0.8, max_quotes=1)
    ans = compose(QUESTION, [hit], [0.9], s, "nl", None, _unit(0))
    assert ans.answered and "groenonderhoud" in ans.citations[0].quote
    linear = compose(QUESTION, [hit], [0.9], s.with_(scorer="linear"), "nl", None, _unit(0))
    assert "bevoegdheden" in linear.citations[0].quote
    # the gate: the best probability (sigmoid(2) = 0.88) under the threshold refuses, only when calibrated
    gated = s.with_(gate="learned", learned_refusal_threshold=0.95)
    assert compose(QUESTION, [hit], [0.9], gated, "nl", None, _unit(0), calibrated=True).answer == REFUSAL["nl"]
    assert compose(QUESTION, [hit], [0.9], gated, "nl", None, _unit(0), calibrated=False).answered
    assert compose(QUESTION, [hit], [0.9], gated.with_(learned_refusal_threshold=0.8), "nl", None, _unit(0),
                   calibrated=True).answered
    # the learned gate in front of the linear scorer: the linear choice, refused by the probability
    both = gated.with_(scorer="linear")
    assert compose(QUESTION, [hit], [0.9], both, "nl", None, _unit(0), calibrated=True).answer == REFUSAL["nl"]
    assert "bevoegdheden" in compose(QUESTION, [hit], [0.9], both.with_(learned_refusal_threshold=0.5), "nl", None,
                                     _unit(0), calibrated=True).citations[0].quote
    # the similarity gate ignores the learned thresholds
    assert compose(QUESTION, [hit], [0.9], gated.with_(gate="similarity"), "nl", None, _unit(0),
                   calibrated=True).answered
    # English questions have their own threshold
    en = gated.with_(learned_refusal_threshold_en=0.5)
    assert compose("Which powers do the secret services get?", [hit], [0.9], en, "en", None, _unit(0),
                   calibrated=True).answered


def test_without_sentence_vectors_the_learned_scorer_is_not_used(make_settings, monkeypatch):
    monkeypatch.setattr(answer_mod, "load_sentence_scorer", lambda: pytest.fail("scorer loaded without sentence vectors"))
    hit = _hit(TEXT, None)
    assert compose(QUESTION, [hit], [0.9], make_settings(scorer="learned"), "nl", None, _unit(0)).answered


def test_fitted_weights_round_trip_and_refuse_other_features(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, len(FEATURES)))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 0).astype(float)
    model = fit_logistic(x, y, 1.0, names=FEATURES)
    assert model.names == FEATURES and model.coef[0] == max(model.coef)  # the informative feature wins
    path = tmp_path / "w.json"
    path.write_text(json.dumps(model.to_json(fitted_by="test")))
    back = load_sentence_scorer(path)
    assert np.allclose(back.scores(x), model.scores(x), atol=1e-4)
    path.write_text(json.dumps({**model.to_json(), "features": ["sim"]}))
    load_sentence_scorer.cache_clear()
    with pytest.raises(ValueError, match="fit_sentence_scorer"):
        load_sentence_scorer(path)
