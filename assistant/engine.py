"""The one object that owns the resources (embedder, store, manifest) for a process.
Built at the edge (CLI/UI) from Settings and passed to library functions."""
from __future__ import annotations

import copy
import hashlib
import threading
from pathlib import Path

import index.settings as index_settings  # CHUNKER_VERSION read at call time (tests patch it)
from assistant.settings import Settings
from assistant.subject import store_contents
from index.embed_cache import EmbedCache
from index.embedders import Embedder, make_embedder
from index.ingest import new_manifest, run_ingest
from index.manifest import Manifest
from index.reindex import ReindexPlan, seed_embed_cache
from index.store import Store, open_store
from index.store.edge import EdgeStore


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: Store | None = None,
                 reindex: bool = False, llm=None):
        """reindex: the store was chunked by another chunker version or chunk size; start
        a fresh collection and remember the files to read again (see `ingest_with_reindex`)."""
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.index.embedder, settings.index.st_query_prefix,
                                                     settings.index.st_passage_prefix, settings.ingest.embed_batch_size)
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
        self._llm = llm  # injected (tests, a caller's own model) or built on first use

    def llm(self):
        """The configured LLM (only for answerer="llm"), built once, passed explicitly."""
        if self._llm is None:
            from assistant.llm import make_llm  # lazy: llama-index loads only for answerer="llm"

            self._llm = make_llm(self.settings)
        return self._llm

    def derive(self, llm=None, **flat) -> "Engine":
        """The same embedder, store and manifest with other settings (`top_k=3`,
        `answerer="llm"`) and/or another LLM; the original is left as it was."""
        other = copy.copy(self)
        other.settings = self.settings.with_(**flat) if flat else self.settings
        if llm is not None or "answerer" in flat or any(k.startswith("llm") for k in flat):
            other._llm = llm
        return other

    def ingest(self, paths: list[Path], prune: bool = False, progress: bool | None = None, log=None):
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
        old = Path(self.settings.store) / "shards" / plan.old_collection
        if (plan.seeded or not self.settings.ingest.embed_cache or self.settings.storage.effective_backend != "edge"
                or plan.old_collection == self.collection or not old.is_dir()):
            return 0
        with self.write_lock:
            old_store, cache = EdgeStore(old, self.embedder.dim, self.settings), EmbedCache.in_store(self.settings.store)
            try:
                n = seed_embed_cache(old_store, cache, self.embedder, plan.old_chunker_version == index_settings.CHUNKER_VERSION)
            finally:
                old_store.close()
                cache.close()
            plan.mark_seeded()
        return n

    def doc_freq(self):
        """The corpus document frequencies of the store's passages (IDF for the answerer's
        topic weights, the reranker, related passages' subject terms, the compound splitter)."""
        return self._contents().df

    def genre_shares(self, doc_type: str) -> dict[str, float]:
        """Per stem, the share of this store's passages of `doc_type` holding it (>= 1 %)."""
        return self._contents().genre.get(doc_type, {})

    def roster(self) -> dict[str, list[str]]:
        """Members of parliament as this store's speakers name them (index.actors.roster_from_speakers)."""
        return self._contents().roster

    def officials(self) -> dict[str, list[str]]:
        """Bewindspersonen as this store's speakers and Kamervragen answers name them, by surname."""
        return self._contents().officials

    def _contents(self):
        """Both counted in one scroll, kept in `<store>/contents_<collection>.json` for the
        store's current contents (the key is computed only when that file is consulted)."""
        path = Path(self.settings.store) / f"contents_{self.collection}.json" if self.manifest is not None else None
        return store_contents(self.store, path, self._contents_key)

    def _contents_key(self) -> str:
        ids = sorted(c for f in self.manifest.files.values() if f.status == "done" for c in f.chunk_ids)
        return hashlib.sha256("\n".join(ids).encode()).hexdigest()

    def is_empty(self) -> bool:
        return self.store.count() == 0

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
