"""Dutch sentence splitting for parliamentary documents.

`sentence_spans` returns character offsets, so a cited sentence can always be
traced back verbatim to its source text; `split_sentences` returns the text of
those spans. Cutting happens at boundaries only and a sentence is merely
stripped, so joining the sentences with the original whitespace between them
reproduces the input exactly.

Two kinds of boundary are recognised:
  * terminal punctuation (. ! ? ...) followed by whitespace and a plausible
    sentence start, unless the period belongs to an abbreviation, initials or
    an enumerator such as "1." at the start of a line;
  * line breaks, where the rules depend on whether the text is hard-wrapped
    (PDF extractions: a line break is usually *not* a boundary) or has one
    line per paragraph (HTML extractions: a line break usually is).
"""
from __future__ import annotations

import re

# Abbreviations that (practically) never end a Dutch sentence: the word after
# them is part of the same sentence even when it starts with a capital
# ("bijv. De Nederlandsche Bank", "nr. 4018", "dhr. Jansen").
NON_FINAL_ABBREVIATIONS = frozenset({
    "a.s.", "afd.", "art.", "blz.", "bijv.", "bv.", "ca.", "cf.", "d.d.", "d.m.v.",
    "d.w.z.", "dhr.", "dr.", "drs.", "e.g.", "evt.", "i.c.", "i.e.", "i.o.m.",
    "i.p.v.", "i.s.m.", "i.v.m.", "ing.", "incl.", "ir.", "jl.", "jr.", "lid.",
    "m.b.t.", "m.b.v.", "m.i.v.", "m.u.v.", "mevr.", "mln.", "mld.", "mr.",
    "mw.", "n.a.v.", "nl.", "no.", "nr.", "nrs.", "o.a.", "o.b.v.", "o.i.d.",
    "p.", "pag.", "prof.", "red.", "resp.", "sr.", "st.", "t.a.v.", "t.b.v.",
    "t.o.v.", "t.z.t.", "vgl.", "vs.", "z.g.a.", "z.s.m.", "zgn.",
    "jan.", "feb.", "mrt.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
    "okt.", "nov.", "dec.",
})

# Abbreviations that often close a list at the end of a sentence: a capital
# after them starts a new sentence ("appels, peren enz. De Commissie ...").
FINAL_ABBREVIATIONS = frozenset({"enz.", "etc.", "e.d.", "e.a.", "e.v.", "e.v.a."})

# Terminal punctuation, optionally followed by closing quotes or brackets.
_TERMINATOR_RE = re.compile(r"(?:\.\.\.|…|[.!?])+[\"'”’»)\]]*(?=\s)")
# A run of whitespace containing at least one line break.
_LINEBREAK_RE = re.compile(r"[^\S\n]*\n\s*")
# Quotations we never split inside; only the directional quote marks, because
# straight quotes cannot be paired reliably.
_QUOTE_RE = re.compile(r"«[^«»]{1,600}»|“[^“”]{1,600}”")
# "1.", "2.3.1", "a)", "II." at the start of a line: a list item or heading.
_ENUMERATOR = r"(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,4}\.?|[a-z]\))"
_ENUM_LINE_RE = re.compile(rf"{_ENUMERATOR}\s+\S")
# Tokens shaped like "t.o.v" or "i.p.v" (the final period is not included).
_GENERIC_ABBREV_RE = re.compile(r"(?:[a-z]{1,4}\.)+[a-z]{1,4}")
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_OPENING_PUNCT = "([«“\"'‘"
_HEADING_MAX_LEN = 60  # numbered headings are short; wrapped body lines are not


def split_sentences(text: str, *, hard_wrapped: bool | None = None) -> list[str]:
    """The sentences of `text`, stripped, never empty."""
    return [text[s:e] for s, e in sentence_spans(text, hard_wrapped=hard_wrapped)]


def sentence_spans(text: str, *, hard_wrapped: bool | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, without surrounding whitespace.

    `hard_wrapped` overrides the automatic detection of PDF-style line wrapping.
    """
    if hard_wrapped is None:
        hard_wrapped = looks_hard_wrapped(text)
    cuts = _punctuation_boundaries(text) | _linebreak_boundaries(text, hard_wrapped)
    spans = []
    edges = [0, *_outside_quotations(text, sorted(cuts)), len(text)]
    for start, end in zip(edges, edges[1:]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def _outside_quotations(text: str, cuts: list[int]) -> list[int]:
    """The sorted `cuts` that fall outside every quotation: a boundary inside one would cut
    a quoted passage in two. Quotations do not overlap and come in text order, so one
    pass over both lists suffices (linear, not cuts x quotations)."""
    kept, quotes = [], _QUOTE_RE.finditer(text)
    q = next(quotes, None)
    for c in cuts:
        while q is not None and q.end() <= c:
            q = next(quotes, None)
        if q is None or not q.start() < c:
            kept.append(c)
    return kept


def looks_hard_wrapped(text: str) -> bool:
    """True when line breaks mostly fall mid-sentence (PDF text extraction).

    In wrapped text many lines continue with a lowercase word; in text with one
    line per paragraph almost none do.
    """
    lines = [line.strip() for line in text.splitlines()]
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if a and b]
    continued = sum(1 for _, b in pairs if b[0].islower())
    return continued >= 2 and continued >= 0.25 * len(pairs)


def _punctuation_boundaries(text: str) -> set[int]:
    cuts = set()
    for m in _TERMINATOR_RE.finditer(text):
        nxt = _skip_space(text, m.end())
        if nxt < len(text) and _ends_sentence(text, m, nxt):
            cuts.add(nxt)
    return cuts


def _ends_sentence(text: str, m: re.Match, nxt: int) -> bool:
    """Does the terminator `m` end a sentence, given the next sentence would start at `nxt`?"""
    first = text[nxt]
    if first.islower():  # a Dutch sentence does not start in lowercase
        return False
    punct = m.group()
    if "?" in punct or "!" in punct:
        return True
    if "…" in punct or "..." in punct:  # an ellipsis ends a sentence only before a capital
        return first.isupper() or first in _OPENING_PUNCT
    token_start, token = _token_before(text, m.start())
    if not token:
        return True
    lowered = token.lower() + "."
    if lowered in NON_FINAL_ABBREVIATIONS or _is_enumerator(token) and _is_line_start(text, token_start):
        return False
    if _INITIALS_RE.fullmatch(token) and first.isupper():  # "H.J. Beertema"
        return False
    if lowered in FINAL_ABBREVIATIONS:
        return first.isupper()
    if "." in token and _GENERIC_ABBREV_RE.fullmatch(token.lower()):
        return False  # unlisted abbreviations shaped like "t.o.v."
    return True


def _linebreak_boundaries(text: str, hard_wrapped: bool) -> set[int]:
    cuts = set()
    for m in _LINEBREAK_RE.finditer(text):
        if m.end() >= len(text) or m.start() == 0:
            continue
        prev_line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
        line_end = text.find("\n", m.end())
        next_line = text[m.end():line_end if line_end >= 0 else len(text)]
        if not prev_line:
            continue
        blank_line = m.group().count("\n") >= 2
        if _linebreak_is_boundary(text, m.start(), prev_line, next_line, blank_line, hard_wrapped):
            cuts.add(m.end())
    return cuts


def _linebreak_is_boundary(
    text: str, pos: int, prev_line: str, next_line: str, blank_line: bool, hard_wrapped: bool
) -> bool:
    starts_lower = next_line[0].islower()
    if _ENUM_LINE_RE.match(next_line) and not starts_lower:
        return True  # a new list item or numbered heading
    if (_ENUM_LINE_RE.match(prev_line) and len(prev_line) <= _HEADING_MAX_LEN
            and not prev_line.endswith((",", ";", ":")) and next_line[0].isupper()):
        return True  # "1. Werksessie I: Cybercrisismanagement" followed by body text
    if starts_lower:
        return False  # continuation, e.g. across a page break
    if not hard_wrapped:
        return True  # one line per paragraph/heading
    # Wrapped text: a blank line after a one-line paragraph ends a heading; after
    # a longer paragraph without final punctuation it is a page break mid-sentence.
    return blank_line and _is_single_line_paragraph(text, pos)


def _is_single_line_paragraph(text: str, line_end: int) -> bool:
    line_start = text.rfind("\n", 0, line_end) + 1
    if line_start == 0:
        return True
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    return not text[previous_start:line_start - 1].strip()


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _token_before(text: str, end: int) -> tuple[int, str]:
    """The word ending at `end`, without leading opening punctuation."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start < end and text[start] in _OPENING_PUNCT:
        start += 1
    return start, text[start:end]


def _is_line_start(text: str, i: int) -> bool:
    return not text[text.rfind("\n", 0, i) + 1:i].strip()


def _is_enumerator(token: str) -> bool:
    return re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*|[IVX]{1,4}|[a-zA-Z]", token) is not None


# --- quotable sentences: the unit of sentence vectors and of cited evidence --------------

# Bumped whenever `quotable_spans` changes: sentence vectors are stored per span, so a
# store built with other spans is another collection (index/settings.py hashes it).
QUOTABLE_VERSION = "1"

_CLOSING = (".", "!", "?", ";", ",", ":", "…", '"', "”", "'", "’", "»")
_BOILERPLATE = re.compile(r"^(en gaat over tot de orde van de dag|gehoord de beraadslaging|de kamer,)", re.I)
_PARAGRAPH = re.compile(r"\n\s*\n")


def is_heading(para: str) -> bool:
    """A short paragraph without closing punctuation is a heading or title line ("Inbreng
    verslag ... (Kamerstuk 22112-4018)"): it names a subject, it states nobody's position."""
    para = para.strip()
    return len(para) < 200 and "\n" not in para and not para.endswith(_CLOSING)


def too_thin(sent: str) -> bool:
    """Datelines, headings in capitals, motie formulas and fragments are never quoted."""
    return len(sent) < 25 or len(sent.split()) < 5 or sent.upper() == sent or bool(_BOILERPLATE.match(sent))


def quotable_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the sentences that may be quoted as evidence: never
    across a paragraph break (a motie's clauses are paragraphs of one long sentence: each
    "constaterende/overwegende/verzoekt" stands on its own), headings and fragments left out.
    Ingest embeds exactly these spans; the answerer scores exactly these spans."""
    out, start = [], 0
    for m in [*_PARAGRAPH.finditer(text), None]:
        end = m.start() if m else len(text)
        para = text[start:end]
        if para.strip() and not is_heading(para):
            out += [(start + a, start + b) for a, b in sentence_spans(para) if not too_thin(para[a:b])]
        if m:
            start = m.end()
    return out


def quotable_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in quotable_spans(text)]
