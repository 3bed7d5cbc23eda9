"""Dutch BM25 as sparse vectors.

Documents get the BM25 term-frequency part  tf*(k1+1) / (tf + k1*(1-b+b*dl/avgdl));
queries get 1.0 per distinct term. The IDF part is applied by Qdrant's `Modifier.IDF`
on the sparse vector, so both backends score the same way: the vectors are computed
here, once, by the same code.

Terms: lowercased, diacritics folded, Dutch stopwords removed, Snowball Dutch stems
(PyStemmer). Compound-friendly extras: a hyphenated word also yields its parts
("civiel-militaire" -> civiel, militair).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from index.text import tokenize


def term_index(term: str) -> int:
    """Stable 31-bit id of a term (no vocabulary file needed; collisions are negligible)."""
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=4).digest(), "little") & 0x7FFFFFFF


@dataclass(frozen=True)
class SparseVec:
    indices: list[int]
    values: list[float]


@dataclass(frozen=True)
class BM25Encoder:
    k1: float = 1.2
    b: float = 0.75
    avgdl: float = 110.0

    def encode_document(self, text: str) -> SparseVec:
        terms = tokenize(text)
        dl = len(terms)
        counts = Counter(term_index(t) for t in terms)
        norm = self.k1 * (1 - self.b + self.b * dl / self.avgdl)
        items = sorted((i, tf * (self.k1 + 1) / (tf + norm)) for i, tf in counts.items())
        return SparseVec([i for i, _ in items], [float(v) for _, v in items])

    def encode_query(self, text: str) -> SparseVec:
        ids = sorted({term_index(t) for t in tokenize(text)})
        return SparseVec(ids, [1.0] * len(ids))
