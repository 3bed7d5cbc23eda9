"""Qdrant Edge backend: an embedded Rust shard in a directory (one process owns it)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import numpy as np

from index.types import Chunk
from index.bm25 import SparseVec
from index.store import (DENSE, INTEGER_FIELDS, KEYWORD_FIELDS, SENTS, SPARSE, Filters, StoredHit, StoreError, chunk_payload,
                         date_int, ordered, point_id, point_vectors, sentence_matrix)


def edge_filter(f: Filters | None):
    """Filters -> qdrant_edge.Filter (None when empty)."""
    import qdrant_edge as qe

    if f is None or f.is_empty():
        return None
    must, must_not = [], []
    if f.dossier:
        must.append(qe.FieldCondition(key="dossier_keys", match=qe.MatchValue(value=f.dossier)))
    if f.doc_type:
        must.append(qe.FieldCondition(key="doc_type", match=qe.MatchValue(value=f.doc_type)))
    if f.actor:
        must.append(qe.FieldCondition(key="actors", match=qe.MatchValue(value=f.actor)))
    if f.doc_id:
        must.append(qe.FieldCondition(key="doc_id", match=qe.MatchValue(value=f.doc_id)))
    lo, hi = date_int(f.date_from), date_int(f.date_to)
    if lo or hi:
        must.append(qe.FieldCondition(key="date_int", range=qe.RangeFloat(gte=lo, lte=hi)))
    if f.exclude_dossiers:
        must_not.append(qe.FieldCondition(key="dossier_keys", match=qe.MatchAny(any=list(f.exclude_dossiers))))
    if f.exclude_doc_ids:
        must_not.append(qe.FieldCondition(key="doc_id", match=qe.MatchAny(any=list(f.exclude_doc_ids))))
    return qe.Filter(must=must or None, must_not=must_not or None)


class EdgeStore:
    def __init__(self, path: Path, dim: int, settings):
        import qdrant_edge as qe

        self._qe, self.path, self.dim, self.settings = qe, Path(path), dim, settings
        self.has_sentences = bool(settings.index.sentence_vectors)  # the collection is named after it
        vectors = {DENSE: qe.EdgeVectorParams(size=dim, distance=qe.Distance.Cosine)}
        if self.has_sentences:
            vectors[SENTS] = qe.EdgeVectorParams(
                size=dim, distance=qe.Distance.Cosine,
                multivector_config=qe.MultiVectorConfig(comparator=qe.MultiVectorComparator.MaxSim))
        config = qe.EdgeConfig(
            vectors=vectors,
            sparse_vectors={SPARSE: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
        )
        try:
            if (self.path / "edge_config.json").exists() or any(self.path.glob("segments*")):
                self.shard = qe.EdgeShard.load(str(self.path))
                self.has_sentences = _stored_vectors(self.path, self.has_sentences)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.shard = qe.EdgeShard.create(str(self.path), config)
                self._create_indexes()
        except Exception as e:  # noqa: BLE001 - the engine's errors are opaque; name the directory
            raise StoreError(
                f"cannot open the Qdrant Edge store at {self.path}: {e}. "
                "Is another dossierwijzer process (ingest or serve) using this store? "
                "Stop it, or ingest through the running app."
            ) from e
        self._count: int | None = None

    def _create_indexes(self) -> None:
        qe = self._qe
        for name in KEYWORD_FIELDS:
            self.shard.update(qe.UpdateOperation.create_field_index(name, qe.PayloadSchemaType.Keyword))
        for name in INTEGER_FIELDS:
            self.shard.update(qe.UpdateOperation.create_field_index(name, qe.PayloadSchemaType.Integer))

    def upsert(self, chunks: list[Chunk], dense: np.ndarray, sparse: list[SparseVec],
               sentences: list[np.ndarray | None] | None = None) -> None:
        qe = self._qe
        sentences = sentences if sentences is not None and self.has_sentences else [None] * len(chunks)
        points = [qe.Point(point_id(c.chunk_id), point_vectors(d, s, m, qe.SparseVector), chunk_payload(c))
                  for c, d, s, m in zip(chunks, dense, sparse, sentences)]
        if points:
            self.shard.update(qe.UpdateOperation.upsert_points(points))
        self._count = None

    def delete_doc(self, doc_id: str) -> None:
        self.shard.update(self._qe.UpdateOperation.delete_points_by_filter(edge_filter(Filters(doc_id=doc_id))))
        self._count = None

    def delete_chunks(self, chunk_ids: list[str]) -> None:
        if chunk_ids:
            self.shard.update(self._qe.UpdateOperation.delete_points([point_id(c) for c in chunk_ids]))
            self._count = None

    def _params(self):
        if self._count is None:
            self._count = self.count()
        if self._count <= self.settings.storage.exact_search_max_points:
            return self._qe.SearchParams(exact=True)
        return self._qe.SearchParams(hnsw_ef=self.settings.storage.hnsw_ef)

    def query(self, dense, sparse, filters, limit, prefetch_k, rrf_k, weights=(1.0, 1.0),
              with_vector: bool = False) -> list[StoredHit]:
        qe = self._qe
        wv = ([DENSE, SENTS] if self.has_sentences else [DENSE]) if with_vector else None
        flt, params = edge_filter(filters), self._params()
        dq = qe.Query.Nearest([float(x) for x in dense], using=DENSE) if dense is not None else None
        sq = None
        if sparse is not None and sparse.indices:
            sq = qe.Query.Nearest(qe.SparseVector(indices=sparse.indices, values=sparse.values), using=SPARSE)
        prefetches, fused = [], []
        for q, w, extra in ((dq, weights[0], {"params": params}), (sq, weights[1], {})):
            if q is not None:
                prefetches.append(qe.Prefetch(limit=prefetch_k, query=q, filter=flt, **extra))
                fused.append(w)
        if dq is not None and self.has_sentences and len(weights) > 2 and weights[2] > 0:
            mq = qe.Query.Nearest([[float(x) for x in dense]], using=SENTS)
            prefetches.append(qe.Prefetch(limit=prefetch_k, query=mq, filter=flt, params=params))
            fused.append(weights[2])
        if len(prefetches) > 1:
            req = qe.QueryRequest(
                limit=limit,
                query=qe.Fusion.Rrf(k=rrf_k, weights=fused),
                prefetches=prefetches,
                filter=flt,
                with_payload=True,
                with_vector=wv,
            )
        elif dq is not None or sq is not None:
            req = qe.QueryRequest(limit=limit, query=dq or sq, filter=flt, with_payload=True, params=params, with_vector=wv)
        else:
            return []
        return ordered([self._hit(p, float(p.score), with_vector) for p in self.shard.query(req)])

    def query_sentences(self, vectors: np.ndarray, filters: Filters | None, limit: int) -> list[StoredHit]:
        """Passages by late interaction: the sum over `vectors` of each one's best match among
        a passage's sentence vectors (MaxSim); [] when the collection has none."""
        if not self.has_sentences or vectors is None or not len(vectors):
            return []
        qe = self._qe
        req = qe.QueryRequest(limit=limit, query=qe.Query.Nearest([[float(x) for x in v] for v in vectors], using=SENTS),
                              filter=edge_filter(filters), with_payload=True, params=self._params())
        return ordered([self._hit(p, float(p.score), False) for p in self.shard.query(req)])

    def _hit(self, p, score: float, with_vector: bool) -> StoredHit:
        if not with_vector:
            return StoredHit(dict(p.payload), score)
        sents = p.vector.get(SENTS) if isinstance(p.vector, dict) else None
        return StoredHit(dict(p.payload), score, _dense_of(p.vector), sentence_matrix(sents, self.dim))

    def retrieve(self, chunk_ids: list[str], with_vector: bool = False) -> list[StoredHit]:
        wv = ([DENSE, SENTS] if self.has_sentences else [DENSE]) if with_vector else False
        return [self._hit(r, 1.0, with_vector) for r in self.shard.retrieve([point_id(c) for c in chunk_ids], True, wv)]

    def count(self, filters: Filters | None = None) -> int:
        return int(self.shard.count(self._qe.CountRequest(exact=True, filter=edge_filter(filters))))

    def scroll(self, filters: Filters | None = None, batch: int = 256) -> Iterator[dict]:
        offset = None
        while True:
            recs, offset = self.shard.scroll(
                self._qe.ScrollRequest(offset=offset, limit=batch, filter=edge_filter(filters), with_payload=True)
            )
            for r in recs:
                yield dict(r.payload)
            if offset is None:
                return

    def flush(self) -> None:
        self.shard.flush()

    def optimize(self) -> None:
        """Build the HNSW index (Edge builds it only when asked); searches above
        exact_search_max_points use it with hnsw_ef."""
        self.shard.optimize()

    def close(self) -> None:
        try:
            self.shard.close()
        except Exception:  # noqa: BLE001 - closing twice is harmless
            pass


def _stored_vectors(path: Path, default: bool) -> bool:
    """Whether an existing shard has sentence vectors, from its own config (an old shard
    opened to seed a rebuild has none, whatever the settings say)."""
    try:
        return SENTS in json.loads((path / "edge_config.json").read_text(encoding="utf-8")).get("vectors", {})
    except (OSError, ValueError):
        return default


def _dense_of(vector) -> list[float] | None:
    if not vector:
        return None
    return list(vector[DENSE]) if isinstance(vector, dict) else list(vector)
