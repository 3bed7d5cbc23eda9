"""Store protocol and the two backends: Qdrant Edge (embedded default) and qdrant-client
(a Qdrant server/cluster via --qdrant-url, or local mode for tests).

Both receive the same dense vectors, the same BM25 sparse vectors (IDF applied by
Qdrant's modifier) and the same filters, and fuse with Qdrant's RRF, so they return the
same results (tests/test_store_parity.py).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol

import numpy as np

from index.types import Chunk
from index.bm25 import SparseVec
from index.actors import normalize_actor
from index.errors import UserError

DENSE, SPARSE, SENTS = "dense", "bm25", "sents"  # SENTS: one vector per quotable sentence (a multivector, MaxSim)
KEYWORD_FIELDS = ("doc_id", "doc_type", "actors", "dossier_keys", "source_path", "chunk_id")
INTEGER_FIELDS = ("date_int",)


class StoreError(UserError):
    pass


@dataclass
class Filters:
    """Payload filters, applied inside the store (payload indexes), never after retrieval."""

    dossier: str | None = None
    doc_type: str | None = None
    actor: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    doc_id: str | None = None
    exclude_dossiers: list[str] = field(default_factory=list)
    exclude_doc_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for d in (self.date_from, self.date_to):
            if d is not None and not _is_iso_date(d):
                raise BadDate(d)

    def is_empty(self) -> bool:
        return not any(vars(self).values())

    @classmethod
    def from_inputs(cls, dossier: str | None = None, doc_type: str | None = None, actor: str | None = None,
                    date_from: str | None = None, date_to: str | None = None,
                    doc_id: str | None = None) -> "Filters":
        """Filters from what a person typed, for every front end (CLI, UI, HTTP, MCP): blanks are
        no filter, an actor is normalised ("vvd" -> "VVD", "de Commissie" -> "Europese
        Commissie"), dates must be ISO and in order (BadDate / BadDateRange name the fix)."""
        def clean(v):
            v = (v or "").strip() if isinstance(v, str) or v is None else v
            return v or None

        actor = clean(actor)
        f = cls(dossier=clean(dossier), doc_type=clean(doc_type), actor=(normalize_actor(actor) or actor) if actor else None,
                date_from=clean(date_from), date_to=clean(date_to), doc_id=clean(doc_id))
        if f.date_from and f.date_to and f.date_from > f.date_to:
            raise BadDateRange(f.date_from, f.date_to)
        return f

    def describe(self) -> str:
        """'dossier 22112, actor VVD, from 2024-01-01' — what a refusal under filters must say."""
        parts = [f"{label} {v}" for label, v in (("dossier", self.dossier), ("type", self.doc_type),
                 ("actor", self.actor), ("from", self.date_from), ("to", self.date_to), ("document", self.doc_id)) if v]
        return ", ".join(parts)


class BadDate(UserError, ValueError):
    """A date filter that is not an ISO date; CLI and UI both get it from Filters."""

    def __init__(self, value: str):
        super().__init__(f"invalid date {value!r}: use YYYY-MM-DD, e.g. 2025-05-15")
        self.value = value


class BadDateRange(UserError, ValueError):
    def __init__(self, date_from: str, date_to: str):
        super().__init__(f"date range {date_from} .. {date_to} is reversed: the from-date must not be after the to-date")
        self.date_from, self.date_to = date_from, date_to


def _is_iso_date(d: str) -> bool:
    import datetime

    try:
        return len(d) == 10 and bool(datetime.date.fromisoformat(d))
    except ValueError:
        return False


@dataclass
class StoredHit:
    payload: dict
    score: float
    vector: list[float] | None = None
    sentence_vectors: np.ndarray | None = None  # rows follow payload["sentence_spans"]


def point_vectors(dense, sparse: SparseVec, sentences, sparse_type) -> dict:
    """The named vectors of one point, for either backend (`sparse_type` is its SparseVector
    class): the passage vector, BM25, and the sentence vectors when there are any."""
    vec = {DENSE: [float(x) for x in dense], SPARSE: sparse_type(indices=sparse.indices, values=sparse.values)}
    if sentences is not None and len(sentences):
        vec[SENTS] = np.asarray(sentences, dtype=np.float32).tolist()
    return vec


def sentence_matrix(rows, dim: int) -> np.ndarray | None:
    """A stored multivector -> float32 matrix (None when the point has none)."""
    if rows is None or len(rows) == 0:
        return None
    m = np.asarray(rows, dtype=np.float32)
    return m.reshape(-1, dim)


def ordered(hits: list[StoredHit]) -> list[StoredHit]:
    """Deterministic order: by score, ties (swapped RRF ranks, equal BM25 scores) by id,
    so both backends list equal-scored passages the same way."""
    return sorted(hits, key=lambda h: (-round(h.score, 6), h.payload.get("chunk_id", "")))


def point_id(chunk_id: str) -> str:
    return str(uuid.UUID(chunk_id[:32].ljust(32, "0")))


def dossier_keys(dossier: str | None) -> list[str]:
    """"21501-02-3121" -> ["21501", "21501-02", "21501-02-3121"], so --dossier 21501 matches."""
    if not dossier:
        return []
    parts = dossier.split("-")
    if not parts[0].isdigit():
        return [dossier]
    return ["-".join(parts[: i + 1]) for i in range(len(parts))]


def date_int(date: str | None) -> int | None:
    if not date or len(date) < 10:
        return None
    try:
        return int(date[:10].replace("-", ""))
    except ValueError:
        return None


def chunk_payload(chunk: Chunk) -> dict:
    p = chunk.payload()
    p["dossier_keys"] = dossier_keys(chunk.dossier)
    p["date_int"] = date_int(chunk.date)
    return p


class Store(Protocol):
    def upsert(self, chunks: list[Chunk], dense: np.ndarray, sparse: list[SparseVec],
               sentences: list[np.ndarray | None] | None = None) -> None: ...

    def delete_doc(self, doc_id: str) -> None: ...

    def delete_chunks(self, chunk_ids: list[str]) -> None: ...

    def query(
        self,
        dense: np.ndarray | None,
        sparse: SparseVec | None,
        filters: Filters,
        limit: int,
        prefetch_k: int,
        rrf_k: int,
        weights: tuple[float, ...] = (1.0, 1.0),
        with_vector: bool = False,
    ) -> list[StoredHit]:
        """Hybrid when both vectors are given: RRF of dense, BM25 and, when `weights` has a
        third entry > 0 and the collection has sentence vectors, the MaxSim of the question
        against each passage's sentence vectors ("small to big": find sentences, return their
        passages). with_vector: hits carry their dense and sentence vectors."""

    def query_sentences(self, vectors: np.ndarray, filters: Filters | None, limit: int) -> list[StoredHit]:
        """Passages whose sentence vectors best match `vectors` (MaxSim, summed over them)."""
        ...

    def retrieve(self, chunk_ids: list[str], with_vector: bool = False) -> list[StoredHit]: ...

    def count(self, filters: Filters | None = None) -> int: ...

    def scroll(self, filters: Filters | None = None, batch: int = 256) -> Iterator[dict]: ...

    def flush(self) -> None: ...

    def optimize(self) -> None: ...

    def close(self) -> None: ...


def open_store(settings, dim: int, collection: str) -> Store:
    """The store the settings name. Imports are lazy: only the chosen backend loads."""
    if settings.storage.effective_backend == "qdrant":
        from index.store.qdrant import QdrantClientStore  # lazy: only the chosen backend loads (qdrant-client is heavy)

        return QdrantClientStore(settings, dim, collection)
    from index.store.edge import EdgeStore  # lazy: only the chosen backend loads

    return EdgeStore(Path(settings.store) / "shards" / collection, dim, settings)
