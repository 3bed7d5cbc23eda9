"""Per-store sync state and the one-sync-per-store lock.

Layout under `<store>/sources/tk/`: the downloaded files (`<DocumentNummer>.<ext>`), their
metadata sidecars in `.meta/`, and `.sync-state.json` recording per API document its
version (ApiGewijzigdOp|GewijzigdOp), file, file hash, date and the synced dossiers that
list it. The state is saved after every finished file, so a killed sync resumes without
downloading finished files again; `dirty` says files changed since the last full ingest."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.tk.client import TkError

STATE_NAME = ".sync-state.json"


class SyncBusy(TkError):
    pass


@dataclass
class DocState:
    file: str
    version: str
    sha256: str
    dossiers: list[str] = field(default_factory=list)
    date: str | None = None


@dataclass
class SyncState:
    documents: dict[str, DocState] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, tk_dir: Path) -> "SyncState":
        path = Path(tk_dir) / STATE_NAME
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            docs = {k: DocState(**v) for k, v in data.get("documents", {}).items()}
        except (ValueError, TypeError) as e:
            raise TkError(f"sync state {path} is unreadable ({e}); delete it to download the dossiers again") from e
        return cls(docs, bool(data.get("dirty")))

    def save(self, tk_dir: Path) -> None:
        tk_dir = Path(tk_dir)
        tk_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=tk_dir, prefix=".state-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"documents": {k: asdict(v) for k, v in sorted(self.documents.items())}, "dirty": self.dirty},
                      f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, tk_dir / STATE_NAME)


@contextlib.contextmanager
def store_lock(store: Path):
    """An exclusive flock on the store directory for the whole sync (released by the OS
    if the process dies). A store directory this sync created and left empty is removed
    again, so a sync that found nothing leaves no trace."""
    store = Path(store)
    created = not store.exists()
    store.mkdir(parents=True, exist_ok=True)
    fd = os.open(store, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncBusy(f"another sync is running on the store {store}; wait for it to finish "
                           "(one sync per store at a time)") from None
        yield
    finally:
        os.close(fd)
        if created and not any(store.iterdir()):
            store.rmdir()
