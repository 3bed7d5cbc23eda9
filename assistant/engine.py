"""The one object that owns the resources (embedder, store, manifest) for a process.
Built at the edge (CLI/UI) from Settings and passed to library functions."""
from __future__ import annotations

import threading
from pathlib import Path

from assistant.embedders import Embedder, make_embedder
from assistant.settings import Settings
from assistant.store import Store, open_store
from index.manifest import Manifest


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None,
                 reindex: bool = False):
        """reindex: the store was chunked by another chunker version or chunk size; start
        a fresh collection and remember the files to read again (see `ingest_with_reindex`)."""
        from index.ingest import new_manifest
        from index.reindex import ReindexPlan

        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embedder, settings.st_query_prefix, settings.st_passage_prefix)
        self.collection = settings.collection_name(self.embedder.name, self.embedder.dim)
        store_path = Path(settings.store)
        self.manifest = Manifest.load(store_path)
        self.reindex = ReindexPlan.load(store_path)  # an interrupted rebuild goes on
        if self.manifest is not None and reindex and self.manifest.only_chunking_differs(
                self.embedder.name, self.embedder.dim, self.collection):
            self.reindex = ReindexPlan.start(store_path, self.manifest)
            self.manifest = None
        if self.manifest is not None:
            self.manifest.check_compatible(self.embedder.name, self.embedder.dim, self.collection, store_path)
        else:
            self.manifest = new_manifest(settings, self.embedder, self.collection)
        self.store = store or open_store(settings, self.embedder.dim, self.collection)
        # One writer at a time inside a process (the UI's upload tab and its chat share it).
        self.write_lock = threading.Lock()
        self._llm = None

    def llm(self):
        """The configured LLM (only for answerer="llm"), built once, passed explicitly."""
        if self._llm is None:
            from assistant.llm import make_llm

            self._llm = make_llm(self.settings)
        return self._llm

    def ingest(self, paths: list[Path], prune: bool = False, progress: bool | None = None, log=None):
        from index.ingest import run_ingest

        with self.write_lock:
            return run_ingest(paths, self.settings, self.embedder, self.store, self.manifest, prune, progress, log)

    def ingest_with_reindex(self, paths: list[Path], prune: bool = False, progress: bool | None = None, log=None):
        """Ingest `paths` plus, during a rebuild, every file the old store had; the rebuild
        is finished (old shard and plan removed) only when that ingest completed."""
        plan = self.reindex
        if plan is None:
            return self.ingest(paths, prune, progress, log)
        seeded = self._seed_embed_cache(plan)
        todo = list(dict.fromkeys([*paths, *plan.existing()]))
        report = self.ingest(todo, prune, progress, log)
        report.missing, report.seeded_from_old = plan.missing(), seeded
        plan.finish(self.collection)
        self.reindex = None
        return report

    def _seed_embed_cache(self, plan) -> int:
        """Before the old shard goes, its vectors go into the embedding cache (once per
        rebuild), so chunks whose embedded text did not change are not embedded again.
        Only the embedded store keeps the old collection on disk where it can be read."""
        from assistant.settings import CHUNKER_VERSION
        from index.embed_cache import EmbedCache
        from index.reindex import seed_embed_cache

        old = Path(self.settings.store) / "shards" / plan.old_collection
        if (plan.seeded or not self.settings.embed_cache or self.settings.effective_backend != "edge"
                or plan.old_collection == self.collection or not old.is_dir()):
            return 0
        from assistant.store_edge import EdgeStore

        with self.write_lock:
            old_store, cache = EdgeStore(old, self.embedder.dim, self.settings), EmbedCache.in_store(self.settings.store)
            try:
                n = seed_embed_cache(old_store, cache, self.embedder, plan.old_chunker_version == CHUNKER_VERSION)
            finally:
                old_store.close()
                cache.close()
            plan.mark_seeded()
        return n

    def is_empty(self) -> bool:
        return self.store.count() == 0

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
