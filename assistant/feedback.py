"""Pseudo-relevance feedback for BM25 (RM3-style): the distinctive Dutch terms of the best
first-pass passages become extra BM25 query terms for a second pass.

Made for the class of questions whose words are not the text's words: an English question
over Dutch documents (Dutch BM25 matches few English words, while the cross-lingual dense
and sentence retrievers put on-topic passages near the top), and a paraphrase that names a
subject in other words than the text. The first pass is the fused list search already has;
its top `docs` passages vote for terms, each term weighted

    sum over passages d at rank r:  tf(t, d) / |d| * 1 / (1 + r)   times  idf(t)

(P(t|d) * P(d|q) with the rank as relevance, as RM3 does), kept when at least `min_docs`
of the passages carry it (one passage's words are its own subject, not the question's), and
never a word of parliamentary genre (assistant.subject.GENRE_STEMS) or a number.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from assistant.subject import GENRE_STEMS
from assistant.types import Hit
from index.bm25 import SparseVec, term_index
from index.text import tokenize


@dataclass(frozen=True)
class Expansion:
    stem: str
    weight: float  # relative to the heaviest expansion term (1.0)


def _usable(stem: str) -> bool:
    return len(stem) >= 3 and not stem.isdigit() and not any(ch.isdigit() for ch in stem) and stem not in GENRE_STEMS


def expansion_terms(hits: list[Hit], df, docs: int, terms: int, min_docs: int = 2,
                    exclude: set[str] = frozenset()) -> list[Expansion]:
    """The `terms` heaviest feedback terms of the top `docs` hits (see the module docstring)."""
    weight: Counter = Counter()
    carried: Counter = Counter()
    for rank, h in enumerate(hits[:docs]):
        toks = [t for t in tokenize(h.chunk.text) if _usable(t)]
        if not toks:
            continue
        for t, c in Counter(toks).items():
            weight[t] += c / len(toks) / (1 + rank)
            carried[t] += 1
    scored = sorted(((w * df.idf(t), t) for t, w in weight.items()
                     if carried[t] >= min_docs and t not in exclude and df.df.get(t, 0) > 0), reverse=True)[:terms]
    if not scored:
        return []
    top = scored[0][0] or 1.0
    return [Expansion(t, s / top) for s, t in scored]


def expanded_sparse(sparse: SparseVec | None, extra: list[Expansion], weight: float) -> SparseVec | None:
    """The question's BM25 query plus the feedback terms at `weight` times their relative
    weight (a term already in the question keeps its own weight)."""
    if not extra or weight <= 0:
        return sparse
    w: dict[int, float] = dict(zip(sparse.indices, sparse.values)) if sparse is not None else {}
    for e in extra:
        i = term_index(e.stem)
        if i not in w:
            w[i] = weight * e.weight
    ids = sorted(w)
    return SparseVec(ids, [w[i] for i in ids])
