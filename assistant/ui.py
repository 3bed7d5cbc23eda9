"""Gradio Blocks for the chat UI: question in, cited answer left, sources right."""
from __future__ import annotations

from assistant.answer import answer_question
from assistant.render import answer_markdown, sources_html

CSS = """
.source {border:1px solid #ddd; border-radius:8px; padding:8px; margin-bottom:8px}
.source-title {font-weight:600}
.source-meta {color:#555; font-size:0.85em}
.source-path {color:#888; font-size:0.75em; word-break:break-all}
mark {background:#fff2a8}
sup.cite {color:#1f5fbf; font-weight:600}
"""

LABELS = {
    "nl": {"title": "Dossierwijzer", "question": "Uw vraag", "ask": "Vraag", "answer": "Antwoord", "sources": "Bronnen",
           "empty": "De index is leeg: voeg documenten toe met `dossierwijzer ingest PAD`."},
    "en": {"title": "Dossierwijzer", "question": "Your question", "ask": "Ask", "answer": "Answer", "sources": "Sources",
           "empty": "The index is empty: add documents with `dossierwijzer ingest PATH`."},
}


def ask_to_html(engine, question: str) -> tuple[str, str]:
    """The (answer HTML, sources HTML) pair the chat shows for a question."""
    if not question or not question.strip():
        return "", ""
    if engine.is_empty():
        return LABELS[engine.settings.ui_language]["empty"], ""
    ans = answer_question(engine, question.strip())
    return f'<div class="answer">{answer_markdown(ans)}</div>', sources_html(ans)


def build_blocks(engine):
    import gradio as gr

    lab = LABELS[engine.settings.ui_language]
    with gr.Blocks(title=lab["title"]) as demo:
        gr.HTML(f"<style>{CSS}</style>")
        gr.Markdown(f"# {lab['title']}")
        with gr.Row():
            with gr.Column(scale=3):
                q = gr.Textbox(label=lab["question"], elem_id="question")
                btn = gr.Button(lab["ask"], variant="primary", elem_id="ask")
                answer = gr.HTML(label=lab["answer"], elem_id="answer")
            with gr.Column(scale=2):
                gr.Markdown(f"### {lab['sources']}")
                sources = gr.HTML(elem_id="sources")
        for trigger in (btn.click, q.submit):
            trigger(lambda text: ask_to_html(engine, text), inputs=q, outputs=[answer, sources])
    return demo
