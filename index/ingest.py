"""`dossierwijzer ingest PATH...`: read, chunk, embed and store documents.

Idempotent and incremental: chunk ids come from content, a file whose bytes did not
change is not read again, a changed file's new chunks are embedded (only those not
stored yet) and its stale chunks deleted. Per-file state is committed to the manifest
only after the file's points are in the store, so a killed run resumes cleanly.
"""
from __future__ import annotations

import hashlib
import re
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import numpy as np

from index.bm25 import BM25Encoder
from index.types import Chunk, Document
from index.settings import CHUNKER_VERSION
from index.store import Filters
from index.chunker import chunk_document, embed_text
from index.dedup import sketch, similarity
from index.degenerate import DegenerateRule, bound_degenerate
from index.embed_cache import EmbedCache, embed_passages, passage_key
from index.manifest import FileState, Manifest
from index.overrides import apply_overrides, read_overrides, sidecar_digest
from index.readers import SkipFile, read_file
from index.sentences import quotable_spans
from index.errors import UserError
from index.report import IngestReport

DUPLICATE_THRESHOLD = 0.85  # bottom-k Jaccard, measured: same text as PDF/XML/HTML 0.94-1.0; a motie and its gewijzigde motie ~0.69
# When one text exists in several formats, keep the most structured one.
FORMAT_PREFERENCE = {".xml": 0, ".html": 1, ".htm": 1, ".docx": 2, ".txt": 3, ".md": 3, ".pdf": 4}


# A folder's housekeeping files (a corpus's README, a MANIFEST listing its files, the licence)
# describe the documents; they are not documents, and as passages they turn up as "related"
# and as evidence. Skipped in a folder walk; named on the command line they are ingested.
HOUSEKEEPING = re.compile(r"^(readme|manifest|sources|licen[cs]e|copying|changelog|changes|contributing|authors|notice)(\.[a-z0-9]{1,5})?$", re.I)
HOUSEKEEPING_REASON = "a folder's README/MANIFEST/LICENSE-type file, not a document (name the file itself to ingest it)"


def is_housekeeping(path: Path) -> bool:
    return bool(HOUSEKEEPING.match(path.name))


class MissingPath(UserError, FileNotFoundError):
    """A PATH given to ingest that does not exist."""


def collect_files(paths: list[Path]) -> list[Path]:
    """Files under the given paths, hidden ones excluded, the preferred format of a
    same-named set first (so its duplicates in other formats are the ones skipped)."""
    found: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found.update(f for f in p.rglob("*") if f.is_file() and not any(x.startswith(".") for x in f.relative_to(p).parts))
        elif p.exists():
            found.add(p)
        else:
            raise MissingPath(f"{p}: no such file or directory: check the path (files and folders are accepted)")
    return sorted(found, key=lambda f: (str(f.parent), f.stem, FORMAT_PREFERENCE.get(f.suffix.lower(), 9), f.name))


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def version_sha(path: Path) -> str:
    """The file's sha256, combined with its metadata sidecar's when it has one: new
    metadata for the same bytes is a new version of the document."""
    sha, meta = file_sha256(path), sidecar_digest(path)
    return sha if meta is None else hashlib.sha256(f"{sha}+{meta}".encode()).hexdigest()


def with_time_limit(fn: Callable, arg, timeout_s: float):
    """fn(arg) in a worker thread; SkipFile when it takes over `timeout_s` seconds (0 = no
    limit). A pathological parse cannot stop the run: the worker, which Python cannot kill,
    is a daemon thread left to finish in the background."""
    if not timeout_s or timeout_s <= 0:
        return fn(arg)
    out: dict = {}

    def work() -> None:
        try:
            out["value"] = fn(arg)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            out["error"] = e

    worker = threading.Thread(target=work, name="ingest-parse", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise SkipFile(f"parsing took longer than {timeout_s:g} s (DOSSIERWIJZER_FILE_TIMEOUT_S)")
    if "error" in out:
        raise out["error"]
    return out["value"]


# what a chunk's id does not hash (index.types.content_hash): a changed file, or a new version of
# the readers, may change these while the text stays, and the stored payload must follow
_UNHASHED = ("actors", "answerer", "speaker", "members", "doc_type", "source_path", "document_number")


def _metadata_changed(chunk: Chunk, payload: dict) -> bool:
    """Whether a stored chunk of the same id carries other metadata than the new one (it is
    stored again, its vectors from the embedding cache)."""
    return any(getattr(chunk, f) != payload.get(f, getattr(chunk, f)) for f in _UNHASHED)


class Ingestor:
    """Owns one ingest run over an open store and embedder."""

    def __init__(self, settings, embedder, store, manifest: Manifest, log: Callable[[str], None] | None = None,
                 cache: EmbedCache | None = None):
        self.settings, self.embedder, self.store, self.manifest = settings, embedder, store, manifest
        self.cache = cache
        self.degenerate = DegenerateRule(settings.ingest.degenerate_max_ratio, settings.ingest.degenerate_min_tokens,
                                         settings.ingest.degenerate_file_share)
        self.log = log or (lambda msg: print(msg, file=sys.stderr))
        self.report = IngestReport()
        self._pending: list[tuple[str, FileState, list[Chunk], Document]] = []
        self._pending_chunks = 0
        self._dup_index: dict[int, set[str]] | None = None

    # -- per file ------------------------------------------------------------------------
    def ingest_file(self, path: Path, walked: bool = False) -> None:
        """One file; `walked`: found in a folder (not named), where housekeeping files are skipped."""
        key = str(path.resolve())
        try:
            size = path.stat().st_size
            if size > self.settings.ingest.max_file_mb * 1024 * 1024:
                raise SkipFile(f"file is {size / 1e6:.0f} MB, over the {self.settings.ingest.max_file_mb:.0f} MB limit (DOSSIERWIJZER_MAX_FILE_MB)")
            sha = version_sha(path)
            old = self.manifest.files.get(key)
            if walked and is_housekeeping(path):
                if old and old.sha256 == sha and old.status == "skipped":
                    self.report.unchanged.append(key)
                    return
                raise SkipFile(HOUSEKEEPING_REASON)
            named_now = old is not None and old.reason == HOUSEKEEPING_REASON  # skipped in a walk, named now
            if old and old.sha256 == sha and old.status in ("done", "skipped", "duplicate") and not named_now:
                self.report.unchanged.append(key)
                return
            doc, chunks, dropped = with_time_limit(self._read_and_chunk, path, self.settings.ingest.file_timeout_s)
            if not chunks:
                raise SkipFile("no text could be extracted")
        except SkipFile as e:
            self._record_skip(key, path, str(e))
            return
        except Exception as e:  # noqa: BLE001 - one bad file must never stop the run
            self._record_skip(key, path, f"{type(e).__name__}: {e}")
            return
        fp = sketch(doc.text)
        dup = self._duplicate_of(key, fp)
        if dup:
            self.store.delete_doc(doc.doc_id)
            self.manifest.set_file(key, FileState(sha, size, "duplicate", doc.doc_id, doc.title, doc.doc_type, reason=dup, sketch=fp))
            self.report.duplicates.append((key, dup))
            self.log(f"duplicate: {path}: same text as {dup}")
            return
        state = FileState(sha, size, "done", doc.doc_id, doc.title, doc.doc_type,
                          [c.chunk_id for c in chunks], sketch=fp, warnings=list(doc.warnings))
        for w in doc.warnings:
            self.log(f"warning: {path}: {w}")
        self.report.degenerate_dropped += dropped
        self._pending.append((key, state, chunks, doc))
        self._pending_chunks += len(chunks)
        if self._dup_index is not None:
            self._index_sketch(key, fp)
        if self._pending_chunks >= self.settings.ingest.embed_batch_size * 4:
            self.commit()

    def _read_and_chunk(self, path: Path) -> tuple[Document, list[Chunk], int]:
        """The document, its chunks with degenerate text bounded, and how many were left out."""
        doc = read_file(path, max_bytes=int(self.settings.ingest.max_file_mb * 1024 * 1024))
        doc = apply_overrides(doc, read_overrides(path))  # an API's metadata wins over the readers' guesses
        chunks = chunk_document(doc, self.settings.index.chunk_chars, self.settings.index.chunk_max_chars)
        bounded = bound_degenerate(chunks, self.degenerate)
        if bounded.warning:
            doc.warnings.append(bounded.warning)
        return doc, bounded.chunks, len(bounded.dropped)

    def _record_skip(self, key: str, path: Path, reason: str) -> None:
        sha = version_sha(path) if path.exists() and path.is_file() else ""
        old = self.manifest.files.get(key)
        if old and old.doc_id:
            self.store.delete_doc(old.doc_id)  # a file that became unreadable loses its old chunks
        self.manifest.set_file(key, FileState(sha, path.stat().st_size if path.exists() else 0, "skipped", reason=reason))
        self.report.skipped.append((key, reason))
        self.log(f"skipped: {path}: {reason}")

    def _duplicate_of(self, key: str, fp: list[int]) -> str | None:
        """A done document whose text is nearly the same. Candidates come from a small
        index on the lowest hashes (near-duplicates share most of them), so the check
        stays cheap with thousands of documents."""
        if self._dup_index is None:
            self._dup_index = {}
            for other, st in self.manifest.files.items():
                if st.status == "done":
                    self._index_sketch(other, st.sketch)
        candidates = {o for h in fp[:16] for o in self._dup_index.get(h, ())} - {key}
        for other in sorted(candidates):
            st = self.manifest.files.get(other) or self._pending_state(other)
            if st and st.status == "done" and similarity(fp, st.sketch) >= DUPLICATE_THRESHOLD:
                return other
        return None

    def _index_sketch(self, key: str, fp: list[int]) -> None:
        for h in fp[:16]:
            self._dup_index.setdefault(h, set()).add(key)

    def _pending_state(self, key: str) -> FileState | None:
        return next((st for k, st, _, _ in self._pending if k == key), None)

    # -- batches ---------------------------------------------------------------------------
    def commit(self) -> None:
        """Embed the pending files' new chunks in one batch, store them, drop stale chunks,
        then record the files as done."""
        if not self._pending:
            return
        todo = [c for _, _, chunks, _ in self._pending for c in chunks]
        if todo:  # chunks stored already (an earlier version, an interrupted run) need no second embedding
            stored = {h.payload.get("chunk_id"): h.payload for h in self.store.retrieve([c.chunk_id for c in todo])}
            todo = [c for c in todo if c.chunk_id not in stored or _metadata_changed(c, stored[c.chunk_id])]
        self._embed_and_upsert(todo)
        for key, state, chunks, doc in self._pending:
            # switch searches to the new version first, then remove the old chunks
            self.manifest.set_file(key, state)
            self._drop_stale(doc.doc_id, {c.chunk_id for c in chunks})
            self.report.indexed.append(key)
            self.report.chunks_total += len(chunks)
        self.store.flush()
        self.manifest.save(self.settings.store)
        self._pending, self._pending_chunks = [], 0

    def _embed_and_upsert(self, chunks: list[Chunk]) -> None:

        bm25 = BM25Encoder(self.settings.index.bm25_k1, self.settings.index.bm25_b, self.settings.index.bm25_avgdl)
        bs = self.settings.ingest.embed_batch_size
        texts = [embed_text(c) for c in chunks]
        for c, t in zip(chunks, texts):  # kept in the payload: a --reindex reuses the vector by it
            c.embed_key = passage_key(self.embedder, t)
        dense = embed_passages(self.embedder, self.cache, texts, bs, self.report.embedding)
        sentences = (self._sentence_vectors(chunks, texts, dense) if self.settings.index.sentence_vectors
                     else [None] * len(chunks))
        for i in range(0, len(chunks), bs):
            batch = chunks[i : i + bs]
            sparse = [bm25.encode_document(t) for t in texts[i : i + bs]]
            self.store.upsert(batch, dense[i : i + bs], sparse, sentences[i : i + bs])
            self.report.chunks_embedded += len(batch)
            if self.on_chunks:
                self.on_chunks(len(batch))

    def _sentence_vectors(self, chunks: list[Chunk], texts: list[str], dense: np.ndarray) -> list[np.ndarray | None]:
        """One vector per quotable sentence of each chunk (rows in `chunk.sentence_spans`
        order), through the same embedding cache as the passages. A sentence that is the
        whole embedded passage (a one-sentence motie clause) reuses the passage's vector."""
        flat: list[str] = []
        for c, t in zip(chunks, texts):  # a degenerate chunk (one word repeated) has no sentence worth a vector
            c.sentence_spans = [] if c.degenerate else [list(s) for s in quotable_spans(c.text)]
            flat += [s for s in c.sentences if s != t]
        vecs = embed_passages(self.embedder, self.cache, flat, self.settings.ingest.embed_batch_size,
                              self.report.sentence_embedding)
        out, i = [], 0
        for c, t, d in zip(chunks, texts, dense):
            rows = []
            for s in c.sentences:
                if s == t:
                    rows.append(d)
                else:
                    rows.append(vecs[i])
                    i += 1
            out.append(np.vstack(rows) if rows else None)
        return out

    on_chunks: Callable[[int], None] | None = None

    def _drop_stale(self, doc_id: str, keep: set[str]) -> None:
        stale = [p["chunk_id"] for p in self.store.scroll(Filters(doc_id=doc_id)) if p.get("chunk_id") not in keep]
        self.store.delete_chunks(stale)

    def prune(self, roots: list[Path]) -> None:
        """Forget files under the given roots that no longer exist."""
        resolved = [str(Path(r).resolve()) for r in roots]
        for key, st in list(self.manifest.files.items()):
            if any(key == r or key.startswith(r.rstrip("/") + "/") for r in resolved) and not Path(key).exists():
                if st.doc_id:
                    self.store.delete_doc(st.doc_id)
                self.manifest.remove_file(key)
                self.report.pruned.append(key)
                self.log(f"pruned: {key}")
        self.store.flush()
        self.manifest.save(self.settings.store)


def new_manifest(settings, embedder, collection: str) -> Manifest:
    return Manifest(embedder=embedder.name, dim=embedder.dim, collection=collection, chunker_version=CHUNKER_VERSION)


def run_ingest(paths: list[Path], settings, embedder, store, manifest: Manifest, prune: bool = False,
               progress: bool | None = None, log: Callable[[str], None] | None = None) -> IngestReport:
    from tqdm import tqdm

    t0 = time.perf_counter()
    files = collect_files(paths)
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    cache = EmbedCache.in_store(settings.store) if settings.ingest.embed_cache else None
    ing = Ingestor(settings, embedder, store, manifest, log, cache)
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(files), unit="file", disable=not show, dynamic_ncols=True, desc="ingest")
    if show:
        ing.log = lambda msg: tqdm.write(msg, file=sys.stderr) if log is None else log(msg)
        ing.on_chunks = lambda n: bar.set_postfix(chunks=ing.report.chunks_embedded, refresh=False)
    try:
        for f in files:
            ing.ingest_file(f, walked=f.resolve() not in named)
            bar.update(1)
        ing.commit()
        if prune:
            ing.prune(paths)
        if ing.report.chunks_embedded and store.count() > settings.storage.exact_search_max_points:
            ing.log(f"building the HNSW index ({store.count()} passages) ...")
            store.optimize()  # above this size search uses HNSW (benchmarks/latency.py)
    finally:
        bar.close()
        if cache is not None:
            cache.close()
    ing.report.seconds = time.perf_counter() - t0
    return ing.report
