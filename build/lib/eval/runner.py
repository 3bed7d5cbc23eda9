"""Run a gold set through injected search/answer callables and compute metrics.

The callables are injected so this module knows nothing about the index or the
answerer; the CLI wires them to the real retrieval and answering code.
"""
from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Sequence

from tqdm import tqdm

from assistant.types import Answer, Hit
from eval import metrics as m
from eval.gold import SPLITS, GoldItem

SearchFn = Callable[[str, str, int], list[Hit]]
AnswerFn = Callable[[str], Answer]
SentenceActorsFn = Callable[[str], list[str]]

RECALL_KS: tuple[int, ...] = (1, 5, 10)
NDCG_K = 10
RETRIEVAL_METRICS: tuple[str, ...] = (
    "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "all_evidence_recall@10",
)
ANSWER_METRICS: tuple[str, ...] = (
    "key_point_recall", "citation_precision", "evidence_recall", "evidence_quoted", "answered_rate",
    "actor_correct",
)
SNIPPET_CHARS = 200  # kept per hit in results; the report shows the first 120


@dataclass
class QuestionResult:
    qid: str
    question: str
    type: str
    lang: str
    answerable: bool
    n_evidence: int
    split: str | None = None  # "tune" | "test" from the gold item
    # mode -> {metric: value|None, "evidence_ranks", "hit_ranks", "latency_ms", "hits", "error"}
    retrieval: dict[str, dict[str, Any]] = field(default_factory=dict)
    # metrics + "answered", "latency_ms", "answer", "citations", "error"; None without answer_fn
    answer: dict[str, Any] | None = None


@dataclass
class EvalResult:
    questions: list[QuestionResult]
    modes: list[str]
    k: int
    # {mode: {...}, "by_type": {mode: {type: {...}}}, "answer": {...}, "answer_by_type": {...}}
    summary: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "modes": list(self.modes),
            "k": self.k,
            "summary": self.summary,
            "questions": [asdict(q) for q in self.questions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "EvalResult":
        return cls(
            questions=[QuestionResult(**q) for q in data["questions"]],
            modes=list(data["modes"]),
            k=int(data["k"]),
            summary=data["summary"],
        )


def run_eval(
    items: Sequence[GoldItem],
    search_fn: SearchFn,
    answer_fn: AnswerFn | None = None,
    modes: Sequence[str] = ("sparse", "dense", "hybrid"),
    k: int = 10,
    progress: bool = True,
    sentence_actors_fn: SentenceActorsFn | None = None,
) -> EvalResult:
    """Evaluate every gold item in every retrieval mode (and the answerer if given)."""
    questions: list[QuestionResult] = []
    for item in tqdm(items, desc="eval", unit="q", file=sys.stderr, disable=not progress):
        qr = QuestionResult(
            qid=item.qid, question=item.question, type=item.type, lang=item.lang,
            answerable=item.answerable, n_evidence=len(item.evidence), split=item.split,
        )
        for mode in modes:
            qr.retrieval[mode] = eval_retrieval(item, search_fn, mode, k)
        if answer_fn is not None:
            qr.answer = eval_answer(item, answer_fn, sentence_actors_fn)
        questions.append(qr)
    return EvalResult(questions=questions, modes=list(modes), k=k, summary=build_summary(questions, modes))


def _timed(fn: Callable[..., Any], *args: Any) -> tuple[Any, float, str | None]:
    """Call fn; return (result or None, latency in ms, error text or None).

    Errors are recorded rather than raised so one failing question does not throw
    away a long evaluation run; they are counted in the summary.
    """
    start = time.perf_counter()
    try:
        out, err = fn(*args), None
    except Exception as exc:
        out, err = None, f"{type(exc).__name__}: {exc}"
    return out, (time.perf_counter() - start) * 1000.0, err


def eval_retrieval(item: GoldItem, search_fn: SearchFn, mode: str, k: int) -> dict[str, Any]:
    """Metrics for one question in one mode; metrics are None for unanswerable items."""
    hits, latency, error = _timed(search_fn, item.question, mode, k)
    hits = list(hits or [])[:k]
    quotes = item.quotes
    rel = m.relevance([h.chunk.text for h in hits], quotes)
    n = len(quotes)
    row: dict[str, Any] = {f"recall@{r}": m.recall_at_k(rel, r, n) for r in RECALL_KS}
    row["mrr"] = m.mrr(rel, n)
    row["ndcg@10"] = m.ndcg_at_k(rel, NDCG_K, n)
    cross = item.type == "cross-dossier"
    row["all_evidence_recall@10"] = m.all_evidence_recall_at_k(rel, 10, n) if cross else None
    row["evidence_ranks"] = m.first_hit_ranks(rel, n)
    row["hit_ranks"] = [i + 1 for i, r in enumerate(rel) if any(r)]
    row["latency_ms"] = latency
    row["error"] = error
    row["hits"] = [_hit_json(i + 1, h, any(rel[i]) if rel else False) for i, h in enumerate(hits)]
    return row


def _hit_json(rank: int, hit: Hit, relevant: bool) -> dict[str, Any]:
    c = hit.chunk
    return {
        "rank": rank, "score": round(float(hit.score), 6), "relevant": relevant,
        "chunk_id": c.chunk_id, "title": c.title, "source_path": c.source_path,
        "actors": list(c.actors), "text": c.text[:SNIPPET_CHARS],
    }


def eval_answer(
    item: GoldItem, answer_fn: AnswerFn, sentence_actors_fn: SentenceActorsFn | None = None
) -> dict[str, Any]:
    """Answer metrics for one question; each is None where it does not apply."""
    ans, latency, error = _timed(answer_fn, item.question)
    if ans is None:  # errored: count as a failed answer, not as a (correct) refusal
        ans = Answer(answer="", answered=False, language=item.lang)
    cites = list(ans.citations)
    cited_texts = [c.chunk.text for c in cites]
    row: dict[str, Any] = {
        "key_point_recall": m.key_point_recall(ans.answer, item.key_points) if item.answerable else None,
        "citation_precision": m.citation_precision(cites, ans.answer),
        "evidence_recall": m.evidence_recall(cited_texts, item.quotes) if item.answerable else None,
        "evidence_quoted": m.evidence_quoted(cited_texts, item.quotes) if item.answerable else None,
        "answered_rate": float(ans.answered) if item.answerable else None,
        "actor_correct": None,
    }
    actor_lists = [_citation_actors(c, sentence_actors_fn) for c in cites]
    if item.type == "actor" and item.actor:
        row["actor_correct"] = m.actor_correct(actor_lists, item.actor)
    row.update(
        answered=bool(ans.answered), latency_ms=latency, error=error, answer=ans.answer,
        citations=[
            {"n": c.n, "title": c.chunk.title, "source_path": c.chunk.source_path,
             "quote": c.quote, "actors": actors}
            for c, actors in zip(cites, actor_lists)
        ],
    )
    return row


def _citation_actors(citation: Any, sentence_actors_fn: SentenceActorsFn | None) -> list[str]:
    """Sentence-level actors when available (more precise), else the chunk's actors."""
    if getattr(citation, "actors", None):  # computed by the answerer for the quoted sentences
        return list(citation.actors)
    if sentence_actors_fn is not None:
        try:
            actors = list(sentence_actors_fn(citation.quote))
        except Exception:
            actors = []
        if actors:
            return actors
    return list(citation.chunk.actors)


def _summ(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> dict[str, Any]:
    """summarize() over the given metric keys; keys that never apply stay as None so
    the summary always has the same shape (fail-under paths and report columns)."""
    out: dict[str, Any] = {key: None for key in keys}
    out.update(m.summarize([{key: row.get(key) for key in keys} for row in rows]))
    return out


def build_summary(questions: Sequence[QuestionResult], modes: Sequence[str]) -> dict[str, Any]:
    """Aggregate per-question metrics per mode, per type, per language, for the answerer
    and, when the gold set has splits, per split ("by_split": {"tune": {...}, "test": {...}})."""
    summary: dict[str, Any] = {**_headline(questions, modes), "by_type": {}, "by_lang": {}}
    types = sorted({q.type for q in questions})
    langs = sorted({q.lang for q in questions})
    for mode in modes:
        summary["by_type"][mode] = {
            t: _summ([q.retrieval[mode] for q in questions if q.type == t], RETRIEVAL_METRICS)
            for t in types
        }
        # English questions over Dutch text: how much each retriever still contributes
        summary["by_lang"][mode] = {
            lang: _summ([q.retrieval[mode] for q in questions if q.lang == lang], RETRIEVAL_METRICS)
            for lang in langs
        }
    answered = [q for q in questions if q.answer is not None]
    if answered:
        summary["answer_by_type"] = {
            t: _summ([q.answer for q in answered if q.type == t], ANSWER_METRICS) for t in types
        }
    splits = [s for s in SPLITS if any(q.split == s for q in questions)]
    if splits:
        summary["by_split"] = {s: _headline([q for q in questions if q.split == s], modes) for s in splits}
    return summary


def _headline(questions: Sequence[QuestionResult], modes: Sequence[str]) -> dict[str, Any]:
    """{mode: retrieval summary, ..., "answer": answer summary (if answers were run)}."""
    out: dict[str, Any] = {}
    for mode in modes:
        rows = [q.retrieval[mode] for q in questions if mode in q.retrieval]
        s = _summ(rows, RETRIEVAL_METRICS)
        lat = m.percentiles([r["latency_ms"] for r in rows])
        s.update(latency_p50_ms=lat["p50"], latency_p95_ms=lat["p95"])
        s["errors"] = sum(1 for r in rows if r.get("error"))
        out[mode] = s
    answered = [q for q in questions if q.answer is not None]
    if answered:
        out["answer"] = _answer_summary(answered)
    return out


def _answer_summary(questions: Sequence[QuestionResult]) -> dict[str, Any]:
    rows = [q.answer for q in questions if q.answer is not None]
    s = _summ(rows, ANSWER_METRICS)
    ok = [(q.answer["answered"], q.answerable) for q in questions if q.answer and not q.answer.get("error")]
    precision, recall = m.refusal_precision_recall([a for a, _ in ok], [b for _, b in ok])
    lat = m.percentiles([r["latency_ms"] for r in rows])
    s.update(
        refusal_precision=precision, refusal_recall=recall,
        latency_p50_ms=lat["p50"], latency_p95_ms=lat["p95"],
        errors=sum(1 for r in rows if r.get("error")),
    )
    return s
