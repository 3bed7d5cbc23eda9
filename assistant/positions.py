"""Positions: who said what about a topic, per actor, with verbatim cited statements.

    positions(engine, topic, actors=, mode=, top_k=, filters=, per_actor=) -> Positions

  1. retrieve the topic's passages (hybrid, filters in the store; for each asked actor
     also that actor's own passages, so a timeline reaches across documents);
  2. split every passage into sentences and attribute each (assistant.attribution);
  3. keep the sentences that are about the topic (they share a content word with it;
     when none does, e.g. an English topic, the sentences of the top passages) and that
     state something (assistant.stance: filler and procedure never count);
  4. per actor: the best `per_actor` statements, shown in date order; actors ordered by
     how much they said about the topic.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant import retrieve
from assistant.attribution import actor_kind, actor_matches, attribute
from assistant.stance import stance
from index.sentences import quotable_sentences
from index.store import Filters
from index.text import tokenize
from index.types import Chunk
from assistant.answer import _not_evidence  # the sentence rules `ask` quotes by


@dataclass
class Statement:
    quote: str  # verbatim sentence from the passage
    stance: str
    chunk: Chunk
    score: float = 0.0
    index: int = 0  # sentence index in the passage (document order within a passage)

    def to_json(self) -> dict:
        c = self.chunk
        return {"quote": self.quote, "stance": self.stance, "chunk_id": c.chunk_id, "doc_id": c.doc_id,
                "title": c.title, "date": c.date, "dossier": c.dossier, "doc_type": c.doc_type, "page": c.page,
                "source_path": c.source_path}


@dataclass
class ActorPositions:
    actor: str
    kind: str
    statements: list[Statement]
    total: int = 0  # statements found before the per-actor cap

    def to_json(self) -> dict:
        return {"actor": self.actor, "kind": self.kind, "statements": [s.to_json() for s in self.statements]}


@dataclass
class Positions:
    topic: str
    positions: list[ActorPositions] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"topic": self.topic, "positions": [p.to_json() for p in self.positions]}

    def actor(self, name: str) -> ActorPositions | None:
        return next((p for p in self.positions if p.actor == name), None)


# Words of the request, not the topic ("standpunten over", "wat vinden de fracties van").
_FRAME = frozenset(tokenize("standpunt standpunten positie posities mening over van de het een fractie fracties "
                            "lidstaten partijen vinden vindt zeiden zei"))


def topic_terms(topic: str) -> set[str]:
    return set(tokenize(topic)) - _FRAME


def _passages(engine, topic: str, mode: str, top_k: int, filters: Filters, actors: list[str] | None):
    """The topic's passages; with asked actors, each actor's own passages interleaved first."""
    eng = engine.derive(max_hits_per_doc=0)  # an inbreng holds every fractie: no per-document cap
    hits = retrieve.search(eng, topic, mode, top_k, filters, understand=False)
    if not actors:
        return hits
    seen, out = set(), []
    per_actor = [retrieve.search(eng, topic, mode, top_k, replace(filters, actor=a), understand=False) for a in actors]
    for h in [h for group in per_actor for h in group] + hits:
        if h.chunk.chunk_id not in seen:
            seen.add(h.chunk.chunk_id)
            out.append(h)
    return out


def _split(text: str) -> list[str]:
    """Quotable sentences of a passage: no headings, no planted instructions (answer.py rules)."""
    return [s if not _not_evidence(s) else "" for s in quotable_sentences(text)]


def _candidates(hits, terms: set[str], roster=None) -> list[tuple[str, Statement, frozenset[str]]]:
    """(actor, statement, its words) for every attributed, non-filler sentence of the passages."""
    out = []
    for rank, hit in enumerate(hits):
        for said in attribute(hit.chunk, _split(hit.chunk.text), roster):
            if not said.sentence or not said.actors:
                continue
            label = stance(said.sentence)
            if label is None:
                continue
            words = frozenset(tokenize(said.sentence))
            overlap = len(words & terms) / max(len(terms), 1)
            st = Statement(said.sentence, label, hit.chunk, overlap + 0.3 / (1 + rank), said.index)
            out.extend((actor, st, words) for actor in said.actors)
    return out


def _compound_match(words: frozenset[str], terms: set[str]) -> bool:
    """A Dutch compound holds the topic word ("cloud" in "cloudaanbieders")."""
    return any(w.startswith(t) or w.endswith(t) for t in terms if len(t) >= 4 for w in words)


def _on_topic(cands, terms: set[str]) -> list[tuple[str, Statement]]:
    """Sentences sharing a topic word, else holding one inside a compound (empty if none)."""
    for match in (lambda w: bool(w & terms), lambda w: _compound_match(w, terms)):
        kept = [(a, st) for a, st, words in cands if terms and match(words)]
        if kept:
            return kept
    return []


def _close_passages(engine, topic: str, hits, top_passages: int = 3) -> set[str]:
    """For a topic no sentence shares a word with (English, a paraphrase): the best
    passages, if they stand out. e5 similarities are compressed (0.76-0.90 for anything),
    so the best passage must clear the refusal floor of `ask` AND lie
    `positions.fallback_gap` above the median of the retrieved passages: a topic nobody
    spoke about ("stikstof" over the cyber seeds: gap 0.020) has no peak, a paraphrase
    ("civil-military cooperation": 0.049) has one."""
    import numpy as np

    if not hits:
        return set()
    qvec = engine.embedder.embed_queries([topic])[0]
    got = engine.store.retrieve([h.chunk.chunk_id for h in hits], with_vector=True)
    sims = {g.payload["chunk_id"]: float(np.dot(qvec, np.asarray(g.vector, dtype=np.float32)))
            for g in got if g.vector is not None}
    if not sims:
        return set()
    best, median = max(sims.values()), float(np.median(list(sims.values())))
    s = engine.settings
    if best < s.answer.refusal_threshold or best - median < s.positions.fallback_gap:
        return set()
    top = [h.chunk.chunk_id for h in hits[:top_passages]]
    return {c for c in top if sims.get(c, 0.0) >= max(s.answer.refusal_threshold, best - s.positions.fallback_gap)}


def _date_key(st: Statement):
    return (st.chunk.date or "9999", st.chunk.doc_id, st.chunk.position, st.index)


def group(cands, per_actor: int, actors: list[str] | None = None) -> list[ActorPositions]:
    """Per actor the best `per_actor` statements (no repeats), in date order; actors by count."""
    by_actor: dict[str, list[Statement]] = {}
    for actor, st in cands:
        if actors and not any(actor_matches(actor, w) for w in actors):
            continue
        mine = by_actor.setdefault(actor, [])
        if all(s.quote != st.quote for s in mine):
            mine.append(st)
    out = []
    for actor, sts in by_actor.items():
        best = sorted(sts, key=lambda s: -s.score)[:per_actor] if per_actor else sts
        out.append(ActorPositions(actor, actor_kind(actor), sorted(best, key=_date_key), len(sts)))
    return sorted(out, key=lambda p: (-p.total, -max(s.score for s in p.statements), p.actor))


def positions(engine, topic: str, *, actors: list[str] | None = None, mode: str = "hybrid",
              top_k: int | None = None, filters: Filters | None = None, per_actor: int | None = None) -> Positions:
    """Who said what about `topic`; `actors` (canonical names) limits and guarantees them."""
    s = engine.settings.positions
    filters = replace(filters, actor=None) if filters else Filters()
    hits = _passages(engine, topic, mode, top_k or s.passages, filters, actors)
    terms = topic_terms(topic)
    cands = _candidates(hits, terms, engine.roster())
    chosen = _on_topic(cands, terms)
    if not chosen:
        close = _close_passages(engine, topic, hits)
        chosen = [(a, st) for a, st, _ in cands if st.chunk.chunk_id in close]
    per_actor = s.per_actor if per_actor is None else per_actor
    result = Positions(topic, group(chosen, per_actor, actors))
    if not result.positions:
        who = f" by {', '.join(actors)}" if actors else ""
        result.notes.append(f"no statements about {topic!r}{who} in the indexed documents"
                            + (f" ({filters.describe()})" if not filters.is_empty() else ""))
    return result
