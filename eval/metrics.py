"""Pure metric functions. Per-question functions return a value, or None when the
metric does not apply to that question (e.g. recall without evidence); `summarize`
averages over the questions where a metric applies.

Retrieval relevance is evidence-based: a retrieved chunk is relevant for an
evidence quote when it contains a >= 60-character span of that quote (see
`is_hit`). The relevance matrix `rel[i][j]` says whether the chunk at rank i+1
hits evidence quote j.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Iterable, Mapping, Protocol, Sequence

import numpy as np

from index.actors import normalize_actor, party_of

Relevance = list[list[bool]]  # rel[rank_index][quote_index]

_ARTICLES = frozenset({"de", "het", "een", "the", "a", "an"})
# Small function-word lists: content-word overlap should ignore these, otherwise
# any two Dutch sentences share "van", "en", "in" and look like support.
_STOPWORDS = _ARTICLES | frozenset(
    "van en in op te dat die is voor met aan zijn er niet ook als bij om door of over "
    "naar dit deze wordt worden werd kan zal heeft hebben was waren nog wel uit tot "
    "dan maar meer zich zij hij ze we wij u ik hun haar hem men geen al wat wie waar "
    "hoe omdat zoals tegen na onder "
    "of and or to in on for with at by from is are was were be been it this that "
    "these those as not no but which who what there their its".split()
)


# --- text normalisation ----------------------------------------------------------------


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def normalize(text: str) -> str:
    """Dutch-aware normalisation for containment checks of answers and key points.

    Lowercase, strip diacritics (geïnteresseerd -> geinteresseerd), ĳ -> ij, drop
    articles (de/het/een/'t, the/a/an), punctuation -> space, collapse whitespace.
    """
    text = text.lower().replace("ĳ", "ij")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    # 't must go before punctuation removal, otherwise it leaves a stray "t".
    text = re.sub(r"(?<!\w)['’‘`]t\b", " ", text)
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(t for t in text.split() if t not in _ARTICLES)


def _contains(haystack: str, needle: str) -> bool:
    """Token-boundary containment of normalised strings ("eu" is not in "europa")."""
    return bool(needle) and f" {needle} " in f" {haystack} "


def content_words(text: str) -> set[str]:
    return {t for t in normalize(text).split() if t not in _STOPWORDS}


# --- retrieval -------------------------------------------------------------------------


def is_hit(chunk_text: str, quote: str, min_span: int = 60) -> bool:
    """Chunk contains a >= `min_span`-char span of the quote (whole quote if shorter).

    Comparison after lowercasing and whitespace-collapsing. A common span of length
    >= min_span exists iff some min_span-window of the quote occurs in the chunk, so
    we collect the chunk's windows in a set once and step through the quote's
    windows: O(len(chunk) + len(quote)) lookups instead of a substring scan per window.
    """
    chunk, q = _collapse(chunk_text), _collapse(quote)
    if not q:
        return False
    if len(q) <= min_span or q in chunk:
        return q in chunk
    if len(chunk) < min_span:
        return False
    windows = {chunk[i : i + min_span] for i in range(len(chunk) - min_span + 1)}
    return any(q[i : i + min_span] in windows for i in range(len(q) - min_span + 1))


def relevance(ranked_texts: Sequence[str], evidence_quotes: Sequence[str], min_span: int = 60) -> Relevance:
    """rel[i][j] = chunk at rank i+1 hits evidence quote j."""
    return [[is_hit(text, q, min_span) for q in evidence_quotes] for text in ranked_texts]


def first_hit_ranks(rel: Relevance, n_quotes: int | None = None) -> list[int | None]:
    """1-based rank of the first chunk hitting each quote (None if never hit)."""
    n = n_quotes if n_quotes is not None else (len(rel[0]) if rel else 0)
    ranks: list[int | None] = [None] * n
    for i, row in enumerate(rel):
        for j, hit in enumerate(row):
            if hit and ranks[j] is None:
                ranks[j] = i + 1
    return ranks


def recall_from_ranks(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of evidence quotes first hit at rank <= k."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def recall_at_k(rel: Relevance, k: int, n_quotes: int | None = None) -> float | None:
    """Share of the evidence quotes hit by at least one of the top-k chunks.

    Pass `n_quotes` when `rel` may be empty (nothing retrieved) so the result is 0.0
    rather than None.
    """
    return recall_from_ranks(first_hit_ranks(rel, n_quotes), k)


def all_evidence_recall_at_k(rel: Relevance, k: int, n_quotes: int | None = None) -> float | None:
    """1.0 if every evidence quote is hit in the top k (cross-dossier questions), else 0.0."""
    ranks = first_hit_ranks(rel, n_quotes)
    if not ranks:
        return None
    return 1.0 if all(r is not None and r <= k for r in ranks) else 0.0


def mrr(rel: Relevance, n_quotes: int | None = None) -> float | None:
    """Reciprocal rank of the first chunk hitting any evidence quote."""
    if n_quotes == 0 or (n_quotes is None and (not rel or not rel[0])):
        return None
    for i, row in enumerate(rel):
        if any(row):
            return 1.0 / (i + 1)
    return 0.0


def ndcg_at_k(rel: Relevance, k: int = 10, n_quotes: int | None = None) -> float | None:
    """Binary nDCG@k where each evidence quote counts once.

    A chunk has gain 1 if it hits a quote that no higher-ranked chunk hit yet; later
    chunks hitting only already-found quotes (near-duplicate chunks, overlapping
    windows) get gain 0, so redundancy is not rewarded. The ideal ranking puts
    min(k, n_quotes) relevant chunks on top. A single chunk that hits several
    quotes still counts as one relevant position.
    """
    n = n_quotes if n_quotes is not None else (len(rel[0]) if rel else 0)
    if n == 0:
        return None
    found: set[int] = set()
    dcg = 0.0
    for i, row in enumerate(rel[:k]):
        new = {j for j, hit in enumerate(row) if hit} - found
        if new:
            dcg += 1.0 / math.log2(i + 2)
            found |= new
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(k, n)))
    return dcg / idcg


# --- answers ---------------------------------------------------------------------------


class _CitationLike(Protocol):
    n: int
    quote: str
    chunk: Any  # has .text


def key_point_recall(answer_text: str, key_points: Sequence[str]) -> float | None:
    """Share of key points contained in the answer (both normalised)."""
    if not key_points:
        return None
    answer = normalize(answer_text)
    return sum(_contains(answer, normalize(kp)) for kp in key_points) / len(key_points)


def supports(quote: str, passage: str, threshold: float = 0.6) -> bool:
    """The cited passage supports the quote: verbatim (normalised) or content-word overlap."""
    if _contains(normalize(passage), normalize(quote)):
        return True
    words = content_words(quote)
    if not words:
        return False
    return len(words & content_words(passage)) / len(words) >= threshold


def citing_sentences(answer_text: str, n: int) -> str:
    """The answer sentences carrying the marker [n] (for citations without a quote)."""
    sentences = re.split(r"(?<=[.!?])\s+", answer_text)
    marker = re.compile(rf"\[(?:\d+\s*,\s*)*{n}(?:\s*,\s*\d+)*\]")
    return " ".join(marker.sub("", s) for s in sentences if marker.search(s))


def citation_precision(
    citations: Sequence[_CitationLike], answer_text: str = "", threshold: float = 0.6
) -> float | None:
    """Share of citations whose chunk text supports the quote they were cited for.

    `citation.quote` is what the answer claims the passage says; if it is empty we
    fall back to the answer sentences that carry the citation marker.
    """
    if not citations:
        return None
    ok = 0
    for c in citations:
        claim = c.quote or citing_sentences(answer_text, c.n)
        ok += bool(claim) and supports(claim, c.chunk.text, threshold)
    return ok / len(citations)


def evidence_recall(citation_texts: Sequence[str], evidence_quotes: Sequence[str], min_span: int = 60) -> float | None:
    """Share of evidence quotes hit by at least one cited chunk."""
    if not evidence_quotes:
        return None
    hit = sum(any(is_hit(t, q, min_span) for t in citation_texts) for q in evidence_quotes)
    return hit / len(evidence_quotes)


def evidence_quoted(citation_texts: Sequence[str], evidence_quotes: Sequence[str], min_span: int = 60) -> bool | None:
    """The answer quotes an evidence passage: at least one cited chunk hits at least one
    evidence quote (a >= `min_span`-char span, as in `is_hit`).

    Averaged over answerable questions this is "answers quoting an evidence passage".
    It differs from `evidence_recall` only on questions with several quotes: recall
    asks how many of them were cited, this asks whether any was. A refusal (no
    citations) counts as False.
    """
    if not evidence_quotes:
        return None
    return any(is_hit(t, q, min_span) for t in citation_texts for q in evidence_quotes)


def answered_rate(answered: Sequence[bool]) -> float | None:
    return sum(map(bool, answered)) / len(answered) if answered else None


def refusal_precision_recall(
    pred_answered: Sequence[bool], answerable: Sequence[bool]
) -> tuple[float | None, float | None]:
    """Refusal = not answered. Precision: share of refusals on unanswerable questions.
    Recall: share of unanswerable questions that were refused. None when undefined."""
    if len(pred_answered) != len(answerable):
        raise ValueError("pred_answered and answerable differ in length")
    refused = [not a for a in pred_answered]
    unanswerable = [not a for a in answerable]
    correct = sum(r and u for r, u in zip(refused, unanswerable))
    precision = correct / sum(refused) if any(refused) else None
    recall = correct / sum(unanswerable) if any(unanswerable) else None
    return precision, recall


def actor_matches(actor: str, expected: str) -> bool:
    """Normalised equality or token containment ("VVD" matches "Kamerlid Jansen (VVD)"), or
    the same fractie by its canonical name: "GL-PvdA" is "GroenLinks-PvdA", and so is the
    member label "Nordkamp (GroenLinks-PvdA)" (index.actors)."""
    a, e = normalize(actor), normalize(expected)
    if bool(e) and (a == e or _contains(a, e)):
        return True
    canon = normalize_actor(expected)
    return canon is not None and (normalize_actor(actor) or party_of(actor)) == canon


def actor_correct(citations_actor_lists: Sequence[Sequence[str]], expected_actor: str) -> bool | None:
    """True when every citation's actors include the expected actor, i.e. no quote
    is attributed to the wrong actor. None without citations (nothing to attribute)."""
    if not citations_actor_lists:
        return None
    return all(any(actor_matches(a, expected_actor) for a in actors) for actors in citations_actor_lists)


def percentiles(latencies: Iterable[float], ps: Sequence[float] = (50, 95)) -> dict[str, float | None]:
    """{"p50": ..., "p95": ...} with linear interpolation; None values when empty."""
    values = [float(v) for v in latencies if v is not None]
    if not values:
        return {f"p{p:g}": None for p in ps}
    arr = np.asarray(values)
    return {f"p{p:g}": float(np.percentile(arr, p)) for p in ps}


def summarize(per_question: Sequence[Mapping[str, Any]]) -> dict[str, float | int]:
    """Mean of every numeric (incl. bool) metric over the questions where it is not None,
    plus "n" = number of questions. Non-numeric values (ids, lists) are ignored."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for row in per_question:
        for key, value in row.items():
            if isinstance(value, (bool, int, float)) and not (isinstance(value, float) and math.isnan(value)):
                sums[key] = sums.get(key, 0.0) + float(value)
                counts[key] = counts.get(key, 0) + 1
    out: dict[str, float | int] = {key: sums[key] / counts[key] for key in sums}
    out["n"] = len(per_question)
    return out
