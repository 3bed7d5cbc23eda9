"""Retrieval: hybrid (dense + Dutch BM25, fused by RRF inside Qdrant), dense or sparse;
filters applied in the store; query understanding for actors and dossier numbers;
no duplicate texts and at most N hits per document."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from assistant.language import detect_language
from index.types import Chunk
from assistant.types import Hit
from index.bm25 import BM25Encoder
from index.text import fold
from index.store import Filters, StoredHit
from index.errors import UserError

Mode = Literal["hybrid", "dense", "sparse"]
MODES = ("hybrid", "dense", "sparse")

_DOSSIER = re.compile(r"\b(\d{2}\s?\d{3}(?:-[A-Z0-9]{1,3})?)(?:\s*[-,]\s*(?:nr\.?\s*)?(\d{1,5}))?\b")
_DOSSIER_CUE = re.compile(r"kamerstuk|dossier|\d{5}-\d", re.I)


class RetrievalError(UserError, ValueError):
    pass


def detect_dossier(question: str) -> str | None:
    """"Kamerstuk 22 112, nr. 4018" / "dossier 22112" / "22112-4018" -> "22112-4018" / "22112"."""
    if not _DOSSIER_CUE.search(question):
        return None
    m = _DOSSIER.search(question)
    if not m:
        return None
    base = m.group(1).replace(" ", "")
    return f"{base}-{m.group(2)}" if m.group(2) else base


def _to_hits(stored: list[StoredHit], manifest=None) -> list[Hit]:
    hits = [Hit(Chunk.from_payload(s.payload), s.score) for s in stored]
    if manifest is not None:  # mid-re-ingestion, only the recorded version of a document
        hits = [h for h in hits if manifest.is_current(h.chunk.doc_id, h.chunk.chunk_id)]
    return hits


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


def _raw_search(engine, question: str, mode: Mode, filters: Filters, limit: int, qvec=None) -> list[Hit]:
    s = engine.settings
    if mode not in MODES:
        raise RetrievalError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    dense = sparse = None
    if mode in ("hybrid", "dense"):
        dense = qvec if qvec is not None else engine.embedder.embed_queries([question])[0]
    if mode in ("hybrid", "sparse"):
        sparse = BM25Encoder(s.index.bm25_k1, s.index.bm25_b, s.index.bm25_avgdl).encode_query(question)
    sparse_w = s.retrieval.sparse_weight_en if detect_language(question) == "en" else s.retrieval.sparse_weight
    stored = engine.store.query(dense, sparse, filters, limit, max(s.retrieval.prefetch_k, limit), s.retrieval.rrf_k,
                                (s.retrieval.dense_weight, sparse_w))
    return _to_hits(stored, engine.manifest)


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


def query_actor(question: str) -> str | None:
    """The actor a question asks about: a fractie, Nederland, the Commission, ... or a
    member of parliament named as asker/indiener ("het lid Kathmann")."""
    from index.actors import detect_query_actor, detect_query_member

    return detect_query_actor(question) or detect_query_member(question)


def search(engine, question: str, mode: Mode = "hybrid", top_k: int | None = None,
           filters: Filters | None = None, understand: bool = True) -> list[Hit]:
    """The top passages for a question. With `understand`, a dossier number in the question
    becomes a filter, and an actor it names puts that actor's passages first."""
    s = engine.settings
    top_k = top_k or s.retrieval.top_k
    filters = replace(filters) if filters else Filters()
    if not question.strip():
        raise RetrievalError("empty question")
    if understand and not filters.dossier:
        filters.dossier = detect_dossier(question)
    limit = top_k * 4 + 8  # over-fetch: duplicates and per-document caps thin the list
    qvec = engine.embedder.embed_queries([question])[0] if mode in ("hybrid", "dense") else None
    hits = _raw_search(engine, question, mode, filters, limit, qvec)
    actor = query_actor(question) if understand and s.retrieval.actor_boost and not filters.actor else None
    if actor:
        mine = _raw_search(engine, question, mode, replace(filters, actor=actor), limit, qvec)
        hits = _interleave(mine, hits)
    return _diversify(hits, top_k, s.retrieval.max_hits_per_doc)

# Related passages: assistant/related.py (subject terms + dense, procedural turns out).
