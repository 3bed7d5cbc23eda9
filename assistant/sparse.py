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
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# Snowball's Dutch stopword list plus a few parliamentary function words.
DUTCH_STOPWORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens
    en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je
    kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons
    ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie
    wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden hun hen wij we jullie dezelfde
    welke welk waarbij waarin waarop hierbij hiervan daarbij daarvan daarom echter tevens alsmede
    mede zoals via per bijvoorbeeld eventueel
    the a an of and or to in on for is are was were be what which who how did does do about
    """.split()
)

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase and strip diacritics (é -> e, ĳ -> ij)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ĳ", "ij"))
    if text.isascii():  # most Dutch text: nothing to strip, and no per-character loop over megabytes
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: Snowball in C

    return Stemmer.Stemmer("dutch")


def tokenize(text: str) -> list[str]:
    """Dutch analysis: fold, split, drop stopwords, stem. Hyphenated words add their parts."""
    words: list[str] = []
    for m in _WORD.finditer(fold(text)):
        w = m.group(0)
        parts = re.split(r"[-']", w)
        if len(parts) > 1:
            words.append(w.replace("-", "").replace("'", ""))
            words.extend(parts)
        else:
            words.append(w)
    words = [w for w in words if w not in DUTCH_STOPWORDS and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)


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
