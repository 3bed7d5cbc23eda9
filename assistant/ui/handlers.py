"""What the UI's events do. `Handlers` is bound to one Engine: gradio finds gr.Request /
gr.Progress parameters and generator functions on bound methods, not on partials.

The chat handler produces `ChatOut` steps (a field left None is not updated); gradio gets
them as tuples in CHAT_OUTPUTS order. Everything shown comes from assistant/render.py,
every search and answer from assistant/service.py, choice lists from assistant/catalog.py.
"""
from __future__ import annotations

import html
import logging
import queue
import threading
import time
from dataclasses import dataclass, fields

import gradio as gr

from assistant import render, service
from assistant.catalog import catalog
from assistant.ui.files import Evaluator, export_path, ingest_upload
from assistant.ui.labels import labels
from assistant.ui.sync import labels as sync_labels
from assistant.ui.sync import sync_in_ui
from index.errors import UserError
from index.store import BadDate, BadDateRange, Filters

log = logging.getLogger("dossierwijzer.ui")
REVEAL_S = 0.05  # between the lines of an extractive answer as it streams in


@dataclass
class ChatOut:
    """One update of the chat's outputs; None = leave that output as it is."""

    conversation: object = None
    sources: object = None
    status: object = None
    history: object = None
    export: object = None
    pick: object = None
    question: object = None
    chips: object = None
    retry: object = None  # the "Zoek zonder filters" button (visible after a refusal under filters)
    last_question: object = None

    def values(self) -> tuple:
        return tuple(gr.skip() if getattr(self, f.name) is None else getattr(self, f.name) for f in fields(self))


CHAT_OUTPUTS = [f.name for f in fields(ChatOut)]


def make_filters(engine, dossier, doc_type, actor, date_from, date_to) -> Filters:
    """UI values -> Filters: typed dossier/type/actor matched to a stored value (or
    UnknownValue with suggestions), then Filters.from_inputs (actor normalised, dates checked)."""
    cat = catalog(engine)
    return Filters.from_inputs(dossier=cat.match("dossier", dossier), doc_type=cat.match("doc_type", doc_type),
                               actor=cat.match("actor", actor), date_from=date_from, date_to=date_to)


def document_rows(engine) -> list[list]:
    return [[d.title or d.file_name, d.doc_type, d.date or "", d.dossier or "", d.chunks]
            for d in catalog(engine).docs]


class Handlers:
    def __init__(self, engine, evaluator: Evaluator | None = None):
        self.engine = engine
        self.evaluator = evaluator
        self.lang = engine.settings.ui.language
        self.lab = labels(self.lang)

    def header(self) -> str:
        return render.header_html(self.engine.settings.answer.answerer, len(self.engine.manifest.documents()), self.lang)

    # -- state shared across sessions: computed per page load and after an upload ------------

    def choices(self) -> tuple:
        cat = catalog(self.engine)
        return (gr.update(choices=cat.dossier_choices()), gr.update(choices=cat.doc_type_choices()),
                gr.update(choices=cat.actor_choices()))

    def on_load(self) -> tuple:
        """Header, document list and filter lists of the store as it is now (a new session
        sees documents uploaded in another one)."""
        return (self.header(), document_rows(self.engine), *self.choices())

    # -- filters ----------------------------------------------------------------------------

    def chips(self, dossier, doc_type, actor, date_from, date_to) -> str:
        """The active filters as chips (what the fields hold, even before they are valid)."""
        clean = {k: (str(v).strip() if v else None) for k, v in
                 dict(dossier=dossier, doc_type=doc_type, actor=actor, date_from=date_from, date_to=date_to).items()}
        return render.filter_chips_html(_Shown(**clean), self.lang)

    # -- chat ---------------------------------------------------------------------------------

    def chat(self, question, history, dossier, doc_type, actor, date_from, date_to, request: gr.Request = None):
        """Generator for gradio: the ChatOut steps of `chat_steps` as tuples."""
        for out in self.chat_steps(question, history, dossier, doc_type, actor, date_from, date_to, request):
            yield out.values()

    def chat_steps(self, question, history, dossier, doc_type, actor, date_from, date_to, request=None):
        """First 'zoeken…', then the answer streaming in, then the answer with its sources."""
        lab, lang = self.lab, self.lang
        question, history = (question or "").strip(), list(history or [])
        if not question:
            yield ChatOut()
            return
        try:
            filters = make_filters(self.engine, dossier, doc_type, actor, date_from, date_to)
        except UserError as e:  # bad or reversed date, unknown dossier/actor: its message names the fix
            yield ChatOut(status=f"⚠️ {self._filter_error(e)}", retry=gr.update(visible=False))
            return
        if self.engine.is_empty():
            yield ChatOut(status=f"⚠️ {lab['empty']}")
            return
        yield ChatOut(conversation=render.conversation_html(history, lang, pending=question),
                      status=f"🔎 {lab['searching']}", question="", retry=gr.update(visible=False))
        previous = [render.turn_parts(item)[0] for item in history]
        t0 = time.perf_counter()
        try:
            for partial, ans in self._answer_stream(question, filters, previous):
                if ans is None:  # the answer so far, streamed into the pending bubble
                    yield ChatOut(conversation=render.conversation_html(history, lang, pending=question, partial=partial),
                                  status=f"✍️ {lab['writing']}")
        except UserError as e:
            yield ChatOut(conversation=render.conversation_html(history, lang), status=f"⚠️ {e}", question=question)
            return
        note = self._note(ans, filters)
        history.append((question, ans, note))
        status = lab["answered_in"].format(ms=round(1000 * (time.perf_counter() - t0)))
        status += "" if ans.answered or not filters.is_empty() else f" · {lab['refused']}"
        status += f" · {note}" if note else ""
        path = export_path(self.engine, getattr(request, "session_hash", "") or "")
        path.write_text(render.export_markdown(history), encoding="utf-8")
        choices = [(f"[{c.n}] {c.chunk.title}: {c.quote[:70]}…", c.chunk.chunk_id) for c in ans.citations]
        yield ChatOut(render.conversation_html(history, lang), render.sources_panel_html(history, lang), status, history,
                      gr.update(value=str(path), interactive=True), gr.update(choices=choices, value=None), "",
                      render.filter_chips_html(filters, lang),
                      gr.update(visible=not ans.answered and not filters.is_empty()), question)

    def _filter_error(self, e: UserError) -> str:
        """A filter error in the UI's language (the index layer words them in English)."""
        if isinstance(e, BadDate):
            return f"{self.lab['bad_date']} ({e.value})"
        if isinstance(e, BadDateRange):
            return self.lab["bad_range"].format(a=e.date_from, b=e.date_to)
        return str(e)

    def _note(self, ans, filters: Filters) -> str:
        """What the user must know about the filters of this answer: a refusal under filters
        says so; a date filter says how many undated documents it left out."""
        lab, parts = self.lab, []
        if not ans.answered and not filters.is_empty():
            parts.append(lab["refused_filtered"].format(f=filters.describe()))
        n = catalog(self.engine).undated_excluded(filters)
        if n:
            parts.append(lab["undated_1"] if n == 1 else lab["undated"].format(n=n))
        return " ".join(parts)

    def _answer_stream(self, question, filters, previous):
        """(text so far, None) while the answer streams in, then ("", Answer).

        The LLM answerer streams its tokens as they come (the guard may still replace them
        by the extractive answer at the end). The extractive answer is complete at once;
        it is revealed line by line (intro, then each quote with its [n]), REVEAL_S apart."""
        if self.engine.settings.answer.answerer != "llm":
            ans = service.ask(self.engine, question, filters=filters, history=previous)
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
                done["answer"] = service.ask(self.engine, question, filters=filters, on_token=pieces.put, history=previous)
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
        return ChatOut(render.conversation_html([], self.lang), render.sources_panel_html([], self.lang), "", [],
                       gr.update(value=None, interactive=False), gr.update(choices=[], value=None),
                       retry=gr.update(visible=False)).values()

    # -- related, upload, evaluation ----------------------------------------------------------

    def related(self, chunk_id, text, other_dossiers, top_k, dossier, doc_type, actor, date_from, date_to):
        """Related passages for pasted text (when given) or else the chosen cited passage."""
        text = (text or "").strip()
        if not text and not chunk_id:
            return f'<div class="conv-empty">{self.lab["related_need"]}</div>'
        try:
            filters = make_filters(self.engine, dossier, doc_type, actor, date_from, date_to)
            hits = service.related(self.engine, None if text else chunk_id, text=text or None,
                                   other_dossiers=bool(other_dossiers), top_k=int(top_k or 8), filters=filters)
        except UserError as e:
            return f'<div class="conv-empty">⚠️ {html.escape(self._filter_error(e))}</div>'
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
        catalog(self.engine, refresh=True)
        return (rows, document_rows(self.engine), self.header(), *self.choices())

    def fetch_dossier(self, dossier, progress=gr.Progress()):
        """Sync a dossier from the Tweede Kamer API into this engine; a summary and fresh lists."""
        lab = sync_labels(self.lang)
        md = sync_in_ui(self.engine, dossier, lambda phase, done, total: progress(
            (done, max(total, 1)), desc=lab["fetch_" + phase]))
        catalog(self.engine, refresh=True)
        return (md, document_rows(self.engine), self.header(), *self.choices())

    def evaluate(self, gold, progress=gr.Progress(track_tqdm=True)):
        if not gold or self.evaluator is None:
            return self.lab["eval_none"], None, None, None
        md, images = self.evaluator.run(self.engine, gold)
        return md, *[gr.update(value=str(p), visible=True) for p in images]


@dataclass
class _Shown:
    """Filter field values as typed, for the chips (Filters would refuse a bad date)."""

    dossier: str | None = None
    doc_type: str | None = None
    actor: str | None = None
    date_from: str | None = None
    date_to: str | None = None
