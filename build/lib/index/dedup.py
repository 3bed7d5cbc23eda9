"""Near-duplicate documents (the same text as PDF, XML and HTML): a bottom-k MinHash
sketch of word 5-shingles; Jaccard estimated from two sketches."""
from __future__ import annotations

import hashlib
import re

from index.text import fold

SKETCH_SIZE = 128
SHINGLE = 5
_WORD = re.compile(r"\w+")


def sketch(text: str) -> list[int]:
    words = _WORD.findall(fold(text))
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}  # hash each once
    hashes = {int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") for s in shingles}
    return sorted(hashes)[:SKETCH_SIZE]


def similarity(a: list[int], b: list[int]) -> float:
    """Bottom-k Jaccard estimate: share of the k smallest hashes of the union found in both."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union_k = sorted(sa | sb)[: min(SKETCH_SIZE, len(sa | sb))]
    both = sum(1 for h in union_k if h in sa and h in sb)
    return both / len(union_k)
