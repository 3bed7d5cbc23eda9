"""Related passages worth following: the same subject in other documents, not the same genre.

    source passage (or pasted text) -> subject terms (assistant.subject) + dense vector
    -> two store queries (dense, BM25 of the subject terms) -> weighted RRF (here, pure)
    -> passages worth showing only (assistant.worth) -> at most N per document, spread over
    dossiers with `other_dossiers` -> RelatedHit with `because` (the shared subject terms).

`method="dense"` keeps the old behaviour (the passage vector alone) for comparison.

Measured and left out: dense pseudo-relevance feedback (Rocchio: the source's vector plus the
mean vector of the first 3/5/10 fused candidates worth showing, one per document, at 0.5/1/2
times the source's, as a fourth ranking at RRF weight 0.5/1/2; benchmarks/related_sweep.py
--sweep, commit 4f21796). Best on tune (3 candidates, 1.0, 1.0): p@5 / r@10 0.506 / 0.547 ->
0.481 / 0.588, test 0.560 / 0.611 -> 0.529 / 0.599: recall gained on a debate's many moties,
precision lost on the sources with one or two related documents.
Also left out: documents ordered by their best passage's fused score plus 0.25/0.5/1.0 times
their next two passages' (a document with several passages on the subject): tune p@5 / r@10
0.506 / 0.547 -> 0.477 / 0.536, 0.446 / 0.536, 0.419 / 0.518 (test 0.560 / 0.611 -> 0.536 /
0.600 at 0.25): long debates with many passages that share a word rose.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.related_rank import load_related_ranker, related_features
from assistant.rerank import rerank
from assistant.retrieve import RetrievalError, stored_point
from assistant.subject import Term, name_stems, shared_terms, subject_terms
from assistant.types import Hit
from assistant.worth import worth_showing
from index.bm25 import SparseVec, term_index
from index.store import Filters
from index.text import fold, tokenize
from index.types import Chunk


class RelatedError(RetrievalError):
    pass


@dataclass
class RelatedHit(Hit):
    because: list[str] = field(default_factory=list)  # shared subject terms, surface form

    def to_json(self) -> dict:
        return {**super().to_json(), "because": self.because}


def rrf(rankings: list[list[str]], weights: list[float], k: int) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion: score(id) = sum w / (k + rank), rank from 1."""
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, key in enumerate(ranking, 1):
            scores[key] = scores.get(key, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def dossier_key(chunk: Chunk) -> str:
    return chunk.dossier_number or chunk.doc_id


def cap_and_spread(hits: list[Hit], top_k: int, max_per_doc: int, max_per_dossier: int = 0) -> list[Hit]:
    """Best first, no repeated text, at most `max_per_doc` per document (hard); with
    `max_per_dossier`, a dossier gets more only when no other dossier has a passage left."""
    seen_text: set[str] = set()
    per_doc: dict[str, int] = {}
    kept: list[Hit] = []
    for h in hits:
        key = " ".join(fold(h.chunk.text).split())
        if key in seen_text or (max_per_doc and per_doc.get(h.chunk.doc_id, 0) >= max_per_doc):
            continue
        seen_text.add(key)
        per_doc[h.chunk.doc_id] = per_doc.get(h.chunk.doc_id, 0) + 1
        kept.append(h)
    if not max_per_dossier:
        return kept[:top_k]
    per_dossier: dict[str, int] = {}
    first, rest = [], []
    for h in kept:
        d = dossier_key(h.chunk)
        (first if per_dossier.get(d, 0) < max_per_dossier else rest).append(h)
        per_dossier[d] = per_dossier.get(d, 0) + 1
    return (first + rest)[:top_k]


@dataclass
class Source:
    text: str
    vector: list[float]
    chunk: Chunk | None = None
    context: list[Chunk] = field(default_factory=list)  # neighbours in the document
    sentence_vectors: "np.ndarray | None" = None  # the stored passage's, rows follow chunk.sentence_spans

    def weighted_texts(self, weight: float) -> list[tuple[str, float]]:
        """The passage (1.0), then its neighbours and its document title (`weight`): a short
        passage ("Vraag 1 ...") gets its subject from what surrounds it."""
        out = [(self.text, 1.0)] + [(c.text, weight) for c in self.context]
        if self.chunk is not None and self.chunk.title:
            out.append((self.chunk.title, weight))
        return out

    def names(self) -> set[str]:
        c = self.chunk
        return name_stems([*c.members, *c.actors, c.speaker]) if c is not None else set()


def _source(engine, chunk_id: str | None, text: str | None) -> Source:
    if chunk_id:
        point = stored_point(engine, chunk_id, with_vector=True)  # UnknownPassage for an unknown or malformed id
        chunk = Chunk.from_payload(point.payload)
        vec = point.vector if point.vector is not None else engine.embedder.embed_passages([chunk.text])[0]
        return Source(chunk.text, vec, chunk, neighbours(engine, chunk, engine.settings.related.context_neighbours),
                      point.sentence_vectors)
    if text and text.strip():
        return Source(text, engine.embedder.embed_passages([text])[0])
    raise RelatedError("give a chunk id or a text to find related passages for")


def neighbours(engine, chunk: Chunk, n: int) -> list[Chunk]:
    """The `n` passages before and after `chunk` in its document (from the manifest)."""
    state = engine.manifest.state_of_doc(chunk.doc_id) if (n and engine.manifest is not None) else None
    if state is None or chunk.chunk_id not in state.chunk_ids:
        return []
    i = state.chunk_ids.index(chunk.chunk_id)
    ids = [c for c in state.chunk_ids[max(0, i - n): i + n + 1] if c != chunk.chunk_id]
    return [Chunk.from_payload(h.payload) for h in engine.store.retrieve(ids)] if ids else []


def subject_query(terms: list[Term], weighted: bool = False) -> SparseVec:
    """BM25 query of the subject terms, 1.0 per term as for a search (the store's IDF
    modifier weights them by the corpus IDF), or with `weighted` each term's subject weight
    relative to the heaviest (its frequency in the source counts too)."""
    top = max((t.weight for t in terms), default=1.0) or 1.0
    w: dict[int, float] = {}
    for t in terms:
        i = term_index(t.stem)
        w[i] = max(w.get(i, 0.0), t.weight / top if weighted else 1.0)
    ids = sorted(w)
    return SparseVec(ids, [w[i] for i in ids])


def dense_vector(engine, src: Source, terms: list[Term]) -> list[float]:
    """The dense query: the passage's own vector, the vector of the passage with its
    neighbours, or a query vector of its subject terms (related.dense_query)."""
    how = engine.settings.related.dense_query
    if how == "context" and src.context:
        return engine.embedder.embed_passages([" ".join([src.text, *(c.text for c in src.context)])])[0]
    if how == "terms" and terms:
        return engine.embedder.embed_queries([" ".join(t.surface for t in terms)])[0]
    return src.vector


def subject_sentences(src: Source, terms: list[Term], n: int) -> "np.ndarray | None":
    """The stored vectors of the source's `n` most specific sentences: those carrying most of
    its subject terms' weight (a passage's genre sits in its other sentences: "Kan de
    minister toelichten ..."), for a late-interaction (MaxSim) query over sentence vectors."""
    m, chunk = src.sentence_vectors, src.chunk
    if m is None or chunk is None or not n or len(m) != len(chunk.sentence_spans):
        return None
    weight = {t.stem: t.weight for t in terms}
    scored = [(sum(weight.get(st, 0.0) for st in set(tokenize(sent))), i) for i, sent in enumerate(chunk.sentences)]
    best = [i for w, i in sorted(scored, key=lambda x: (-x[0], x[1]))[:n] if w > 0]
    return m[best] if best else None


@dataclass
class Pool:
    """The fused candidates, with each retriever's rank and score of every candidate (the
    learned ranker's inputs; a candidate one retriever did not return has no entry there)."""
    hits: list[Hit]
    ranks: dict[str, dict[str, int]] = field(default_factory=dict)  # retriever -> chunk id -> rank from 0
    scores: dict[str, dict[str, float]] = field(default_factory=dict)


def candidates(engine, src: Source, terms: list[Term], filters: Filters) -> Pool:
    """Dense, subject-term and (with sentence vectors) subject-sentence rankings from the
    store, fused (or dense alone)."""
    r = engine.settings.related
    vec = dense_vector(engine, src, terms) if r.method == "subject" else src.vector
    lists = {"dense": engine.store.query(vec, None, filters, r.prefetch_k, r.prefetch_k, r.rrf_k)}
    weights = {"dense": r.dense_weight}
    if r.method == "subject" and terms:
        lists["sparse"] = engine.store.query(None, subject_query(terms, r.weighted_terms), filters, r.prefetch_k,
                                             r.prefetch_k, r.rrf_k)
        weights["sparse"] = r.sparse_weight
    queries = subject_sentences(src, terms, r.sentence_queries) if r.method == "subject" and r.sentence_weight > 0 else None
    if queries is not None:
        lists["sentence"] = engine.store.query_sentences(queries, filters, r.prefetch_k)
        weights["sentence"] = r.sentence_weight
    by_id = {s.payload["chunk_id"]: s.payload for got in lists.values() for s in got}
    rankings = {name: [s.payload["chunk_id"] for s in got] for name, got in lists.items()}
    fused = rrf(list(rankings.values()), list(weights.values()), r.rrf_k)
    hits = [Hit(Chunk.from_payload(by_id[cid]), score) for cid, score in fused]
    manifest = engine.manifest
    hits = [h for h in hits if manifest is None or manifest.is_current(h.chunk.doc_id, h.chunk.chunk_id)]
    return Pool(hits, {n: {cid: i for i, cid in enumerate(ids)} for n, ids in rankings.items()},
                {n: {s.payload["chunk_id"]: float(s.score) for s in got} for n, got in lists.items()})


def related(engine, chunk_id: str | None = None, text: str | None = None, other_dossiers: bool = False,
            top_k: int | None = None, filters: Filters | None = None) -> list[RelatedHit]:
    """Passages on the subject of a stored passage (or a pasted text) in other documents;
    with `other_dossiers`, outside the source's dossier and spread over dossiers."""
    s = engine.settings
    r = s.related
    top_k = top_k or s.retrieval.top_k
    src, terms, pool = ranked_pool(engine, chunk_id, text, other_dossiers, filters)
    hits = cap_and_spread(pool.hits, top_k, r.max_per_doc, r.max_per_dossier if other_dossiers else 0)
    own = set(tokenize(src.text))  # chips from the passage itself first, then from its context
    shown = sorted(terms, key=lambda t: t.stem not in own)
    return [RelatedHit(h.chunk, h.score, shared_terms(shown, h.chunk.text, r.because_terms)) for h in hits]


def ranked_pool(engine, chunk_id: str | None = None, text: str | None = None, other_dossiers: bool = False,
                filters: Filters | None = None, learned: bool | None = None) -> tuple[Source, list[Term], Pool]:
    """The source, its subject terms and the candidates worth showing, best first: by the
    learned ranker (assistant/related_rank.py) when `related.learned` is on and fitted, else
    in fused order. `learned=False` gives the fused order (the ranker's training rows)."""
    r = engine.settings.related
    filters = replace(filters) if filters else Filters()
    src = _source(engine, chunk_id, text)
    if src.chunk is not None:
        filters.exclude_doc_ids = [*filters.exclude_doc_ids, src.chunk.doc_id]
        if other_dossiers and src.chunk.dossier_number:
            filters.exclude_dossiers = [*filters.exclude_dossiers, src.chunk.dossier_number]
    genre = engine.genre_shares(src.chunk.doc_type) if src.chunk is not None else None  # a pasted text has no genre
    terms = subject_terms(src.weighted_texts(r.context_weight), engine.doc_freq(), r.subject_terms,
                          2 if src.chunk is not None else 1, src.names(), genre, r.max_genre_share)
    pool = candidates(engine, src, terms, filters)
    pool.hits = [h for h in pool.hits if worth_showing(h.chunk.text, h.chunk.speaker, r.min_words)
                 and not (r.require_shared and terms and not shared_terms(terms, h.chunk.text, 1))]
    model = load_related_ranker() if (r.learned if learned is None else learned) and r.method == "subject" else None
    if model is not None and pool.hits:
        pool.hits = rerank(pool.hits, related_features(src, terms, pool), model)
    return src, terms, pool
