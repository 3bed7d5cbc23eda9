"""Plain text and Markdown: rejoin hard-wrapped lines into paragraphs, find headings.

Two kinds of input matter in practice: pages saved from parliamentary
monitoring sites (navigation in [brackets], site metadata before the real
content) and PDF-to-text renderings (hard line breaks mid-sentence, page gaps
of many blank lines that can split a sentence).
"""
from __future__ import annotations

import re
from pathlib import Path

from index.types import Block, Document
from index.metadata import clean_title, kamerstuk_title
from index.readers.errors import SkipFile
from index.readers.textutil import build_vocab, decode_bytes, is_binary_text, join_lines, normalize_ws

_NAV_LINE_RE = re.compile(r"^\s*(\[[^\]\n]*\]\s*)+$")
_CHROME_PREFIXES = (
    "directe link naar document", "gerelateerde personen", "onderdeel van zaak",
    "onderdeel van activiteiten", "preview document", "link naar pagina op de tweede kamer site",
)
_NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?|[IVX]{1,4})\s+[A-Z\u00C0-\u00DD]")
_TERMINAL_RE = re.compile(r"[.?!:][\"'»”’)\]]*$")
_FRACTIE_HEADING_RE = re.compile(r"^Vragen en opmerkingen van de leden van (?:de )?(?P<f>.+?)-fractie$", re.I)
_FRACTIE_PARA_RE = re.compile(r"^De leden van de (?P<f>[\w-]+?)-fractie\b")
_PAGE_GAP = 3  # blank lines; more than a paragraph break means a page break in a PDF rendering


def _is_chrome(line: str) -> bool:
    s = line.strip()
    return bool(_NAV_LINE_RE.match(s)) or s.lower().startswith(_CHROME_PREFIXES)


def _groups(lines: list[str]) -> list[tuple[list[str], int]]:
    """Runs of non-blank lines, each with the number of blank lines before it."""
    groups: list[tuple[list[str], int]] = []
    current: list[str] = []
    blanks = gap = 0
    for line in lines:
        if not line.strip():
            if current:
                groups.append((current, gap))
                current = []
                blanks = 0
            blanks += 1
            continue
        if not current:
            gap = blanks
        current.append(line)
    if current:
        groups.append((current, gap))
    return groups


def _is_heading_line(s: str, markdown: bool) -> bool:
    if markdown and s.startswith("#"):
        return True
    words = s.split()
    if not words or len(words) > 12 or _TERMINAL_RE.search(s) or s.endswith((",", ";")):
        return False
    if _NUMBERED_HEADING_RE.match(s):
        return True
    return len(words) >= 2 and (s[0].isupper() or s[0].isdigit()) and ", " not in s


def _is_list_group(lines: list[str]) -> bool:
    """A table of contents or list: >= 3 short lines, each starting with a capital or number."""
    return len(lines) >= 3 and all(len(l) < 100 and (l[0].isupper() or l[0].isdigit()) for l in lines)


def _group_paragraphs(lines: list[str], gap: int, vocab: set[str], md: bool) -> list[tuple[str, str, int]]:
    """(text, kind, gap) items from one run of lines; a leading numbered heading is split off."""
    lines = [normalize_ws(l) for l in lines]
    out: list[tuple[str, str, int]] = []
    if len(lines) > 1 and _NUMBERED_HEADING_RE.match(lines[0]) and _is_heading_line(lines[0], md):
        out.append((lines[0], "heading", gap))
        lines, gap = lines[1:], 0
    if len(lines) == 1:
        kind = "heading" if _is_heading_line(lines[0], md) else "paragraph"
        return out + [(lines[0].lstrip("# ") if md else lines[0], kind, gap)]
    if _is_list_group(lines):  # list items stay separate paragraphs
        return out + [(l, "paragraph", gap if i == 0 else 0) for i, l in enumerate(lines)]
    text = lines[0]
    for l in lines[1:]:
        text = join_lines(text, l, vocab)
    out.append((text, "paragraph", gap))
    return out


def _merge_page_splits(items: list[tuple[str, str, int]], vocab: set[str]) -> list[tuple[str, str]]:
    """Rejoin a paragraph that a page gap split mid-sentence."""
    merged: list[tuple[str, str]] = []
    for text, kind, gap in items:
        if merged and kind == "paragraph" and merged[-1][1] == "paragraph":
            prev = merged[-1][0]
            # Only a paragraph that stops mid-word-run ("... het belangrijk") continues.
            unfinished = bool(re.search(r"[\w,-]$", prev))
            if unfinished and (gap >= _PAGE_GAP or text[:1].islower()):
                merged[-1] = (join_lines(prev, text, vocab), "paragraph")
                continue
        merged.append((text, kind))
    return merged


def _to_blocks(items: list[tuple[str, str]]) -> list[Block]:
    """Blocks with section = current heading and speaker = the fractie whose section it is."""
    blocks: list[Block] = []
    section, speaker = "", ""
    for text, kind in items:
        if kind == "heading":
            section = text
            m = _FRACTIE_HEADING_RE.match(text)
            speaker = m.group("f") if m else ""
            blocks.append(Block(text=text, section=section, speaker=speaker, kind="heading"))
            continue
        m = _FRACTIE_PARA_RE.match(text)
        if m and speaker and m.group("f").lower() != speaker.lower():
            # A fractie's own heading is sometimes missing (the Blueprint inbreng
            # lacks the GroenLinks-PvdA one); its first paragraph names it.
            speaker = m.group("f")
            section = f"Vragen en opmerkingen van de leden van de {speaker}-fractie"
        blocks.append(Block(text=text, section=section, speaker=speaker))
    return blocks


# Letterhead lines of a kamerstuk, never its title ("Tweede Kamer der Staten-Generaal", "Vergaderjaar 2024-2025").
_LETTERHEAD_RE = re.compile(r"^(?:(?:Tweede|Eerste) Kamer der Staten-Generaal|Vergaderjaar \d{4}\s*[-–]\s*\d{4}|"
                            r"\d{2}\s?\d{3}(?:[-\s]\S+)?|Nr\.\s*\d+|\d+)$", re.I)


def _title(items: list[tuple[str, str]], path: Path) -> str:
    """The first line that is not letterhead; a kamerstuk's own title ("MOTIE VAN HET LID X") wins."""
    lines = [t.strip() for t, _ in items[:12]]
    stuk = kamerstuk_title(lines)
    if stuk:
        return clean_title(stuk)
    first = next((t for t in lines if not _LETTERHEAD_RE.match(t)), items[0][0])
    if _NUMBERED_HEADING_RE.match(first) or len(first) > 200:
        return re.sub(r"[-_]+", " ", path.stem).strip()  # a section heading is no document title
    return first


def read_text(path: Path, data: bytes) -> Document:
    """Parse a .txt/.md file into heading and paragraph blocks."""
    text = decode_bytes(data)
    if is_binary_text(text):
        raise SkipFile("binary content, not a text document")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    md = path.suffix.lower() in {".md", ".markdown"}
    vocab = build_vocab(text)
    lines = [l for l in text.split("\n") if not _is_chrome(l)]
    items: list[tuple[str, str, int]] = []
    for group, gap in _groups(lines):
        items.extend(_group_paragraphs(group, gap, vocab, md))
    merged = _merge_page_splits(items, vocab)
    if not merged:
        raise SkipFile("no text in file")
    title = _title(merged, path)
    if merged[0][0] == title:
        merged[0] = (title, "heading")
    return Document(doc_id="", source_path="", title=title, blocks=_to_blocks(merged))
