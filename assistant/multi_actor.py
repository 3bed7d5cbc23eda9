"""`ask` on a question about several actors ("Wat vinden de fracties van X?", "Which
parties asked about Y?", "Wat zeiden de lidstaten over Z?"): the answer is grouped per
actor, made from `positions` (the same function as the CLI command and the UI tab), with
citations built by code from the statements (verbatim quotes)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import Answer, Citation
from assistant.answer import REFUSAL
from assistant.positions import positions

_PARTIES = r"(?:de\s+)?(?:fracties|partijen|politieke partijen|kamerfracties|(?:the\s+)?(?:political\s+)?parties|factions)"
_STATES = r"(?:de\s+)?(?:(?:andere\s+|overige\s+)?lidstaten|landen|(?:the\s+)?(?:other\s+)?member states|countries)"
_ACTORS = r"(?:de\s+)?(?:actoren|partijen en lidstaten|(?:the\s+)?actors)"
_TOPIC = r"(?P<topic>.+?)\s*\??\s*$"
_ABOUT = r"(?:over|van|omtrent|inzake|ten aanzien van|about|on|of|regarding)"

# (group, pattern): group names the actor kinds the question is about. Case-insensitive,
# matched on the whole question; the named group `topic` is what they spoke about.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("fracties", rf"^(?:wat|hoe)\s+(?:vinden|vonden|denken|dachten|zeggen|zeiden|zegden|vroegen|vragen)\s+{_PARTIES}\s+{_ABOUT}\s+{_TOPIC}"),
    ("fracties", rf"^(?:welke|wat voor)\s+(?:fracties|partijen)\s+\w+(?:\s+\w+)?\s+{_ABOUT}\s+{_TOPIC}"),
    ("fracties", rf"^(?:wat\s+(?:zijn|waren)\s+)?de\s+(?:standpunten|posities|meningen)\s+van\s+{_PARTIES}\s+{_ABOUT}\s+{_TOPIC}"),
    ("fracties", rf"^(?:what|how)\s+(?:do|did|does)\s+{_PARTIES}\s+(?:think|say|ask|argue|feel)\s+{_ABOUT}\s+{_TOPIC}"),
    ("fracties", rf"^which\s+(?:parties|factions)\s+\w+(?:\s+\w+)?\s+{_ABOUT}\s+{_TOPIC}"),
    ("fracties", rf"^(?:what\s+(?:are|were)\s+)?the\s+(?:positions|views)\s+of\s+{_PARTIES}\s+{_ABOUT}\s+{_TOPIC}"),
    ("lidstaten", rf"^(?:wat|hoe)\s+(?:vinden|vonden|denken|dachten|zeggen|zeiden|zegden|vroegen|brachten)\s+{_STATES}\s+(?:in\s+)?{_ABOUT}\s+{_TOPIC}"),
    ("lidstaten", rf"^welke\s+(?:lidstaten|landen)\s+\w+(?:\s+\w+)?\s+{_ABOUT}\s+{_TOPIC}"),
    ("lidstaten", rf"^(?:what|how)\s+(?:do|did|does)\s+{_STATES}\s+(?:think|say|ask|argue|feel)\s+{_ABOUT}\s+{_TOPIC}"),
    ("lidstaten", rf"^which\s+(?:member states|countries)\s+\w+(?:\s+\w+)?\s+{_ABOUT}\s+{_TOPIC}"),
    ("iedereen", rf"^wie\s+(?:zei|zeiden|zegt|vond|vindt|vroeg|vroegen)\s+wat\s+{_ABOUT}\s+{_TOPIC}"),
    ("iedereen", rf"^who\s+said\s+what\s+{_ABOUT}\s+{_TOPIC}"),
    ("iedereen", rf"^wat\s+(?:vinden|vonden|zeiden|zeggen)\s+{_ACTORS}\s+{_ABOUT}\s+{_TOPIC}"),
)
_COMPILED = tuple((g, re.compile(p, re.I)) for g, p in PATTERNS)
KINDS = {"fracties": ("fractie", "lid"), "lidstaten": ("land",), "iedereen": ("fractie", "lid", "land", "instelling", "kabinet")}

INTRO = {
    "fracties": {"nl": "Wat de fracties erover zeiden, per fractie:",
                 "en": "What the parties said, per party (quoted in the original Dutch):"},
    "lidstaten": {"nl": "Wat de lidstaten erover zeiden, per land:",
                  "en": "What the member states said, per country (quoted in the original Dutch):"},
    "iedereen": {"nl": "Wie wat zei, per actor:", "en": "Who said what, per actor (quoted in the original Dutch):"},
}


@dataclass(frozen=True)
class MultiActorQuestion:
    group: str  # fracties | lidstaten | iedereen
    topic: str


def detect(question: str) -> MultiActorQuestion | None:
    """A question about several actors, and its topic; None for any other question."""
    text = " ".join(question.split())
    for group, pattern in _COMPILED:
        m = pattern.match(text)
        if m and m.group("topic").strip(" ?.,"):
            return MultiActorQuestion(group, m.group("topic").strip(" ?.,"))
    return None


def compose(q: MultiActorQuestion, result, lang: str, refusal: str, max_actors: int = 8, per_actor: int = 2) -> Answer:
    """One line per actor with its best statements quoted verbatim; one citation per
    (actor, passage). No statements: the refusal phrase."""
    groups = [p for p in result.positions if p.kind in KINDS[q.group]][:max_actors]
    if not groups:
        return Answer(refusal, False, lang)
    citations, lines = [], []
    for ap in groups:
        best = sorted(sorted(ap.statements, key=lambda s: -s.score)[:per_actor], key=lambda s: (s.chunk.position, s.index))
        parts = []
        for chunk_id in dict.fromkeys(s.chunk.chunk_id for s in best):
            sts = [s for s in best if s.chunk.chunk_id == chunk_id]
            citations.append(Citation(len(citations) + 1, sts[0].chunk, " ".join(s.quote for s in sts), [ap.actor]))
            parts.append(" ".join(f"“{s.quote}”" for s in sts) + f" [{len(citations)}]")
        lines.append(f"- {ap.actor}: " + " ".join(parts))
    return Answer(INTRO[q.group][lang] + "\n" + "\n".join(lines), True, lang, citations)


def answer(engine, q: MultiActorQuestion, lang: str, filters=None, mode: str = "hybrid") -> Answer:
    result = positions(engine, q.topic, mode=mode, filters=filters)
    ans = compose(q, result, lang, REFUSAL[lang])
    ans.notes.append(f"grouped per actor ({q.group}) on the topic {q.topic!r}")
    return ans
