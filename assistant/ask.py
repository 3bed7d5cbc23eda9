"""`ask`: the configured answerer (extractive default, or the guarded LLM); a question
about several actors ("Wat vinden de fracties van X?") is answered per actor from
`positions` whichever answerer is configured (quotes and citations made by code)."""
from __future__ import annotations

from typing import Callable

from assistant import multi_actor
from assistant.answer import answer_question
from assistant.llm import guarded_answer
from assistant.language import detect_language
from assistant.types import Answer


def ask(engine, question: str, filters=None, mode: str = "hybrid", top_k: int | None = None,
        on_token: Callable[[str], None] | None = None) -> Answer:
    several = multi_actor.detect(question) if not (filters and filters.actor) else None
    if several:
        ans = multi_actor.answer(engine, several, detect_language(question), filters, mode)
        if on_token:
            on_token(ans.answer)
        return ans
    if engine.settings.answer.answerer == "llm":
        return guarded_answer(engine, question, engine.llm(), filters, on_token=on_token, mode=mode, top_k=top_k)
    return answer_question(engine, question, filters, mode=mode, top_k=top_k)
