"""Text helpers shared by the readers: decoding, mojibake repair, whitespace, line joining."""
from __future__ import annotations

import codecs
import re
from dataclasses import replace
import unicodedata

# --- mojibake -------------------------------------------------------------
# Double-encoded UTF-8 ("Ã©" for "é") arises when UTF-8 bytes were decoded as
# latin-1 or cp1252 and re-encoded. We undo it per byte sequence, not for the
# whole string, so one stray real "é" or a BOM cannot block the repair.

_CP1252_TO_BYTE: dict[str, int] = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_TO_BYTE[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are undefined in cp1252

_CONT_CLASS = "[\x80-\xbf" + "".join(re.escape(c) for c in _CP1252_TO_BYTE) + "]"
_SEQ_RE = re.compile("[\xc2-\xf4]" + _CONT_CLASS + "{1,3}")
# "Ã©", "â€“"/"â\x80\x93", "Â°", BOM: lead bytes of 2/3-byte UTF-8 seen as latin-1/cp1252 text.
_MARKER_RE = re.compile("[ÃÂâ]" + _CONT_CLASS + "|ï»¿")


def _char_to_byte(c: str) -> int | None:
    o = ord(c)
    if 0x80 <= o <= 0xFF:
        return o
    return _CP1252_TO_BYTE.get(c)


def _fix_sequence(m: re.Match[str]) -> str:
    s = m.group(0)
    lead = ord(s[0])
    need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
    if len(s) < need + 1:
        return s
    raw = [_char_to_byte(c) for c in s[: need + 1]]
    if any(b is None for b in raw):
        return s
    try:
        fixed = bytes(raw).decode("utf-8")  # type: ignore[arg-type]
    except UnicodeDecodeError:
        return s
    if unicodedata.category(fixed) == "Cc":
        return s  # would produce a C1 control character: not real mojibake
    return fixed + s[need + 1 :]


def looks_mojibake(s: str) -> bool:
    """True when `s` contains typical double-encoded UTF-8 markers."""
    return bool(_MARKER_RE.search(s))


def repair_mojibake(s: str) -> str:
    """Undo double-encoded UTF-8 ("CoÃ¶rdinatie" -> "Coördinatie"); other text is unchanged."""
    for _ in range(2):  # twice handles text that was double-encoded two times
        if not looks_mojibake(s):
            break
        s = _SEQ_RE.sub(_fix_sequence, s)
    return s


# --- decoding --------------------------------------------------------------


def _decode_without_bom(b: bytes) -> str:
    # BOM-less UTF-16 first: ASCII text in UTF-16 ("D\x00e\x00") is also valid UTF-8.
    if b.count(b"\x00") > len(b) // 4:
        enc = "utf-16-le" if b[1:2] == b"\x00" else "utf-16-be"
        return b.decode(enc, errors="replace")
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return b.decode("cp1252")
    except UnicodeDecodeError:
        return b.decode("latin-1")  # total: every byte maps to a character


def decode_bytes(b: bytes) -> str:
    """Bytes to text: BOMs, UTF-8, UTF-16, cp1252/latin-1 fallbacks, then mojibake repair."""
    if b.startswith(codecs.BOM_UTF8):
        s = b[3:].decode("utf-8", errors="replace")
    elif b.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        s = b.decode("utf-16", errors="replace")
    else:
        s = _decode_without_bom(b)
    return repair_mojibake(s).lstrip("\ufeff")


def is_binary_text(s: str) -> bool:
    """True when decoded text is mostly control characters (binary junk, not a document)."""
    sample = s[:20000]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    # control, private-use, unassigned and surrogate code points: random bytes decoded as
    # UTF-16 give mostly CJK letters, but also ~10% private-use characters
    ctrl = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and c not in "\t\n\r\f")
    bad = ctrl + sample.count("\ufffd")
    return bad / len(sample) > 0.05


# --- whitespace ------------------------------------------------------------

_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_PRIVATE_BULLET_RE = re.compile("[\uf000-\uf0ff]")  # Symbol-font bullets from PDFs
_WS_RE = re.compile(r"\s+")


def normalize_ws(s: str) -> str:
    """Collapse all whitespace (incl. no-break spaces) to single spaces; drop invisible chars."""
    s = _INVISIBLE_RE.sub("", s)
    s = _PRIVATE_BULLET_RE.sub("•", s)
    return _WS_RE.sub(" ", s).strip()


_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+([,.;:!?)\]»])")
_SPACE_AFTER_OPEN_RE = re.compile(r"([(\[«])\s+")


def tidy_inline_spacing(s: str) -> str:
    """Remove the spaces that pretty-printed XML inserts around inline markup ("moties ,")."""
    s = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", s)
    return _SPACE_AFTER_OPEN_RE.sub(r"\1", s)


# --- joining hard-wrapped lines -----------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_VOWELS = set("aeiouy")


def build_vocab(text: str) -> set[str]:
    """Lower-cased words and hyphenated compounds seen in a document, to judge line-end hyphens."""
    return {w.lower() for w in _WORD_RE.findall(text)}


def _keep_hyphen(left: str, right: str, vocab: set[str]) -> bool:
    if right[:1].isupper() or right[:1].isdigit():
        return True  # "Staten-/Generaal", "EU-/2024"
    if len(left) == 1 or any(c.isupper() for c in left[1:]) or any(c.isdigit() for c in left):
        return True  # "e-/mail", "AI-/gedreven", "NIS2-/richtlijn"
    if f"{left}-{right}".lower() in vocab:
        return True  # the document writes the compound with a hyphen elsewhere
    if f"{left}{right}".lower() in vocab:
        return False
    # Dutch writes a hyphen where vowels collide ("zee-egel"); elsewhere a
    # line-final hyphen in typeset text is almost always a soft hyphenation.
    return left[-1].lower() in _VOWELS and right[0].lower() in _VOWELS


def join_lines(left: str, right: str, vocab: set[str]) -> str:
    """Join two wrapped lines, resolving a line-final hyphen ("AI-" + "gedreven" -> "AI-gedreven")."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    m = re.search(r"([^\W\d_]|\d)+-$", left)
    if not m or left.endswith("--"):
        return f"{left} {right}"
    word_left = re.search(r"[\w]+(?=-$)", left).group(0)  # type: ignore[union-attr]
    word_right = (re.match(r"\w+", right) or re.match(r"\S+", right)).group(0)  # type: ignore[union-attr]
    if word_right.lower() in {"en", "of", "tot", "t/m"}:
        return f"{left} {right}"  # "publiek- en private": a suspended compound, keep the space
    if _keep_hyphen(word_left, word_right, vocab):
        return left + right
    return left[:-1] + right


# --- speakers --------------------------------------------------------------

_ROLES = ("minister-president", "minister", "staatssecretaris", "voorzitter")


def speaker_label(prefix: str, name: str, party: str = "") -> str:
    """One spelling for speakers in all formats: "Agema (PVV)", "De Jonge (minister)", "De voorzitter"."""
    prefix, name, party = normalize_ws(prefix), normalize_ws(name), normalize_ws(party)
    if name.lower() == "voorzitter" or (not name and "voorzitter" in prefix.lower()):
        return "De voorzitter"
    if party:
        return f"{name} ({party})"
    role = next((r for r in _ROLES if r in prefix.lower()), "")
    return f"{name} ({role})" if role and name else name or prefix


# The printed masthead of a Tweede/Eerste Kamer publication (page 1 of a Kamervragen or kamerstuk PDF):
# "Tweede Kamer der Staten-Generaal", the chamber number, "Vergaderjaar 2023–2024", "Aanhangsel van de
# Handelingen", "Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden"
# and the Aanhangsel number. Read for the document type and date before it goes; as text of the first
# passage it is nobody's words and turned up as a related passage's reason ("Vergaderjaar").
_MASTHEAD_RE = re.compile(
    r"^\s*(?:(?:Tweede|Eerste) Kamer der Staten-Generaal|Vergaderjaar \d{4}\s*[-–]\s*\d{4}|Aanhangsel van de Handelingen"
    r"|Vragen gesteld door de leden der Kamer,? met de daarop door de regering gegeven antwoorden(?:\s+\d{1,5}\b)?"
    r")[\s.]*", re.I)
# the chamber number (1 or 2), or a block that is only a number (the Aanhangsel's), only next to the masthead
_NUMBER_RE = re.compile(r"^\s*(?:[12](?=\s|$)|\d{1,5}\s*$)\s*")
MASTHEAD_BLOCKS = 4  # the masthead sits in the first few blocks only


def strip_masthead(blocks: list) -> list:
    """The blocks without the publication masthead at the start of the document (a block left
    empty goes; the rest of a block — "Vragen van de leden ..." — stays)."""
    out = list(blocks)
    i, seen = 0, False
    while i < min(MASTHEAD_BLOCKS, len(out)):
        text = out[i].text
        while (m := _MASTHEAD_RE.match(text) or (seen and _NUMBER_RE.match(text))) and m.end() > 0:
            text, seen = text[m.end():], True
        if text == out[i].text:
            break
        if text.strip():
            out[i] = replace(out[i], text=text.strip())
            break
        del out[i]
    return out
