"""Follow-up questions in a conversation: "En wat vond de VVD daarvan?" after a question
about the Blueprint Cyber becomes "Wat vond de VVD van de Blueprint Cyber?".

Deterministic and rule-based (no model), Dutch and English:
  1. an anaphor ("daarvan", "hierover", "dat voorstel", "about it") is replaced by the
     previous question's topic, with its preposition ("daarvan" -> "van <topic>");
  2. an elliptic follow-up naming only a new actor ("En de PVV?", "And the VVD?",
     "Hoe zit het met D66?") repeats the previous question with the actor swapped;
  3. an elliptic follow-up naming only a new aspect ("En de kosten?") asks for that
     aspect of the previous topic.
A question that is not a follow-up, or one without a previous turn, is left unchanged.
The topic of a previous question is the phrase after "over/about/inzake/..." (or "van"
after an opinion verb), else its content words. History is resolved oldest first, so a
follow-up of a follow-up keeps the original topic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.actors import query_actor_spans
from index.text import DUTCH_STOPWORDS


@dataclass(frozen=True)
class Rewrite:
    """A question as asked and as searched (the standalone form)."""

    asked: str
    searched: str

    @property
    def rewritten(self) -> bool:
        return self.searched != self.asked


# Pronominal adverbs -> the preposition they stand for ("daarvan" = "van dat").
_PRON_ADV = {"van": "van", "over": "over", "op": "op", "bij": "bij", "mee": "met", "tegen": "tegen",
             "aan": "aan", "voor": "voor", "in": "in", "uit": "uit", "door": "door", "om": "om", "naar": "naar"}
_PRON_ADV_RE = re.compile(rf"\b(?:daar|hier|er)({'|'.join(_PRON_ADV)})\b", re.I)
# Noun-phrase anaphors that stand for the topic itself.
_NP_ANAPHOR_RE = re.compile(
    r"\b(?:dat|dit|deze|die|het|that|this|the|those|these)\s+(?:voorstel|plan|plannen|onderwerp|punt|maatregel|"
    r"maatregelen|motie|wet|wetsvoorstel|document|kwestie|proposal|plan|topic|issue|measure|motion|bill)\b", re.I)
# English: "about it", "of that", "on this" -> the preposition and the topic.
_EN_ANAPHOR_RE = re.compile(r"\b(about|of|on|regarding|with|against|for|to)\s+(?:it|that|this|them)\b", re.I)
_OPENER_RE = re.compile(r"^\s*(?:en|maar|of|and|but|or|ook|also)\b[\s,]*", re.I)
_ELLIPSIS_OPENER_RE = re.compile(r"^\s*(?:en\s+)?(?:hoe\s+zit\s+het\s+met|hoe\s+staat\s+het\s+met|wat\s+dacht\s+je\s+van|"
                                 r"what\s+about|how\s+about|and\s+what\s+about)\b\s*", re.I)
# Words an elliptic follow-up may hold besides its actor/aspect.
_FILLER = frozenset("""wat welke wie hoe vond vindt vinden vonden vind zei zegt zeggen zeiden dacht denkt
    denken dachten stelde stelt vroeg vraagt vroegen ingebracht inbreng standpunt positie mening wilde wil willen
    heeft hebben had hadden er dan daar nu ook eigenlijk precies hoeveel wanneer waarom waar when why where
    what which who how did does do say said think thought want wanted position view stance the de het een a an
    en and maar but of or about""".split())
# The topic of a question: the phrase after one of these.
_TOPIC_RE = re.compile(
    r"\b(?:over|omtrent|inzake|betreffende|aangaande|rond(?:om)?|ten aanzien van|met betrekking tot|"
    r"about|regarding|concerning|on)\s+(.+?)\s*[?.!]*\s*$", re.I)
_OPINION_VAN_RE = re.compile(r"\b(?:vind\w*|vond\w*|denk\w*|dacht\w*|think\w*|thought)\b.*?\b(?:van|of)\s+(.+?)\s*[?.!]*\s*$",
                             re.I)
_WORD_RE = re.compile(r"[\w'’-]+")


def is_english(question: str) -> bool:
    words = {w.lower() for w in _WORD_RE.findall(question)}
    return len(words & {"what", "which", "how", "did", "does", "the", "and", "about", "say", "who", "is"}) >= 1 \
        and not words & {"wat", "welke", "hoe", "de", "het", "en", "over", "van", "is er"}


def topic_of(question: str) -> str:
    """The subject matter of a (standalone) question, without its actor."""
    q = question.strip()
    for pattern in (_OPINION_VAN_RE, _TOPIC_RE):
        if m := pattern.search(q):
            topic = m.group(1).strip()
            if _content_words(topic):
                return topic
    spans = query_actor_spans(q)
    for start, end, _ in reversed(spans):
        q = q[:start] + " " + q[end:]
    words = [w for w in _WORD_RE.findall(q) if w.lower() not in DUTCH_STOPWORDS and w.lower() not in _FILLER]
    return " ".join(words)


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text) if w.lower() not in _FILLER and w.lower() not in DUTCH_STOPWORDS]


def _capitalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text[:1].upper() + text[1:] if text else text


def _question_mark(text: str) -> str:
    return text if text.endswith(("?", ".", "!")) else text + "?"


def _replace_anaphors(question: str, topic: str) -> str | None:
    """The question with its anaphor(s) replaced by the topic, or None if it has none."""
    out, n = _PRON_ADV_RE.subn(lambda m: f"{_PRON_ADV[m.group(1).lower()]} {topic}", question)
    out, k = _NP_ANAPHOR_RE.subn(topic, out)
    out, e = _EN_ANAPHOR_RE.subn(lambda m: f"{m.group(1)} {topic}", out)
    if not (n or k or e):
        return None
    return _capitalise(_question_mark(_OPENER_RE.sub("", out)))


def _actor_phrase(question: str, span: tuple[int, int, str]) -> str:
    """The actor as written, with its article ("de VVD", "the Netherlands")."""
    start, end, _ = span
    before = question[:start]
    m = re.search(r"\b(de|het|the)\s+$", before, re.I)
    return (m.group(1) + " " if m else "") + question[start:end]


def _swap_actor(previous: str, new_actor: str) -> str:
    """The previous question with its (first) actor replaced by `new_actor`."""
    spans = query_actor_spans(previous)
    start, end, _ = spans[0]
    m = re.search(r"\b(?:de|het|the)\s+$", previous[:start], re.I)
    if m:
        start = m.start()
    return _capitalise(previous[:start] + new_actor + previous[end:])


def _elliptic(question: str, previous: str, topic: str) -> str | None:
    """"En de PVV?" / "And the costs?" -> a standalone question, or None."""
    opened = bool(_OPENER_RE.match(question) or _ELLIPSIS_OPENER_RE.match(question))
    rest = _ELLIPSIS_OPENER_RE.sub("", question)
    rest = _OPENER_RE.sub("", rest).strip()
    spans = query_actor_spans(rest)
    residue = rest
    for start, end, _ in reversed(spans):
        residue = residue[:start] + " " + residue[end:]
    leftover = _content_words(residue)
    has_verb = bool({w.lower() for w in _WORD_RE.findall(residue)} & _FILLER - {"de", "het", "the", "een", "a", "an"})
    english = is_english(previous)
    if spans and not leftover and (opened or has_verb):
        actor = _actor_phrase(rest, spans[0])
        if query_actor_spans(previous):
            if has_verb and _WORD_RE.findall(residue)[0].lower() in ("wat", "what", "hoe", "how"):
                prep = "of" if english else "van"
                return _capitalise(_question_mark(f"{rest.rstrip('?!. ')} {prep} {topic}"))
            return _question_mark(_swap_actor(previous, actor))
        if english:
            return f"What did {actor} say about {topic}?"
        return f"Wat vond {actor} van {topic}?"
    if opened and not spans and 0 < len(leftover) <= 3 and len(_WORD_RE.findall(rest)) <= 5:
        aspect = rest.rstrip("?!. ")
        return _capitalise(f"{aspect} {'of' if english else 'van'} {topic}?")
    return None


def standalone(question: str, previous: str | None) -> Rewrite:
    """`question` as a standalone question given the previous (standalone) question."""
    asked = (question or "").strip()
    if not previous or not previous.strip() or not asked:
        return Rewrite(asked, asked)
    topic = topic_of(previous)
    if not topic:
        return Rewrite(asked, asked)
    searched = _replace_anaphors(asked, topic) or _elliptic(asked, previous.strip(), topic) or asked
    return Rewrite(asked, searched)


def rewrite(question: str, history: list[str] | None = None) -> Rewrite:
    """`question` after the previous questions `history` (oldest first, as asked): each is
    resolved against the one before it, so the topic carries through a chain of follow-ups."""
    previous = None
    for q in history or []:
        previous = standalone(q, previous).searched
    return standalone(question, previous)
