"""`ask`: the configured answerer (extractive default, or the guarded LLM)."""
from __future__ import annotations

from typing import Callable

from assistant.answer import answer_question
from assistant.llm import guarded_answer
from assistant.types import Answer


def ask(engine, question: str, filters=None, mode: str = "hybrid", top_k: int | None = None,
        on_token: Callable[[str], None] | None = None) -> Answer:
    if engine.settings.answer.answerer == "llm":
        return guarded_answer(engine, question, engine.llm(), filters, on_token=on_token, mode=mode, top_k=top_k)
    return answer_question(engine, question, filters, mode=mode, top_k=top_k)
