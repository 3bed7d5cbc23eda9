"""Small dataclasses passed between the pipeline stages.

A question travels   app/cli -> assistant.answer() -> retrieve() -> cite()
and a file travels   index.ingest -> readers.read() -> chunker.chunk() -> embed -> store.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


def content_hash(*parts: object, length: int = 32) -> str:
    """Stable hex id from the given parts (ids from content, not from counters)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass
class Block:
    """A structural unit of a parsed document: a heading or a paragraph.

    `speaker` is the actor the document structure gives (a VLOS speaker, the
    fractie whose section this is, motie indieners); empty when unknown.
    """

    text: str
    page: int | None = None
    section: str = ""
    speaker: str = ""
    kind: str = "paragraph"  # "heading" | "paragraph"


@dataclass
class Document:
    doc_id: str
    source_path: str
    title: str
    blocks: list[Block]
    date: str | None = None  # ISO yyyy-mm-dd
    doc_type: str = "document"  # motie, verslag, brief, antwoord, handelingen, fiche, ...
    dossier: str | None = None  # "22112-4018" (dossier-stuknummer) or "22112"
    members: list[str] = field(default_factory=list)  # indieners / members named by the document
    warnings: list[str] = field(default_factory=list)  # partial extraction, repaired encoding, ...

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass
class Chunk:
    chunk_id: str
    doc_id: str
    text: str
    position: int  # order within the document
    page: int | None
    section: str
    actors: list[str]
    title: str
    date: str | None
    doc_type: str
    dossier: str | None
    source_path: str
    members: list[str] = field(default_factory=list)
    speaker: str = ""  # the actor of the section/speech this chunk belongs to, if the structure says
    degenerate: bool = False  # one word repeated / numbers without words, kept once per document (index/degenerate.py)
    embed_key: str = ""  # embedding-cache key of the text its dense vector was computed from (index/embed_cache.py)

    @property
    def dossier_number(self) -> str | None:
        """The dossier without the stuknummer: "22112-4018" -> "22112", "21501-02-3121" ->
        "21501-02"; identifiers such as "ah-tk-20202021-3235" stay whole."""
        if not self.dossier:
            return None
        parts = self.dossier.split("-")
        if not parts[0].isdigit() or len(parts) == 1:
            return self.dossier
        return "-".join(parts[:-1])

    def payload(self) -> dict:
        p = asdict(self)
        p["dossier_number"] = self.dossier_number
        return p

    @classmethod
    def from_payload(cls, payload: dict) -> "Chunk":
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in payload.items() if k in names})


@dataclass
class Hit:
    chunk: Chunk
    score: float

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

    def to_json(self) -> dict:
        return {
            "answer": self.answer,
            "answered": self.answered,
            "language": self.language,
            "citations": [c.to_json() for c in self.citations],
            "answerer": self.answerer,
            "fallback": self.fallback,
            "notes": self.notes,
        }
