"""Word .docx via python-docx: paragraphs and table cells in document order, headings by style.

A .docx is a zip archive, so the archive is checked before python-docx
opens it: a small file that inflates to gigabytes (zip bomb) is refused.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from index.types import Block, Document
from index import metadata
from index.readers.errors import SkipFile
from index.readers.textutil import normalize_ws

MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
_RATIO_MIN_SIZE = 1024 * 1024  # tiny archives can compress extremely well and are harmless
_HEADING_STYLE_RE = re.compile(r"^(heading|kop|title|titel)\b", re.I)
_BOILERPLATE = {"tweede kamer der staten-generaal", "eerste kamer der staten-generaal"}


def check_zip(data: bytes, max_total: int = MAX_UNCOMPRESSED, max_ratio: int = MAX_RATIO) -> None:
    """Refuse archives that are corrupt, not Word documents, or inflate suspiciously."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SkipFile(f"corrupt .docx (not a valid zip archive: {exc})") from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > max_total:
        raise SkipFile(f"zip bomb suspected: .docx inflates to {total} bytes (limit {max_total})")
    if total > _RATIO_MIN_SIZE and total / max(packed, 1) > max_ratio:
        raise SkipFile(f"zip bomb suspected: compression ratio {total / max(packed, 1):.0f} > {max_ratio}")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise SkipFile("zip archive is not a Word .docx document")


def _iter_paragraphs(container) -> Iterator[Paragraph]:  # noqa: ANN001 - Document or _Cell
    """Paragraphs in reading order, descending into tables; merged cells only once."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            yield from _iter_table(item)


def _iter_table(table: Table) -> Iterator[Paragraph]:
    # A merged cell is returned once per grid column. The set holds the lxml
    # elements themselves (not their id()s, which Python may reuse).
    seen: set = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            yield from _iter_paragraphs(cell)


def _blocks(document) -> list[Block]:  # noqa: ANN001 - python-docx Document
    blocks: list[Block] = []
    section = ""
    for para in _iter_paragraphs(document):
        text = normalize_ws(para.text)
        if not text:
            continue
        style = para.style.name if para.style is not None else ""
        kind = "heading" if _HEADING_STYLE_RE.match(style or "") else "paragraph"
        if kind == "heading":
            section = text
        blocks.append(Block(text=text, section=section, kind=kind))
    return blocks


def _title(document, blocks: list[Block]) -> str:  # noqa: ANN001
    core = normalize_ws(document.core_properties.title or "")
    if core:
        return core
    stuk_title = metadata.kamerstuk_title([b.text for b in blocks])
    if stuk_title:
        return stuk_title
    heading = next((b.text for b in blocks if b.kind == "heading" and b.text.lower() not in _BOILERPLATE), "")
    return heading or next((b.text for b in blocks if len(b.text.split()) >= 3), "")


def read_docx(path: Path, data: bytes) -> Document:
    """Parse .docx bytes after the zip-bomb check."""
    check_zip(data)
    document = docx.Document(BytesIO(data))
    blocks = _blocks(document)
    lines = [b.text for b in blocks]
    return Document(doc_id="", source_path="", title=_title(document, blocks), blocks=blocks,
                    dossier=metadata.dossier_from_lines(lines))
