"""The question-side dataclasses: a retrieved `Hit`, a `Citation`, an `Answer`.

A question travels  front end -> assistant.service -> query.build_query() -> retrieve.search()
-> answer.compose() (or the guarded LLM) -> Answer with citations made by code.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from index.types import Chunk


@dataclass
class Hit:
    chunk: Chunk
    score: float
    vector: list[float] | None = field(default=None, repr=False, kw_only=True)  # the stored dense vector, when fetched
    # one row per chunk.sentence_spans entry, when the store has sentence vectors and fetched them
    sentence_vectors: "np.ndarray | None" = field(default=None, repr=False, kw_only=True)

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "title": c.title,
            "text": c.text,
            "score": round(float(self.score), 6),
            "page": c.page,
            "dossier": c.dossier,
            "date": c.date,
            "actor": ", ".join(c.actors),
            "actors": c.actors,
            "doc_type": c.doc_type,
            "section": c.section,
            "source_path": c.source_path,
            "document_number": c.document_number,
        }


@dataclass
class Citation:
    n: int
    chunk: Chunk
    quote: str  # the cited sentences, verbatim
    actors: list[str] = field(default_factory=list)  # whose words the quoted sentences are

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "n": self.n,
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "title": c.title,
            "quote": self.quote,
            "text": c.text,
            "page": c.page,
            "dossier": c.dossier,
            "date": c.date,
            "actor": ", ".join(self.actors or c.actors),
            "doc_type": c.doc_type,
            "source_path": c.source_path,
        }


@dataclass
class Answer:
    answer: str
    answered: bool
    language: str
    citations: list[Citation] = field(default_factory=list)
    answerer: str = "extractive"
    fallback: bool = False
    notes: list[str] = field(default_factory=list)
    searched: str | None = None  # the standalone question searched (a follow-up rewritten), else the question

    def to_json(self) -> dict:
        return {
            "answer": self.answer,
            "answered": self.answered,
            "language": self.language,
            "citations": [c.to_json() for c in self.citations],
            "answerer": self.answerer,
            "fallback": self.fallback,
            "notes": self.notes,
            "searched": self.searched,
        }
