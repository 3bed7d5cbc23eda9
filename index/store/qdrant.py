"""qdrant-client backend: a Qdrant server or cluster (--qdrant-url), or local mode
(a directory; brute force in Python, for tests and tiny corpora only)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np

from index.types import Chunk
from index.bm25 import SparseVec
from index.store import (DENSE, INTEGER_FIELDS, KEYWORD_FIELDS, SENTS, SPARSE, Filters, StoredHit, StoreError, chunk_payload,
                         date_int, ordered, point_id, point_vectors, sentence_matrix)


def client_filter(f: Filters | None):
    from qdrant_client import models as m

    if f is None or f.is_empty():
        return None
    must, must_not = [], []
    for key, value in (("dossier_keys", f.dossier), ("doc_type", f.doc_type), ("actors", f.actor), ("doc_id", f.doc_id)):
        if value:
            must.append(m.FieldCondition(key=key, match=m.MatchValue(value=value)))
    lo, hi = date_int(f.date_from), date_int(f.date_to)
    if lo or hi:
        must.append(m.FieldCondition(key="date_int", range=m.Range(gte=lo, lte=hi)))
    if f.exclude_dossiers:
        must_not.append(m.FieldCondition(key="dossier_keys", match=m.MatchAny(any=list(f.exclude_dossiers))))
    if f.exclude_doc_ids:
        must_not.append(m.FieldCondition(key="doc_id", match=m.MatchAny(any=list(f.exclude_doc_ids))))
    return m.Filter(must=must or None, must_not=must_not or None)


class QdrantClientStore:
    def __init__(self, settings, dim: int, collection: str, path: Path | None = None):
        from qdrant_client import QdrantClient

        self.settings, self.dim, self.collection = settings, dim, collection
        self.has_sentences = bool(settings.index.sentence_vectors)  # the collection is named after it
        self.remote = bool(settings.storage.qdrant_url)
        self._count: int | None = None
        try:
            if self.remote:
                self.client = QdrantClient(url=settings.storage.qdrant_url, api_key=settings.storage.qdrant_api_key, timeout=30)
            else:
                local = path or Path(settings.store) / "qdrant_local"
                self.client = QdrantClient(path=str(local))
            if not self.client.collection_exists(collection):
                self._create()
        except Exception as e:  # noqa: BLE001 - name the server/dir and the fix
            where = settings.storage.qdrant_url or str(path or Path(settings.store) / "qdrant_local")
            raise StoreError(f"cannot use Qdrant at {where}: {e}. Check the URL/API key, or that no other process uses the local store.") from e

    def _create(self) -> None:
        from qdrant_client import models as m

        extra = {}
        if self.remote:  # sharding/replication only mean something on a server/cluster
            extra = {"shard_number": self.settings.storage.shard_number, "replication_factor": self.settings.storage.replication_factor}
        vectors = {DENSE: m.VectorParams(size=self.dim, distance=m.Distance.COSINE)}
        if self.has_sentences:
            vectors[SENTS] = m.VectorParams(size=self.dim, distance=m.Distance.COSINE,
                                            multivector_config=m.MultiVectorConfig(comparator=m.MultiVectorComparator.MAX_SIM))
        self.client.create_collection(
            self.collection,
            vectors_config=vectors,
            sparse_vectors_config={SPARSE: m.SparseVectorParams(modifier=m.Modifier.IDF)},
            **extra,
        )
        if not self.remote:
            return  # local mode has no payload indexes (it filters by brute force)
        for name in KEYWORD_FIELDS:
            self.client.create_payload_index(self.collection, name, m.PayloadSchemaType.KEYWORD)
        for name in INTEGER_FIELDS:
            self.client.create_payload_index(self.collection, name, m.PayloadSchemaType.INTEGER)

    def upsert(self, chunks: list[Chunk], dense: np.ndarray, sparse: list[SparseVec],
               sentences: list[np.ndarray | None] | None = None) -> None:
        from qdrant_client import models as m

        sentences = sentences if sentences is not None and self.has_sentences else [None] * len(chunks)
        points = [m.PointStruct(id=point_id(c.chunk_id), vector=point_vectors(d, s, mv, m.SparseVector), payload=chunk_payload(c))
                  for c, d, s, mv in zip(chunks, dense, sparse, sentences)]
        if points:
            self.client.upsert(self.collection, points=points, wait=True)
            self._count = None

    def delete_doc(self, doc_id: str) -> None:
        from qdrant_client import models as m

        self.client.delete(self.collection, points_selector=m.FilterSelector(filter=client_filter(Filters(doc_id=doc_id))))
        self._count = None

    def delete_chunks(self, chunk_ids: list[str]) -> None:
        from qdrant_client import models as m

        if chunk_ids:
            self.client.delete(self.collection, points_selector=m.PointIdsList(points=[point_id(c) for c in chunk_ids]))
            self._count = None

    def _params(self):
        from qdrant_client import models as m

        if not self.remote:
            return None  # local mode is always exact (brute force)
        if self._count is None:  # one count per process, not a round trip per search
            self._count = self.count()
        if self._count <= self.settings.storage.exact_search_max_points:
            return m.SearchParams(exact=True)
        return m.SearchParams(hnsw_ef=self.settings.storage.hnsw_ef)

    def query(self, dense, sparse, filters, limit, prefetch_k, rrf_k, weights=(1.0, 1.0),
              with_vector: bool = False) -> list[StoredHit]:
        from qdrant_client import models as m

        wv = self._vector_names() if with_vector else False
        flt, params = client_filter(filters), self._params()
        dq = [float(x) for x in dense] if dense is not None else None
        sq = m.SparseVector(indices=sparse.indices, values=sparse.values) if sparse is not None and sparse.indices else None
        prefetch, fused = [], []
        if dq is not None:
            prefetch.append(m.Prefetch(query=dq, using=DENSE, limit=prefetch_k, filter=flt, params=params))
            fused.append(weights[0])
        if sq is not None:
            prefetch.append(m.Prefetch(query=sq, using=SPARSE, limit=prefetch_k, filter=flt))
            fused.append(weights[1])
        if dq is not None and self.has_sentences and len(weights) > 2 and weights[2] > 0:
            prefetch.append(m.Prefetch(query=[dq], using=SENTS, limit=prefetch_k, filter=flt, params=params))
            fused.append(weights[2])
        if len(prefetch) > 1:
            res = self.client.query_points(
                self.collection,
                prefetch=prefetch,
                query=m.RrfQuery(rrf=m.Rrf(k=rrf_k, weights=fused)),
                query_filter=flt,
                limit=limit,
                with_payload=True,
                with_vectors=wv,
            )
        elif dq is not None or sq is not None:
            res = self.client.query_points(
                self.collection, query=dq if dq is not None else sq, using=DENSE if dq is not None else SPARSE,
                query_filter=flt, limit=limit, with_payload=True, search_params=params, with_vectors=wv,
            )
        else:
            return []
        return ordered([self._hit(p, float(p.score), with_vector) for p in res.points])

    def query_sentences(self, vectors: np.ndarray, filters: Filters | None, limit: int) -> list[StoredHit]:
        """Passages by late interaction over their sentence vectors (MaxSim); see EdgeStore."""
        if not self.has_sentences or vectors is None or not len(vectors):
            return []
        res = self.client.query_points(self.collection, query=[[float(x) for x in v] for v in vectors], using=SENTS,
                                       query_filter=client_filter(filters), limit=limit, with_payload=True,
                                       search_params=self._params())
        return ordered([self._hit(p, float(p.score), False) for p in res.points])

    def _vector_names(self) -> list[str]:
        return [DENSE, SENTS] if self.has_sentences else [DENSE]

    def _hit(self, p, score: float, with_vector: bool) -> StoredHit:
        if not (with_vector and isinstance(p.vector, dict)):
            return StoredHit(dict(p.payload or {}), score)
        return StoredHit(dict(p.payload or {}), score, list(p.vector[DENSE]), sentence_matrix(p.vector.get(SENTS), self.dim))

    def retrieve(self, chunk_ids: list[str], with_vector: bool = False) -> list[StoredHit]:
        recs = self.client.retrieve(self.collection, [point_id(c) for c in chunk_ids], with_payload=True,
                                    with_vectors=self._vector_names() if with_vector else False)
        return [self._hit(r, 1.0, with_vector) for r in recs]

    def count(self, filters: Filters | None = None) -> int:
        return int(self.client.count(self.collection, count_filter=client_filter(filters), exact=True).count)

    def scroll(self, filters: Filters | None = None, batch: int = 256) -> Iterator[dict]:
        offset = None
        while True:
            recs, offset = self.client.scroll(self.collection, scroll_filter=client_filter(filters), limit=batch,
                                              offset=offset, with_payload=True)
            for r in recs:
                yield dict(r.payload or {})
            if offset is None:
                return

    def flush(self) -> None:
        pass  # the server persists on its own; local mode writes on every update

    def optimize(self) -> None:
        pass  # a server builds its indexes in the background

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # noqa: BLE001
            pass
