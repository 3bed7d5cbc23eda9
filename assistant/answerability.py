"""Answerability as one calibrated question-level gate: the probability that the sources
answer the question, from what retrieval and the sentence scorer already know (no model
call). The best sentence alone barely separates answerable from unanswerable questions
(an unanswerable question still finds sentences about the topic around it: cameras for
"Haalt de overheid de Hikvision-camera's weg?"); what gives it away is more often a
distinctive word of the question that no retrieved passage holds.

  best_prob     logit of the learned sentence scorer's best evidence probability
  top3_prob     logit of the mean of its three best
  best_sim      the best sentence cosine to the question
  coverage      IDF-weighted share of the question's topic stems (those the corpus knows)
                found in the three best passages
  missing_idf   the highest IDF of a topic stem the corpus knows but no retrieved passage holds,
                over the highest IDF possible (0 when every such stem is found)
  absent_nl     capitalised names of a Dutch question found in no passage of the corpus
                (assistant/unknown.py), and absent_en the same for an English question (whose own
                English words are often no Dutch text)
  kind_miss     the question is of a kind (an amount, a date: answer.KIND_CHECKS) that none of the
                five best sentences answers
  actor_absent  the question names an actor and none of the candidate sentences is theirs
  en            an English question (cross-lingual cosines run lower)

Fitted (session 26), the absent names weigh most (absent_nl -0.58, absent_en -0.25 standardised), then
top3_prob +0.28, best_prob +0.20, best_sim +0.14, coverage +0.13, actor_absent +0.09; missing_idf, en and
kind_miss about 0 (the five best sentences nearly always hold a number or a date), left for the fit to decide.

Weights: logistic regression fitted on the dev gold set's `tune` split by
`benchmarks/fit_answerability.py`, stored in `assistant/answerability.json` (the fitting
command and the chosen thresholds in it). Used when `answer.gate` is "answerability".
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.rerank import Reranker
from assistant.unknown import unknown_names
from index.text import tokenize

FEATURES = ("best_prob", "top3_prob", "best_sim", "coverage", "missing_idf", "absent_nl", "absent_en",
            "kind_miss", "actor_absent", "en")
WEIGHTS_FILE = Path(__file__).with_name("answerability.json")
FITTER = "benchmarks/fit_answerability.py"
TOP_PASSAGES = 3  # coverage counts the stems of this many best passages
TOP_SENTENCES = 5  # kind_miss looks at this many best sentences


@dataclass(frozen=True)
class Gate:
    model: Reranker
    threshold: float  # refuse below this probability (Dutch questions)
    threshold_en: float  # ... and English ones


@lru_cache(maxsize=4)
def load_gate(path: Path = WEIGHTS_FILE) -> Gate | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gate(Reranker.from_json(data, FEATURES, FITTER), float(data.get("threshold", 0.0)),
                float(data.get("threshold_en", 0.0)))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def features(question: str, hit_texts: list[str], scored, lang: str, actor: str | None, q_terms: set[str],
             df, actor_match, kind_ok) -> np.ndarray:
    """One row of FEATURES. hit_texts: the hits' passage texts, best first; scored: the
    candidate sentences with the learned scorer's probability as `score` (answer.Candidate);
    q_terms: the question's topic stems (assistant/topic.py, translations included);
    actor_match(c): the candidate is the asked actor's; kind_ok(sentences): they answer
    every kind the question is of."""
    probs = sorted((c.score for c in scored), reverse=True)
    best_prob = probs[0] if probs else 0.0
    top3 = float(np.mean(probs[:3])) if probs else 0.0
    best_sim = max((c.sim for c in scored), default=0.0)
    known = {t: df.idf(t) for t in q_terms if df.df.get(t, 0) > 0}
    stems = [set(tokenize(t)) for t in hit_texts]
    top, anywhere = set().union(*stems[:TOP_PASSAGES]), set().union(*stems)
    total = sum(known.values())
    coverage = sum(w for t, w in known.items() if t in top) / total if total else 1.0
    max_idf = math.log(1 + (df.n + 0.5) / 0.5) if df.n else 1.0
    missing = max((w for t, w in known.items() if t not in anywhere), default=0.0) / max_idf
    absent = float(len(unknown_names(question, df)))
    best = sorted(scored, key=lambda c: -c.score)[:TOP_SENTENCES]
    kind_miss = 0.0 if kind_ok([c.sentence for c in best]) else 1.0
    actor_absent = 1.0 if actor and not any(actor_match(c) for c in scored) else 0.0
    en = 1.0 if lang == "en" else 0.0
    return np.asarray([_logit(best_prob), _logit(top3), best_sim, coverage, missing, absent * (1 - en), absent * en,
                       kind_miss, actor_absent, en], dtype=np.float64)


def probability(model: Reranker, row: np.ndarray) -> float:
    return float(1.0 / (1.0 + np.exp(-model.scores(row[None, :])[0])))
