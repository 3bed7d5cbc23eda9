"""`ask`: a short answer made of verbatim sentences from the retrieved passages, each
followed by a citation [n] that code builds from the passage's metadata.

Evidence selection (extractive, deterministic, no model call beyond the one query embedding):
  1. retrieve passages (hybrid + the learned reranker), each with its stored passage vector
     and its sentences' vectors;
  2. score every quotable sentence: its own similarity to the question, the IDF-weighted
     share of the question's topic words it holds, its passage's similarity and rank, and
     whether it is itself a question where a statement is wanted (weights chosen on the dev
     set's tune split: benchmarks/answer_sweep.py);
  3. refuse when the answerability gate (assistant/answerability.py: a question-level model
     over the learned sentence scorer's best probabilities, the best sentence cosine, the
     question's words found in the passages and names the corpus never mentions; fitted and
     its threshold chosen on tune, for the embedder it was calibrated on) finds the sources
     unlikely to answer (`answer.gate`: or the best sentence similarity, or the sentence
     scorer's best probability alone), keep only the asked actor's sentences on an actor question,
     or, when the actor only was asked something, quote that question ("asked, not
     answered");
  4. drop near-repeats, at most a few per passage, check the question's kind (KIND_CHECKS),
     group the chosen sentences per source, frame in the question's language. Quotes stay
     in the original Dutch.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from assistant.attribution import actor_kind, is_qa_heading, parties_of, qa_voices
from assistant.answerability import features as answerability_features, load_gate
from assistant.answerability import probability as answerability_probability
from assistant.query import build_query
from assistant.retrieve import search
from assistant.sentence_scorer import features as sentence_features, load_sentence_scorer, probabilities
from assistant.topic import topic_terms, topic_weights  # noqa: F401 - topic_* re-exported
from assistant.types import Answer, Citation, Hit
from assistant.unknown import unknown_names
from assistant.worth import is_footnote
from index.actors import (actor_in, detect_query_member, fractie_subject, is_official, mentions_actor, normalize_actor,
                          sentence_actors)
from index.metadata import MONTHS
from index.sentences import quotable_spans, too_thin
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
ACTORS_INTRO = {  # several actors named together ("SP en CDA")
    "nl": "Volgens de bronnen brachten {actor} het volgende in:",
    "en": ACTOR_INTRO["en"],
}
ASKED_INTRO = {
    "nl": "De bronnen bevatten hierop geen antwoord van {actor}; wel stelde {askers} deze vraag:",
    "en": "The sources hold no answer from {actor} on this; {askers} asked it (quoted in the original Dutch):",
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


def _not_evidence(sent: str) -> bool:
    """Headings, datelines, motie formulas, footnote entries and text addressed to a model
    are never quoted."""
    return too_thin(sent) or is_footnote(sent) or bool(_INSTRUCTION.search(sent))


def _spans(hit: Hit) -> list[tuple[int, int]]:
    """The hit's quotable sentences: the spans stored with its sentence vectors, or (a store
    built without them) computed the same way."""
    return [tuple(s) for s in hit.chunk.sentence_spans] or quotable_spans(hit.chunk.text)


def _sentence_sims(qvec: np.ndarray | None, hit: Hit, n: int, passage_sim: float) -> list[float]:
    """Each sentence's cosine to the question from its stored vector; without sentence
    vectors every sentence gets its passage's similarity."""
    m = hit.sentence_vectors
    if qvec is None or m is None or len(m) != n:
        return [passage_sim] * n
    return [float(x) for x in m @ np.asarray(qvec, dtype=np.float32)]


def _motie_voices(chunk, roster=None) -> list[str]:
    """A motie as a whole is its indieners' position (and their parties')."""
    names = chunk.members or chunk.actors
    return list(dict.fromkeys([*names, *parties_of(names, roster)]))


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be quoted, with what scored it."""

    score: float
    rank: int  # the rank of its passage among the hits
    sentence: str
    terms: frozenset[str]  # its Dutch stems
    actors: list[str]  # whose words it is
    position: int  # its index among the passage's quotable sentences
    sim: float = 0.0  # its own dense similarity to the question (its passage's, without sentence vectors)
    overlap: float = 0.0  # IDF-weighted share of the question's topic terms it contains
    span: tuple[int, int] = (0, 0)  # where it stands in its passage's text


# A question that asks what was asked ("Wat vroeg de SP ...", "Welke vragen ...", "Wat heeft
# D66 ingebracht ...") is answered by questions in the sources; any other is answered by
# statements, and a sentence of the sources that is itself a question ("Zijn de voorwaarden
# ... vastgelegd?") restates it rather than answering it.
_ASKS_WHAT_WAS_ASKED = re.compile(
    r"\b(vraag|vraagt|vragen|vroeg|vroegen|gevraagd|verzoek\w*|ingebracht|inbreng|wil(?:de|len|den)?\b.{0,60}\bweten|"
    r"asks?|asked|questions?|wants? to know|wanted to know)\b", re.I)


def question_weight(question: str, actor: str | None, cfg) -> float:
    """What a sentence that is itself a question adds to its score: `w_interrogative` when the
    question names no actor (an actor's inbreng is made of questions) and does not ask what
    was asked, else nothing. (A bonus for the sources' questions when the question asks what
    was asked changed no answer on tune at 0.5 or 1: not kept.)"""
    return cfg.w_interrogative if not actor and not _ASKS_WHAT_WAS_ASKED.search(question) else 0.0


def _candidates(hits: list[Hit], sims: list[float], cfg, qvec: np.ndarray | None,
                weights: dict[str, float], w_question: float = 0.0, roster=None) -> list[Candidate]:
    """Every sentence that may be quoted, whoever's it is, scored
        w_sentence * (sentence similarity - sim_floor)+ + w_overlap * (IDF share of the question's
        topic words, `weights`) + w_dense * (passage similarity - sim_floor)+ + w_rank / (1 + passage rank)
        + w_question when the sentence is itself a question (`question_weight`).
    roster: the store's members by surname, for the parties of a motie's indieners and a
    Kamervraag's askers (index.actors.member_parties)."""
    total = sum(weights.values()) or 1.0
    out = []
    for rank, (hit, psim) in enumerate(zip(hits, sims)):
        context = normalize_actor(hit.chunk.speaker) or hit.chunk.speaker or None
        motie = _motie_voices(hit.chunk, roster) if hit.chunk.doc_type == "motie" else None
        qa = qa_voices(hit.chunk, roster)
        spans = _spans(hit)
        ssims = _sentence_sims(qvec, hit, len(spans), psim)
        for pos, ((a, b), ssim) in enumerate(zip(spans, ssims)):
            sent = hit.chunk.text[a:b]
            if _not_evidence(sent):
                continue
            voices = qa(a, sent) if qa is not None else []
            if voices:
                context = voices[0]
            if is_qa_heading(sent):  # "Vragen van het lid X aan ... (ingezonden ...)": says who asked whom, nobody's words
                who = []
            else:
                who = motie if motie is not None else voices or sentence_actors(sent, context)
            context = fractie_subject(sent) or context  # "De leden van de X-fractie ..." switches the speaker
            terms = frozenset(tokenize(sent))
            overlap = sum(w for t, w in weights.items() if t in terms) / total
            score = (cfg.w_sentence * max(0.0, ssim - cfg.sim_floor) + cfg.w_overlap * overlap
                     + cfg.w_dense * max(0.0, psim - cfg.sim_floor) + cfg.w_rank / (1 + rank)
                     + (w_question if sent.rstrip().endswith("?") else 0.0))
            out.append(Candidate(score, rank, sent, terms, who, pos, ssim, overlap, (a, b)))
    return out


def _with_followers(chosen: list[Candidate], cands: list[Candidate], limit: int) -> list[Candidate]:
    """On an actor question, the actor's next sentence in the same passage continues the
    point ("Nederland specificeerde hierin ..."), so it joins the quote."""
    have = {(c.rank, c.position) for c in chosen}
    by_pos = {(c.rank, c.position): c for c in cands}
    extra = [by_pos[(c.rank, c.position + 1)] for c in chosen
             if (c.rank, c.position + 1) in by_pos and (c.rank, c.position + 1) not in have]
    return chosen + extra[: max(0, limit - len(chosen))]


def _qualifies(cands: list[Candidate], cfg, strict: bool) -> list[Candidate]:
    """Which sentences may be quoted at all. A sentence qualifies by sharing a topic term of
    the question or, when sentence vectors say so, by being (nearly) as similar to the
    question as the best sentence (a paraphrase shares no word). strict (a Dutch question
    naming an actor): only sharing a topic term qualifies, and none sharing one is no answer."""
    if not cands:
        return []
    shared = [c for c in cands if c.overlap > 0]
    if strict:
        return shared
    cut = max(c.sim for c in cands) - cfg.sim_margin
    if shared:
        return [c for c in cands if c.overlap > 0 or c.sim >= cut] if cfg.sim_margin > 0 else shared
    # a paraphrase with no shared words: the most similar sentences of the top passages
    top = [c for c in cands if c.rank < cfg.paraphrase_top_passages]
    return [c for c in top if c.sim >= cut] or top


def _select(cands: list[Candidate], cfg, strict: bool = False, ratio: float | None = None) -> list[Candidate]:
    """Best sentences first (after `_qualifies`), skipping near-repeats (three passages saying
    one thing); a sentence must score at least `min_score_ratio` of the best one, so filler
    never pads the answer; at most `max_per_passage` sentences from one passage."""
    cands = _qualifies(cands, cfg, strict)
    if not cands:
        return []
    best = max(c.score for c in cands)
    ratio = cfg.min_score_ratio if ratio is None else ratio
    chosen: list[Candidate] = []
    per_passage: dict[int, int] = {}
    for cand in sorted(cands, key=lambda c: -c.score):
        if cand.score < ratio * best:
            break
        if per_passage.get(cand.rank, 0) >= cfg.max_per_passage:
            continue
        if any(len(cand.terms & c.terms) / max(len(cand.terms | c.terms), 1) > cfg.redundancy_jaccard for c in chosen):
            continue
        chosen.append(cand)
        per_passage[cand.rank] = per_passage.get(cand.rank, 0) + 1
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


_DATE = re.compile(rf"\b\d{{1,2}}\s+({_MONTH_ALT})(\s+\d{{4}})?\b|\b(19|20)\d{{2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b", re.I)


@dataclass(frozen=True)
class KindCheck:
    """A kind of question and what an answer to it must contain."""

    name: str
    question: re.Pattern  # recognises the kind in the question
    answered_by: Callable[[str], bool]  # the quoted sentences, joined


# Numbers that name something rather than count it: "artikel 12", "Vraag 3", "klasse 1.4",
# "motie 36410-X-46", "2024D12345", an enumerator opening a sentence ("1. Welke ..."), a
# footnote mark glued to a word ("cyberlandschap.3").
_REFERENCE = re.compile(r"\b(?:artikel|art\.|vraag|antwoord|nr\.?|nummer|kamerstuk(?:ken)?|motie|amendement|lid|leden|"
                        r"bijlage|pagina|p\.|blz\.|hoofdstuk|paragraaf|klasse|categorie|onderdeel|punt|fase|niveau|"
                        r"versie|aanhangsel|werksessie|sessie|scenario|stap|tabel|figuur|box|cluster|pijler|spoor)"
                        r"\s+\d+(?:[.,]\d+)*(?:-[\dA-Z]+)*[a-z]?\b"
                        r"|\b\d+(?:-[\dA-Z]+)+\b|\b\d{4}[A-Z]\d+\b|^\s*\(?\d{1,2}[.)]\s|(?<=[^\W\d][.,;:”’)])\d{1,2}\b",
                        re.I)
# A time: a date, a month, a year, a season, a relative time ("volgend jaar", "voor de zomer") or a moment
# relative to an event ("vóór de conceptie", "zodra de wet in werking treedt").
_TIME_ANSWER = re.compile(rf"{_DATE.pattern}|\b({_MONTH_ALT})\b|\b(?:19|20)\d{{2}}\b|\b(?:voorjaar|najaar|zomer|"
                          r"zomerreces|kerstreces|winter|kwartaal|Q[1-4]|binnenkort|spoedig|eind|begin|medio|"
                          r"volgend(?:e)? (?:jaar|week|maand)|komend(?:e)? (?:jaar|jaren|weken|maanden)|dit jaar|"
                          r"inmiddels|sinds|vanaf|per|met ingang van|uiterlijk|nog niet|vóór|voordat|nadat|zodra|tijdens)\b", re.I)

# One table of question kinds; a question of a kind is only answered by sentences that pass
# its check (otherwise: a refusal). A date or a year is no amount ("Met ingang van 1
# augustus 2020" says nothing of costs), and neither is a number that names something
# (_REFERENCE: "Hoeveel ...?" is not answered by "klasse 1.4" or "Vraag 3"); a "wanneer"
# needs a time (_TIME_ANSWER), not any number.
KIND_CHECKS: tuple[KindCheck, ...] = (
    KindCheck("amount", _QUANTITY_Q, lambda text: bool(_NUMBER.search(_REFERENCE.sub(" ", _DATE.sub(" ", text))))),
    KindCheck("time", _TIME_Q, lambda text: bool(_TIME_ANSWER.search(_REFERENCE.sub(" ", text)))),
)


def speaks(actor: str | None, co_actors: tuple[str, ...] = ()) -> Callable[["Candidate"], bool]:
    """Whether a candidate is the asked actor's, or a co-actor's: "Wat willen SP en CDA ..."
    asks for either party's words (index.actors.actor_in). False for every candidate when
    the question names no actor. Nederland's words include its government's (_government)."""
    asked = (actor, *co_actors) if actor else ()
    country = "Nederland" in asked
    return lambda c: any(actor_in(a, c.actors) for a in asked) or (country and _government(c.actors))


def _government(actors) -> bool:
    """The class "Nederland asked, its government speaks": what the kabinet or a
    bewindspersoon says in a letter or an answer ("Ook steunt het kabinet Moldavië ... met
    een bijdrage van 4 miljoen") is the Netherlands' position, as its delegation's words in a
    council verslag are."""
    return any(actor_kind(a) == "kabinet" for a in actors)


def scorer_rows(cands: list[Candidate], question: str, sims: list[float], lang: str, actor: str | None,
                co_actors: tuple[str, ...] = ()) -> np.ndarray:
    """The learned sentence scorer's feature rows (assistant/sentence_scorer.FEATURES)."""
    return sentence_features(cands, sims, lang, speaks(actor, co_actors),
                             bool(actor) or bool(_ASKS_WHAT_WAS_ASKED.search(question)),
                             lambda sent: _answers_kind(question, [sent]))


def rescored(cands: list[Candidate], question: str, sims: list[float], lang: str, actor: str | None,
             model, co_actors: tuple[str, ...] = ()) -> list[Candidate]:
    """The candidates scored by the learned sentence scorer (assistant/sentence_scorer.py):
    each score is the probability that the sentence is evidence for the question."""
    x = scorer_rows(cands, question, sims, lang, actor, co_actors)
    return [replace(c, score=float(p)) for c, p in zip(cands, probabilities(model, x))]


def _answers_kind(question: str, sentences: list[str]) -> bool:
    """Whether the sentences answer every kind the question is of (KIND_CHECKS)."""
    text = " ".join(sentences)
    return all(k.answered_by(text) for k in KIND_CHECKS if k.question.search(question))


def compose(question: str, hits: list[Hit], sims: list[float], settings, lang: str, actor: str | None,
            qvec: np.ndarray | None = None, df=None, parts: tuple[str, ...] = (), calibrated: bool = False,
            co_actors: tuple[str, ...] = (), roster=None) -> Answer:
    """Pick the sentences and build the answer text and citations (pure: testable).
    qvec: the question's vector, for sentence similarities from the hits' sentence vectors;
    df: corpus document frequencies, for the IDF weight of the question's topic terms;
    calibrated: the similarities come from the embedder the refusal threshold was chosen
    for (a cosine threshold of one model means nothing for another's cosines);
    co_actors: further actors the question names beside `actor` ("SP en CDA"): their
    sentences are the asked actor's too; roster: the store's members by surname
    (engine.roster()), which gives the party of a member named without one."""
    cfg = settings.answer
    if not hits or max(sims, default=0.0) < cfg.refusal_threshold:
        return Answer(REFUSAL[lang], False, lang)
    unknown = unknown_names(question, df) if cfg.refuse_unknown_names and lang == "nl" and df is not None else []
    if unknown:  # a named thing no passage mentions (assistant/unknown.py)
        names = ", ".join(f"'{n}'" for n in unknown)
        return Answer(REFUSAL[lang], False, lang, notes=[f"{names}: in no indexed document"])
    q_terms = topic_terms(question, actor, parts, co_actors)
    weights = topic_weights(q_terms, df)
    mine = speaks(actor, co_actors)
    everyone = _candidates(hits, sims, cfg, qvec, weights, question_weight(question, actor, cfg), roster)
    if actor and is_official(actor) and not any(mine(c) for c in everyone):
        # the class "a bewindspersoon named, none of their own words among the hits" (a kabinet
        # letter names no signatory): the kabinet's words answer, and the intro says so
        actor = "Kabinet"
        mine = speaks(actor, co_actors)
    learned = cfg.scorer == "learned" or cfg.gate in ("learned", "answerability")
    model = load_sentence_scorer() if learned and _has_sentence_vectors(qvec, hits) else None
    scored = rescored(everyone, question, sims, lang, actor, model, co_actors) if model is not None else None
    if scored is not None and cfg.scorer == "learned":
        everyone = scored
    cands = [c for c in everyone if mine(c)] if actor else everyone
    gate = load_gate() if scored is not None and cfg.gate == "answerability" and df is not None else None
    if gate is not None:
        if calibrated and answerability(question, hits, scored, lang, actor, q_terms, df, gate.model, co_actors) < (
                gate.threshold_en if lang == "en" else gate.threshold):
            return Answer(REFUSAL[lang], False, lang)  # the sources are unlikely to answer it
    elif scored is not None and cfg.gate == "learned":
        if calibrated and best_score(scored) < learned_threshold(cfg, lang):
            return Answer(REFUSAL[lang], False, lang)  # no sentence is likely evidence
    elif (calibrated and _has_sentence_vectors(qvec, hits)
            and best_sentence_sim(everyone) < refusal_threshold(cfg, lang, own_voice=bool(actor and cands))):
        return Answer(REFUSAL[lang], False, lang)  # no sentence of the sources is about this
    # An actor's sentences on another topic are no answer ("Nederland is aangewezen als
    # nitraatkwetsbare zone" for a question on SIDN and Amazon). Only for Dutch questions:
    # an English one shares few words with Dutch text and relies on the ranking.
    strict = bool(actor) and lang == "nl"
    ratio = cfg.learned_min_ratio if scored is not None and cfg.scorer == "learned" else None
    chosen = _select(cands, cfg, strict, ratio)
    if actor and chosen:
        chosen = _with_followers(chosen, cands, cfg.max_quotes + cfg.follower_extra)
    if not chosen and actor and cfg.asked_not_answered:
        asked = _asked_not_answered(everyone, actor, cfg)
        if asked:
            return _render(hits, asked, ASKED_INTRO[lang].format(actor=_actor_name(actor, lang),
                                                                  askers=_askers(asked, lang)), lang)
    if chosen and not _answers_kind(question, [c.sentence for c in chosen]):
        chosen = _kind_fallback(question, cands, cfg, strict, ratio)  # each of its sentences answers the kinds
    if not chosen:
        return Answer(REFUSAL[lang], False, lang)
    intro = ((ACTORS_INTRO if co_actors else ACTOR_INTRO)[lang].format(actor=_actor_names((actor, *co_actors), lang))
             if actor else INTRO[lang])
    return _render(hits, chosen, intro, lang)


def _kind_fallback(question: str, cands: list[Candidate], cfg, strict: bool, ratio: float | None) -> list[Candidate]:
    """The class "the best sentences are on topic but hold no amount (no date)": a question
    of a kind (KIND_CHECKS) is answered from the sentences that answer its kind, when the
    best of them scores at least `kind_fallback_ratio` of the best candidate; else nothing
    (a refusal)."""
    pool = _qualifies(cands, cfg, strict)
    kinded = [c for c in pool if _answers_kind(question, [c.sentence])]
    if not kinded or max(c.score for c in kinded) < cfg.kind_fallback_ratio * max(c.score for c in pool):
        return []
    return _select(kinded, cfg, strict, ratio)


def answerability(question: str, hits: list[Hit], scored: list[Candidate], lang: str, actor: str | None,
                  q_terms: set[str], df, model, co_actors: tuple[str, ...] = ()) -> float:
    """The question-level gate's probability that the sources answer the question
    (assistant/answerability.py); `scored` carries the learned scorer's probabilities."""
    return answerability_probability(model, answerability_row(question, hits, scored, lang, actor, q_terms, df,
                                                              co_actors))


def answerability_row(question: str, hits: list[Hit], scored: list[Candidate], lang: str, actor: str | None,
                      q_terms: set[str], df, co_actors: tuple[str, ...] = ()) -> np.ndarray:
    """The answerability gate's feature row (assistant/answerability.FEATURES)."""
    return answerability_features(question, [h.chunk.text for h in hits], scored, lang, actor, q_terms, df,
                                  speaks(actor, co_actors),
                                  lambda sents: _answers_kind(question, sents))


def best_sentence_sim(cands: list[Candidate]) -> float:
    """The refusal gate's input: the best similarity of any quotable sentence of the hits."""
    return max((c.sim for c in cands), default=0.0)


def best_score(cands: list[Candidate]) -> float:
    """The learned gate's input: the best evidence probability of any quotable sentence."""
    return max((c.score for c in cands), default=0.0)


def learned_threshold(cfg, lang: str) -> float:
    return cfg.learned_refusal_threshold_en if lang == "en" else cfg.learned_refusal_threshold


def refusal_threshold(cfg, lang: str, own_voice: bool = False) -> float:
    """The best-sentence threshold for a question's language: an English question's cosines
    to Dutch sentences run lower than a Dutch one's, so each language has its own. A Dutch
    question naming an actor whose own sentences are among the hits (`own_voice`) has its own
    too when `sentence_refusal_threshold_actor` is set: a name in the question lowers its cosine
    to the sentences that answer it ("Wat vindt het lid Van Nispen van terugkeerhubs?")."""
    if lang == "en":
        return cfg.sentence_refusal_threshold_en
    if own_voice and cfg.sentence_refusal_threshold_actor is not None:
        return cfg.sentence_refusal_threshold_actor
    return cfg.sentence_refusal_threshold


def _has_sentence_vectors(qvec, hits: list[Hit]) -> bool:
    return qvec is not None and any(h.sentence_vectors is not None for h in hits)


def _actor_name(actor: str | None, lang: str) -> str:
    return (ACTOR_EN.get(actor, actor) if lang == "en" else actor) if actor else ""


def _actor_names(actors: tuple[str, ...], lang: str) -> str:
    """"SP", "SP en CDA", "SP, CDA en VVD" (English: "and")."""
    names = [_actor_name(a, lang) for a in actors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (" en " if lang == "nl" else " and ") + names[-1]


_ASKING = re.compile(r"\?\s*$|\b(vragen|vraagt|vroeg|vroegen|verzoeken|verzoekt|willen weten|wil weten|"
                     r"vernemen|informeren|ask|asks|asked)\b", re.I)


def _asked_not_answered(cands: list[Candidate], actor: str, cfg) -> list[Candidate]:
    """The class "a question put to the actor, no reply in the sources": sentences of others
    that ask the actor something on the topic ("De leden van de VVD-fractie vragen de
    regering ..."), best first. The answer quotes them and says who asked."""
    asked = [c for c in cands if not actor_in(actor, c.actors) and c.overlap > 0 and _ASKING.search(c.sentence)
             and mentions_actor(c.sentence, actor)]
    return sorted(asked, key=lambda c: -c.score)[: cfg.asked_max_quotes]


def _askers(chosen: list[Candidate], lang: str) -> str:
    """Who asked: the quoted sentences' actors, else the asker a sentence names itself
    ("Vragen van het lid Klaver (GroenLinks-PvdA) aan de minister ...")."""
    names = list(dict.fromkeys(a for c in chosen for a in (c.actors or filter(None, [detect_query_member(c.sentence)]))))
    if not names:
        return "een ander" if lang == "nl" else "someone else"
    return (" en " if lang == "nl" else " and ").join(names)


QUOTE_GAP = " … "  # between two quoted stretches of one passage that are not adjacent


def _runs(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Adjacent sentences (only whitespace between them) as one verbatim stretch of the text,
    so every stretch of a citation's quote is a substring of its passage."""
    runs: list[list[int]] = []
    for a, b in sorted(spans):
        if runs and not text[runs[-1][1]:a].strip():
            runs[-1][1] = b
        else:
            runs.append([a, b])
    return [text[a:b] for a, b in runs]


def _render(hits: list[Hit], chosen: list[Candidate], intro: str, lang: str) -> Answer:
    """The answer text and its citations: the chosen sentences grouped per passage, in the
    passage's order, each group followed by its [n]."""
    by_rank: dict[int, list[Candidate]] = {}
    who: dict[int, list[str]] = {}
    for c in sorted(chosen, key=lambda c: (c.rank, c.span)):  # document order within a passage
        by_rank.setdefault(c.rank, []).append(c)
        who[c.rank] = list(dict.fromkeys(who.get(c.rank, []) + c.actors))
    citations, lines = [], []
    for n, (rank, cs) in enumerate(sorted(by_rank.items()), 1):
        text = hits[rank].chunk.text
        citations.append(Citation(n, hits[rank].chunk, QUOTE_GAP.join(_runs(text, [c.span for c in cs])), who[rank]))
        lines.append(" ".join(f"“{c.sentence}”" for c in cs) + f" [{n}]")
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
    df = engine.doc_freq()
    calibrated = engine.embedder.name == engine.settings.answer.calibrated_embedder
    co_actors = query.co_actors if actor == query.actor else ()  # an actor filter asks for that actor alone
    ans = compose(question, hits, sims, engine.settings, query.language, actor, query.dense, df, query.extra_terms,
                  calibrated, co_actors, engine.roster())
    ans.notes.append(f"retrieval {1000 * (t1 - t0):.0f} ms, composition {1000 * (time.perf_counter() - t1):.0f} ms")
    return ans
