"""PDF via pypdf: text per page, running headers/footers removed, lines rejoined into paragraphs.

pypdf gives one string per page with a newline per typeset line and no
paragraph marks, so paragraphs are rebuilt from layout hints: a short line
ending a sentence closes a paragraph, speaker labels and "Vraag 1" style
headings open one. Soft hyphenation at line ends is undone (see textutil).
"""
from __future__ import annotations

import logging
import re
import statistics
import unicodedata
from collections import Counter
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from index.types import Block, Document
from index.metadata import extract_date, extract_dossier, kamerstuk_title
from index.readers.errors import SkipFile
from index.readers.textutil import build_vocab, join_lines, normalize_ws, speaker_label

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are common; we report per file

_EDGE = 3  # lines at the top and bottom of a page where running headers/footers live
_PAGE_NUMBER_RE = re.compile(r"^[-–\s]*(pagina\s+)?\d{1,4}(\s*(van|/)\s*\d{1,4})?[-–\s]*$", re.I)
_PROTECTED_RE = re.compile(r"^(vraag|vragen|antwoord|antwoorden)\b|:$", re.I)
_QA_HEADING_RE = re.compile(r"^(Vraag|Vragen|Antwoord|Antwoorden)\s+\d+([,\s]+(en\s+)?\d+)*$")
_NUMBERED_HEADING_RE = re.compile(r"^\d{1,2}\.(\d{1,2}\.?)*\s+[A-Z\u00C0-\u00DD][^\d]*$")
_SPEAKER_RE = re.compile(
    r"^(?P<prefix>De heer|Mevrouw|De voorzitter|Minister-president|Minister|Staatssecretaris)"
    r"\s*(?P<name>[^():]{0,60}?)\s*(?:\((?P<party>[^()]{1,40})\))?\s*:$"
)
_BULLET_RE = re.compile(r"^([•\-–▪*]|\d{1,2}[.)]|[a-z][.)])\s")
_TERMINAL_RE = re.compile(r"[.?!:;][\"'»”’)\]]*$")
# TK colophon lines (ISSN, imprint, bare publication id) that only sit on the first/last page, and the
# page footer of a Kamer publication ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2", "..., 26 485, nr. 424"),
# which a two-page document prints once only (page 1 has it on the imprint line), so the running-line count misses it.
_COLOPHON_RE = re.compile(r"^(ISSN \d{4}|’s-Gravenhage \d{4}\b|(kst|ah-tk|h-tk|stb|stcrt|blg)-[\w-]+$"
                          r"|(Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[-–]\s*\d{4}, (Aanhangsel \d+|[\d ]+[A-Z]*, nr\. \d+)$)")
_C1_RE = re.compile("[\x80-\x9f]")  # unmapped glyphs, in practice bullets


# a spacing accent after its letter, as some PDF fonts draw it ("Yes¸ilgöz" for "Yeşilgöz",
# "c´" for "ć"): the combining accent, composed where Unicode has the letter
_SPACING_ACCENTS = {"\u00b8": "\u0327", "\u00a8": "\u0308", "\u00b4": "\u0301", "\u02dc": "\u0303",
                    "\u02c6": "\u0302", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02db": "\u0328",
                    "\u02dd": "\u030b"}
_SPACING_ACCENT_RE = re.compile("([A-Za-z])([" + "".join(_SPACING_ACCENTS) + "])")


def _compose_accent(m: re.Match[str]) -> str:
    composed = unicodedata.normalize("NFC", m.group(1) + _SPACING_ACCENTS[m.group(2)])
    return composed if len(composed) == 1 else m.group(0)


def _clean_line(line: str) -> str:
    return normalize_ws(_SPACING_ACCENT_RE.sub(_compose_accent, _C1_RE.sub("•", line)))


def _open(data: bytes) -> PdfReader:
    reader = PdfReader(BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")  # many "encrypted" PDFs only have an empty user password
        except Exception:  # noqa: BLE001 - missing crypto backend or broken encryption dict
            ok = 0
        if not ok:
            raise SkipFile("PDF is encrypted (password protected); save an unprotected copy")
    return reader


def _page_lines(reader: PdfReader, warnings: list[str]) -> list[list[str]]:
    pages: list[list[str]] = []
    for i, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the document
            warnings.append(f"partial extraction: page {i}: {type(exc).__name__}: {exc}")
            text = ""
        pages.append([_clean_line(l) for l in text.split("\n")])
    return pages


def _edge_indexes(lines: list[str]) -> set[int]:
    filled = [i for i, l in enumerate(lines) if l]
    return set(filled[:_EDGE] + filled[-_EDGE:])


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _strip_running(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines repeated at page edges on most pages (digits ignored) and bare page numbers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_line_key(lines[i]) for i in _edge_indexes(lines)})
    threshold = max(2, (len(pages) + 1) // 2)
    # Reports print their running header on every other page (left/right pages differ:
    # "NCTV | Cybersecuritybeeld Nederland 2024"); a short edge line without sentence
    # punctuation repeated on a quarter of the pages is one too.
    spread_threshold = max(3, len(pages) // 4)

    def running(line: str) -> bool:
        n = counts[_line_key(line)]
        return n >= threshold or (n >= spread_threshold and len(line) <= 80 and not _TERMINAL_RE.search(line))

    headers = [k for k, n in counts.items() if n >= spread_threshold and len(k) >= 12 and " | " in k]

    def unglued(line: str) -> str:
        """"NCTV | Cybersecuritybeeld Nederland 2024 2 Jaarbeeld" -> "2 Jaarbeeld" (a running header
        that the PDF put on one line with the page's section title)."""
        for h in headers:
            m = re.match(re.escape(h).replace("\\#", r"\d+").replace("#", r"\d+") + r"\s+(?=\S)", line, re.I)
            if m:
                return line[m.end():]
        return line

    out = []
    for lines in pages:
        edges = _edge_indexes(lines)
        kept = []
        for i, line in enumerate(lines):
            if _COLOPHON_RE.match(line):
                continue
            if i in edges and not _PROTECTED_RE.search(line):
                if _PAGE_NUMBER_RE.match(line) or (len(pages) > 1 and running(line)):
                    continue
                line = unglued(line)
            kept.append(line)
        out.append(kept)
    return out


class _Builder:
    """Accumulates lines into Blocks, tracking section and speaker."""

    def __init__(self, vocab: set[str], median: float) -> None:
        self.vocab, self.median = vocab, median
        self.blocks: list[Block] = []
        self.text, self.page, self.last, self.last_page = "", 0, "", 0
        self.section, self.speaker = "", ""

    def flush(self) -> None:
        if self.text:
            self.blocks.append(Block(self.text, page=self.page, section=self.section, speaker=self.speaker))
        self.text, self.last = "", ""

    def heading(self, line: str, page: int) -> None:
        self.flush()
        self.section = line
        self.blocks.append(Block(line, page=page, section=line, speaker=self.speaker, kind="heading"))

    def _ends_paragraph(self, line: str, new_page: bool) -> bool:
        """Layout guess: does the previous line close its paragraph before `line`?"""
        terminal = bool(_TERMINAL_RE.search(self.last))
        if terminal and (new_page or len(self.last) < 0.85 * self.median):
            return True  # sentence ends on a short line (or at the page end)
        starts_upper = line[:1].isupper() or line[:1].isdigit()
        return starts_upper and len(self.last) < 0.6 * self.median  # e.g. a title line

    def line(self, line: str, page: int) -> None:
        if not line:
            self.flush()  # an empty line is the only explicit paragraph mark pypdf gives
            return
        new_page = page != self.last_page
        self.last_page = page
        if not self.text or self._ends_paragraph(line, new_page) or _BULLET_RE.match(line):
            self.flush()
            self.text, self.page = line, page
        else:
            self.text = join_lines(self.text, line, self.vocab)
        self.last = line


def _build_blocks(pages: list[list[str]], vocab: set[str]) -> list[Block]:
    lengths = [len(l) for lines in pages for l in lines if len(l) >= 20]
    b = _Builder(vocab, statistics.median(lengths) if lengths else 60.0)
    for page_no, lines in enumerate(pages, start=1):
        for line in lines:
            m = _SPEAKER_RE.match(line)
            if m:
                b.flush()
                b.speaker = speaker_label(m.group("prefix"), m.group("name") or "", m.group("party") or "")
            elif _QA_HEADING_RE.match(line) or (_NUMBERED_HEADING_RE.match(line) and len(line.split()) <= 10):
                b.heading(line, page_no)
            else:
                b.line(line, page_no)
    b.flush()
    return b.blocks


# Cover-page lines that are never the document's title.
_BOILERPLATE_RE = re.compile(
    r"^(>|(tweede|eerste) kamer der staten-generaal$|vergaderjaar\b|retouradres\b|den haag,|pagina\b|"
    r"\d{1,2} \w+ \d{4}$|aan de (voorzitter|leden)\b|postbus\b|voortouwcommissie|volgcommissie|coverbeeld\b|"
    r"datum\b|inhoudsopgave\b)", re.I)
# A letter's or list's own label for its subject: "Onderwerp Draagmoederschap",
# "Betreft: ...", "Document: Besluitenlijst van de procedurevergadering ...".
_LABEL_END_RE = re.compile(r"\s+(?:Aan de|Datum|Kenmerk|Uw kenmerk|Bijlagen?|Agendapunt)\b")
_LABELLED_RE = re.compile(r"^(?:onderwerp|betreft|document)\s*:?\s+(.{3,200})$", re.I)


def _file_title(path_stem: str) -> str:
    """"1400405_Brief_aan_de_Tweede_Kamer_inzake_onbeantwoorde_vragen" -> "Brief aan de
    Tweede Kamer inzake onbeantwoorde vragen"; "" for names that are ids or too short."""
    words = [w for w in re.split(r"[_\s-]+", path_stem) if w]
    while words and (words[0].isdigit() or re.fullmatch(r"[0-9a-f]{8,}", words[0])):
        words.pop(0)
    if len(words) < 4:
        return ""
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _meta_title_fits(value: str, head: str) -> bool:
    """Reject template titles ("Toelichting invullen fiche"): most words must occur on page 1."""
    words = re.findall(r"\w{3,}", value.lower())
    head = head.lower()
    return bool(words) and sum(w in head for w in words) >= 0.6 * len(words)


def _title(reader: PdfReader, blocks: list[Block], head: str, stem: str = "") -> str:
    meta = reader.metadata or {}
    for key in ("/Title", "/Subject"):
        value = normalize_ws(str(meta.get(key) or ""))
        if value.lower() not in {"", "none", "untitled"} and _meta_title_fits(value, head):
            return value
    stuk_title = kamerstuk_title(head.split("\n"))
    if stuk_title:
        return stuk_title
    besluiten = re.search(r"\b(Besluitenlijst van de [^\n]{5,150})", "\n".join(b.text for b in blocks[:40]))
    if besluiten:
        return _LABEL_END_RE.split(besluiten.group(1).strip())[0]
    labelled = [m.group(1).strip() for b in blocks[:40] if (m := _LABELLED_RE.match(b.text.strip()))]
    labelled = [_LABEL_END_RE.split(v)[0] for v in labelled]
    # a besluitenlijst labels its agenda items' documents too: its own label names it
    for value in sorted(labelled, key=lambda v: not v.lower().startswith("besluitenlijst")):
        return value
    lines = [b.text.strip() for b in blocks[:12] if not _BOILERPLATE_RE.match(b.text.strip())]
    cover = []  # a cover's title set in short lines: "Cybersecuritybeeld" / "Nederland 2024"
    for line in lines:
        if (len(line.split()) > 6 or re.search(r"[.:;?,]", line) or len(cover) == 3 or line in cover
                or "inhoudsopgave" in line.lower()):
            break
        cover.append(line)
    if cover and len(" ".join(cover).split()) >= 2:
        return " ".join(cover)
    first = next((ln for ln in lines if len(ln.split()) >= 3), "")
    named = _file_title(stem)
    if (len(first.split()) > 14 or first.endswith(".")) and named:
        return named  # a first sentence is no title; the file name often is one
    return first[:200]


_WORD_RE = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3  # "Motie over cyberweerbaarheid van gemeenten" is a document; "Pag. 1" is none


def _page_words(lines: list[str]) -> int:
    return sum(len(_WORD_RE.findall(l)) for l in lines if not _PAGE_NUMBER_RE.match(l))


def _has_image(page) -> bool:
    try:
        return len(page.images) > 0  # image XObjects, also inside forms, and inline images
    except Exception:  # noqa: BLE001 - a broken resource dictionary is no image
        return False


def _check_text_layer(reader: PdfReader, pages: list[list[str]], warnings: list[str]) -> None:
    """Decide from the pages, not from a character count: a page with words has text; a
    page without words but with an image is a scan. SkipFile when nothing is left to index."""
    words = [_page_words(lines) for lines in pages]
    scans = [i for i, w in enumerate(words, start=1) if not w and _has_image(reader.pages[i - 1])]
    n = len(pages)
    if not n:
        raise SkipFile("PDF has no pages")
    if sum(words) >= MIN_WORDS:
        if scans:
            warnings.append(f"{len(scans)} of {n} page(s) are images without text (scanned?) and are not indexed: "
                            f"page(s) {', '.join(map(str, scans[:10]))}{' ...' if len(scans) > 10 else ''}; run OCR for them")
        return
    if scans:
        raise SkipFile(f"PDF has no text layer (scanned?); run OCR first: {len(scans)} of {n} page(s) are images without text")
    text = " ".join(l for lines in pages for l in lines if l)
    if text:
        raise SkipFile(f"PDF has too little text to index: {text[:60]!r} on {n} page(s), "
                       f"under {MIN_WORDS} words and no images")
    raise SkipFile(f"PDF has no text layer and no images: its {n} page(s) are empty or only drawings")


def read_pdf(path: Path, data: bytes) -> Document:
    """Parse PDF bytes; raises SkipFile for encrypted or image-only PDFs."""
    reader = _open(data)
    warnings: list[str] = []
    pages = _page_lines(reader, warnings)
    _check_text_layer(reader, pages, warnings)
    raw = "\n".join("\n".join(lines) for lines in pages)
    blocks = _build_blocks(_strip_running(pages), build_vocab(raw))
    head = "\n".join(pages[0])  # raw first page: the cover still has date and identifier
    return Document(
        doc_id="", source_path="", title=_title(reader, blocks, head, path.stem), blocks=blocks,
        date=extract_date(head), dossier=extract_dossier(path.name) or extract_dossier(head),
        warnings=warnings,
    )
