"""The service layer: what every front end (CLI, chat UI, HTTP API, MCP server, eval)
calls. Same signature everywhere — `mode`, `top_k`, `filters` — and the same domain
errors (index.errors.UserError subclasses), turned into messages only at the front end.
No front end holds retrieval or answer logic of its own.

    search(engine, query, mode=, top_k=, filters=)            -> list[Hit]
    ask(engine, question, mode=, top_k=, filters=, on_token=, history=) -> Answer
    related(engine, chunk_id | text=, other_dossiers=, ...)    -> list[Hit]
    passage(engine, chunk_id, neighbours=)                     -> Passage
    documents(engine)                                          -> list[DocumentInfo]
    ingest(engine, paths, prune=, progress=)                   -> IngestReport
    sync(settings, dossiers, open_engine=, since=, ...)         -> SyncReport
    positions(engine, topic, actors=, mode=, top_k=, filters=, per_actor=) -> Positions
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from assistant import ask as _ask
from assistant import positions as _positions
from assistant import related as _related
from assistant import retrieve
from assistant.actor_check import check_actors
from assistant.followup import rewrite
from assistant.retrieve import MODES, RetrievalError, UnknownPassage
from assistant.types import Answer, Hit
from index.store import Filters
from index.tk.client import ClientOptions
from index.tk.sync import sync_dossiers
from index.types import Chunk

__all__ = ["MODES", "UnknownPassage", "DocumentInfo", "Passage", "Filters", "search", "ask", "related", "passage",
           "documents", "ingest", "check_mode", "positions", "sync"]


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise RetrievalError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    return mode


def _check_query(text: str | None, what: str = "question") -> str:
    if text is None or not str(text).strip():
        raise RetrievalError(f"empty {what}: give a few words to search for")
    return str(text)


def search(engine, query: str, *, mode: str = "hybrid", top_k: int | None = None,
           filters: Filters | None = None) -> list[Hit]:
    """The top passages for a question (hybrid by default), filters applied in the store."""
    return retrieve.search(engine, _check_query(query), check_mode(mode), top_k, filters)


def ask(engine, question: str, *, mode: str = "hybrid", top_k: int | None = None,
        filters: Filters | None = None, on_token: Callable[[str], None] | None = None,
        history: list[str] | None = None) -> Answer:
    """A cited answer from the configured answerer (extractive, or the guarded LLM).

    `history`: the conversation's previous questions, oldest first, as asked. A follow-up
    ("En wat vond de VVD daarvan?") is rewritten into a standalone question from them
    (assistant/followup.py); `Answer.searched` is the question actually searched."""
    searched = rewrite(_check_query(question), list(history or [])).searched
    ans = _ask.ask(engine, searched, filters, mode=check_mode(mode), top_k=top_k, on_token=on_token)
    return replace(ans, searched=searched)


def related(engine, chunk_id: str | None = None, *, text: str | None = None, other_dossiers: bool = False,
            top_k: int | None = None, filters: Filters | None = None) -> list[Hit]:
    """Passages on the subject of a stored passage (or of a pasted text) in other documents."""
    return _related.related(engine, chunk_id, text, other_dossiers, top_k, filters)


@dataclass
class Passage:
    """A stored passage with its neighbours in the same document, in document order."""

    chunk: Chunk
    before: list[Chunk] = field(default_factory=list)
    after: list[Chunk] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"passage": Hit(self.chunk, 1.0).to_json(),
                "before": [Hit(c, 1.0).to_json() for c in self.before],
                "after": [Hit(c, 1.0).to_json() for c in self.after]}


def get_chunk(engine, chunk_id: str) -> Chunk:
    return Chunk.from_payload(retrieve.stored_point(engine, chunk_id).payload)


def passage(engine, chunk_id: str, neighbours: int = 1) -> Passage:
    chunk = get_chunk(engine, chunk_id)
    state = engine.manifest.state_of_doc(chunk.doc_id)
    ids = state.chunk_ids if state else [chunk_id]
    i = ids.index(chunk_id) if chunk_id in ids else 0
    around = [c for c in ids[max(0, i - neighbours): i + neighbours + 1] if c != chunk_id]
    chunks = sorted((Chunk.from_payload(h.payload) for h in engine.store.retrieve(around)), key=lambda c: c.position)
    return Passage(chunk, [c for c in chunks if c.position < chunk.position],
                   [c for c in chunks if c.position > chunk.position])


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    doc_type: str
    date: str | None
    dossier: str | None
    source_path: str
    chunks: int

    def to_json(self) -> dict:
        return dict(vars(self))


def documents(engine) -> list[DocumentInfo]:
    """The indexed documents (date and dossier from their first passage)."""
    out = []
    for path, st in engine.manifest.documents():
        first = engine.store.retrieve(st.chunk_ids[:1]) if st.chunk_ids else []
        p = first[0].payload if first else {}
        out.append(DocumentInfo(st.doc_id, p.get("title") or st.title or Path(path).name, st.doc_type or p.get("doc_type", ""),
                                p.get("date"), p.get("dossier"), p.get("source_path", path), len(st.chunk_ids)))
    return out


def ingest(engine, paths: list[Path], prune: bool = False, progress: bool | None = None, log=None):
    """Index files or folders (a rebuild after an index-settings change included)."""
    return engine.ingest_with_reindex([Path(p) for p in paths], prune=prune, progress=progress, log=log)


def sync(settings, dossiers: list[str], *, open_engine, since: str | None = None, api_url: str | None = None,
         progress: bool = False, step=None, log=None):
    """Pull dossiers from the Tweede Kamer open-data API into the store and index them
    (`open_engine()` is entered only when there is something to download or remove)."""
    return sync_dossiers(dossiers, settings.store, ClientOptions.from_settings(settings, api_url),
                         open_engine=open_engine, since=since, progress=progress, step=step, log=log)


def positions(engine, topic: str, *, actors: list[str] | None = None, mode: str = "hybrid", top_k: int | None = None,
              filters: Filters | None = None, per_actor: int | None = None) -> _positions.Positions:
    """Who said what about a topic: per actor (ordered by how much they said) the verbatim
    statements with a stance, in date order. `actors` limits the answer to those actors
    (an actor the store does not know is refused with the closest known ones)."""
    topic = _check_query(topic, "topic")
    if per_actor is not None and per_actor < 0:
        raise RetrievalError(f"per_actor must be 0 (all) or more, got {per_actor}")
    return _positions.positions(engine, topic, actors=check_actors(engine, actors), mode=check_mode(mode),
                                top_k=top_k, filters=filters, per_actor=per_actor)
