"""The store's manifest: what determines the vectors, and per-file ingest state.

Written atomically (temp file + rename) after every committed batch, so a killed
ingest leaves the last consistent state; a resumed run redoes files not marked done.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from index.errors import UserError

MANIFEST_NAME = "manifest.json"


class ManifestMismatch(UserError):
    pass


@dataclass
class FileState:
    sha256: str
    size: int
    status: str  # "done" | "skipped" | "duplicate"
    doc_id: str = ""
    title: str = ""
    doc_type: str = ""
    chunk_ids: list[str] = field(default_factory=list)
    reason: str = ""  # for skipped / duplicate
    sketch: list[int] = field(default_factory=list)  # near-duplicate fingerprint
    warnings: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    embedder: str
    dim: int
    collection: str
    chunker_version: str
    files: dict[str, FileState] = field(default_factory=dict)
    _current: dict[str, frozenset[str]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, store: Path) -> "Manifest | None":
        path = Path(store) / MANIFEST_NAME
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {k: FileState(**v) for k, v in data.pop("files", {}).items()}
        return cls(files=files, **data)

    def only_chunking_differs(self, embedder: str, dim: int, collection: str) -> bool:
        """Same embedder, other collection: the chunker version, the chunk size or the BM25
        settings changed (every field of the index settings group names the collection)."""
        return (self.embedder, self.dim) == (embedder, dim) and self.collection != collection

    def check_compatible(self, embedder: str, dim: int, collection: str, store: Path) -> None:
        if self.only_chunking_differs(embedder, dim, collection):
            raise ManifestMismatch(
                f"the store {store} was chunked or weighted differently (chunker version, chunk size or BM25 settings) "
                f"(collection {self.collection}, chunker version {self.chunker_version}); this version "
                f"uses collection {collection}. Rebuild it from the {len(self.documents())} indexed files with "
                f"`dossierwijzer ingest --reindex --store {store}` (passages whose text is unchanged are not embedded again), "
                "or set the index settings (DOSSIERWIJZER_INDEX__...) back if you changed them."
            )
        if (self.embedder, self.dim) != (embedder, dim) or self.collection != collection:
            raise ManifestMismatch(
                f"the store {store} was built with embedder {self.embedder!r} ({self.dim}-d, collection "
                f"{self.collection}); the current settings give {embedder!r} ({dim}-d, collection {collection}). "
                "Vectors of different embedders cannot be mixed: use another --store, or set "
                "DOSSIERWIJZER_EMBEDDER back, or delete the store directory to rebuild it."
            )

    def save(self, store: Path) -> None:
        store = Path(store)
        store.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data.pop("_current", None)
        fd, tmp = tempfile.mkstemp(dir=store, prefix=".manifest-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, store / MANIFEST_NAME)

    def set_file(self, key: str, state: FileState) -> None:
        """Record a file's state; from now on searches see this version of its document."""
        self.files[key] = state
        self._current = None

    def remove_file(self, key: str) -> None:
        self.files.pop(key, None)
        self._current = None

    def state_of_doc(self, doc_id: str) -> FileState | None:
        """The indexed file state of a document (its chunk ids in document order)."""
        for st in self.files.values():
            if st.status == "done" and st.doc_id == doc_id:
                return st
        return None

    def is_current(self, doc_id: str, chunk_id: str) -> bool:
        """False for a chunk of a known document that is not in its recorded version: a
        search during re-ingestion sees the old or the new version, never a mix."""
        current = self._current
        if current is None:
            current = {st.doc_id: frozenset(st.chunk_ids) for st in self.files.values() if st.status == "done"}
            self._current = current
        ids = current.get(doc_id)
        return ids is None or chunk_id in ids

    def documents(self) -> list[tuple[str, FileState]]:
        return [(p, s) for p, s in sorted(self.files.items()) if s.status == "done"]
