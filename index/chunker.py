"""Structure-following chunking.

A chunk never straddles two sections or two speakers: a new chunk starts at every
heading and whenever the actor whose words these are changes (a VLOS speaker, a
fractie section, a paragraph that opens with "De leden van de X-fractie ..." where a
heading is missing). Within one speaker's section, paragraphs are packed up to
`target` characters; a paragraph longer than `max_chars` is cut at sentence
boundaries only, so every quote stays inside one chunk's verbatim text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.types import Block, Chunk, Document, content_hash
from index.actors import PARTIES, chunk_actors, normalize_actor, party_of, section_actor, sentence_actors
from index.sentences import split_sentences


TINY = 40  # chars: a chunk this small carries no passage of its own


@dataclass
class _Open:
    section: str
    actor: str | None
    page: int | None
    parts: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(p) for p in self.parts) + 2 * max(len(self.parts) - 1, 0)


def _split_long(text: str, target: int, max_chars: int) -> list[str]:
    """Cut a long paragraph at sentence boundaries into pieces of about `target` chars."""
    if len(text) <= max_chars:
        return [text]
    pieces, cur = [], ""
    for sent in (part for s in split_sentences(text) for part in _cut_overlong(s, max_chars)):
        if cur and len(cur) + 1 + len(sent) > target:
            pieces.append(cur)
            cur = sent
        else:
            cur = f"{cur} {sent}" if cur else sent
    if cur:
        pieces.append(cur)
    return pieces


def _cut_overlong(sentence: str, max_chars: int) -> list[str]:
    """A "sentence" over `max_chars` (a table dump, text without punctuation) is no sentence:
    cut it at the last whitespace before the limit (or at the limit), so no chunk grows
    without bound and the actor rules never see megabytes at once."""
    parts, start, n = [], 0, len(sentence)
    while n - start > max_chars:
        end = start + max_chars
        cut = max(sentence.rfind(" ", start + 1, end + 1), sentence.rfind("\n", start + 1, end + 1))
        cut = cut if cut > start else end
        parts.append(sentence[start:cut].rstrip())
        start = cut
        while start < n and sentence[start].isspace():
            start += 1
    return parts + [sentence[start:]] if start < n else parts


def _paragraph_actor(block: Block, context: str | None) -> str | None:
    """The speaker the structure gives, else a fractie named as subject of the opening
    sentence (a section whose heading is missing), else the running context."""
    if block.speaker:
        return normalize_actor(block.speaker) or block.speaker
    first = split_sentences(block.text[:400])[:1]
    if first:
        named = sentence_actors(first[0], None)
        if named and named[0] in PARTIES and named[0] != context:
            return named[0]
    return context


def chunk_document(doc: Document, target: int = 900, max_chars: int = 1600) -> list[Chunk]:
    chunks: list[Chunk] = []
    cur: _Open | None = None
    section, context = "", None
    headings: list[str] = []  # pending headings open the first chunk of their section
    last: _Open | None = None

    def close() -> None:
        nonlocal cur, last
        if cur and cur.parts:
            chunks.append(_make_chunk(doc, cur, len(chunks)))
            last = cur
        cur = None

    for block in doc.blocks:
        text = block.text.strip()
        if not text:
            continue
        if block.kind == "heading":
            if cur is None or cur.size >= TINY:
                close()
            if headings and sum(map(len, headings)) + len(text) > target:  # a pile of headings stands alone
                if cur is None:
                    cur = _Open(section=section, actor=context, page=block.page)
                cur.parts.extend(headings)
                headings.clear()
                close()
            headings.append(text)
            section = text
            context = section_actor(text) or (None if _is_top_heading(text) else context)
            continue
        section = block.section or section
        actor = _paragraph_actor(block, context)
        if not block.speaker:
            context = actor
        for piece in _split_long(text, target, max_chars):
            starts_new = cur is None or cur.actor != actor or cur.section != section
            if not starts_new and cur.size + len(piece) > target:
                starts_new = True
            if not starts_new and block.page != cur.page and cur.size >= target // 3:
                starts_new = True
            if starts_new and cur is not None and cur.size < TINY and cur.actor == actor:
                starts_new = False  # a stray line ("19 637", "Nr. 3220") joins what follows
                cur.section = section
            if starts_new:
                close()
                cur = _Open(section=section, actor=actor, page=block.page)
            if headings:
                cur.parts.extend(headings)
                headings.clear()
            cur.parts.append(piece)
    close()
    if headings:  # trailing headings ("Sluiting") join the last chunk rather than vanish
        if last is not None and last.size + sum(map(len, headings)) <= max_chars:
            last.parts.extend(headings)
            chunks[-1] = _make_chunk(doc, last, len(chunks) - 1)
        else:
            cur = _Open(section=section, actor=context, page=last.page if last else None)
            cur.parts.extend(headings)
            close()
    return chunks


def _is_top_heading(text: str) -> bool:
    """Roman-numbered part headings ("II Antwoord/reactie ...") end a fractie's section."""
    head = text.split(" ", 1)[0].rstrip(".")
    return bool(head) and set(head) <= set("IVX")


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _is_toc(text: str) -> bool:
    """Three or more short lines without sentence punctuation: a table of contents."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    short = [ln for ln in lines if len(ln) < 100 and not ln.endswith((".", "?", "!", ":", ";"))]
    return len(lines) >= 3 and len(short) >= 0.8 * len(lines)


def _make_chunk(doc: Document, cur: _Open, position: int) -> Chunk:
    text = "\n\n".join(cur.parts)
    if _is_toc(text):  # a table of contents names every fractie but states nobody's position
        actors = []
    else:
        actors = chunk_actors(split_sentences(text), cur.actor)
        if cur.actor and cur.actor not in actors:
            actors.insert(0, cur.actor)
        party = party_of(cur.actor) if cur.actor else None
        if party and party not in actors:  # "Agema (PVV)" is findable as PVV too
            actors.insert(1, party)
        if doc.doc_type == "motie":  # each indiener (and party, where given) on their own
            actors = _unique(_member_voices(doc) + actors)
    # text and the metadata that reaches the vectors or the citation: a change re-embeds
    chunk_id = content_hash(doc.doc_id, cur.page, text, cur.section, actors, doc.title, doc.date, doc.dossier)
    if doc.doc_type == "antwoord":
        # Kamervragen: the asking members under "Vraag N", the answering bewindspersoon under
        # "Antwoord N", findable by name (search hits' actor, `--actor`, the reranker's actor
        # feature); added after the id, which stays that of earlier stores
        roles = _qa_roles(text)
        if "Vraag" in roles:
            actors = _unique(actors + _member_voices(doc))
        if doc.answerer and doc.answerer not in actors and "Antwoord" in roles:
            actors = [*actors, doc.answerer]
    return Chunk(
        chunk_id=chunk_id,
        doc_id=doc.doc_id,
        text=text,
        position=position,
        page=cur.page,
        section=cur.section,
        actors=actors,
        title=doc.title,
        date=doc.date,
        doc_type=doc.doc_type,
        dossier=doc.dossier,
        source_path=doc.source_path,
        members=list(doc.members),
        speaker=cur.actor or "",
        document_number=doc.document_number,
        answerer=doc.answerer,
    )


def _member_voices(doc: Document) -> list[str]:
    """The document's members (a motie's indieners, a Kamervraag's askers), each with their party where given."""
    return [a for m in doc.members for a in (m, party_of(m)) if a]


QA_MARK = re.compile(r"(?m)^\s*(Vraag|Antwoord)\s+\d+")


def unmarked_role(sentence: str) -> str:
    """The role of a Kamervragen sentence in a passage with no mark ("Vraag 3", "Antwoord 3"),
    cut from the middle of one: a question ("Deelt u de mening ...?") is the askers', any
    other sentence an answer running on."""
    return "Vraag" if sentence.rstrip().endswith("?") else "Antwoord"


def _qa_roles(text: str) -> set[str]:
    """Which of "Vraag" and "Antwoord" a Kamervragen passage holds: its marks, or without any
    its sentences' unmarked_role (assistant.attribution.qa_voices reads them the same way). A
    passage of questions only is the askers', and its actor must not name the minister who
    answered elsewhere."""
    return {m.group(1) for m in QA_MARK.finditer(text)} or {unmarked_role(s) for s in split_sentences(text)}


def embed_text(chunk: Chunk) -> str:
    """What the embedder and BM25 see: the section heading gives context ("... van de
    BBB-fractie") that later chunks of a section often only say as "deze leden".

    Measured and left out (store rebuilt with `ingest --reindex`, `dossierwijzer eval`, the fitted
    models as they are; refitting the reranker and the gate on that store gained nothing on tune):
    every passage of a one-subject document (antwoord, brief, fiche, document, inbreng,
    handelingen, as for moties) embedded with its title: tune R@5 0.814 -> 0.821, MRR 0.642 ->
    0.646, key-point 0.577 -> 0.597, but actor 0.914 -> 0.889 and refusal P / R 0.750 / 0.500 ->
    0.733 / 0.458 (test R@5 0.775 -> 0.783, evidence_quoted 0.696 -> 0.710): a wash on the tune
    objective, and a chunker change re-embeds every user's store."""
    head = chunk.section if chunk.section and chunk.section not in chunk.text else ""
    if chunk.doc_type == "motie" and chunk.title not in chunk.text:
        head = f"{chunk.title}. {head}".strip()
    return f"{head}\n{chunk.text}" if head else chunk.text
