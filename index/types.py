"""The document-side dataclasses: a parsed `Document` of `Block`s, cut into `Chunk`s.

A file travels  index.ingest -> readers.read_file() -> chunker.chunk_document() -> embed -> store.
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
    document_number: str | None = None  # the Kamer's DocumentNummer ("2025D12345"), when an API gave it
    answerer: str = ""  # Kamervragen: the bewindspersoon who answers, "Koolmees (minister van ...)"

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
    document_number: str | None = None
    answerer: str = ""  # Kamervragen: who speaks under "Antwoord N" (Document.answerer); not in the chunk id
    degenerate: bool = False  # one word repeated / numbers without words, kept once per document (index/degenerate.py)
    embed_key: str = ""  # embedding-cache key of the text its dense vector was computed from (index/embed_cache.py)
    # (start, end) in `text` of its quotable sentences (index.sentences.quotable_spans): the rows of
    # its stored sentence vectors, and the sentences the answerer may quote
    sentence_spans: list[list[int]] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentence_spans]

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
