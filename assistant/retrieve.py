"""Retrieval: hybrid (dense + Dutch BM25, fused by RRF inside Qdrant), dense or sparse;
filters applied in the store; query understanding for actors and dossier numbers;
no duplicate texts and at most N hits per document.

Measured and left out: BM25 pseudo-relevance feedback (RM3-style, the distinctive terms of the
3 or 5 best fused passages, 10 or 20 of them at weight 0.3-1.0, for English or for all
questions; commit 3037ea1). In all 24 settings tune R@5 stayed 0.843 (English 0.750) and the
candidates' R@40 0.939 or fell to 0.930: the evidence is already among the candidates the
reranker sees (English R@40 0.875); ordering them is what fails."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from assistant.query import Query, build_query, detect_dossier, query_actor  # noqa: F401 - re-exported
from assistant.rerank import features, load_reranker, rerank
from assistant.topic import topic_terms, topic_weights
from assistant.types import Hit
from index.errors import UserError
from index.store import Filters, StoredHit
from index.text import fold, tokenize
from index.types import Chunk

Mode = Literal["hybrid", "dense", "sparse"]
MODES = ("hybrid", "dense", "sparse")


class RetrievalError(UserError, ValueError):
    pass


class UnknownPassage(RetrievalError):
    """A chunk id that is not in this store (HTTP front ends answer 404)."""

    def __init__(self, chunk_id: str | None):
        super().__init__(f"no passage with chunk id {chunk_id!r} in this store (ids are shown by `search --json`)")
        self.chunk_id = chunk_id


_HEX_ID = re.compile(r"^[0-9a-f]{1,64}$")


def stored_point(engine, chunk_id: str | None, with_vector: bool = False):
    """The store's record of one chunk id, or UnknownPassage (also for a malformed id, which
    the store cannot even look up: ids are hex content hashes)."""
    got = engine.store.retrieve([chunk_id], with_vector=with_vector) if _HEX_ID.match(chunk_id or "") else []
    if not got:
        raise UnknownPassage(chunk_id)
    return got[0]


def _to_hits(stored: list[StoredHit], manifest=None) -> list[Hit]:
    hits = [Hit(Chunk.from_payload(s.payload), s.score, vector=s.vector, sentence_vectors=s.sentence_vectors)
            for s in stored]
    if manifest is not None:  # mid-re-ingestion, only the recorded version of a document
        hits = [h for h in hits if manifest.is_current(h.chunk.doc_id, h.chunk.chunk_id)]
    return hits


def _spread(hits: list[Hit], penalty: float) -> list[Hit]:
    """A document's n-th passage moves `penalty` * (n - 1) places down (a soft per-document
    cap: a question whose evidence spans documents sees more than the best one's passages)."""
    if penalty <= 0:
        return hits
    seen: dict[str, int] = {}
    keyed = []
    for i, h in enumerate(hits):
        n = seen.get(h.chunk.doc_id, 0)
        seen[h.chunk.doc_id] = n + 1
        keyed.append((i + penalty * n, i, h))
    return [h for _, _, h in sorted(keyed, key=lambda t: (t[0], t[1]))]


def _diversify(hits: list[Hit], top_k: int, max_per_doc: int) -> list[Hit]:
    """Drop repeated texts (moties repeat each other) and cap hits per document."""
    seen_text: set[str] = set()
    per_doc: dict[str, int] = {}
    out: list[Hit] = []
    for h in hits:
        key = " ".join(fold(h.chunk.text).split())
        if key in seen_text:
            continue
        if max_per_doc and per_doc.get(h.chunk.doc_id, 0) >= max_per_doc:
            continue
        seen_text.add(key)
        per_doc[h.chunk.doc_id] = per_doc.get(h.chunk.doc_id, 0) + 1
        out.append(h)
        if len(out) >= top_k:
            break
    return out


def _raw_search(engine, query: Query, mode: Mode, filters: Filters, limit: int) -> list[Hit]:
    r = engine.settings.retrieval
    if mode not in MODES:
        raise RetrievalError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    dense = query.dense if mode in ("hybrid", "dense") else None
    sparse = query.sparse if mode in ("hybrid", "sparse") else None
    sparse_w = r.sparse_weight_en if query.language == "en" else r.sparse_weight
    stored = engine.store.query(dense, sparse, filters, limit, max(r.prefetch_k, limit), r.rrf_k,
                                (r.dense_weight, sparse_w, r.sentence_weight), with_vector=True)
    return _to_hits(stored, engine.manifest)


def candidate_features(engine, query: Query, hits: list[Hit], actor: str | None):
    """The reranker's feature rows for fused candidates (search and eval/fit_rerank.py alike)."""
    df = engine.doc_freq()
    extra = query.compound_parts + query.translated  # what rerank.json was fitted on (not the thesaurus's)
    terms = tokenize(query.text) + list(extra)
    topic = topic_weights(topic_terms(query.text, actor, extra), df)
    return features(query.dense, terms, topic, hits, df, actor, query.language, engine.settings.index, query.doc_types)


def _reranked(engine, query: Query, hits: list[Hit], actor: str | None, model) -> list[Hit]:
    """The fused candidates reordered by the learned reranker (assistant/rerank.py)."""
    if model is None or not hits:
        return hits
    return rerank(hits, candidate_features(engine, query, hits, actor), model)


def _interleave(first: list[Hit], second: list[Hit]) -> list[Hit]:
    """a1, b1, a2, b2, ... without repeats: the named actor's passages move up, while the
    best passages overall stay in the list (the actor may be named without being the
    speaker of the answer, e.g. "de motie-De Hoop" inside Handelingen)."""
    out, seen = [], set()
    for pair in zip(first + [None] * len(second), second + [None] * len(first)):
        for h in pair:
            if h is not None and h.chunk.chunk_id not in seen:
                seen.add(h.chunk.chunk_id)
                out.append(h)
    return out


def search(engine, question: str | Query, mode: Mode = "hybrid", top_k: int | None = None,
           filters: Filters | None = None, understand: bool = True) -> list[Hit]:
    """The top passages for a question. With `understand`, a dossier number in the question
    becomes a filter, and an actor it names puts that actor's passages first. Each hit keeps
    its dense vector (`Hit.vector`) for the answerer's similarities."""
    r = engine.settings.retrieval
    top_k = top_k or r.top_k
    filters = replace(filters) if filters else Filters()
    query = question if isinstance(question, Query) else None
    if query is None:
        if not str(question).strip():
            raise RetrievalError("empty question")
        query = build_query(engine, question, mode)
    if understand and not filters.dossier:
        filters.dossier = query.dossier
    limit = top_k * 4 + 8  # over-fetch: duplicates and per-document caps thin the list
    model = load_reranker() if r.rerank and mode == "hybrid" and query.dense is not None else None
    if model is not None:
        limit = max(limit, r.rerank_candidates)
    asked = filters.actor or (query.actor if understand else None)
    hits = _reranked(engine, query, _raw_search(engine, query, mode, filters, limit), asked, model)
    actor = query.actor if understand and r.actor_boost and not filters.actor else None
    if actor:
        mine = _raw_search(engine, query, mode, replace(filters, actor=actor), limit)
        hits = _interleave(_reranked(engine, query, mine, actor, model), hits)
    return _diversify(_spread(hits, r.doc_repeat_penalty), top_k, r.max_hits_per_doc)

# Related passages: assistant/related.py (subject terms + dense, procedural turns out).
