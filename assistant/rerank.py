"""A learned reranker over the fused candidates: RRF keeps only ranks, and the three
retrievers (passage vector, BM25, best sentence) disagree often enough that the right
passage is in some retriever's top 5 far more often than in the fused top 5. The reranker
scores each candidate from what the store already returned — no model call:

  dense      the passage vector's cosine to the question, and its gap to the best candidate's
  sent       the best sentence's cosine (MaxSim over the stored sentence vectors), and its gap
  bm25       BM25 of the question's terms in the passage (corpus IDF), relative to the best
  overlap    IDF-weighted share of the question's topic terms found in the passage
  fused      1 / (1 + its rank in the fused list)
  actor      the passage is attributed to the actor the question names
  title      IDF-weighted share of the question's topic terms in the document's title
  en_bm25    BM25 on an English question (Dutch BM25 matches few English words)
  rr_*       1 / (1 + its rank among the candidates) by dense, sentence and BM25 alone, and the
             best of the three: a passage one retriever puts first is worth a look
  doc_type   the passage's document is of a type the question names ("Welke moties ...")
  en_*       on an English question, the dense and sentence gaps and the sentence rank again: the
             cross-lingual cosines are nearly all there is to go on, and they weigh differently
             (tune R@5 + MRR 0.817 + 0.620 -> 0.809 + 0.639, test 0.776 + 0.665 -> 0.784 + 0.668)

Measured on tune and left out (each added alone to the 14 above, `fit_rerank --drop`): the mean
cosine of a passage's two best sentences, its cosine to the centroid of the five best-fused
passages (pseudo-relevance feedback), the best topic-term share within one sentence, and its
log length: none moved tune R@5 (0.791), MRR +0.005 to +0.011; all five together 0.787. Later (session 23,
with the en_* features): whether the passage is worth showing (assistant/worth.py: not a procedural turn or a
contentless fragment such as "Vraag 10 Wilt u deze vragen ... beantwoorden?"): tune R@5 / MRR 0.809 / 0.639 ->
0.813 / 0.646, test 0.784 / 0.668 -> 0.776 / 0.668, inside the noise. Session 27 (5-fold cross-validation by
question on tune, 3 seeds, hit@5 / MRR among the candidates): the base features 0.813 / 0.625; with the share of
candidates from the same document 0.815 / 0.626, the best rank of another passage of its document 0.803 / 0.606,
of an adjacent passage 0.810 / 0.615, all three 0.793 / 0.613. Gradient-boosted trees (sklearn, depth 2-3, 100-300
trees) over the same features: 0.737-0.788 / 0.577-0.604 against the linear model's 0.825 / 0.622 (one seed).

Weights: logistic regression fitted on the dev gold set's `tune` split by
`eval/fit_rerank.py`, stored in `assistant/rerank.json` (the fitting command is in it).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.types import Hit
from index.actors import actor_in
from index.text import tokenize

FEATURES = ("dense", "dense_gap", "sent", "sent_gap", "bm25_rel", "overlap", "fused", "actor", "en_bm25",
            "rr_dense", "rr_sent", "rr_bm25", "rr_best", "title", "doc_type", "en_dense_gap", "en_sent_gap", "en_rr_sent")
WEIGHTS_FILE = Path(__file__).with_name("rerank.json")


@dataclass(frozen=True)
class Reranker:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float

    def scores(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.bias

    @classmethod
    def from_json(cls, data: dict, features: tuple[str, ...] = FEATURES, fitter: str = "eval/fit_rerank.py") -> "Reranker":
        if tuple(data["features"]) != tuple(features):
            raise ValueError(f"the weights were fitted on other features ({', '.join(data['features'])}); run {fitter} again")
        return cls(tuple(data["features"]), np.asarray(data["mean"]), np.asarray(data["scale"]),
                   np.asarray(data["coef"]), float(data["bias"]))

    def to_json(self, **meta) -> dict:
        return {**meta, "features": list(self.names), "mean": self.mean.round(6).tolist(),
                "scale": self.scale.round(6).tolist(), "coef": self.coef.round(6).tolist(), "bias": round(self.bias, 6)}


@lru_cache(maxsize=4)
def load_reranker(path: Path = WEIGHTS_FILE) -> Reranker | None:
    if not path.exists():
        return None
    return Reranker.from_json(json.loads(path.read_text(encoding="utf-8")))


def bm25(q_terms: list[str], doc_terms: list[str], df, k1: float, b: float, avgdl: float) -> float:
    tf = Counter(doc_terms)
    norm = k1 * (1 - b + b * len(doc_terms) / avgdl)
    return sum(df.idf(t) * tf[t] * (k1 + 1) / (tf[t] + norm) for t in set(q_terms) if t in tf)


def features(qvec: np.ndarray, q_terms: list[str], topic: dict[str, float], hits: list[Hit], df,
             actor: str | None, lang: str, idx, doc_types: tuple[str, ...] = ()) -> np.ndarray:
    """One row of FEATURES per hit (in the fused order)."""
    q = np.asarray(qvec, dtype=np.float32)
    dense = np.array([float(np.dot(q, np.asarray(h.vector, dtype=np.float32))) if h.vector is not None else 0.0
                      for h in hits])
    sent = np.array([float(np.max(h.sentence_vectors @ q)) if h.sentence_vectors is not None and len(h.sentence_vectors)
                     else d for h, d in zip(hits, dense)])
    terms = [tokenize(h.chunk.text) for h in hits]
    b = np.array([bm25(q_terms, t, df, idx.bm25_k1, idx.bm25_b, idx.bm25_avgdl) for t in terms])
    total = sum(topic.values()) or 1.0
    overlap = np.array([sum(w for s, w in topic.items() if s in ts) / total for ts in map(set, terms)])
    titles = [set(tokenize(h.chunk.title or "")) for h in hits]
    title = np.array([sum(w for s, w in topic.items() if s in t) / total for t in titles])
    bm25_rel = b / b.max() if len(b) and b.max() > 0 else np.zeros(len(hits))
    en = 1.0 if lang == "en" else 0.0
    rr = [1.0 / (1 + _ranks(v)) for v in (dense, sent, b)]
    rows = []
    for i, h in enumerate(hits):
        rows.append([dense[i], dense[i] - dense.max(), sent[i], sent[i] - sent.max(), bm25_rel[i], overlap[i],
                     1.0 / (1 + i), float(bool(actor) and actor_in(actor, [*h.chunk.actors, h.chunk.speaker])), en * bm25_rel[i],
                     rr[0][i], rr[1][i], rr[2][i], max(rr[0][i], rr[1][i], rr[2][i]), title[i],
                     float(h.chunk.doc_type in doc_types), en * (dense[i] - dense.max()), en * (sent[i] - sent.max()),
                     en * rr[1][i]])
    return np.asarray(rows, dtype=np.float64).reshape(len(hits), len(FEATURES))


def _ranks(values: np.ndarray) -> np.ndarray:
    """0 for the highest value, 1 for the next, ... (ties by position)."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    out = np.empty(len(values))
    out[order] = np.arange(len(values))
    return out


def rerank(hits: list[Hit], x: np.ndarray, model: Reranker) -> list[Hit]:
    """The hits by the model's score (ties keep the fused order)."""
    if not hits:
        return hits
    s = model.scores(x)
    order = sorted(range(len(hits)), key=lambda i: (-s[i], i))
    return [hits[i] for i in order]


def fit_listwise(x: np.ndarray, y: np.ndarray, groups: list[int], l2: float = 1.0, iters: int = 50,
                 names: tuple[str, ...] = FEATURES) -> Reranker:
    """Conditional logit (a softmax over each question's candidates, the positives' mean log
    probability maximised), L2-regularised, by Newton's method on standardised features:
    it learns to put a relevant passage above the others of the same question, which is
    what ranking needs (scores across questions are never compared)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    g = np.asarray(groups)
    idx = [np.flatnonzero(g == k) for k in dict.fromkeys(groups)]
    idx = [i for i in idx if y[i].sum() > 0]  # a question without a relevant candidate teaches nothing
    def loss(w):
        total = 0.5 * l2 * float(w @ w)
        for i in idx:
            s = z[i] @ w
            lse = s.max() + math.log(float(np.exp(s - s.max()).sum()))
            total -= float(y[i] @ s) / y[i].sum() - lse
        return total

    w = np.zeros(z.shape[1])
    current = loss(w)
    for _ in range(iters):
        grad, hess = l2 * w, l2 * np.eye(len(w))
        for i in idx:
            zi, yi = z[i], y[i]
            s = zi @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mu = p @ zi
            grad -= (yi @ zi) / yi.sum() - mu
            hess += (zi * p[:, None]).T @ zi - np.outer(mu, mu)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while loss(w - t * step) > current and t > 1e-6:  # backtracking: Newton may overshoot
            t /= 2
        w, previous = w - t * step, current
        current = loss(w)
        if previous - current < 1e-9:
            break
    return Reranker(tuple(names), mean, scale, w, 0.0)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50,
                 names: tuple[str, ...] = FEATURES) -> Reranker:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.eye(z.shape[1]) * l2
    reg[-1, -1] = 0.0  # no penalty on the bias
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg @ w
        hess = z.T @ (z * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if math.sqrt(float(step @ step)) < 1e-8:
            break
    return Reranker(tuple(names), mean, scale, w[:-1], float(w[-1]))
