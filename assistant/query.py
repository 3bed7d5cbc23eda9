"""The question, understood once: language, asked actor, dossier, and the dense and
sparse vectors. Built by `build_query` and passed down to retrieval and the answerer, so a
question is embedded once and BM25-encoded once, whatever searches it drives."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.language import detect_language
from index.actors import (PARTIES, detect_query_actor, detect_query_member, member_name, party_of, query_actor_spans,
                          question_member)
from assistant.compounds import compound_parts
from assistant.lexicon import load_lexicon
from assistant.thesaurus import load_thesaurus
from index.bm25 import BM25Encoder, SparseVec, term_index
from index.text import tokenize

_DOSSIER = re.compile(r"\b(\d{2}\s?\d{3}(?:-[A-Z0-9]{1,3})?)(?:\s*[-,]\s*(?:nr\.?\s*)?(\d{1,5}))?\b")
_DOSSIER_CUE = re.compile(r"kamerstuk|dossier|\d{5}-\d", re.I)

# The document types a question can name (Dutch and English), as the store's `doc_type`
# values: "Welke moties ...", "in het debat", "the written questions". One row per type;
# a word that is also part of many names ("wet") is left out.
DOC_TYPE_WORDS: dict[str, str] = {
    "motie": r"moties?|motions?",
    "antwoord": r"kamervragen|schriftelijke vragen|written questions|antwoorden? op (?:de )?vragen|beantwoording",
    "handelingen": r"(?:plenaire? )?debat(?:ten)?|debates?|handelingen",
    "fiche": r"(?:bnc-)?fiches?",
    "brief": r"kamerbrief|brief|letter",
    "besluitenlijst": r"besluitenlijst|procedurevergadering",
    "verslag": r"verslag(?:en)?|schriftelijk overleg|inbreng|report",
}
_DOC_TYPES = [(t, re.compile(rf"\b(?:{pat})\b", re.I)) for t, pat in DOC_TYPE_WORDS.items()]


@dataclass(frozen=True)
class Query:
    text: str
    language: str  # "nl" | "en"
    actor: str | None  # the actor the question asks about (a fractie, Nederland, a member, ...)
    dossier: str | None  # a dossier number the question names
    dense: np.ndarray | None  # the embedder's query vector (None in sparse mode)
    sparse: SparseVec | None  # BM25 query terms (None in dense mode)
    compound_parts: tuple[str, ...] = ()  # stems of the parts of its compounds (assistant/compounds.py)
    doc_types: tuple[str, ...] = ()  # document types it names (DOC_TYPE_WORDS): "Welke moties ..." -> ("motie",)
    translated: tuple[str, ...] = ()  # an English question's words as Dutch stems (assistant/lexicon.py)
    expanded: tuple[str, ...] = ()  # stems of its terms' thesaurus expansions (assistant/thesaurus.py)
    co_actors: tuple[str, ...] = ()  # actors named together with `actor` ("SP en CDA": ("CDA",))

    @property
    def extra_terms(self) -> tuple[str, ...]:
        """Stems the question's own words do not give but its topic holds: its compounds'
        parts, for an English question the Dutch translations of its words, and the
        thesaurus expansions of its terms."""
        return self.compound_parts + self.translated + self.expanded


def named_doc_types(question: str) -> tuple[str, ...]:
    """The store's doc_type values a question names: "Welke moties ..." -> ("motie",).
    "inbreng" also names the verslag it is part of."""
    found = tuple(t for t, rx in _DOC_TYPES if rx.search(question))
    return found + ("inbreng",) if "verslag" in found else found


def detect_dossier(question: str) -> str | None:
    """"Kamerstuk 22 112, nr. 4018" / "dossier 22112" / "22112-4018" -> "22112-4018" / "22112"."""
    if not _DOSSIER_CUE.search(question):
        return None
    m = _DOSSIER.search(question)
    if not m:
        return None
    base = m.group(1).replace(" ", "")
    return f"{base}-{m.group(2)}" if m.group(2) else base


def query_actor(question: str, roster: dict[str, list[str]] | None = None,
                officials: dict[str, list[str]] | None = None) -> str | None:
    """The actor a question asks about: a fractie, Nederland, the Commission, ... or a
    member of parliament named as asker/indiener ("het lid Kathmann") or by a surname the
    store's speakers carry ("Wat vroeg Klaver ...", "CDA-Kamerlid Inge van Dijk": the member,
    more precise than the party), or a bewindspersoon the store names (`officials`): "volgens
    minister Koolmees" asks for Koolmees's words, not any kabinet's (_official)."""
    actor = _actor(question, roster)
    if officials and actor in (None, "Kabinet"):
        return _official(question, officials, titled=actor == "Kabinet") or actor
    return actor


_OFFICE_WORD = r"(?:minister(?:-president)?|staatssecretaris|premier|prime\s+minister|state\s+secretary)"


def _official(question: str, officials: dict[str, list[str]], titled: bool) -> str | None:
    """The bewindspersoon's label ("Koolmees (minister van Sociale Zaken en Werkgelegenheid)")
    when the question names one the store knows by surname: right after an office word
    ("minister Koolmees", "staatssecretaris Van Rij") when the question's actor is the
    kabinet, or by surname alone when it names no other actor ("Wat zei Koolmees ...")."""
    label = question_member(question, officials)
    if label is None:
        return None
    if not titled:
        return label
    name = re.escape(member_name(label)).replace(r"\ ", r"\s+")
    return label if re.search(_OFFICE_WORD + r"\s+" + name + r"\b", question, re.I) else None


def _actor(question: str, roster: dict[str, list[str]] | None = None) -> str | None:
    named = detect_query_actor(question)
    if named is not None and named not in PARTIES and _inside_a_motion(question, named):
        named = None
    member = question_member(question, roster) if roster else None
    if member and (named is None or named in PARTIES and party_of(member) == named
                   or named not in PARTIES and _named_first(question, member, named)):
        return member
    explicit = detect_query_member(question)  # "het lid Kathmann", "the Kathmann motion"
    if explicit and named is not None and named not in PARTIES and _before(question, explicit, named):
        return explicit  # the asker or indiener named as such, before an institution the question names
    source = _source(question)
    if source is not None and named is not None and source != named:
        return source  # "Onder welke voorwaarden mag Nederland volgens de motie-Koops/Postma ...": Koops
    return named or explicit


_SOURCE_CUE = re.compile(r"\b(?:volgens|according to)\s+", re.I)


def _source(question: str) -> str | None:
    """The actor or member a question names as its source ("volgens de motie-Koops", "volgens
    de BBB", "according to the Commission"): whose words answer it, also when the question
    names another actor first ("Onder welke voorwaarden mag Nederland volgens de motie-Koops/
    Postma ..." asks what the motie says, not what Nederland said)."""
    m = _SOURCE_CUE.search(question)
    if not m:
        return None
    rest = question[m.end():]
    member = detect_query_member(rest)
    if member and 0 <= rest.find(member) <= len("de motie van de leden "):
        return member
    return next((who for start, _end, who in query_actor_spans(question) if m.end() <= start <= m.end() + 4), None)


# what stands between two actors named together: "SP en CDA", "GroenLinks-PvdA en de Partij
# voor de Dieren", "D66, CDA en VVD", "the SP and the CDA"
_COORDINATED = re.compile(r"\s*(?:,\s*(?:en\s+|and\s+)?|\s(?:en|and|&)\s+|\s*/\s*)(?:(?:de|het|the)\s+)?", re.I)


def co_actors(question: str, actor: str | None) -> tuple[str, ...]:
    """The actors the question names together with `actor`, joined to it by "en", "and", a
    comma or a slash ("Wat willen SP en CDA ...": ("CDA",)): a question on their joint or
    several positions, so each one's words answer it. Only the chain of actors joined to
    the asked actor's first mention counts ("Wat vroeg de SP aan de minister en het CDA"
    names no pair: "aan" stands between them)."""
    if not actor:
        return ()
    spans = query_actor_spans(question)
    at = next((i for i, (_s, _e, who) in enumerate(spans) if who == actor), None)
    if at is None:
        return ()
    first = last = at
    while first > 0 and _COORDINATED.fullmatch(question[spans[first - 1][1]:spans[first][0]]):
        first -= 1
    while last + 1 < len(spans) and _COORDINATED.fullmatch(question[spans[last][1]:spans[last + 1][0]]):
        last += 1
    return tuple(dict.fromkeys(who for _s, _e, who in spans[first:last + 1] if who != actor))


def _first_mention(question: str, actor: str) -> int | None:
    """Where the question first names `actor` (query_actor_spans), or None."""
    return next((start for start, _end, who in query_actor_spans(question) if who == actor), None)


def _precedes(at: int | None, question: str, actor: str) -> bool:
    """Whether position `at` comes before the question's first mention of `actor`."""
    first = _first_mention(question, actor)
    return at is not None and first is not None and at < first


def _before(question: str, name: str, actor: str) -> bool:
    """Whether `name` is written before the question's first mention of `actor`."""
    at = question.find(name)
    return _precedes(at if at >= 0 else None, question, actor)


_MOTION = re.compile(r"\b(?:moties?|motions?)\b", re.I)


def _inside_a_motion(question: str, actor: str) -> bool:
    """Whether an institution the question names stands in the motion it asks about ("Welke
    motie vraagt ... hoeveel aardgas Nederland ...", "Which motion asks the government ..."): a
    motion is its members', so an institution after the word "motie" is the motion's content.
    "Wat vindt het kabinet van de motie ..." names the institution first: it is asked."""
    m = _MOTION.search(question)
    return _precedes(m.start() if m else None, question, actor)


def _named_first(question: str, member: str, actor: str) -> bool:
    """Whether the member is named before the institution ("Wat vond Baudet van Plasterk als
    minister-president?": Baudet, not the kabinet; "Wat antwoordde de minister aan Klaver?":
    the kabinet): the first named is the question's subject."""
    name = member_name(member)
    m = re.search(rf"\b{re.escape(name.split()[-1])}\b", question) if name else None
    return _precedes(m.start() if m else None, question, actor)


def _blended(engine, vec: np.ndarray, rewritten: str, text: str, share: float) -> np.ndarray:
    """The question's vector mixed with its thesaurus rewrite's ("Hoeveel mensen werken er bij
    de Belastingdienst?" for "... bij de fiscus?"): the embedder may not know a colloquial name
    the table does. Unit length again; the question as asked when nothing was rewritten."""
    if rewritten == text:
        return vec
    mixed = (1.0 - share) * np.asarray(vec) + share * np.asarray(engine.embedder.embed_queries([rewritten])[0])
    return mixed / (np.linalg.norm(mixed) or 1.0)


def build_query(engine, text: str, mode: str = "hybrid", dense: bool | None = None) -> Query:
    """One embedding and one BM25 encoding per question. `dense` forces the vector (the
    answerer needs it for similarities even in sparse mode)."""
    idx, r = engine.settings.index, engine.settings.retrieval
    want_dense = mode in ("hybrid", "dense") if dense is None else dense
    thesaurus = load_thesaurus() if r.thesaurus else None
    rewritten = thesaurus.rewrite(text) if thesaurus is not None else text  # "de fiscus" -> "de Belastingdienst"
    vec = engine.embedder.embed_queries([text])[0] if want_dense else None
    if vec is not None and r.thesaurus_dense > 0:
        vec = _blended(engine, vec, rewritten, text, r.thesaurus_dense)
    df = engine.doc_freq()
    parts = tuple(compound_parts(text, df))
    language = detect_language(text)
    translated = translation(text, df) if language == "en" and r.translate_en else {}
    expanded = thesaurus.expansion(text, df) if thesaurus else ()
    sparse = None
    if mode in ("hybrid", "sparse"):
        sparse = BM25Encoder(idx.bm25_k1, idx.bm25_b, idx.bm25_avgdl).encode_query(text)
        extra = {s: w * r.translation_weight for s, w in translated.items()}
        extra.update({s: max(extra.get(s, 0.0), r.thesaurus_weight) for s in expanded})
        sparse = _with_terms(_with_parts(sparse, parts, r.compound_weight), extra)
    dominant = tuple(s for s, w in translated.items() if w >= DOMINANT_SHARE)
    officials = engine.officials() if r.officials else None
    actor = query_actor(text, engine.roster(), officials)
    if actor is None and rewritten != text:
        actor = query_actor(rewritten, engine.roster(), officials)  # "de boerenpartij" -> BBB
    return Query(text, language, actor, detect_dossier(text), vec, sparse, parts, named_doc_types(text), dominant,
                 tuple(s for s in expanded if s not in dominant),
                 co_actors(rewritten, actor))  # "the Party for the Animals and GroenLinks-PvdA": PvdD too


# A translation's share of its English word's alternatives for it to count as a topic word.
DOMINANT_SHARE = 0.5


def translation(text: str, df) -> dict[str, float]:
    """The Dutch stems an English question's words translate to, each weighted by its share
    of the document frequency of its word's alternatives ("consider": "overweeg" more than
    "beschouw"); the question's own stems (a name, "cloud") are in its BM25 query already."""
    own = set(tokenize(text))
    out: dict[str, float] = {}
    for group in load_lexicon().groups(text):
        counts = [df.df.get(s, 0) for s in group]
        total = sum(counts)
        for s, c in zip(group, counts):
            if c and s not in own:
                out[s] = max(out.get(s, 0.0), c / total)
    return out


def _with_terms(sparse: SparseVec, extra: dict[str, float]) -> SparseVec:
    """The BM25 query plus weighted stems (a stem already in it keeps its weight)."""
    have = set(sparse.indices)
    add = {}
    for stem, w in extra.items():
        i = term_index(stem)
        if i not in have and w > 0:
            add[i] = max(add.get(i, 0.0), w)
    if not add:
        return sparse
    items = sorted([*zip(sparse.indices, sparse.values), *add.items()])
    return SparseVec([i for i, _ in items], [v for _, v in items])


def _with_parts(sparse: SparseVec, parts: tuple[str, ...], weight: float) -> SparseVec:
    """The BM25 query plus the compound parts, each at `weight` (the whole word counts 1)."""
    extra = {term_index(p) for p in parts} - set(sparse.indices)
    if not extra or weight <= 0:
        return sparse
    items = sorted([*zip(sparse.indices, sparse.values), *((i, weight) for i in extra)])
    return SparseVec([i for i, _ in items], [v for _, v in items])
