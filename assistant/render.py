"""Plain formatting helpers for the terminal and the UI (tested without a server)."""
from __future__ import annotations

import html
import re

from assistant.models import Answer, Citation


def citation_label(c: Citation) -> str:
    ch = c.chunk
    parts = [ch.title or ch.doc_id]
    if ch.date:
        parts.append(ch.date)
    if ch.dossier:
        parts.append(f"dossier {ch.dossier}")
    if ch.page:
        parts.append(f"p. {ch.page}")
    if ch.actors:
        parts.append("/".join(ch.actors[:3]))
    return ", ".join(parts)


def render_answer_text(ans: Answer) -> str:
    """The answer as readable terminal text: the answer, then the resolved citations."""
    lines = [ans.answer]
    if ans.citations:
        lines.append("")
        lines.append("Bronnen:" if ans.language == "nl" else "Sources:")
        for c in ans.citations:
            lines.append(f"[{c.n}] {citation_label(c)}")
            lines.append(f"    {c.chunk.source_path}  #{c.chunk.chunk_id}")
    if ans.fallback:
        lines.append("(LLM-antwoord afgewezen door de controles; extractief antwoord getoond)")
    return "\n".join(lines)


def answer_markdown(ans: Answer) -> str:
    """The answer for the chat window: citation markers become superscript chips."""
    text = html.escape(ans.answer)
    text = re.sub(r"\[(\d+)\]", r'<sup class="cite" data-n="\1">[\1]</sup>', text)
    return text.replace("\n", "<br>")


def highlight(passage: str, quote: str) -> str:
    """The passage as HTML with the cited sentences marked."""
    out = html.escape(passage)
    for sent in [s for s in re.split(r"(?<=[.!?»])\s+", quote) if s.strip()]:
        esc = html.escape(sent.strip())
        if esc in out:
            out = out.replace(esc, f"<mark>{esc}</mark>", 1)
    return out.replace("\n\n", "<br><br>")


def sources_html(ans: Answer) -> str:
    if not ans.citations:
        return ""
    cards = []
    for c in ans.citations:
        ch = c.chunk
        meta = " · ".join(html.escape(x) for x in [ch.doc_type, ch.date or "", ch.dossier and f"dossier {ch.dossier}" or "",
                                                   ch.page and f"p. {ch.page}" or "", "/".join(ch.actors[:3])] if x)
        cards.append(
            f'<div class="source" id="source-{c.n}"><div class="source-title">[{c.n}] {html.escape(ch.title or ch.doc_id)}</div>'
            f'<div class="source-meta">{meta}</div><div class="source-text">{highlight(ch.text, c.quote)}</div>'
            f'<div class="source-path">{html.escape(ch.source_path)}</div></div>'
        )
    return "\n".join(cards)


def export_markdown(history: list[tuple[str, Answer]]) -> str:
    """A conversation as Markdown with every citation resolved."""
    out = ["# Dossierwijzer — gesprek", ""]
    for question, ans in history:
        out += [f"**Vraag:** {question}", "", ans.answer, ""]
        for c in ans.citations:
            out.append(f"[{c.n}] {citation_label(c)} — {c.chunk.source_path}")
        out.append("")
    return "\n".join(out)
