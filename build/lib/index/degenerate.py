"""Degenerate text is bounded: a chunk with (almost) no distinct words is kept once per document.

Class of cases: a chunk whose tokens are nearly all the same word ("cyber cyber cyber
..."), or numbers without words (a digit dump, a table whose labels were lost). Such a
chunk carries no passage a question could be about, and a file made of them (a 2.4 MB
repeated word gave 1,549 chunks) would otherwise cost an embedding per chunk and flood
every result list. The first such chunk of a document is kept and flagged
(`Chunk.degenerate`), the others are left out; every other chunk is kept untouched, so
no legitimate document loses text. A file that is mostly such text gets a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index.types import Chunk

_TOKEN = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class DegenerateRule:
    """Thresholds (Settings: degenerate_max_ratio, degenerate_min_tokens, degenerate_file_share)."""

    max_ratio: float = 0.05  # distinct words per token at or below which a chunk is degenerate
    min_tokens: int = 30  # shorter chunks are never degenerate ("19 637", "2024 2025")
    file_share: float = 0.5  # share of a document's chunks above which the file gets a warning


@dataclass
class Bounded:
    chunks: list[Chunk]  # what is kept, in order, positions renumbered
    dropped: list[Chunk] = field(default_factory=list)
    degenerate: int = 0  # degenerate chunks found (kept + dropped)
    warning: str = ""


def distinct_word_ratio(text: str) -> tuple[float, int]:
    """(distinct words / tokens, tokens); a word is a token with a letter, so a table of
    numbers scores 0 and one repeated word 1/n."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return 0.0, 0
    words = {t for t in tokens if _LETTER.search(t)}
    return len(words) / len(tokens), len(tokens)


def is_degenerate(text: str, rule: DegenerateRule) -> bool:
    ratio, n = distinct_word_ratio(text)
    return n >= rule.min_tokens and ratio <= rule.max_ratio


def bound_degenerate(chunks: list[Chunk], rule: DegenerateRule) -> Bounded:
    """Keep every chunk that is not degenerate and the first one that is (flagged)."""
    kept: list[Chunk] = []
    out = Bounded(kept)
    for c in chunks:
        if not is_degenerate(c.text, rule):
            kept.append(c)
            continue
        out.degenerate += 1
        if out.degenerate == 1:
            kept.append(replace(c, degenerate=True))
        else:
            out.dropped.append(c)
    for i, c in enumerate(kept):
        c.position = i
    if chunks and out.degenerate > rule.file_share * len(chunks):
        out.warning = (
            f"mostly degenerate text: {out.degenerate} of {len(chunks)} chunks are one word repeated or "
            f"numbers without words; the first is indexed, {len(out.dropped)} left out "
            "(DOSSIERWIJZER_DEGENERATE_MAX_RATIO)"
        )
    return out
