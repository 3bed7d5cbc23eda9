"""File handling for the UI, kept apart from the layout because it is the security edge:

- /source/{chunk_id}: serves an original document, but only a file the manifest records
  as an indexed source (status done), looked up from the store by chunk id; the client
  never names a path, and traversal or a symlink swapped in later is refused;
- uploads: extension, size and magic bytes checked, copied under <store>/sources/ with a
  safe name (never outside it), then ingested through the running Engine;
- evaluation: only the gold files the injected Evaluator lists; reports go under the store.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from index.errors import UserError
from assistant.ui.docview import PAGE_CSP, document_page

ALLOWED_EXT = {".pdf", ".xml", ".html", ".htm", ".txt", ".docx"}
_CHUNK_ID = re.compile(r"^[0-9a-f]{32}$")
MEDIA = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8",
         ".htm": "text/html; charset=utf-8", ".xml": "application/xml",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class FileRefused(UserError, ValueError):
    """A file request or upload that is refused; `status` is the HTTP status to answer."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


# -- store directories --------------------------------------------------------------------

def store_dir(engine, name: str) -> Path:
    """A subdirectory of the store (created); everything the UI writes goes in one."""
    d = Path(engine.settings.store).resolve() / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def export_path(engine, session_hash: str) -> Path:
    """One Markdown export per browser session; the name is a hash, not guessable text."""
    key = hashlib.sha256((session_hash or "anon").encode()).hexdigest()[:20]
    return store_dir(engine, "exports") / f"gesprek-{key}.md"


# -- serving indexed sources --------------------------------------------------------------

def indexed_path(source_path: str, manifest) -> Path:
    """The file to serve for a stored source path, or FileRefused. Manifest keys are the
    resolved paths at ingest time, so anything else (relative, '..', a symlink placed
    later) is not an indexed source."""
    p = Path(source_path or "")
    if not p.is_absolute() or ".." in p.parts:
        raise FileRefused(403, "not an indexed source")
    state = manifest.files.get(str(p))
    if state is None or state.status != "done":
        raise FileRefused(403, "not an indexed source")
    if p.is_symlink() or p.resolve() != p:
        raise FileRefused(403, "source path changed since indexing")
    if not p.is_file():
        raise FileRefused(404, "source file no longer exists")
    return p


def resolve_source(engine, chunk_id: str) -> Path:
    if not _CHUNK_ID.match(chunk_id or ""):
        raise FileRefused(404, "unknown passage")
    got = engine.store.retrieve([chunk_id])
    if not got or got[0].payload.get("chunk_id") != chunk_id:
        raise FileRefused(404, "unknown passage")
    return indexed_path(got[0].payload.get("source_path", ""), engine.manifest)


def _logged_in(app, request) -> bool:
    """Gradio's own check (routes.get_current_user) for a route gradio does not guard:
    the login cookie must map to a session token. Relies on gradio 6.31 internals (pinned)."""
    if getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None:
        return True
    cid = app.cookie_id
    token = request.cookies.get(f"access-token-{cid}") or request.cookies.get(f"access-token-unsecure-{cid}")
    return app.tokens.get(token) is not None


def mount_source_route(app, engine) -> None:
    """Add GET /source/{chunk_id} to the running gradio app (before its own routes)."""

    def get_source(chunk_id: str, request: Request):
        if not _logged_in(app, request):
            raise HTTPException(status_code=401, detail="Not authenticated")
        try:
            path = resolve_source(engine, chunk_id)
        except FileRefused as e:
            raise HTTPException(status_code=e.status, detail=str(e)) from None
        ext = path.suffix.lower()
        # HTML/XML from documents must not run scripts on the app's origin.
        headers = {"X-Content-Type-Options": "nosniff"}
        if ext in (".html", ".htm", ".xml"):
            headers["Content-Security-Policy"] = "sandbox"
        disposition = "attachment" if ext == ".docx" else "inline"
        return FileResponse(path, media_type=MEDIA.get(ext, "application/octet-stream"), headers=headers,
                            filename=path.name, content_disposition_type=disposition)

    app.add_api_route("/source/{chunk_id}", get_source, methods=["GET"])
    app.router.routes.insert(0, app.router.routes.pop())  # ahead of gradio's page routes


def mount_passage_route(app, engine) -> None:
    """Add GET /passage/{chunk_id}?q=QUOTE: the document view (assistant/ui/docview.py),
    for indexed sources only, behind the same login as the app."""
    def get_passage(chunk_id: str, request: Request, q: str | None = None):
        if not _logged_in(app, request):
            raise HTTPException(status_code=401, detail="Not authenticated")
        try:
            resolve_source(engine, chunk_id)  # an indexed, still existing source, or refused
            page = document_page(engine, chunk_id, (q or "")[:400] or None)
        except FileRefused as e:
            raise HTTPException(status_code=e.status, detail=str(e)) from None
        return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"})

    app.add_api_route("/passage/{chunk_id}", get_passage, methods=["GET"])
    app.router.routes.insert(0, app.router.routes.pop())


# -- uploads ------------------------------------------------------------------------------

def safe_filename(name: str) -> str:
    """A plain file name: basename only, ASCII letters/digits/._-, no leading dot."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem[:100] or "document"
    return f"{stem}.{ext.lower()}" if ext else stem


def check_upload(path: Path, name: str, max_mb: float) -> None:
    """Type and size check on the uploaded bytes (the extension alone proves nothing)."""
    ext = Path(safe_filename(name)).suffix.lower()
    if ext not in ALLOWED_EXT:
        raise FileRefused(415, f"type {ext or '(none)'} not allowed; allowed: {', '.join(sorted(ALLOWED_EXT))}")
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise FileRefused(413, f"{size / 1e6:.1f} MB is over the {max_mb:g} MB limit")
    if size == 0:
        raise FileRefused(400, "empty file")
    with path.open("rb") as f:
        head = f.read(8192)
    if ext == ".pdf" and not head.startswith(b"%PDF-"):
        raise FileRefused(415, "not a PDF file")
    if ext == ".docx" and not head.startswith(b"PK\x03\x04"):
        raise FileRefused(415, "not a DOCX file")
    if ext in (".txt", ".xml", ".html", ".htm") and b"\x00" in head:
        raise FileRefused(415, "binary content in a text file")


def upload_root() -> Path:
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def copy_upload(src: Path, name: str, sources: Path, root: Path) -> Path:
    """Copy a gradio upload into the store's sources dir. Only files gradio itself stored
    under its upload folder are read: a client cannot make the app read another path."""
    src = Path(src).resolve()
    if root not in src.parents:
        raise FileRefused(403, "not an uploaded file")
    dest = (sources / safe_filename(name)).resolve()
    if dest.parent != sources.resolve():
        raise FileRefused(403, "unsafe file name")
    # Same name again replaces the file: an updated version re-indexes in place.
    tmp = dest.with_name(f".{dest.name}.part")
    shutil.copyfile(src, tmp)
    tmp.replace(dest)
    return dest


def ingest_outcome(report, path: Path) -> tuple[str, str]:
    """(result key, detail) for one file from an IngestReport."""
    key = str(path.resolve())
    if key in report.indexed:
        n = report.chunks_total
        return "r_indexed", f"{n} passage" + ("" if n == 1 else "s")
    if key in report.unchanged:
        return "r_unchanged", ""
    for f, why in report.skipped:
        if f == key:
            return "r_skipped", why
    for f, other in report.duplicates:
        if f == key:
            return "r_duplicate", Path(other).name
    return "r_skipped", "not processed"


def ingest_upload(engine, src: Path, name: str, log=None) -> tuple[str, str]:
    """Check, copy and ingest one uploaded file; never raises for a bad file."""
    try:
        check_upload(Path(src), name, engine.settings.ui.max_upload_mb)
        dest = copy_upload(Path(src), name, store_dir(engine, "sources"), upload_root())
    except (FileRefused, OSError) as e:
        return "r_refused", str(e)
    report = engine.ingest([dest], progress=False, log=log)
    return ingest_outcome(report, dest)


# -- evaluation ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Evaluator:
    """What the Evaluatie tab runs: injected by app.py from the eval package (which sits
    above this one), so the UI never imports eval."""

    names: Callable[[], list[str]]
    run_report: Callable[[object, str, Path], dict]  # (engine, gold name, out root) -> report paths

    def run(self, engine, name: str) -> tuple[str, list[Path]]:
        """(report Markdown without image links, plot paths)."""
        if name not in self.names():
            raise FileRefused(404, f"unknown gold file {name!r}")
        paths = self.run_report(engine, name, store_dir(engine, "eval-reports"))
        # The images are shown by gr.Image; their Markdown links would not resolve in the UI.
        md = re.sub(r"!\[[^\]]*\]\([^)]*\)\n?", "", paths["report.md"].read_text(encoding="utf-8"))
        return md, [paths[k] for k in ("recall_at_k.png", "per_type.png", "latency.png")]
