"""The topic of a question: its content stems less the words of its frame ("vragen",
"standpunt") and the asked actor's names, plus the parts of its compounds, each weighted
by its corpus IDF. Shared by the reranker and the answerer."""
from __future__ import annotations

from index.actors import ACTOR_ALIASES
from index.text import tokenize

# Words of the question's frame, not its topic: sharing them makes no sentence an answer.
QUESTION_WORDS = frozenset(tokenize(
    "fractie fracties leden vragen vraag vroeg vroegen stelde stelden ingebracht inbreng zei zeiden "
    "gezegd standpunt mening argue argued ask asked say said position think "
    # opinion and wish verbs frame "Wat vindt / vond / wil X van ...": a sentence sharing only them is no answer
    "vindt vond vonden vinden denkt dacht dachten wil wilde wilden willen zegt wants wanted"))


def topic_terms(question: str, actor: str | None, parts: tuple[str, ...] = (),
                co_actors: tuple[str, ...] = ()) -> set[str]:
    """The question's topic stems: its words less the frame ("vragen", "standpunt") and the
    asked actors' names, plus the parts of its compounds."""
    q_terms = (set(tokenize(question)) | set(parts)) - QUESTION_WORDS
    for who in (actor, *co_actors) if actor else ():  # naming the actor ("de minister", "Nederlandse") is no topic word
        aliases = " ".join(a for a, c in ACTOR_ALIASES.items() if c == who)
        q_terms -= set(tokenize(f"{who} {who}-fractie {aliases}"))
    return q_terms


def topic_weights(q_terms: set[str], df=None) -> dict[str, float]:
    """Weight of each topic term of the question: its corpus IDF when known (a word found in
    every other passage, "draaien", "diensten", weighs little), else 1."""
    return {t: (df.idf(t) if df is not None else 1.0) for t in q_terms}
