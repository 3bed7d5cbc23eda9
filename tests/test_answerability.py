"""The question-level answerability gate (assistant/answerability.py) inside the answerer."""
from __future__ import annotations

import json

import numpy as np
import pytest

import assistant.answer as answer_mod
from assistant.answer import REFUSAL, answerability_row, compose
from assistant.answerability import FEATURES, Gate, load_gate
from assistant.rerank import Reranker, fit_logistic
from assistant.settings import AnswerSettings
from assistant.subject import DocFreq
from assistant.topic import topic_terms
from index.text import tokenize
from tests.test_sentence_evidence import _hit, _unit
from tests.test_sentence_scorer import TEXT, model_on as scorer_on

# a corpus in which "camera" and "overheidsgebouw" are known words, and "Hikvision" is not
DF = DocFreq(1000, {**{s: 50 for s in tokenize(TEXT)}, "camera": 20, "overheidsgebouw": 30, "overheid": 400})


def gate_on(threshold: float = 0.5, **coef) -> Gate:
    w = np.array([coef.get(n, 0.0) for n in FEATURES])
    return Gate(Reranker(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), w, coef.get("bias", 0.0)),
                threshold, threshold)


def row(question: str, hits, lang: str = "nl", actor=None) -> dict:
    from assistant.answer import _candidates, rescored

    cands = _candidates(hits, [0.9] * len(hits), AnswerSettings(), _unit(0), {})
    scored = rescored(cands, question, [0.9] * len(hits), lang, actor, scorer_on(sim=1.0))
    x = answerability_row(question, hits, scored, lang, actor, topic_terms(question, actor), DF)
    return dict(zip(FEATURES, x))


def test_features_see_a_question_word_no_passage_holds():
    hit = _hit(TEXT, [_unit(0, 1, 0.2), _unit(2, 0, 0.3)])
    found = row("Welke bevoegdheden krijgen de inlichtingendiensten?", [hit])
    assert found["coverage"] == 1.0 and found["missing_idf"] == 0.0 and found["absent_nl"] == 0.0
    missing = row("Welke camera's krijgen de inlichtingendiensten?", [hit])
    assert 0.0 < missing["coverage"] < 1.0 and missing["missing_idf"] > 0.0  # "camera" is known, not in the hit
    named = row("Haalt de overheid de Hikvision-camera's weg?", [hit])
    assert named["absent_nl"] == 1.0 and named["absent_en"] == 0.0 and named["en"] == 0.0
    english = row("Does the government remove the Hikvision cameras?", [hit], lang="en")
    assert english["absent_en"] == 1.0 and english["absent_nl"] == 0.0 and english["en"] == 1.0
    amount = row("Hoeveel bevoegdheden krijgen de inlichtingendiensten?", [hit])
    assert amount["kind_miss"] == 1.0 and found["kind_miss"] == 0.0  # no number in any sentence
    actor = row("Wat vindt de VVD van de bevoegdheden?", [hit], actor="VVD")
    assert actor["actor_absent"] == 1.0 and found["actor_absent"] == 0.0
    assert found["best_prob"] > found["top3_prob"] - 1e-9  # logits of the best and of the mean of three


def test_the_gate_refuses_below_its_threshold_only_when_calibrated(make_settings, monkeypatch):
    hit = _hit(TEXT, [_unit(0, 1, 0.2), _unit(2, 0, 0.3)])
    monkeypatch.setattr(answer_mod, "load_sentence_scorer", lambda: scorer_on(sim=1.0))
    # a gate that refuses exactly when a known question word is missing from the passages
    monkeypatch.setattr(answer_mod, "load_gate", lambda: gate_on(missing_idf=-100.0, bias=3.0))
    s = make_settings(gate="answerability")
    ok = "Welke bevoegdheden krijgen de inlichtingendiensten?"
    bad = "Welke camera's krijgen de inlichtingendiensten?"
    assert compose(ok, [hit], [0.9], s, "nl", None, _unit(0), DF, calibrated=True).answered
    assert compose(bad, [hit], [0.9], s, "nl", None, _unit(0), DF, calibrated=True).answer == REFUSAL["nl"]
    assert compose(bad, [hit], [0.9], s, "nl", None, _unit(0), DF, calibrated=False).answered
    # the similarity gate (threshold 0 here) does not look at the answerability model
    assert compose(bad, [hit], [0.9], s.with_(gate="similarity", sentence_refusal_threshold=0.0), "nl", None,
                   _unit(0), DF, calibrated=True).answered
    # English questions have their own threshold
    monkeypatch.setattr(answer_mod, "load_gate", lambda: Gate(gate_on(bias=0.0).model, 0.4, 0.9))
    assert compose(ok, [hit], [0.9], s, "nl", None, _unit(0), DF, calibrated=True).answered  # p 0.5 >= 0.4
    assert not compose("Which powers do the secret services get?", [hit], [0.9], s, "en", None, _unit(0), DF,
                       calibrated=True).answered  # p 0.5 < 0.9


def test_fitted_gate_round_trips_with_its_thresholds(tmp_path):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(120, len(FEATURES)))
    y = (x[:, FEATURES.index("missing_idf")] < 0).astype(float)
    model = fit_logistic(x, y, 1.0, names=FEATURES)
    assert model.coef[FEATURES.index("missing_idf")] == min(model.coef)  # the informative feature wins
    path = tmp_path / "gate.json"
    path.write_text(json.dumps(model.to_json(fitted_by="test", threshold=0.3, threshold_en=0.2)))
    gate = load_gate(path)
    assert (gate.threshold, gate.threshold_en) == (0.3, 0.2)
    assert np.allclose(gate.model.scores(x), model.scores(x), atol=1e-4)
    path.write_text(json.dumps({**model.to_json(), "features": ["best_prob"]}))
    load_gate.cache_clear()
    with pytest.raises(ValueError, match="fit_answerability"):
        load_gate(path)
