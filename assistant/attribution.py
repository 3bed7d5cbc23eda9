"""Whose words is each sentence of a passage? Sentence-level attribution for positions,
built on index.actors (the same rules `ask` uses in answer._candidates).

  - a motie: every clause is its indieners' position (their parties where known, else
    the members by name);
  - a section the document structure gives to a fractie (an inbreng's "Vragen en
    opmerkingen van de leden van de X-fractie"): only the sentences that are the
    fractie's own count, and they count for that fractie only; a sentence whose
    subject is another actor ("Daarbij stelt het kabinet dat ...") reports that actor
    secondhand and is nobody's statement here;
  - a speech (VLOS / Handelingen speaker "Agema (PVV)", "De Jonge (minister)"): every
    sentence is the speaker's; the chair ("De voorzitter") states no position;
  - Kamervragen with their answers: a sentence under "Vraag N" is the asking members'
    (and their parties'), under "Antwoord N" the kabinet's and the answering
    bewindspersoon's (qa_voices, shared with `ask`);
  - otherwise (a council verslag): the sentence's grammatical subject(s) — "Nederland",
    "de Commissie", "Veel lidstaten, waaronder Nederland" (both), a fractie named by
    "De leden van de X-fractie" (which also sets the context for pronouns that follow).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.actors import (OTHER_ACTORS, PARTIES, detect_query_member, fractie_subject, is_official, member_parties,
                          normalize_actor, party_of, sentence_actors)
from index.chunker import QA_MARK, unmarked_role
from index.types import Chunk

KINDS = ("fractie", "land", "instelling", "kabinet", "lid")
_COUNTRIES = frozenset({"Nederland", "Lidstaten"})


@dataclass(frozen=True)
class Said:
    """One sentence of a passage (verbatim), its index in the passage, and its actors."""

    sentence: str
    index: int
    actors: tuple[str, ...]


def actor_kind(actor: str) -> str:
    """fractie | land | instelling | kabinet | lid (a member or minister by name)."""
    if actor in PARTIES:
        return "fractie"
    if actor in _COUNTRIES:
        return "land"
    if actor == "Kabinet" or is_official(actor):
        return "kabinet"
    if actor in OTHER_ACTORS:
        return "instelling"
    return "lid"


def actor_matches(actor: str, wanted: str) -> bool:
    """`--actor VVD` covers the VVD fractie and VVD members speaking ("Van Campen (VVD)");
    `--actor Kabinet` covers ministers speaking by name."""
    if actor == wanted:
        return True
    if wanted in PARTIES:
        return actor_kind(actor) == "lid" and party_of(actor) == wanted
    if wanted == "Kabinet":
        return actor_kind(actor) == "kabinet"
    return actor.lower() == wanted.lower() or actor.lower().startswith(wanted.lower() + " (")


def motie_voices(chunk: Chunk, roster: dict[str, list[str]] | None = None) -> tuple[str, ...]:
    """A motie's indieners, as their parties where known (from the name, or through the
    store's speaker labels when one person of one fractie carries it: `roster`,
    index.actors.member_parties), else by name."""
    names = chunk.members or [n.strip() for n in chunk.speaker.split(",") if n.strip()] or chunk.actors
    voices = [party_of(n) or normalize_actor(n) or _one_party(n, roster) or n for n in names]
    return tuple(dict.fromkeys(v for v in voices if v))


def parties_of(names: list[str], roster) -> list[str]:
    """The parties of members named with one ("Dobbe (SP)") or, through the store's speaker
    labels (`roster`), without ("Inge van Dijk": CDA)."""
    return [p for n in names for p in ([party_of(n)] if party_of(n) else member_parties(n, roster))]


# the heading lines of Kamervragen and their answers: who asked whom, who answered, when
_QA_HEADING = re.compile(r"^\s*(?:Vragen|Antwoord|Mededeling)\s+(?:op\s+(?:de\s+)?vragen\s+)?van\s+(?:het\s+lid|de\s+leden|lid|"
                         r"minister|staatssecretaris)\b.{0,400}?\((?:ingezonden|ontvangen)\b", re.I | re.S)


def is_qa_heading(sentence: str) -> bool:
    """ "Antwoord van Minister X (JenV) (ontvangen 11 juni 2024)." and "Vragen van het lid Y
    (D66) aan de Minister ... (ingezonden ...)": they say who asked and who answered, and
    are nobody's statement."""
    return bool(_QA_HEADING.match(sentence))


def qa_voices(chunk, roster=None):
    """Kamervragen with their answers ("Antwoord op vragen van het lid Klaver ..."): a
    sentence under "Vraag N" is the asking members' (all of them, with their parties when
    the document names them: "Vragen van de leden Ceder (ChristenUnie) en Dobbe (SP)"),
    under "Antwoord N" the kabinet's, and the answering bewindspersoon's where the document
    names one ("Antwoord van Minister Koolmees (SZW)": index.metadata.answerer_from_text).
    The document's heading lines ("Vragen van het lid ... (ingezonden ...)", "Antwoord van
    Minister ... (ontvangen ...)") are nobody's statement (is_qa_heading), though they
    answer who asked whom.
    Returns a function of a sentence's offset giving its actors, or None for other documents."""
    if chunk.doc_type != "antwoord":
        return None
    askers = list(chunk.members) or list(filter(None, [detect_query_member(chunk.title or "")]))
    askers += [p for p in parties_of(askers, roster) if p not in askers]
    answerers = ["Kabinet", *filter(None, [chunk.answerer])]  # "Koolmees (minister van ...)"
    marks = [(m.start(), m.group(1)) for m in QA_MARK.finditer(chunk.text)]
    # before a passage's first mark runs the other role on ("... Vraag 3" ends Antwoord 2's text); in a
    # passage with no mark a question ("Deelt u de mening ...?") is the askers', the rest an answer
    # running on (index.chunker.unmarked_role)
    before = ("Antwoord" if marks[0][1] == "Vraag" else "Vraag") if marks else None

    def voice(offset: int, sentence: str = "") -> list[str]:
        role = next((r for at, r in reversed(marks) if at <= offset), before)
        return {"Vraag": askers, "Antwoord": answerers}[role or unmarked_role(sentence)]

    return voice


def _one_party(name: str, roster) -> str | None:
    parties = member_parties(name, roster)
    return parties[0] if len(parties) == 1 else None


def _speaker(chunk: Chunk) -> tuple[str | None, bool]:
    """(the actor of the chunk's section or speech, whether it is a person speaking)."""
    if not chunk.speaker:
        return None, False
    canon = normalize_actor(chunk.speaker)
    if canon:
        return canon, False
    if chunk.speaker.lower().startswith("de voorzitter"):
        return "", True  # the chair: procedure, nobody's position
    return chunk.speaker, True


def attribute(chunk: Chunk, sentences: list[str], roster: dict[str, list[str]] | None = None) -> list[Said]:
    """Every sentence with the actors whose statement it is (possibly none); `roster` gives
    the parties of a motie's indieners and of a Kamervraag's askers named without one."""
    if chunk.doc_type in ("motie", "amendement"):
        voices = motie_voices(chunk, roster)
        return [Said(s, i, voices) for i, s in enumerate(sentences)]
    qa = qa_voices(chunk, roster)
    if qa is not None:
        return [Said(s, i, () if is_qa_heading(s) else tuple(qa(at, s)))
                for i, (s, at) in enumerate(zip(sentences, _offsets(chunk.text, sentences)))]
    owner, person = _speaker(chunk)
    if person:
        return [Said(s, i, (owner,) if owner else ()) for i, s in enumerate(sentences)]
    out, context = [], owner
    for i, sent in enumerate(sentences):
        context = fractie_subject(sent) or context if not owner else owner
        who = tuple(sentence_actors(sent, context))
        if owner:
            who = (owner,) if owner in who else ()
        out.append(Said(sent, i, who))
    return out


def _offsets(text: str, sentences: list[str]) -> list[int]:
    """Where each sentence starts in the passage (searched in order; a sentence not found
    verbatim sits where the previous one ended)."""
    out, at = [], 0
    for sent in sentences:
        i = text.find(sent[:40], at)
        if i >= 0:
            at = i
        out.append(at)
        at += len(sent) if i >= 0 else 0
    return out
