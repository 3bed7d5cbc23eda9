"""Read one file into a `Document`: dispatch by content sniffing first, extension second.

Every reader returns blocks (headings and paragraphs) plus whatever metadata
the format carries; `read_file` fills the ids and the metadata gaps with the
text heuristics of `index.metadata`. Bad input never escapes as anything but
`SkipFile`, so an ingest run over a messy folder cannot crash on one file.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from index.types import Document
from index import metadata
from index.readers.errors import SkipFile
from index.readers import docx, html, pdf, tkxml, vlos
from index.readers import text as text_reader
from index.readers.textutil import decode_bytes, is_binary_text, looks_mojibake, strip_masthead

__all__ = ["read_file", "make_doc_id", "SkipFile", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
MARKUP_EXTENSIONS = {".xml", ".html", ".htm", ".xhtml"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"
_ENTITY_DECL_RE = re.compile(r"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I)  # an internal DTD subset declaring entities


def make_doc_id(path: Path) -> str:
    """Stable id: slug of the file stem + first 8 hex of sha1 of the absolute path."""
    slug = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)[:48].strip("-") or "doc"
    digest = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def _sniff(data: bytes, suffix: str) -> str:
    """Which reader fits these bytes: pdf, docx, markup or text (magic bytes beat extensions)."""
    head = data[:1024]
    if head.startswith(b"%PDF") or (b"%PDF-" in head and suffix == ".pdf"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        raise SkipFile("legacy Word .doc is not supported; save it as .docx or PDF")
    if head.startswith(ZIP_MAGIC):
        return "docx"
    if suffix in {".pdf", ".docx", ".doc"}:
        raise SkipFile(f"file has extension {suffix} but its content is not a {suffix[1:].upper()} file")
    if suffix in MARKUP_EXTENSIONS or (suffix not in TEXT_EXTENSIONS and data.lstrip()[:1] == b"<"):
        return "markup"
    if suffix not in TEXT_EXTENSIONS and suffix != "":
        raise SkipFile(f"unsupported file type {suffix!r}")
    return "text"


def _root_name(text: str) -> str:
    """Lower-cased name of the first element, skipping the XML declaration, doctype and comments."""
    start = re.sub(r"<!--.*?-->|<[?!][^>]*>", "", text[:4000], flags=re.S)
    m = re.search(r"<([a-zA-Z][\w.:-]*)[\s>/]", start)
    return m.group(1).lower() if m else ""


def _read_markup(path: Path, data: bytes) -> tuple[Document, bool]:
    """XML or HTML, decided by the root element. Returns (document, dates_from_structure)."""
    text = decode_bytes(data)
    if is_binary_text(text):
        raise SkipFile("binary content, not an XML or HTML document")
    if _ENTITY_DECL_RE.search(text):  # the parsers never expand entities; such files are refused outright
        raise SkipFile("XML declares entities (<!ENTITY> in a DTD): refused, entity expansion "
                       "(billion laughs, external entities) is not supported")
    root = _root_name(text)
    if root == "vloscoredocument":
        doc, structured = vlos.read_vlos(path, text), True
    elif root == "officiele-publicatie":
        doc, structured = tkxml.read_tkxml(path, text), True
    elif root == "html" or path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        doc, structured = html.read_html(path, text), False
    elif root:
        doc, structured = tkxml.read_tkxml(path, text), False  # unknown XML: generic walk
    elif path.suffix.lower() == ".xml":
        raise SkipFile("not XML: no root element found")
    else:
        doc, structured = text_reader.read_text(path, data), False
    if looks_mojibake(data[:200000].decode("utf-8", errors="replace")):
        doc.warnings.append("encoding: repaired double-encoded UTF-8 (mojibake)")
    return doc, structured


def _dispatch(path: Path, data: bytes) -> tuple[Document, bool]:
    kind = _sniff(data, path.suffix.lower())
    if kind == "pdf":
        return pdf.read_pdf(path, data), False
    if kind == "docx":
        return docx.read_docx(path, data), False
    if kind == "markup":
        return _read_markup(path, data)
    return text_reader.read_text(path, data), False


def _fill_metadata(doc: Document, path: Path, structured: bool) -> Document:
    """Ids, plus type/dossier/date/indieners from text heuristics where the reader found none."""
    doc.doc_id = make_doc_id(path)
    doc.source_path = str(path.resolve())
    head = "\n".join(b.text for b in doc.blocks[:40])
    doc.title = metadata.clean_title(doc.title) or metadata.clean_title(path.stem.replace("_", " "))
    if not doc.doc_type or doc.doc_type == "document":
        doc.doc_type = metadata.detect_doc_type(doc.title, head, path)
    if not doc.dossier:  # a verslag's or gazette's body cites dossiers that are not its own
        text_guess = None if structured else metadata.extract_dossier(doc.title + "\n" + head)
        doc.dossier = metadata.extract_dossier(path.name) or text_guess
    if not doc.date and not structured:  # structured XML: the reader took the dates it has
        doc.date = metadata.extract_date(head) or metadata.extract_date(doc.text[:20000])
    if doc.doc_type == "antwoord" and not doc.members:  # Kamervragen: the asking members, with their parties
        doc.members = metadata.askers_from_text(head)
    if doc.doc_type == "antwoord" and not doc.answerer:  # ... and the bewindspersoon who answers them
        doc.answerer = metadata.answerer_from_text(head)
    if doc.doc_type in {"motie", "amendement"} and not doc.members:
        texts = [b.text for b in doc.blocks]
        doc.members = metadata.members_from_motie_text(texts) or metadata.members_from_motie_title(doc.title)
        for b in doc.blocks:  # the indieners speak for the whole motie
            b.speaker = b.speaker or ", ".join(doc.members)
    doc.blocks = strip_masthead(doc.blocks)  # read for type, date and askers above; nobody's words
    return doc


def read_file(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse one file into a Document or raise SkipFile with a reason a user can act on."""
    path = Path(path)
    if not path.is_file():
        raise SkipFile("not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise SkipFile("empty file")
    if size > max_bytes:
        raise SkipFile(f"file is too large ({size} bytes > limit {max_bytes} bytes)")
    try:
        doc, structured = _dispatch(path, path.read_bytes())
        doc.blocks = [b for b in doc.blocks if b.text.strip()]
        if not doc.blocks:
            raise SkipFile("no text could be extracted")
        return _fill_metadata(doc, path, structured)
    except SkipFile:
        raise
    except Exception as exc:  # parser bugs on hostile input (incl. RecursionError): report, don't crash
        raise SkipFile(f"could not parse file ({type(exc).__name__}: {exc})") from exc
