"""Gradio Blocks: a chat with cited answers (left) and their sources (right), filters,
related passages, document upload and evaluation.

Handlers are methods of `Handlers` (bound to one Engine): gradio finds gr.Request /
gr.Progress parameters and generator functions on bound methods, not on partials.
HTML comes from assistant/render.py, file handling from assistant/ui_files.py.
"""
from __future__ import annotations

import html
import logging
import queue
import threading
import time

import gradio as gr

from assistant import render
from assistant import service
from assistant.ui_positions import LABELS as POSITIONS_LABELS, positions_tab
from assistant.ui_files import ALLOWED_EXT, Evaluator, export_path, ingest_upload
from index.errors import UserError
from index.store import BadDate, Filters

log = logging.getLogger("dossierwijzer.ui")
SKIP7 = (gr.skip(),) * 7
REVEAL_S = 0.05  # between the lines of an extractive answer as it streams in


def make_filters(dossier, doc_type, actor, date_from, date_to) -> Filters:
    """UI values -> Filters, as every front end makes them (the actor normalised)."""
    return Filters.from_inputs(dossier=dossier, doc_type=doc_type, actor=actor, date_from=date_from, date_to=date_to)


def facets(engine, limit: int = 20000) -> dict[str, list[str]]:
    """Filter choices from stored payloads (bounded scan: the dropdowns also accept typing)."""
    found: dict[str, set] = {"dossier": set(), "doc_type": set(), "actor": set()}
    for i, p in enumerate(engine.store.scroll()):
        if i >= limit:
            break
        found["dossier"].update(x for x in (p.get("dossier_number"), p.get("dossier")) if x)
        found["doc_type"].update([p["doc_type"]] if p.get("doc_type") else [])
        found["actor"].update(p.get("actors") or [])
    return {k: sorted(v) for k, v in found.items()}


def document_rows(engine) -> list[list]:
    return [[s.title or p.rsplit("/", 1)[-1], s.doc_type, len(s.chunk_ids), p.rsplit("/", 1)[-1]]
            for p, s in engine.manifest.documents()]


class Handlers:
    def __init__(self, engine, evaluator: Evaluator | None = None):
        self.engine = engine
        self.evaluator = evaluator
        self.lang = engine.settings.ui.language
        self.lab = render.labels(self.lang)

    def header(self) -> str:
        return render.header_html(self.engine.settings.answer.answerer, len(self.engine.manifest.documents()), self.lang)

    def chat(self, question, history, dossier, doc_type, actor, date_from, date_to, request: gr.Request = None):
        """Generator: first 'zoeken…', then the answer. Outputs: conversation, sources,
        status, history, export file, related-passage choices, question box."""
        lab, lang = self.lab, self.lang
        question, history = (question or "").strip(), list(history or [])
        if not question:
            yield SKIP7
            return
        try:
            filters = make_filters(dossier, doc_type, actor, date_from, date_to)
        except BadDate as e:
            yield (*SKIP7[:2], f"⚠️ {lab['bad_date']} ({e.value})", *SKIP7[3:])
            return
        except UserError as e:
            yield (*SKIP7[:2], f"⚠️ {e}", *SKIP7[3:])
            return
        if self.engine.is_empty():
            yield (*SKIP7[:2], f"⚠️ {lab['empty']}", *SKIP7[3:])
            return
        yield (render.conversation_html(history, lang, pending=question), gr.skip(), f"🔎 {lab['searching']}",
               *SKIP7[3:6], "")
        t0 = time.perf_counter()
        try:
            for partial, ans in self._answer_stream(question, filters):
                if ans is None:  # the answer so far, streamed into the pending bubble
                    yield (render.conversation_html(history, lang, pending=question, partial=partial), gr.skip(),
                           f"✍️ {lab['writing']}", *SKIP7[3:6], "")
        except UserError as e:
            yield render.conversation_html(history, lang), gr.skip(), f"⚠️ {e}", *SKIP7[3:6], question
            return
        history.append((question, ans))
        status = lab["answered_in"].format(ms=round(1000 * (time.perf_counter() - t0)))
        status += "" if ans.answered else f" · {lab['refused']}"
        path = export_path(self.engine, getattr(request, "session_hash", "") or "")
        path.write_text(render.export_markdown(history), encoding="utf-8")
        choices = [(f"[{c.n}] {c.chunk.title}: {c.quote[:70]}…", c.chunk.chunk_id) for c in ans.citations]
        yield (render.conversation_html(history, lang), render.sources_panel_html(history, lang), status, history,
               gr.update(value=str(path), interactive=True), gr.update(choices=choices, value=None), "")

    def _answer_stream(self, question, filters):
        """(text so far, None) while the answer streams in, then ("", Answer).

        The LLM answerer streams its tokens as they come (the guard may still replace them
        by the extractive answer at the end). The extractive answer is complete at once;
        it is revealed line by line (intro, then each quote with its [n]), REVEAL_S apart."""
        if self.engine.settings.answer.answerer != "llm":
            ans = service.ask(self.engine, question, filters=filters)
            lines = ans.answer.splitlines()
            for k in range(1, len(lines)):
                yield "\n".join(lines[:k]), None
                time.sleep(REVEAL_S)
            yield "", ans
            return
        pieces: queue.Queue = queue.Queue()
        done: dict = {}

        def work():
            try:
                done["answer"] = service.ask(self.engine, question, filters=filters, on_token=pieces.put)
            except Exception as e:  # noqa: BLE001 - re-raised in the UI's thread below
                done["error"] = e
            finally:
                pieces.put(None)

        threading.Thread(target=work, name="llm-answer", daemon=True).start()
        text = ""
        while (piece := pieces.get()) is not None:
            text += piece
            yield text, None
        if "error" in done:
            raise done["error"]
        yield "", done["answer"]

    def clear(self):
        return (render.conversation_html([], self.lang), render.sources_panel_html([], self.lang), "", [],
                gr.update(value=None, interactive=False), gr.update(choices=[], value=None))

    def related(self, chunk_id, text, other_dossiers, top_k, dossier, doc_type, actor, date_from, date_to):
        """Related passages for pasted text (when given) or else the chosen cited passage."""
        text = (text or "").strip()
        if not text and not chunk_id:
            return f'<div class="conv-empty">{self.lab["related_need"]}</div>'
        try:
            filters = make_filters(dossier, doc_type, actor, date_from, date_to)
            hits = service.related(self.engine, None if text else chunk_id, text=text or None,
                                   other_dossiers=bool(other_dossiers), top_k=int(top_k or 8), filters=filters)
        except BadDate as e:
            return f'<div class="conv-empty">⚠️ {html.escape(self.lab["bad_date"])} ({html.escape(e.value)})</div>'
        except UserError as e:
            return f'<div class="conv-empty">⚠️ {html.escape(str(e))}</div>'
        return render.related_html(hits, self.lang)

    def upload(self, files, progress=gr.Progress()):
        """Ingest uploaded files one by one (a progress step each); a result row per file."""
        files = [f for f in (files or []) if f]
        if not files:
            gr.Warning(self.lab["upload_none"])
            return (gr.skip(),) * 6
        rows = []
        for i, f in enumerate(files):
            path = getattr(f, "name", None) or str(f)
            name = getattr(f, "orig_name", None) or path.rsplit("/", 1)[-1]
            progress((i, len(files)), desc=name)
            key, detail = ingest_upload(self.engine, path, name, log=log.info)
            rows.append([name, self.lab[key], detail])
        fc = facets(self.engine)
        return (rows, document_rows(self.engine), self.header(), gr.update(choices=fc["dossier"]),
                gr.update(choices=fc["doc_type"]), gr.update(choices=fc["actor"]))

    def evaluate(self, gold, progress=gr.Progress(track_tqdm=True)):
        if not gold or self.evaluator is None:
            return self.lab["eval_none"], None, None, None
        md, images = self.evaluator.run(self.engine, gold)
        return md, *[gr.update(value=str(p), visible=True) for p in images]


def _filters_row(lab: dict, fc: dict) -> list:
    with gr.Accordion(lab["filters"], open=False, elem_id="filters"):
        with gr.Row():
            dossier = gr.Dropdown(fc["dossier"], value=None, label=lab["dossier"], allow_custom_value=True, min_width=160)
            doc_type = gr.Dropdown(fc["doc_type"], value=None, label=lab["doc_type"], allow_custom_value=True, min_width=160)
            actor = gr.Dropdown(fc["actor"], value=None, label=lab["actor"], allow_custom_value=True, min_width=160)
            date_from = gr.Textbox(label=lab["date_from"], placeholder="2025-01-01", min_width=160)
            date_to = gr.Textbox(label=lab["date_to"], placeholder="2025-12-31", min_width=160)
    return [dossier, doc_type, actor, date_from, date_to]


def _chat_tab(h: Handlers, lab: dict, filters: list, header) -> gr.Dropdown:
    history = gr.State([])
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=330):
            conv = gr.HTML(render.conversation_html([], h.lang), elem_id="conversation", js_on_load=render.CHIP_JS,
                           max_height=620, autoscroll=True, padding=True)
            status = gr.Markdown(f"⚠️ {lab['empty']}" if h.engine.is_empty() else "", elem_id="status")
            with gr.Row():
                q = gr.Textbox(label=lab["question"], placeholder=lab["placeholder"], elem_id="question", scale=5,
                               min_width=260, autofocus=True)  # wider than a phone row: the button wraps below
                ask = gr.Button(lab["ask"], variant="primary", elem_id="ask", scale=1, min_width=90)
            with gr.Row():
                export = gr.DownloadButton(lab["export"], interactive=False, elem_id="export", size="sm")
                clear = gr.Button(lab["clear"], size="sm", elem_id="clear")
        with gr.Column(scale=2, min_width=330, elem_id="sources-col"):
            gr.Markdown(f"### {lab['sources']}")
            sources = gr.HTML(render.sources_panel_html([], h.lang), elem_id="sources", js_on_load=render.SOURCES_JS,
                              max_height=760, padding=True)
    pick = gr.Dropdown([], value=None, label=lab["related_pick"], render=False, elem_id="related-pick")
    outs = [conv, sources, status, history, export, pick, q]
    for i, trigger in enumerate((ask.click, q.submit)):
        trigger(h.chat, inputs=[q, history, *filters], outputs=outs, api_name="ask" if i == 0 else False,
                show_progress="hidden", concurrency_limit=8, concurrency_id="read")
    clear.click(h.clear, outputs=outs[:-1], api_name=False)
    return pick


def _related_tab(h: Handlers, lab: dict, filters: list, pick: gr.Dropdown) -> None:
    with gr.Row():
        with gr.Column(scale=2, min_width=300):
            pick.render()
            text = gr.Textbox(label=lab["related_text"], lines=4, elem_id="related-text")
            with gr.Row():
                other = gr.Checkbox(label=lab["related_other"], value=False, elem_id="related-other")
                k = gr.Slider(1, 20, value=8, step=1, label=lab["related_k"])
            go = gr.Button(lab["related_go"], variant="primary", elem_id="related-go")
        with gr.Column(scale=3, min_width=300):
            out = gr.HTML("", elem_id="related-out", js_on_load=None, padding=True)
    go.click(h.related, inputs=[pick, text, other, k, *filters], outputs=out, api_name="related",
             concurrency_id="read")


def _docs_tab(h: Handlers, lab: dict, filters: list, header) -> None:
    mb = h.engine.settings.ui.max_upload_mb
    files = gr.File(label=lab["upload"].format(mb=f"{mb:g}"), file_count="multiple", elem_id="upload",
                    file_types=sorted(ALLOWED_EXT))
    go = gr.Button(lab["upload_go"], variant="primary", elem_id="upload-go")
    result = gr.Dataframe(headers=[lab["col_file"], lab["col_result"], lab["col_detail"]], interactive=False,
                          elem_id="upload-result", wrap=True)
    gr.Markdown(f"### {lab['docs_list']}")
    docs = gr.Dataframe(document_rows(h.engine), headers=[lab["col_title"], lab["col_type"], lab["col_chunks"],
                        lab["col_file"]], interactive=False, elem_id="documents", wrap=True,
                        column_widths=["50%", "12%", "10%", "28%"])
    # concurrency_limit=1: one writer; Engine.write_lock also serialises CLI-style callers.
    go.click(h.upload, inputs=files, outputs=[result, docs, header, *filters[:3]], api_name="upload",
             concurrency_limit=1)


def _eval_tab(h: Handlers, lab: dict) -> None:
    golds = h.evaluator.names() if h.evaluator else []
    with gr.Row():
        default = "sample.jsonl" if "sample.jsonl" in golds else (golds[0] if golds else None)
        gold = gr.Dropdown(golds, value=default, label=lab["eval_gold"], min_width=200)
        go = gr.Button(lab["eval_go"], variant="primary", min_width=160)
    with gr.Row():
        images = [gr.Image(type="filepath", show_label=False, min_width=300, visible=False) for _ in range(3)]
    md = gr.Markdown("")
    go.click(h.evaluate, inputs=gold, outputs=[md, *images], api_name="evaluate", concurrency_limit=1,
             show_progress_on=md)


def build_blocks(engine, evaluator: Evaluator | None = None) -> gr.Blocks:
    """The app; `evaluator` (from the eval package, injected by app.py) runs the Evaluatie tab."""
    h = Handlers(engine, evaluator)
    lab = h.lab
    with gr.Blocks(title=lab["title"]) as demo:
        header = gr.HTML(h.header(), elem_id="header-box", js_on_load=None)
        fc = facets(engine)
        filters = _filters_row(lab, fc)
        with gr.Tabs():
            with gr.Tab(lab["tab_chat"], id="chat"):
                pick = _chat_tab(h, lab, filters, header)
            with gr.Tab(POSITIONS_LABELS[h.lang]["tab"], id="positions"):
                positions_tab(engine, h.lang, fc["actor"], filters)
            with gr.Tab(lab["tab_related"], id="related"):
                _related_tab(h, lab, filters, pick)
            with gr.Tab(lab["tab_docs"], id="docs"):
                _docs_tab(h, lab, filters, header)
            with gr.Tab(lab["tab_eval"], id="eval"):
                _eval_tab(h, lab)
    return demo
