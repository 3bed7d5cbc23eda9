"""A learned sentence scorer for the extractive answerer: the probability that a candidate
sentence is evidence for the question, from what the answerer already knows of it (no
model call). It replaces the hand-weighted sum of `answer._candidates` when
`answer.scorer` is "learned", and its best probability is the answerability gate.

  sim, sim_gap      the sentence's cosine to the question, and its gap to the best sentence's
  overlap           IDF-weighted share of the question's topic terms in the sentence
  psim, psim_gap    its passage's cosine, and the gap to the best passage's
  rank              1 / (1 + its passage's rank in the (reranked) hits)
  interrogative     the sentence is itself a question ...
  asked_wanted      ... and the question asks what was asked or names an actor (an inbreng is questions)
  actor             the sentence is the asked actor's (0 when the question names none)
  kind_miss         the question is of a kind (KIND_CHECKS: an amount, a date) the sentence cannot answer
  position          1 / (1 + its place among its passage's quotable sentences)
  length            log(1 + its words)
  en, en_sim_gap    an English question (cross-lingual cosines run lower), and its sim_gap

Weights: logistic regression fitted on the dev gold set's `tune` split by
`benchmarks/fit_sentence_scorer.py`, stored in `assistant/sentence_scorer.json` (the fitting
command is in it). A sentence is labelled evidence when its passage holds an evidence quote
and the sentence lies inside that quote (or shares a 60-character span with it).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.rerank import Reranker

FEATURES = ("sim", "sim_gap", "overlap", "psim", "psim_gap", "rank", "interrogative", "asked_wanted", "actor",
            "kind_miss", "position", "length", "en", "en_sim_gap")
WEIGHTS_FILE = Path(__file__).with_name("sentence_scorer.json")
FITTER = "benchmarks/fit_sentence_scorer.py"


@lru_cache(maxsize=4)
def load_sentence_scorer(path: Path = WEIGHTS_FILE) -> Reranker | None:
    if not path.exists():
        return None
    return Reranker.from_json(json.loads(path.read_text(encoding="utf-8")), FEATURES, FITTER)


def features(cands, psims: list[float], lang: str, actor_match, asked_wanted: bool, kind_ok) -> np.ndarray:
    """One row of FEATURES per candidate (`answer.Candidate`). psims: each hit's passage
    cosine; actor_match(c): the sentence is the asked actor's; kind_ok(sentence): it can answer
    the question's kinds (always True for a question of no kind)."""
    if not cands:
        return np.zeros((0, len(FEATURES)))
    best_sim = max(c.sim for c in cands)
    best_psim = max(psims, default=0.0)
    en = 1.0 if lang == "en" else 0.0
    rows = []
    for c in cands:
        psim = psims[c.rank] if c.rank < len(psims) else 0.0
        q = 1.0 if c.sentence.rstrip().endswith("?") else 0.0
        gap = c.sim - best_sim
        rows.append([c.sim, gap, c.overlap, psim, psim - best_psim, 1.0 / (1 + c.rank), q, q * float(asked_wanted),
                     float(actor_match(c)), 0.0 if kind_ok(c.sentence) else 1.0, 1.0 / (1 + c.position),
                     math.log1p(len(c.sentence.split())), en, en * gap])
    return np.asarray(rows, dtype=np.float64)


def probabilities(model: Reranker, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-model.scores(x))) if len(x) else np.zeros(0)
