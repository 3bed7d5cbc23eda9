"""Rebuilding a store after the chunker (version or chunk size) changed.

Every file is read and chunked again into a fresh collection. Vectors are reused where
the embedded text is the same: before the old shard goes, its vectors are put in the
embedding cache under the key of the text they were computed from (`seed_embed_cache`),
so a rebuild after a change that leaves most chunk texts alone embeds only what changed.
The plan (the files to read again, and the old collection to drop afterwards) is written
to the store before the old manifest is replaced, so a rebuild that is killed goes on
where it stopped at the next ingest.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from index.types import Chunk
from index.chunker import embed_text
from index.embed_cache import EmbedCache, passage_key
from index.ingest import HOUSEKEEPING_REASON

PLAN_NAME = "reindex.json"


@dataclass
class ReindexPlan:
    store: Path
    old_collection: str
    paths: list[str] = field(default_factory=list)
    old_chunker_version: str = ""  # "" for a plan written before it was recorded
    seeded: bool = False  # the old vectors are in the embedding cache

    @classmethod
    def load(cls, store: Path) -> "ReindexPlan | None":
        path = Path(store) / PLAN_NAME
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Path(store), data["old_collection"], list(data["paths"]),
                   data.get("old_chunker_version", ""), bool(data.get("seeded", False)))

    @classmethod
    def start(cls, store: Path, old_manifest) -> "ReindexPlan":
        previous = cls.load(store)  # a rebuild of a rebuild keeps the first list
        # a folder's README/MANIFEST skipped as housekeeping stays out (named again, it is read again)
        again = [k for k, f in old_manifest.files.items() if f.reason != HOUSEKEEPING_REASON]
        plan = cls(Path(store), old_manifest.collection, sorted(again), old_manifest.chunker_version)
        if previous is not None:
            plan.paths = sorted(set(plan.paths) | set(previous.paths))
            plan.seeded = previous.seeded and previous.old_collection == plan.old_collection
        plan._save()
        return plan

    def mark_seeded(self) -> None:
        self.seeded = True
        self._save()

    def existing(self) -> list[Path]:
        return [Path(p) for p in self.paths if Path(p).exists()]

    def missing(self) -> list[str]:
        return [p for p in self.paths if not Path(p).exists()]

    def finish(self, current_collection: str) -> None:
        """The new collection holds everything: drop the old embedded shard and the plan."""
        if self.old_collection != current_collection:
            old = self.store / "shards" / self.old_collection
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        (self.store / PLAN_NAME).unlink(missing_ok=True)

    def _save(self) -> None:
        self.store.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.store, prefix=".reindex-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"old_collection": self.old_collection, "paths": self.paths, "seeded": self.seeded,
                       "old_chunker_version": self.old_chunker_version}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.store / PLAN_NAME)


def seed_embed_cache(old_store, cache: EmbedCache, embedder, reconstruct: bool, batch: int = 256) -> int:
    """Put the old collection's vectors in the cache; returns how many. A point carries the
    cache key of the text its vector was computed from (`embed_key`); a point stored before
    keys were kept is used only when `reconstruct` says the old chunker's embed_text is this
    one (same chunker version), so its embedded text can be rebuilt exactly from the payload."""
    seeded, ids = 0, []
    for payload in old_store.scroll(batch=batch):
        ids.append(payload["chunk_id"])
        if len(ids) == batch:
            seeded += _seed_batch(old_store, cache, embedder, ids, reconstruct)
            ids = []
    if ids:
        seeded += _seed_batch(old_store, cache, embedder, ids, reconstruct)
    return seeded


def _seed_batch(old_store, cache: EmbedCache, embedder, ids: list[str], reconstruct: bool) -> int:
    items = []
    for hit in old_store.retrieve(ids, with_vector=True):
        key = hit.payload.get("embed_key") or ""
        if not key and reconstruct:
            key = passage_key(embedder, embed_text(Chunk.from_payload(hit.payload)))
        if key and hit.vector is not None and len(hit.vector) == embedder.dim:
            items.append((key, hit.vector))
        spans = hit.payload.get("sentence_spans") or []
        if hit.sentence_vectors is not None and len(hit.sentence_vectors) == len(spans):
            text = hit.payload.get("text", "")
            items += [(passage_key(embedder, text[a:b]), v) for (a, b), v in zip(spans, hit.sentence_vectors)]
    return cache.put_many(items)
