"""Metadata overrides: a sidecar JSON file next to a source file whose fields win over what
the readers guess (title, date, type, dossier, indieners, document number).

A sync from an API knows a document's metadata for certain; the readers only guess it from
the text. The sidecar lives in a hidden `.meta/` folder beside the file (`<dir>/.meta/<file
name>.json`), so folder ingests never read it as a document, and `ingest --reindex` or a
plain `ingest` of the folder applies it again. Its bytes are part of the file's version:
changed metadata re-indexes the document even when the file itself did not change."""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from index.types import Document

SIDECAR_DIR = ".meta"
FIELDS = {"title": str, "date": str, "doc_type": str, "dossier": str, "members": list, "document_number": str}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def sidecar_path(path: Path) -> Path:
    path = Path(path)
    return path.parent / SIDECAR_DIR / (path.name + ".json")


def write_sidecar(path: Path, overrides: dict) -> None:
    """Atomically (temp file + rename): a killed sync never leaves half a sidecar."""
    bad = sorted(set(overrides) - set(FIELDS) - {"source"})
    if bad:
        raise ValueError(f"metadata override for {path}: unknown field(s) {bad}; known: {sorted(FIELDS)}")
    target = sidecar_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(overrides, f, ensure_ascii=False, sort_keys=True, indent=1)
    os.replace(tmp, target)


def remove_sidecar(path: Path) -> None:
    sidecar_path(path).unlink(missing_ok=True)


def sidecar_digest(path: Path) -> str | None:
    p = sidecar_path(path)
    return hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None


def read_overrides(path: Path) -> dict:
    """The sidecar's fields ({} without one); a malformed sidecar is an error naming it."""
    p = sidecar_path(path)
    if not p.is_file():
        return {}
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise ValueError(f"metadata sidecar {p}: not valid JSON ({e}); delete it or sync again") from e
    if not isinstance(data, dict):
        raise ValueError(f"metadata sidecar {p}: expected a JSON object")
    out = {}
    for key, kind in FIELDS.items():
        value = data.get(key)
        if value in (None, "", []):
            continue
        if not isinstance(value, kind):
            raise ValueError(f"metadata sidecar {p}: field {key!r} should be a {kind.__name__}, got {value!r}")
        if key == "date" and not _DATE_RE.fullmatch(value):
            raise ValueError(f"metadata sidecar {p}: date {value!r} is not YYYY-MM-DD")
        out[key] = [str(m) for m in value] if key == "members" else value
    return out


def apply_overrides(doc: Document, overrides: dict) -> Document:
    """Set the given fields on the document. New indieners also replace the reader's
    indieners as speaker of a motie's paragraphs (they speak for the whole motie)."""
    old_speaker = ", ".join(doc.members)
    for key, value in overrides.items():
        setattr(doc, key, value)
    if "members" in overrides and doc.doc_type in {"motie", "amendement"}:
        new_speaker = ", ".join(doc.members)
        for b in doc.blocks:
            if not b.speaker or b.speaker == old_speaker:
                b.speaker = new_speaker
    return doc
