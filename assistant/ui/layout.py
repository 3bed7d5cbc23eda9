"""Gradio Blocks: a chat with cited answers (left) and their sources (right), filters
(always visible as chips when active), related passages, document upload and evaluation.

One function per tab, so a new tab is a few lines in build_blocks. What the events do is
in handlers.py; HTML comes from assistant/render.py, CSS/JS from static/ (assets.py).
Choice lists, the header and the document list are filled per page load (demo.load),
not at build time, so every session sees the store as it is now.
"""
from __future__ import annotations

import gradio as gr

from assistant import render
from assistant.catalog import catalog
from assistant.ui.assets import CHIP_JS, CONVERSATION_JS, FILTER_CHIPS_JS, SOURCES_JS
from assistant.ui.files import ALLOWED_EXT, Evaluator
from assistant.ui.handlers import CHAT_OUTPUTS, Handlers
from assistant.ui.positions import LABELS as POSITIONS_LABELS
from assistant.ui.positions import positions_tab
from assistant.ui.sync import labels as sync_labels

FILTER_FIELDS = ("dossier", "doc_type", "actor", "date_from", "date_to")


def _filters_row(lab: dict) -> list:
    with gr.Accordion(lab["filters"], open=False, elem_id="filters"):
        with gr.Row():
            dossier = gr.Dropdown([], value=None, label=lab["dossier"], allow_custom_value=True, min_width=200,
                                  elem_id="f-dossier")
            doc_type = gr.Dropdown([], value=None, label=lab["doc_type"], allow_custom_value=True, min_width=160,
                                   elem_id="f-doc_type")
            actor = gr.Dropdown([], value=None, label=lab["actor"], allow_custom_value=True, min_width=180,
                                elem_id="f-actor")
            date_from = gr.Textbox(label=lab["date_from"], placeholder="2025-01-01", min_width=160, elem_id="f-date_from")
            date_to = gr.Textbox(label=lab["date_to"], placeholder="2025-12-31", min_width=160, elem_id="f-date_to")
    return [dossier, doc_type, actor, date_from, date_to]


def _cleared(name: str):
    """The empty value of one filter field (dropdowns None, date boxes "")."""
    empty = "" if name.startswith("date") else None
    return lambda: empty


def _filter_chips(h: Handlers, filters: list) -> gr.HTML:
    """Chips of the active filters, above the tabs; each × clicks a hidden clear button."""
    chips = gr.HTML("", elem_id="filter-chips", js_on_load=FILTER_CHIPS_JS, padding=False)
    with gr.Row(elem_classes=["hidden-row"]):
        buttons = [gr.Button("×", elem_id=f"clear-{name}", elem_classes=["hidden-btn"]) for name in FILTER_FIELDS]
        clear_all = gr.Button("×", elem_id="clear-all", elem_classes=["hidden-btn"])
    for name, comp, btn in zip(FILTER_FIELDS, filters, buttons):
        comp.change(h.chips, inputs=filters, outputs=chips, api_name=False, show_progress="hidden", queue=False)
        btn.click(_cleared(name), outputs=comp, api_name=False, queue=False)
    clear_all.click(lambda: (None, None, None, "", ""), outputs=filters, api_name=False, queue=False)
    return chips


def _chat_tab(h: Handlers, lab: dict, filters: list, chips: gr.HTML) -> gr.Dropdown:
    history, last_q = gr.State([]), gr.State("")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=330, elem_id="chat-col"):
            conv = gr.HTML(render.conversation_html([], h.lang), elem_id="conversation",
                           js_on_load=CHIP_JS + "\n" + CONVERSATION_JS, padding=True)
            with gr.Group(elem_id="ask-box"):
                status = gr.Markdown(f"⚠️ {lab['empty']}" if h.engine.is_empty() else "", elem_id="status")
                retry = gr.Button(lab["retry_unfiltered"], visible=False, size="sm", elem_id="retry-unfiltered")
                with gr.Row():
                    q = gr.Textbox(label=lab["question"], placeholder=lab["placeholder"], elem_id="question", scale=5,
                                   min_width=240, autofocus=True, lines=1, max_lines=4)
                    ask = gr.Button(lab["ask"], variant="primary", elem_id="ask", scale=1, min_width=80)
            with gr.Row():
                export = gr.DownloadButton(lab["export"], interactive=False, elem_id="export", size="sm")
                clear = gr.Button(lab["clear"], size="sm", elem_id="clear")
        with gr.Column(scale=2, min_width=330, elem_id="sources-col"):
            gr.Markdown(f"### {lab['sources']}")
            sources = gr.HTML(render.sources_panel_html([], h.lang), elem_id="sources", js_on_load=SOURCES_JS,
                              padding=True)
    pick = gr.Dropdown([], value=None, label=lab["related_pick"], render=False, elem_id="related-pick")
    by_name = dict(conversation=conv, sources=sources, status=status, history=history, export=export, pick=pick,
                   question=q, chips=chips, retry=retry, last_question=last_q)
    outs = [by_name[n] for n in CHAT_OUTPUTS]
    for i, trigger in enumerate((ask.click, q.submit)):
        trigger(h.chat, inputs=[q, history, *filters], outputs=outs, api_name="ask" if i == 0 else False,
                show_progress="hidden", concurrency_limit=8, concurrency_id="read")
    # After a refusal under filters: clear them and ask the same question again.
    retry.click(lambda last: (None, None, None, "", "", last), inputs=last_q, outputs=[*filters, q], api_name=False,
                queue=False).then(h.chat, inputs=[q, history, *filters], outputs=outs, api_name=False,
                                  show_progress="hidden", concurrency_id="read")
    clear.click(h.clear, outputs=outs, api_name=False)
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


def _docs_tab(h: Handlers, lab: dict, filters: list, header) -> gr.Dataframe:
    mb = h.engine.settings.ui.max_upload_mb
    files = gr.File(label=lab["upload"].format(mb=f"{mb:g}"), file_count="multiple", elem_id="upload",
                    file_types=sorted(ALLOWED_EXT))
    go = gr.Button(lab["upload_go"], variant="primary", elem_id="upload-go")
    result = gr.Dataframe(headers=[lab["col_file"], lab["col_result"], lab["col_detail"]], interactive=False,
                          elem_id="upload-result", wrap=True, column_widths=["300px", "140px", "260px"])
    gr.Markdown(f"### {lab['docs_list']}")
    docs = gr.Dataframe([], headers=[lab["col_title"], lab["col_type"], lab["col_date"], lab["col_dossier"],
                        lab["col_chunks"]], interactive=False, elem_id="documents", wrap=True,
                        column_widths=["300px", "100px", "105px", "115px", "85px"])  # px: on a phone the table
    # scrolls sideways instead of squeezing a column to a letter per line
    # concurrency_limit=1: one writer; Engine.write_lock also serialises CLI-style callers.
    go.click(h.upload, inputs=files, outputs=[result, docs, header, *filters[:3]], api_name="upload",
             concurrency_limit=1, concurrency_id="write")
    _fetch_box(h, [docs, header, *filters[:3]])
    return docs


def _fetch_box(h: Handlers, outputs: list) -> None:
    lab = sync_labels(h.lang)
    with gr.Accordion(lab["fetch_title"], open=False, elem_id="fetch"):
        with gr.Row():
            dossier = gr.Textbox(label=lab["fetch_dossier"], placeholder="22112", elem_id="fetch-dossier", scale=4)
            go = gr.Button(lab["fetch_go"], variant="secondary", elem_id="fetch-go", scale=1, min_width=120)
        result = gr.Markdown("", elem_id="fetch-result")
    # one writer: shares the upload's concurrency group; the sync's store lock guards the rest
    go.click(h.fetch_dossier, inputs=dossier, outputs=[result, *outputs], api_name="fetch_dossier",
             concurrency_limit=1, concurrency_id="write")


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
    catalog(engine)  # warm the cache: the first page load of a large store does not wait for the scan
    with gr.Blocks(title=lab["title"]) as demo:
        header = gr.HTML(h.header(), elem_id="header-box", js_on_load=None)
        filters = _filters_row(lab)
        chips = _filter_chips(h, filters)
        with gr.Tabs(elem_id="tabs", overflow_behavior="wrap"):  # every tab reachable on a phone
            with gr.Tab(lab["tab_chat"], id="chat"):
                pick = _chat_tab(h, lab, filters, chips)
            with gr.Tab(POSITIONS_LABELS[h.lang]["tab"], id="positions"):
                positions_tab(engine, h.lang, catalog(engine).actor_choices(), filters)
            with gr.Tab(lab["tab_related"], id="related"):
                _related_tab(h, lab, filters, pick)
            with gr.Tab(lab["tab_docs"], id="docs"):
                docs = _docs_tab(h, lab, filters, header)
            with gr.Tab(lab["tab_eval"], id="eval"):
                _eval_tab(h, lab)
        demo.load(h.on_load, outputs=[header, docs, *filters[:3]], api_name="state", queue=False)
    return demo
