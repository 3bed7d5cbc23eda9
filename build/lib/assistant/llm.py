"""Optional LLM answerer, behind guardrails.

The extractive step chooses the evidence first; the LLM may only rephrase/condense it.
Its output is accepted only if every sentence cites [n] of a passage it was given and
is supported by that passage (content-word overlap). Any failure, or a timeout, returns
the extractive answer with `fallback: true`. No evidence -> no LLM call.

Models are passed explicitly (never llama-index's global Settings): an OpenAI-compatible
endpoint through `llama-index-llms-openai-like`, or a local GGUF run in-process with
`xllamacpp` wrapped as a llama-index CustomLLM.
"""
from __future__ import annotations

import concurrent.futures as cf
import threading
import re
from typing import Callable, Iterator, Protocol

from assistant.answer import REFUSAL, answer_question
from assistant.types import Answer, Citation
from index.sentences import split_sentences
from index.text import tokenize
from prompts import render

SUPPORT_THRESHOLD = 0.5  # share of a sentence's content words that must occur in its cited passage(s)
_CITE = re.compile(r"\[(\d+)\]")


class TextLLM(Protocol):
    """What the guard needs of a model: a stream of text pieces for a prompt."""

    def stream(self, prompt: str) -> Iterator[str]: ...


def fence_sources(citations: list[Citation]) -> str:
    """Passages as fenced, numbered data blocks; a passage cannot close its own fence."""
    blocks = []
    for c in citations:
        body = c.chunk.text.replace("<bron", "&lt;bron").replace("</bron", "&lt;/bron")
        meta = f'n="{c.n}" titel="{c.chunk.title}" datum="{c.chunk.date or ""}" actor="{", ".join(c.actors)}"'
        blocks.append(f"<bron {meta}>\n{body}\n</bron>")
    return "\n".join(blocks)


def build_prompt(question: str, base: Answer) -> str:
    return render(
        f"answer_{base.language}",
        question=question.replace("\n", " "),
        sources=fence_sources(base.citations),
        source_numbers=", ".join(f"[{c.n}]" for c in base.citations),
        refusal=REFUSAL[base.language],
    )


def check_answer(text: str, citations: list[Citation]) -> list[str]:
    """Problems with an LLM answer; empty means it passes the guard."""
    by_n = {c.n: c for c in citations}
    problems = []
    sentences = [s for s in split_sentences(text) if tokenize(_CITE.sub("", s))]
    if not sentences:
        return ["empty answer"]
    for sent in sentences:
        ns = [int(n) for n in _CITE.findall(sent)]
        if not ns:
            problems.append(f"sentence without citation: {sent[:80]!r}")
            continue
        unknown = [n for n in ns if n not in by_n]
        if unknown:
            problems.append(f"cites a source it was not given: {unknown}")
            continue
        words = set(tokenize(_CITE.sub("", sent)))
        support = set().union(*(set(tokenize(by_n[n].chunk.text)) for n in ns))
        if len(words & support) / max(len(words), 1) < SUPPORT_THRESHOLD:
            problems.append(f"unsupported by [{', '.join(map(str, ns))}]: {sent[:80]!r}")
    return problems


def guarded_answer(engine, question: str, llm: TextLLM, filters=None, timeout: float | None = None,
                   on_token: Callable[[str], None] | None = None, mode: str = "hybrid",
                   top_k: int | None = None) -> Answer:
    base = answer_question(engine, question, filters, mode=mode, top_k=top_k)
    if not base.answered:
        return base  # no evidence: no model call, just the refusal
    prompt = build_prompt(question, base)
    timeout = timeout or engine.settings.llm.timeout_s
    stop = threading.Event()  # set on timeout: the model's stream is abandoned, no more tokens go out

    def generate() -> str:
        parts = []
        stream = llm.stream(prompt)
        try:
            for piece in stream:
                if stop.is_set():
                    break
                parts.append(piece)
                if on_token:
                    on_token(piece)
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()  # a generator stops generating; a client stream closes its connection
        return "".join(parts).strip()

    pool = cf.ThreadPoolExecutor(max_workers=1)
    try:
        text = pool.submit(generate).result(timeout=timeout)
    except cf.TimeoutError:
        stop.set()
        return _fallback(base, f"LLM timed out after {timeout:.1f} s")
    except Exception as e:  # noqa: BLE001 - any model failure falls back, named in the notes
        return _fallback(base, f"LLM failed: {type(e).__name__}: {e}")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    if text == REFUSAL[base.language]:
        return _fallback(base, "LLM refused although evidence was found")
    problems = check_answer(text, base.citations)
    if problems:
        return _fallback(base, "LLM answer rejected: " + "; ".join(problems[:3]))
    return Answer(text, True, base.language, base.citations, answerer="llm", notes=base.notes)


def _fallback(base: Answer, reason: str) -> Answer:
    base.fallback = True
    base.notes.append(reason)
    return base


class LlamaIndexLLM:
    """Adapter from any llama-index LLM (passed explicitly) to TextLLM."""

    def __init__(self, llm):
        self.llm = llm

    def stream(self, prompt: str) -> Iterator[str]:
        for r in self.llm.stream_complete(prompt):
            yield r.delta or ""


def make_llm(settings) -> TextLLM:
    """The configured model: --llm-url (OpenAI-compatible) or --llm-gguf (xllamacpp)."""
    if settings.llm.url:
        from llama_index.llms.openai_like import OpenAILike

        return LlamaIndexLLM(OpenAILike(model=settings.llm.model, api_base=settings.llm.url,
                                        api_key=settings.llm.api_key or "none", is_chat_model=True,
                                        timeout=settings.llm.timeout_s, max_tokens=400, temperature=0.0))
    if settings.llm.gguf:
        from assistant.llm_gguf import XLlamaCppLLM  # lazy: xllamacpp is an optional dependency

        return LlamaIndexLLM(XLlamaCppLLM(model_path=str(settings.llm.gguf)))
    raise UserError("the LLM answerer needs --llm-url URL (OpenAI-compatible) or --llm-gguf PATH")
