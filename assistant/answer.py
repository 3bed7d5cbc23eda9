"""`ask`: a short answer made of verbatim sentences from the retrieved passages, each
followed by a citation [n] that code builds from the passage's metadata.

Evidence selection (extractive, deterministic, no model beyond the embedder):
  1. retrieve passages (hybrid, actor-aware);
  2. refuse when the best passage is not similar enough to the question (threshold
     calibrated on the unanswerable questions of the development gold set);
  3. split the passages into sentences, keep only the asked actor's sentences on an
     actor question, score by question-term overlap, passage rank and similarity;
  4. drop near-repeats, group the chosen sentences per source, frame in the
     question's language. Quotes stay in the original Dutch.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

import numpy as np

from assistant.query import build_query
from assistant.retrieve import search
from assistant.types import Answer, Citation, Hit
from index.actors import ACTOR_ALIASES, fractie_subject, normalize_actor, party_of, sentence_actors
from index.metadata import MONTHS
from index.sentences import split_sentences
from index.store import Filters
from index.text import tokenize

# One fixed refusal phrase per language, shared by code, prompts and tests.
REFUSAL = {
    "nl": "Dit staat niet in de bronnen: de geïndexeerde documenten geven geen antwoord op deze vraag.",
    "en": "This is not in the sources: the indexed documents do not answer this question.",
}
INTRO = {
    "nl": "Uit de bronnen:",
    "en": "From the sources (quoted in the original Dutch):",
}
ACTOR_INTRO = {
    "nl": "Volgens de bronnen bracht {actor} het volgende in:",
    "en": "According to the sources, {actor} argued the following (quoted in the original Dutch):",
}
ACTOR_EN = {"Nederland": "the Netherlands", "Europese Commissie": "the European Commission", "Kabinet": "the Dutch government",
            "Lidstaten": "other member states", "Voorzitterschap": "the Council presidency"}


def _cosines(qvec: np.ndarray | None, hits: list[Hit]) -> list[float]:
    """Dense similarity of each hit to the question (hybrid scores are RRF ranks), from the
    vectors the store returned with the hits: no second round trip, no second embedding."""
    if qvec is None:
        return [0.0] * len(hits)
    return [float(np.dot(qvec, np.asarray(h.vector, dtype=np.float32))) if h.vector is not None else 0.0
            for h in hits]


_BOILERPLATE = re.compile(r"^(en gaat over tot de orde van de dag|gehoord de beraadslaging|de kamer,)", re.I)


def _not_evidence(sent: str) -> bool:
    """Headings, datelines, motie formulas and text addressed to a model are never quoted."""
    return (len(sent) < 25 or len(sent.split()) < 5 or sent.upper() == sent
            or bool(_BOILERPLATE.match(sent)) or bool(_INSTRUCTION.search(sent)))


def _sentences(text: str) -> list[str]:
    """Sentences that never cross a paragraph break (a motie's clauses are paragraphs of
    one long sentence: each "constaterende/overwegende/verzoekt" is quoted on its own)."""
    return [sent for para in text.split("\n\n") if not _is_heading(para) for sent in split_sentences(para)]


def _is_heading(para: str) -> bool:
    """A short paragraph without closing punctuation is a heading or title line ("Inbreng
    verslag ... (Kamerstuk 22112-4018)"): it names a subject, it states nobody's position."""
    para = para.strip()
    return len(para) < 200 and "\n" not in para and not para.endswith(_CLOSING)


_CLOSING = (".", "!", "?", ";", ",", ":", "…", '"', "”", "'", "’", "»")


def _motie_voices(chunk) -> list[str]:
    """A motie as a whole is its indieners' position (and their parties')."""
    names = chunk.members or chunk.actors
    return list(dict.fromkeys([*names, *(p for p in map(party_of, names) if p)]))


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be quoted, with what scored it."""

    score: float
    rank: int  # the rank of its passage among the hits
    sentence: str
    terms: frozenset[str]  # its Dutch stems
    actors: list[str]  # whose words it is
    position: int  # its index among the passage's quotable sentences


def _candidates(hits: list[Hit], sims: list[float], q_terms: set[str], actor: str | None, cfg) -> list[Candidate]:
    """Every sentence that may be quoted, scored w_overlap * (share of the question's
    content words) + w_dense * (passage similarity) + w_rank / (1 + passage rank)."""
    out = []
    for rank, (hit, sim) in enumerate(zip(hits, sims)):
        context = normalize_actor(hit.chunk.speaker) or hit.chunk.speaker or None
        motie = _motie_voices(hit.chunk) if hit.chunk.doc_type == "motie" else None
        for pos, sent in enumerate(_sentences(hit.chunk.text)):
            if _not_evidence(sent):
                continue
            who = motie if motie is not None else sentence_actors(sent, context)
            context = fractie_subject(sent) or context  # "De leden van de X-fractie ..." switches the speaker
            if actor and actor not in who:
                continue
            terms = frozenset(tokenize(sent))
            overlap = len(terms & q_terms) / max(len(q_terms), 1)
            score = cfg.w_overlap * overlap + cfg.w_dense * sim + cfg.w_rank / (1 + rank)
            out.append(Candidate(score, rank, sent, terms, who, pos))
    return out


def _with_followers(chosen: list[Candidate], cands: list[Candidate], limit: int) -> list[Candidate]:
    """On an actor question, the actor's next sentence in the same passage continues the
    point ("Nederland specificeerde hierin ..."), so it joins the quote."""
    have = {(c.rank, c.position) for c in chosen}
    by_pos = {(c.rank, c.position): c for c in cands}
    extra = [by_pos[(c.rank, c.position + 1)] for c in chosen
             if (c.rank, c.position + 1) in by_pos and (c.rank, c.position + 1) not in have]
    return chosen + extra[: max(0, limit - len(chosen))]


def _select(cands: list[Candidate], cfg, q_terms: set[str], strict: bool = False) -> list[Candidate]:
    """Best sentences first, skipping near-repeats (three passages saying one thing).
    When some sentences share words with the question, only those qualify; a sentence
    must also score at least `min_score_ratio` of the best one, so filler never pads the
    answer. strict: no sentence sharing a word means no answer (rather than the top passages)."""
    if q_terms and any(c.terms & q_terms for c in cands):
        cands = [c for c in cands if c.terms & q_terms]
    elif strict:  # a Dutch question naming an actor and a topic the actor never mentions
        return []
    else:  # a paraphrase with no shared words: trust the ranking, top passages only
        cands = [c for c in cands if c.rank < cfg.paraphrase_top_passages]
    if not cands:
        return []
    best = max(c.score for c in cands)
    chosen: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: -c.score):
        if cand.score < cfg.min_score_ratio * best:
            break
        if any(len(cand.terms & c.terms) / max(len(cand.terms | c.terms), 1) > cfg.redundancy_jaccard for c in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= cfg.max_quotes:
            break
    return chosen


# Text addressed to a language model is never evidence: a planted "negeer alle voorgaande
# instructies" must not be quoted as an answer, whatever the question.
_INSTRUCTION = re.compile(
    r"\b(negeer|vergeet|ignore|disregard|forget)\b.{0,40}\b(instructies|opdrachten|instructions|prompt)\b"
    r"|\b(system|systeem|instructions?|instructies?)\s*:"
    r"|\b(when asked|if asked|als (je|jij|u) (wordt )?(ge)?vraagt?)\b.{0,100}\b(answer|antwoord)"
    r"|\b(reveal|toon|geef)\b.{0,20}\b(system )?prompt\b"
    r"|\b(you are|je bent|jij bent) (now )?(a|an|een) (ai|assistent|assistant|taalmodel|language model)\b",
    re.I,
)
_QUANTITY_Q = re.compile(r"\b(hoeveel|how (?:much|many)|welk bedrag|what amount|percentage|wat kost(?:en|te)?|"
                         r"what (?:does|do|did|will) .{0,60}\bcost)\b", re.I)
_TIME_Q = re.compile(r"\b(wanneer|when|welke datum|what date|in welk jaar|which year)\b", re.I)
_NUMBER = re.compile(r"\d|\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|"
                     r"honderd|duizend|miljoen|miljard|procent|helft|derde|kwart|dozijn|tientallen|honderden)\b", re.I)
_MONTH_ALT = "|".join(MONTHS)
_MONTHS = re.compile(rf"\b({_MONTH_ALT})\b", re.I)


# Words of the question's frame, not its topic: sharing them makes no sentence an answer.
_QUESTION_WORDS = frozenset(tokenize(
    "fractie fracties leden vragen vraag vroeg vroegen stelde stelden ingebracht inbreng zei zeiden "
    "gezegd standpunt mening argue argued ask asked say said position think"))


_DATE = re.compile(rf"\b\d{{1,2}}\s+({_MONTH_ALT})(\s+\d{{4}})?\b|\b(19|20)\d{{2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b", re.I)


def _answers_kind(question: str, sentences: list[str]) -> bool:
    """A "how much"/"when" question is only answered by sentences with a number/date; a
    date or a year is no amount ("Met ingang van 1 augustus 2020" says nothing of costs)."""
    text = " ".join(sentences)
    if _QUANTITY_Q.search(question) and not _NUMBER.search(_DATE.sub(" ", text)):
        return False
    if _TIME_Q.search(question) and not (_NUMBER.search(text) or _MONTHS.search(text)):
        return False
    return True


def compose(question: str, hits: list[Hit], sims: list[float], settings, lang: str, actor: str | None) -> Answer:
    """Pick the sentences and build the answer text and citations (pure: testable)."""
    if not hits or max(sims, default=0.0) < settings.answer.refusal_threshold:
        return Answer(REFUSAL[lang], False, lang)
    q_terms = set(tokenize(question)) - _QUESTION_WORDS
    if actor:  # naming the actor ("de minister", "Nederlandse") is no topic word
        aliases = " ".join(a for a, c in ACTOR_ALIASES.items() if c == actor)
        q_terms -= set(tokenize(f"{actor} {actor}-fractie {aliases}"))
    cands = _candidates(hits, sims, q_terms, actor, settings.answer)
    # An actor's sentences on another topic are no answer ("Nederland is aangewezen als
    # nitraatkwetsbare zone" for a question on SIDN and Amazon). Only for Dutch questions:
    # an English one shares few words with Dutch text and relies on the ranking.
    chosen = _select(cands, settings.answer, q_terms, strict=bool(actor) and lang == "nl")
    if actor:
        chosen = _with_followers(chosen, cands, settings.answer.max_quotes + settings.answer.follower_extra)
    if not chosen or not _answers_kind(question, [c.sentence for c in chosen]):
        return Answer(REFUSAL[lang], False, lang)
    by_rank: dict[int, list[str]] = {}
    who: dict[int, list[str]] = {}
    for c in sorted(chosen, key=lambda c: (c.rank, c.position)):
        by_rank.setdefault(c.rank, []).append(c.sentence)
        who[c.rank] = list(dict.fromkeys(who.get(c.rank, []) + c.actors))
    # keep the document order of sentences within one passage
    citations, lines = [], []
    for n, (rank, sents) in enumerate(sorted(by_rank.items()), 1):
        text = hits[rank].chunk.text
        sents.sort(key=text.find)
        citations.append(Citation(n, hits[rank].chunk, " ".join(sents), who[rank]))
        lines.append(" ".join(f"“{s}”" for s in sents) + f" [{n}]")
    if actor:
        name = ACTOR_EN.get(actor, actor) if lang == "en" else actor
        intro = ACTOR_INTRO[lang].format(actor=name)
    else:
        intro = INTRO[lang]
    return Answer(intro + "\n" + "\n".join(f"- {line}" for line in lines), True, lang, citations)


def answer_question(engine, question: str, filters: Filters | None = None, mode: str = "hybrid",
                    top_k: int | None = None) -> Answer:
    t0 = time.perf_counter()
    query = build_query(engine, question, mode, dense=True)  # similarities need the vector in any mode
    filters = filters or Filters()
    actor = filters.actor or query.actor
    hits = search(engine, query, mode, top_k or engine.settings.retrieval.top_k, filters)
    sims = _cosines(query.dense, hits)
    t1 = time.perf_counter()
    ans = compose(question, hits, sims, engine.settings, query.language, actor)
    ans.notes.append(f"retrieval {1000 * (t1 - t0):.0f} ms, composition {1000 * (time.perf_counter() - t1):.0f} ms")
    return ans
