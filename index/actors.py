"""Who speaks? Actor attribution rules for parliamentary and EU-council texts.

An actor is a canonical name: a fractie ("VVD", "GL-PvdA", ...), "Nederland"
(the Dutch delegation in council reports), "Kabinet" (kabinet, minister,
bewindspersoon, the BNC-fiche), "Europese Commissie", "Lidstaten" (other
member states), "Voorzitterschap", "ENISA" or "NAVO".

Attribution is rule-based and readable rather than a parser:
  1. "de leden van de X-fractie" names the speaking fractie;
  2. a question is the asker's, i.e. the context actor ("Komt Nederland met een
     voorstel?" is asked by the fractie, not said by Nederland);
  3. otherwise the grammatical subject: the noun phrase opening the sentence or,
     after a fronted phrase (Dutch is verb-second), the first actor after the
     finite verb; "volgens X" names a source. Actors governed by a preposition
     ("voor Nederland", "aan alle lidstaten") are objects, never speakers;
  4. pronoun subjects ("deze leden", "zij") and sentences without a recognised
     subject fall back to the context actor (the fractie of the section).
"""
from __future__ import annotations

import re
from collections import Counter

# Canonical fractie name -> "|"-separated aliases as written in documents (matched
# case-sensitively in documents, case-insensitively in questions).
PARTIES: dict[str, tuple[str, ...]] = {canon: tuple(aliases.split("|")) for canon, aliases in {
    "GL-PvdA": "GroenLinks-PvdA|GroenLinks–PvdA|GroenLinks/PvdA|GroenLinks PvdA|GL-PvdA|GL/PvdA|GL–PvdA",
    "VVD": "VVD", "PVV": "PVV", "D66": "D66", "CDA": "CDA", "SP": "SP", "SGP": "SGP", "DENK": "DENK",
    "NSC": "NSC|Nieuw Sociaal Contract", "BBB": "BBB|BoerBurgerBeweging", "JA21": "JA21", "Volt": "Volt",
    "PvdD": "PvdD|Partij voor de Dieren", "CU": "CU|ChristenUnie|Christenunie", "50PLUS": "50PLUS|50Plus",
    "FvD": "FvD|FVD|Forum voor Democratie", "PvdA": "PvdA", "GroenLinks": "GroenLinks",
}.items()}
# Party names that are also ordinary words ("denk", "volt"): case-sensitive even in questions.
CASE_SENSITIVE_PARTIES = frozenset({"DENK", "Volt"})

# Other actors: canonical name -> regex alternatives (whole words only).
OTHER_ACTORS: dict[str, tuple[str, ...]] = {
    # "de Nederlandse delegatie/inzet" speaks for Nederland; the adjective alone does not.
    "Nederland": (r"Nederland", r"(?:Nederlandse|Dutch) (?:delegatie|inzet|positie|delegation|position)",
                  r"(?:the )?Netherlands"),
    # The capital C separates the European Commission from parliamentary
    # committees ("de vaste commissie voor Digitale Zaken", "de voorzitter van de commissie").
    "Europese Commissie": (r"Europese Commissie", r"European Commission", r"(?<=the )Commission", r"EC",
                           r"(?<!vaste )(?:EU-)?Commissie(?! voor\b)"),
    "Kabinet": (r"[Kk]abinet", r"[Mm]inister(?:-president)?", r"[Ss]taatssecretaris", r"[Cc]abinet",
                r"[Bb]ewindsperso(?:on|nen)", r"(?:Nederlandse )?[Rr]egering", r"Dutch government"),
    "Lidstaten": (r"(?:EU-)?[Ll]idsta(?:at|ten)", r"[Mm]ember [Ss]tates?"),
    "Voorzitterschap": (r"[Vv]oorzitterschap", r"[Pp]residency"),
    "ENISA": (r"ENISA",), "NAVO": (r"NAVO", r"NATO"),
}
# Documents only: the BNC-fiche states the cabinet's position; in a question it names a document.
DOCUMENT_ONLY_ACTORS: dict[str, tuple[str, ...]] = {"Kabinet": (r"(?:BNC-)?[Ff]iche",)}

CONTEXT = "<context>"  # marker actor: a pronoun that refers to the section's fractie
# Fractie pronouns; "de leden" only when no fractie follows ("de leden van de VVD-fractie").
PRONOUNS = (r"[Dd]eze leden", r"[Dd]e leden(?! van)", r"[Dd]eze fractie", r"[Zz]ij", r"[Zz]e",
            r"(?<=[Vv]olgens )(?:hen|hun)")

# Words that govern a following noun phrase: an actor after them is an object.
PREPOSITIONS = frozenset(
    "aan achter bij binnen buiten door in langs met na naar naast om onder op over per richting rond "
    "sinds tegen ten ter tijdens tot tussen uit van vanaf vanuit vanwege via voor zonder zoals dan als "
    "behalve jegens omtrent ondanks gezien betreffende inzake".split())
# Prepositions that name the source of an opinion ("Volgens de Commissie ...").
SOURCE_PREPOSITIONS = frozenset({"volgens", "namens", "aldus"})
# Words that open a subordinate clause: its subject is not the speaker.
SUBORDINATORS = frozenset(
    "dat om omdat waarbij waarmee waarna waardoor zodat die welke wie wat hoe of waar waarom wanneer "
    "terwijl doordat nadat indien tenzij hoewel aangezien zodra".split())
# Sentence openers after which Dutch puts the subject behind the finite verb.
FRONTING_WORDS = PREPOSITIONS | SOURCE_PREPOSITIONS | SUBORDINATORS | frozenset(
    "daarnaast ook voorts tevens vervolgens daarom verder tegelijkertijd hierin hierover daartoe "
    "bovendien daarbij daarmee hiermee hierbij allereerst eerst tenslotte echter wel toch nu dan zo "
    "vooral inmiddels momenteel eerder later kortom daarvoor hiervoor daarin gegeven".split())
# Words that open a fronted subordinate clause; the main clause starts after its comma.
CLAUSE_OPENERS = frozenset("hoewel omdat aangezien gegeven gezien als wanneer indien nu zodra nadat terwijl "
                           "doordat ofschoon".split())
# Words that may precede an actor inside its own noun phrase ("een grote groep lidstaten").
MODIFIERS = frozenset(
    "de het een 't deze dit alle veel vele enkele sommige verschillende meerdere andere overige "
    "beide diverse aantal groep meerderheid minderheid deel paar handvol twee drie vier ons onze".split())
COORDINATORS = frozenset({"en", "of", "maar", "alsmede", "evenals"})

_FUNCTION_WORDS = PREPOSITIONS | SUBORDINATORS | COORDINATORS | MODIFIERS
_WORD_RE = re.compile(r"[\w'’-]+|[^\w\s]")
# Words that name an actor but not as the one whose position is asked: a Dutch committee
# ("de vaste commissie", "de commissie Binnenlandse Zaken", "door welke commissie"), a place
# or an object ("kabels naar Nederland", "Caribisch Nederland", "worse than the Netherlands",
# "connecting the Netherlands to ..."), an addressee ("aan welke bewindspersonen", "to the
# minister"; "according to the Netherlands" is a source, not an addressee).
_QUERY_EXCLUDE_RE = re.compile(
    r"vaste commissie|commissie voor|voorzitter van de commissie"
    r"|\b(?:ministeriële|parlementaire|onderzoeks|staats|geschillen|tijdelijke)\s*commissie"
    r"|\b(?-i:commissie)(?=\s+(?-i:[A-Z]))|\b(?:welke|which)\s+commissie\b"
    r"|\b(?:naar|in|uit|binnen|buiten|rond|door heel|(?<!according )to|into|within|from|across|throughout"
    r"|dan|than|voor|for|tussen|between|tegen|against|[a-z]{3,}ing)\s+(?:the\s+)?"
    r"(?:Nederland|Netherlands)\b|\bCaribisch\s+Nederland\b"
    r"|\b(?:aan|to)\s+(?:de|het|welke|which|the)?\s*(?:bewindspersonen|bewindspersoon|ministers?|staatssecretaris"
    r"|regering|kabinet|government|cabinet)\b", re.I)
_HEADING_KABINET_RE = re.compile(
    r"(?:antwoord|reactie)\b.*\b(?:bewindspersoon|minister|staatssecretaris|kabinet|regering)", re.I)
_LEDEN_RE = re.compile(r"\b[Ll]eden van de\s+")
_FRACTIE_END_RE = re.compile(r"fracties?(?![\w-]| van)")


def _whole_words(alternatives, flags: int = 0) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", flags)


def _party_pattern(flags: int) -> re.Pattern:
    """Party aliases, longest first ("GroenLinks-PvdA" beats "PvdA"); "VVD-fractie" and
    the "VVD-" of "VVD- en CDA-fractie" include their dash."""
    aliases = sorted(((a, c) for c, names in PARTIES.items() for a in names), key=lambda x: -len(x[0]))
    parts = [f"(?-i:{re.escape(a)})" if flags & re.I and c in CASE_SENSITIVE_PARTIES else re.escape(a)
             for a, c in aliases]
    return _whole_words([rf"(?:{'|'.join(parts)})(?:[-–](?:fracties?)?)?"], flags)


_PARTY_RE = _party_pattern(0)
_PARTY_QUERY_RE = _party_pattern(re.I)
_ALIAS_TO_PARTY = {a.lower(): c for c, names in PARTIES.items() for a in names}
_ACTOR_RES = [(canon, _whole_words(pats)) for table in (OTHER_ACTORS, DOCUMENT_ONLY_ACTORS)
              for canon, pats in table.items()]
_ACTOR_QUERY_RES = [(canon, _whole_words(pats, re.I)) for canon, pats in OTHER_ACTORS.items()]
_PRONOUN_RE = _whole_words(PRONOUNS)

# Free-form names accepted by normalize_actor (e.g. `--actor commissie`), besides the canonical ones.
_FREE_FORM = {
    "Nederland": "netherlands|the netherlands|nl",
    "Europese Commissie": "commissie|ec|commission|european commission",
    "Kabinet": "minister|regering|bewindspersoon|staatssecretaris|cabinet|government",
    "Lidstaten": "lidstaat|member states", "Voorzitterschap": "presidency", "NAVO": "nato",
}
ACTOR_ALIASES: dict[str, str] = {**_ALIAS_TO_PARTY, **{c.lower(): c for c in OTHER_ACTORS},
                                 **{a: c for c, names in _FREE_FORM.items() for a in names.split("|")}}


def normalize_actor(name: str) -> str | None:
    """Canonical actor for an alias, case-insensitively ("vvd", "GroenLinks-PvdA-fractie")."""
    key = re.sub(r"\s+", " ", name).strip().lower()
    key = re.sub(r"^(?:de|het|the)\s+|[-\s]?fractie$", "", key).strip()
    return ACTOR_ALIASES.get(key)


def party_of(text: str) -> str | None:
    """The party in a "Keijzer (BBB)"-style string, else any party named in it."""
    m = re.search(r"\(([^()]+)\)", text)
    in_brackets = normalize_actor(m.group(1)) if m else None
    if in_brackets in PARTIES:
        return in_brackets
    found = _PARTY_RE.search(text)
    return _party_canon(found.group()) if found else None


def section_actor(heading: str) -> str | None:
    """The actor whose section a heading opens ("... van de leden van de VVD-fractie" -> "VVD")."""
    heading = heading.strip()
    if not heading or len(heading) > 200 or heading.endswith((".", "?")):
        return None  # a sentence, not a heading
    return "Kabinet" if _HEADING_KABINET_RE.search(heading) else party_of(heading)


def fractie_subject(sentence: str) -> str | None:
    """The fractie a sentence names as speaker ("De leden van de X-fractie ..."); lets a
    caller switch context when a section heading is missing from the text."""
    return next(iter(_leden_fracties(_clean(sentence))), None)


def sentence_actors(sentence: str, context_actor: str | None = None) -> list[str]:
    """Actors whose position `sentence` states (its subject), else the context actor."""
    text = _clean(sentence)
    fallback = [context_actor] if context_actor else []
    if fracties := _leden_fracties(text):
        return fracties
    if text.endswith("?"):
        return fallback  # a question states nobody's position; it is the asker's (the section's)
    if (subject := _subject(text)) is None:
        return fallback
    actors = [context_actor if a == CONTEXT else a for a in _with_co_subjects(text, subject)]
    return _unique(a for a in actors if a) or fallback


def chunk_actors(sentences: list[str], context_actor: str | None) -> list[str]:
    """Union of the sentences' actors in order of first appearance. A heading or a
    "De leden van de X-fractie" sentence switches the context for what follows."""
    actors: list[str] = []
    for sentence in sentences:
        context_actor = section_actor(sentence) or fractie_subject(sentence) or context_actor
        actors.extend(sentence_actors(sentence, context_actor))
    return _unique(actors)


def detect_query_actor(question: str) -> str | None:
    """The actor a user question asks about, Dutch or English; the first one named."""
    text = _QUERY_EXCLUDE_RE.sub(" ", _clean(question))
    found = [(m.start(), _party_canon(m.group())) for m in _PARTY_QUERY_RE.finditer(text)]
    for canon, pattern in _ACTOR_QUERY_RES:
        found += [(m.start(), canon) for m in pattern.finditer(text)]
    return min(found)[1] if found else None


def query_actor_spans(question: str) -> list[tuple[int, int, str]]:
    """(start, end, actor) of every actor a question names, in order (for rewriting a
    follow-up question: "En de PVV?" swaps the previous question's actor)."""
    text = _QUERY_EXCLUDE_RE.sub(lambda m: " " * len(m.group()), question)
    found = [(m.start(), m.end(), _party_canon(m.group())) for m in _PARTY_QUERY_RE.finditer(text)]
    for canon, pattern in _ACTOR_QUERY_RES:
        found += [(m.start(), m.end(), canon) for m in pattern.finditer(text)]
    kept: list[tuple[int, int, str]] = []
    for start, end, actor in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, actor))
    return kept


# "het lid Kathmann", "de leden Kathmann en Six Dijkstra", "motie-Koops/Postma",
# "the Kathmann motion": a member of parliament named as the asker/indiener.
_NAME = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]e|[Vv]an der|[Vv]an den|[Vv]an 't)\s+)?[A-Z][\w'-]+"
_FULL_NAME = rf"{_NAME}(?:\s+{_NAME})?"
_MEMBER_RES = (
    re.compile(rf"\b(?:het|the)\s+(?:lid|Kamerlid|member)\s+({_FULL_NAME})"),
    re.compile(rf"\b[Dd]e\s+leden\s+({_FULL_NAME})"),
    re.compile(rf"\b[Mm]otie-({_NAME})"),
    re.compile(rf"\b[Mm]otie\s+van\s+(?:het\s+lid\s+|de\s+leden\s+)?({_FULL_NAME})"),
    re.compile(rf"\b(?:[Tt]he|[Dd]e)\s+({_NAME})\s+(?:motion|motie)"),
)


def detect_query_member(question: str) -> str | None:
    """A member of parliament the question names as asker or indiener, as written."""
    for pattern in _MEMBER_RES:
        m = pattern.search(question)
        if m and not normalize_actor(m.group(1)):
            name = m.group(1)
            return name[0].upper() + name[1:]
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))  # keeps the order of first appearance


def _party_canon(matched: str) -> str:
    return _ALIAS_TO_PARTY[re.sub(r"[-–](?:fracties?)?$", "", matched).lower()]


def _mentions(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping actor mentions (start, end, actor), longest first on overlap."""
    found = [(m.start(), m.end(), _party_canon(m.group())) for m in _PARTY_RE.finditer(text)]
    for canon, pattern in _ACTOR_RES:
        found += [(m.start(), m.end(), canon) for m in pattern.finditer(text)]
    found += [(m.start(), m.end(), CONTEXT) for m in _PRONOUN_RE.finditer(text)]
    kept: list[tuple[int, int, str]] = []
    for start, end, actor in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, actor))
    return kept


def _leden_fracties(text: str) -> list[str]:
    """Fracties in "de leden van de VVD-fractie" / "... van de VVD- en CDA-fractie"."""
    fracties = []
    for m in _LEDEN_RE.finditer(text):
        window = text[m.end():m.end() + 80]
        if end := _FRACTIE_END_RE.search(window):
            window = window[:end.end()]
        fracties += [_party_canon(p.group()) for p in _PARTY_RE.finditer(window)]
    return _unique(fracties)


def _subject(text: str) -> tuple[int, int, str] | None:
    """The actor mention in subject position of the main clause, if any."""
    clause_start = _main_clause_start(text)
    opening = _WORD_RE.match(text, clause_start)
    # After a fronted phrase (or a skipped subordinate clause, or in a question)
    # the finite verb comes first and the subject follows it.
    fronted = (clause_start > 0 or text.endswith("?")
               or bool(opening) and opening.group().lower() in FRONTING_WORDS)
    for start, end, actor in (m for m in _mentions(text) if m[0] >= clause_start):
        before = [w.lower() for w in _WORD_RE.findall(text[clause_start:start])]
        in_subclause = any(w in SUBORDINATORS or w in (":", "«") for w in before[1:])
        before = _strip_noun_phrase(before)
        if not before or before[-1] in SOURCE_PREPOSITIONS:
            return start, end, actor  # the sentence opens with this actor, or "volgens X"
        if in_subclause:
            return None  # we have left the main clause
        governor = before[-1]
        if governor in COORDINATORS:
            if _verb_follows(text, end):  # "... en de Commissie gaf aan"
                return start, end, actor
        elif fronted and governor not in PREPOSITIONS and governor.isalpha():
            return start, end, actor  # right after the finite verb
    return None


def _strip_noun_phrase(words: list[str]) -> list[str]:
    """Drop the determiners and adjectives that precede an actor ("een grote groep").
    An adjective only goes after a determiner or at the sentence start, so a verb
    ending in -e ("schetste het Poolse ...") stays as the governor."""
    words = list(words)
    while words and (words[-1] in MODIFIERS or _is_adjective(words[-1])
                     and (len(words) == 1 or words[-2] in MODIFIERS)):
        words.pop()
    return words


def _is_adjective(word: str) -> bool:
    """Inflected adjectives ("grote", "Poolse") end in -e; good enough inside a noun phrase."""
    return word.isalpha() and word.endswith("e") and word not in _FUNCTION_WORDS


def _main_clause_start(text: str) -> int:
    """Skip a fronted subordinate clause ("Hoewel ..., achten deze leden ...")."""
    first = _WORD_RE.match(text)
    if not first or first.group().lower() not in CLAUSE_OPENERS:
        return 0
    for m in re.finditer(r",\s*([\w-]+)", text):
        word = m.group(1).lower()
        if word.isalpha() and word not in _FUNCTION_WORDS:
            return m.start(1)  # ", vragen deze leden": the finite verb after the comma
    return 0


def _verb_follows(text: str, end: int) -> bool:
    """Is the next word plausibly a finite verb (lowercase, not a function word)?"""
    m = re.match(r"\s*([a-zë]+)\b", text[end:])
    return bool(m) and m.group(1) not in _FUNCTION_WORDS


def _with_co_subjects(text: str, subject: tuple[int, int, str]) -> list[str]:
    """Add coordinated actors ("X en de Commissie"), "samen met X" and "waaronder X";
    a member state named with "waaronder" goes first, as the more specific speaker."""
    _, cursor, actor = subject
    named, coordinated = [], [actor]
    for m_start, m_end, m_actor in (m for m in _mentions(text) if m[0] >= cursor):
        gap = [w.lower() for w in _WORD_RE.findall(text[cursor:m_start])]
        gap = [w for w in gap if w not in MODIFIERS and not _is_adjective(w) and w not in "(),"]
        if gap == ["waaronder"]:
            named.append(m_actor)
        elif len(gap) == 1 and gap[0] in COORDINATORS or gap[-2:] == ["samen", "met"] and not any(
                w in SUBORDINATORS for w in gap):
            coordinated.append(m_actor)
        else:
            break
        cursor = m_end
    return named + coordinated


def mentions_actor(text: str, actor: str) -> bool:
    """Whether `text` names `actor` anywhere (as subject, addressee or object): a party by any
    of its names, another actor by its patterns ("de regering", "de minister" for Kabinet),
    a member by name."""
    if actor in PARTIES:
        return any(_party_canon(m.group()) == actor for m in _PARTY_RE.finditer(text))
    pattern = dict(_ACTOR_QUERY_RES).get(actor)
    if pattern is not None:
        return bool(pattern.search(text))
    return bool(re.search(rf"\b{re.escape(actor)}\b", text, re.I))


# A speaker or member label: "Klaver (GroenLinks-PvdA)", "Brekelmans (minister van Defensie)".
LABEL_RE = re.compile(r"^\s*(?P<name>[^()]+?)\s*\((?P<role>[^()]+)\)\s*$")


def member_name(label: str) -> str:
    """"Klaver (GroenLinks-PvdA)" -> "Klaver"; a label without a role stays as it is."""
    m = LABEL_RE.match(label or "")
    return m.group("name").strip() if m else (label or "").strip()


def actor_in(actor: str, actors) -> bool:
    """Whether `actor` is among `actors`, a member matching by name: "Kathmann" (a motie's
    indiener, a question's "het lid Kathmann") is "Kathmann (GroenLinks-PvdA)" (a VLOS speaker),
    and a party is among its members' labels ("VVD" in ["Van Campen (VVD)"])."""
    if actor in actors:
        return True
    if actor in PARTIES:  # a member speaking for the fractie ("Van Campen (VVD)")
        return any(m and normalize_actor(m.group("role")) == actor for m in map(LABEL_RE.match, actors))
    name = member_name(actor).lower()
    return bool(name) and normalize_actor(actor) is None and any(member_name(a).lower() == name for a in actors)


def roster_from_speakers(speakers, officials: bool = False) -> dict[str, list[str]]:
    """Members of parliament as the store names them: surname (folded, with its particles:
    "van dijk") -> speaker labels ("Inge van Dijk (CDA)"), most frequent first. Only labels
    whose role is a party: ministers answer, they are no fractie's voice. With `officials`,
    the bewindspersonen instead: labels whose role is a government office ("Koolmees
    (minister van Sociale Zaken en Werkgelegenheid)", "Van Rij (staatssecretaris van ...)")."""
    counts: Counter = Counter()
    for s in speakers:
        m = LABEL_RE.match(s or "")
        if m and (_OFFICE_RE.match(m.group("role")) if officials else normalize_actor(m.group("role")) in PARTIES):
            counts[s.strip()] += 1
    out: dict[str, list[str]] = {}
    for label, _ in counts.most_common():
        words = member_name(label).split()
        i = len(words) - 1
        while i > 0 and words[i - 1].lower() in _PARTICLES:
            i -= 1
        out.setdefault(" ".join(words[i:]).lower(), []).append(label)
    return out


_OFFICE_RE = re.compile(r"(?:minister(?:-president)?|staatssecretaris|premier)\b", re.I)


def is_official(label: str) -> bool:
    """A bewindspersoon's label: "Koolmees (minister van Sociale Zaken en Werkgelegenheid)"."""
    m = LABEL_RE.match(label or "")
    return bool(m and _OFFICE_RE.match(m.group("role")))


_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "te", "'t", "in", "het"})


def member_parties(name: str, roster: dict[str, list[str]] | None) -> list[str]:
    """The parties of a member named without one ("Inge van Dijk", "Dijk": a motie's
    indieners, a Kamervraag's askers) as the store's speaker labels give them (`roster`,
    roster_from_speakers): the labels of that full name, else of that surname when all are
    one person's. [] for a name the roster does not hold or holds for several people ("Van
    Dijk": five members) — a guess would attribute a quote to the wrong fractie."""
    if not roster or not name or LABEL_RE.match(name):
        return []
    words = name.split()
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    labels = roster.get(" ".join(words[i:]).lower(), [])
    same = [lb for lb in labels if member_name(lb).lower() == name.lower()]
    if not same and len({member_name(lb).lower() for lb in labels}) == 1:
        same = labels
    return list(dict.fromkeys(p for p in map(party_of, same) if p))


def question_member(question: str, roster: dict[str, list[str]]) -> str | None:
    """The member a question names by surname ("Wat vroeg Klaver ...", "CDA-Kamerlid Inge van
    Dijk", "Westerveld van GroenLinks"), as the store labels them; a party named in the
    question picks among members of one surname. The surname must be capitalised as a name."""
    best = None
    party = detect_query_actor(question)
    for surname, labels in roster.items():
        parts = surname.split()
        pat = r"\b" + r"\s+".join(re.escape(p) for p in parts[:-1]) + (r"\s+" if len(parts) > 1 else "")
        # the surname as the labels write it: a double name is capitalised twice ("Yeşilgöz-Zegerius")
        last = next((w for lb in labels for w in member_name(lb).split() if w.lower() == parts[-1]),
                    parts[-1][:1].upper() + parts[-1][1:])
        m = re.search(pat + re.escape(last) + r"\b", question, re.I if len(parts) > 1 else 0)
        if not m or (len(parts) > 1 and not question[m.end() - len(parts[-1])].isupper()):
            continue
        pick = next((lb for lb in labels if party and party_of(lb) == party), labels[0])
        if best is None or len(surname) > len(best[0]):  # "van Dijk" before "Dijk"
            best = (surname, pick)
    return best[1] if best else None
