"""`dossierwijzer sync`: bring a store's copy of one or more dossiers in line with the API.

plan (list every page, compare versions with the sync state) -> download what changed, one
request at a time -> delete files of documents no longer listed -> one normal ingest of
`<store>/sources/tk/` with prune, so changed files are re-indexed and deleted ones leave
the index. The engine (embedder + store) is opened only when there is something to do."""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from contextlib import nullcontext
from typing import Callable, ContextManager

from index.overrides import remove_sidecar, write_sidecar
from index.tk.client import ClientOptions, DossierRef, TkApiError, TkClient
from index.tk.record import ApiDocument
from index.tk.state import DocState, SyncState, store_lock

Step = Callable[[str, int, int], None]  # (phase, done, total)


def tk_dir_of(store: Path) -> Path:
    return Path(store) / "sources" / "tk"


@dataclass
class SyncReport:
    dossiers: list[str]
    listed: int = 0
    downloaded: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: list[dict] = field(default_factory=list)
    indexed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files ingest could not read
    requests: int = 0

    def to_json(self) -> dict:
        return {"dossiers": self.dossiers, "listed": self.listed, "downloaded": self.downloaded,
                "unchanged": self.unchanged, "deleted": self.deleted, "failed": self.failed,
                "indexed": self.indexed}

    def summary(self) -> str:
        line = (f"dossier {', '.join(self.dossiers)}: listed {self.listed}, downloaded {self.downloaded}, "
                f"unchanged {self.unchanged}, deleted {self.deleted}, failed {len(self.failed)}, "
                f"indexed {self.indexed} ({self.requests} API requests)")
        extra = [f"  failed: {f['id']}: {f['reason']}" for f in self.failed]
        extra += [f"  not indexed: {name}: {reason}" for name, reason in self.skipped]
        return "\n".join([line, *extra])


@dataclass
class _Plan:
    listed: dict[str, tuple[ApiDocument, DossierRef]]
    download: list[str]
    gone: list[str]  # ids no synced dossier lists any more
    touched: bool  # a recorded dossier membership changed


def _parse_since(since: str | None) -> str | None:
    if since is None:
        return None
    try:
        return date.fromisoformat(since).isoformat()
    except ValueError:
        raise ValueError(f"--since {since!r}: expected a date YYYY-MM-DD, e.g. 2025-01-01") from None


def _list(client: TkClient, refs: list[DossierRef], since: str | None) -> tuple[dict, dict[str, set[str]]]:
    listed: dict[str, tuple[ApiDocument, DossierRef]] = {}
    member: dict[str, set[str]] = {}
    for ref in refs:
        for raw in client.list_documents(ref, since):
            doc = ApiDocument.from_json(raw)
            if doc.verwijderd or (since and (doc.datum or "") < since):
                continue
            listed.setdefault(doc.id, (doc, ref))
            member.setdefault(doc.id, set()).add(str(ref))
    return listed, member


def _plan(state: SyncState, tk_dir: Path, refs: list[DossierRef], listed: dict, member: dict,
          since: str | None) -> _Plan:
    synced = {str(r) for r in refs}
    download, before = [], {k: list(st.dossiers) for k, st in state.documents.items()}
    for doc_id, (doc, _) in listed.items():
        st = state.documents.get(doc_id)
        path = tk_dir / st.file if st else None
        if not (st and st.version == doc.version and path.is_file() and _sha256(path) == st.sha256):
            download.append(doc_id)
        elif st:
            st.dossiers = sorted((set(st.dossiers) - synced) | member[doc_id])
    gone = []
    for doc_id, st in state.documents.items():
        if doc_id in listed or not synced & set(st.dossiers):
            continue
        if since and (st.date or "") < since:  # outside this partial listing: not known to be gone
            continue
        st.dossiers = sorted(set(st.dossiers) - synced)
        if not st.dossiers:
            gone.append(doc_id)
    touched = any(state.documents[k].dossiers != v for k, v in before.items())
    return _Plan(listed, download, gone, touched)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _free_name(state: SyncState, doc: ApiDocument) -> str:
    name = doc.file_name()
    taken = {st.file for k, st in state.documents.items() if k != doc.id}
    if name in taken:  # two documents with one DocumentNummer: the Id tells them apart
        stem, dot, ext = name.rpartition(".")
        name = f"{stem}_{doc.id[:8]}.{ext}"
    return name


def _store_file(tk_dir: Path, name: str, body: bytes) -> None:
    """Write atomically: a killed download leaves only a hidden temp file, never half a document."""
    tk_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=tk_dir, prefix=".dl-", suffix=".tmp")
    os.fchmod(fd, 0o644)  # an ordinary readable source file, not mkstemp's 0600
    with os.fdopen(fd, "wb") as f:
        f.write(body)
    os.replace(tmp, tk_dir / name)


def _remove(tk_dir: Path, name: str) -> None:
    (tk_dir / name).unlink(missing_ok=True)
    remove_sidecar(tk_dir / name)


def _download_all(client: TkClient, state: SyncState, tk_dir: Path, plan: _Plan, member: dict,
                  report: SyncReport, step: Step | None) -> None:
    for i, doc_id in enumerate(plan.download):
        doc, ref = plan.listed[doc_id]
        if step:
            step("download", i, len(plan.download))
        try:
            body, _ = client.download(doc.id, doc.content_length)
        except TkApiError as e:
            report.failed.append({"id": doc.id, "reason": e.reason})
            continue
        old = state.documents.get(doc_id)
        name = _free_name(state, doc)
        if old and old.file != name:
            _remove(tk_dir, old.file)
        write_sidecar(tk_dir / name, doc.overrides(ref))  # first: the file never exists without its metadata
        _store_file(tk_dir, name, body)
        state.documents[doc_id] = DocState(name, doc.version, hashlib.sha256(body).hexdigest(),
                                           sorted(member[doc_id]), doc.datum)
        state.save(tk_dir)  # per file: a killed sync keeps what it finished
        report.downloaded += 1
    if step:
        step("download", len(plan.download), len(plan.download))


def sync_dossiers(dossiers: list[str], store: Path, options: ClientOptions,
                  open_engine: Callable[[], ContextManager], since: str | None = None,
                  progress: bool = False, step: Step | None = None, log: Callable[[str], None] | None = None,
                  client: TkClient | None = None) -> SyncReport:
    """Sync the given dossiers into `store`. `open_engine()` gives a context manager yielding
    an object with `ingest(paths, prune, progress, log)` (the Engine), entered only when there
    is something to download, delete or index. Listing errors raise TkApiError; a file that
    fails is reported in `failed`."""
    refs = list(dict.fromkeys(DossierRef.parse(d) for d in dossiers))
    if not refs:
        raise TkError("sync: give at least one --dossier N (e.g. --dossier 22112 or --dossier 36200-XV)")
    since = _parse_since(since)
    client = client or TkClient(options)
    log = log or (lambda msg: print(msg, file=sys.stderr))
    report = SyncReport([str(r) for r in refs])
    tk_dir = tk_dir_of(store)
    with store_lock(store):
        state = SyncState.load(tk_dir)
        listed, member = _list(client, refs, since)
        plan = _plan(state, tk_dir, refs, listed, member, since)
        report.listed, report.unchanged = len(listed), len(listed) - len(plan.download)
        if plan.download or plan.gone:
            state.dirty = True
        if plan.download or plan.gone or plan.touched:
            state.save(tk_dir)
        # opened before the first download: a store another process owns stops the sync early
        with open_engine() if state.dirty else nullcontext() as engine:
            _download_all(client, state, tk_dir, plan, member, report, step)
            for doc_id in plan.gone:
                _remove(tk_dir, state.documents.pop(doc_id).file)
                state.save(tk_dir)
            if state.dirty:
                _ingest(engine, tk_dir, state, report, progress, log, step)
    report.requests = client.requests
    return report


def _ingest(engine, tk_dir: Path, state: SyncState, report: SyncReport, progress: bool, log, step) -> None:
    if step:
        step("ingest", 0, 1)
    tk_dir.mkdir(parents=True, exist_ok=True)
    ing = engine.ingest([tk_dir], prune=True, progress=progress, log=log)
    report.indexed, report.deleted = len(ing.indexed), len(ing.pruned)
    report.skipped = [(Path(f).name, r) for f, r in ing.skipped]
    state.dirty = False
    state.save(tk_dir)
    if step:
        step("ingest", 1, 1)
