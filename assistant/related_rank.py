"""A learned ranker for related passages: weighted RRF keeps only the three retrievers' ranks
(the source's dense vector, the BM25 query of its subject terms, the late-interaction query of
its most specific sentences), and says nothing of what a candidate shares with the source. The
ranker scores each fused candidate from what the store returned and the source's subject —
no model call:

  fused         1 / (1 + its rank in the fused list)
  rr_*          1 / (1 + its rank) by the dense, BM25 and sentence query alone (0 when absent)
  dense         the dense query's cosine (the lowest one returned when absent)
  sentence_rel  the sentence query's score relative to the best candidate's
  sparse_rel    the BM25 score relative to the best candidate's
  shared        the subject-weight share of the source's terms the candidate holds
  n_shared      how many of the source's subject terms it holds, over the number of terms
  title_shared  the subject-weight share found in its document's title
  same_type     its document is of the source's document type (a motie next to moties)
  same_dossier  it is in the source's dossier (never true with --other-dossiers)
  date_near     exp(-|days apart| / 365) when both have a date, else 0
  words         its length in words, up to 200, / 200

Weights: conditional logit (assistant.rerank.fit_listwise) fitted on the `tune` split of
eval/gold/related.jsonl by `eval/fit_related.py`, stored in assistant/related_rank.json with the
fitting command in it; `related.learned` switches it off.
"""
from __future__ import annotations

import json
import math
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.rerank import Reranker
from index.text import tokenize

FEATURES = ("fused", "rr_dense", "rr_sparse", "rr_sentence", "dense", "sentence_rel", "sparse_rel", "shared",
            "n_shared", "title_shared", "same_type", "same_dossier", "date_near", "words")
WEIGHTS_FILE = Path(__file__).with_name("related_rank.json")


@lru_cache(maxsize=4)
def load_related_ranker(path: Path = WEIGHTS_FILE) -> Reranker | None:
    if not path.exists():
        return None
    return Reranker.from_json(json.loads(path.read_text(encoding="utf-8")), FEATURES, "eval/fit_related.py")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _relative(scores: dict[str, float]) -> dict[str, float]:
    """Each score over the best one (all 0 when there is none above 0)."""
    top = max(scores.values(), default=0.0)
    return {cid: v / top for cid, v in scores.items()} if top > 0 else {}


def related_features(src, terms, pool) -> np.ndarray:
    """One row of FEATURES per candidate of `pool` (a related.Pool), in its order."""
    weight = {t.stem: t.weight for t in terms}
    total = sum(weight.values()) or 1.0
    n_terms = len(weight) or 1
    src_chunk = src.chunk
    src_day = _day(src_chunk.date) if src_chunk is not None else None
    dense = pool.scores.get("dense", {})
    dense_floor = min(dense.values(), default=0.0)
    sentence, sparse = _relative(pool.scores.get("sentence", {})), _relative(pool.scores.get("sparse", {}))
    rows = []
    for i, h in enumerate(pool.hits):
        c, cid = h.chunk, h.chunk.chunk_id
        tokens = tokenize(c.text)
        stems = set(tokens)
        title = set(tokenize(c.title or ""))
        rr = [1.0 / (1 + pool.ranks[n][cid]) if cid in pool.ranks.get(n, {}) else 0.0
              for n in ("dense", "sparse", "sentence")]
        day = _day(c.date)
        near = math.exp(-abs((day - src_day).days) / 365) if day and src_day else 0.0
        rows.append([
            1.0 / (1 + i), *rr, dense.get(cid, dense_floor),
            sentence.get(cid, 0.0), sparse.get(cid, 0.0),
            sum(w for s, w in weight.items() if s in stems) / total,
            sum(1 for s in weight if s in stems) / n_terms,
            sum(w for s, w in weight.items() if s in title) / total,
            float(src_chunk is not None and c.doc_type == src_chunk.doc_type),
            float(src_chunk is not None and bool(c.dossier_number) and c.dossier_number == src_chunk.dossier_number),
            near, min(len(tokens), 200) / 200,
        ])
    return np.asarray(rows, dtype=np.float64).reshape(len(pool.hits), len(FEATURES))

