"""The "Standpunten" tab: who said what about a topic (service.positions), as a table
actor × statements with stance chips, a timeline (statements per actor per quarter, each
dot opens its statement), the cited passages with the sentence highlighted, and CSV /
Markdown export. HTML builders are plain functions, testable without a server."""
from __future__ import annotations

import hashlib
import html

from assistant import render, service
from assistant.positions import Positions
from assistant.positions_render import compare, quarter, to_csv, to_markdown
from assistant.types import Citation
from assistant.ui.assets import CHIP_JS, SOURCES_JS
from assistant.ui.files import store_dir
from index.errors import UserError
from index.store import Filters
from index.actors import normalize_actor

TURN = "pos"  # card ids "src-pos-<n>": apart from the chat tab's cards
STANCE_COLOURS = {"vraag": "#6a3fb5", "eis": "#8a1f11", "steun": "#2e7d32", "zorg": "#b26a00", "standpunt": "#555"}
CSS = """
.pos-actor {border:1px solid #dde1e6; border-radius:10px; padding:8px 12px; margin:8px 0; background:#fff}
.pos-actor h4 {margin:0 0 4px 0} .pos-kind {color:#666; font-weight:normal; font-size:.85em}
.pos-actor ul {margin:0; padding-left:1.1em} .pos-actor li {margin:4px 0; line-height:1.45}
.stance {display:inline-block; color:#fff; border-radius:8px; padding:0 6px; font-size:.75em; margin-right:4px}
.pos-meta {color:#666; font-size:.8em}
.tl {border-collapse:collapse; font-size:.85em; overflow-x:auto; display:block}
.tl th, .tl td {border-bottom:1px solid #eee; padding:3px 6px; text-align:left; white-space:nowrap}
.cmp td {vertical-align:top; padding:4px 8px; border-bottom:1px solid #eee; line-height:1.45}
.cmp tr.cmp-terms td {color:#666; font-size:.8em; border-bottom:none; padding-top:8px}
.tl sup.cite.dot {background:none; padding:0; margin:0 1px; font-size:1.2em}
"""
LABELS = {
    "nl": {"tab": "Standpunten", "topic": "Onderwerp", "placeholder": "Blueprint Cyber", "actors": "Actoren (leeg = iedereen)",
           "per_actor": "Uitspraken per actor", "go": "Toon standpunten", "table": "Wie zei wat", "timeline": "Tijdlijn (per kwartaal)",
           "sources": "Geciteerde passages", "csv": "Exporteer CSV", "md": "Exporteer Markdown",
           "empty": "Niemand sprak in de bronnen over dit onderwerp.", "statements": "{n} uitspraken",
           "undated": "zonder datum", "start": "Kies een onderwerp: de tabel toont per actor de letterlijke uitspraken."},
    "en": {"tab": "Positions", "topic": "Topic", "placeholder": "Blueprint Cyber", "actors": "Actors (empty = everyone)",
           "per_actor": "Statements per actor", "go": "Show positions", "table": "Who said what", "timeline": "Timeline (per quarter)",
           "sources": "Cited passages", "csv": "Export CSV", "md": "Export Markdown",
           "empty": "Nobody spoke about this topic in the sources.", "statements": "{n} statements",
           "undated": "undated", "start": "Choose a topic: the table shows each actor's verbatim statements."},
}


def citations(result: Positions) -> list[tuple[str, Citation, str]]:
    """(actor, citation numbered in table order, stance) for every statement shown."""
    out = []
    for ap in result.positions:
        for st in ap.statements:
            out.append((ap.actor, Citation(len(out) + 1, st.chunk, st.quote, [ap.actor]), st.stance))
    return out


def _chip(n: int, label: str | None = None) -> str:
    return (f'<sup class="cite" role="button" tabindex="0" data-n="{n}" data-turn="{TURN}">'
            f'{html.escape(label or f"[{n}]")}</sup>')


def _stance_chip(stance: str) -> str:
    return f'<span class="stance stance-{stance}" style="background:{STANCE_COLOURS[stance]}">{stance}</span>'


def table_html(result: Positions, lang: str = "nl") -> str:
    lab = LABELS[lang]
    if not result.positions:
        return f'<div class="conv-empty">{html.escape(lab["empty"])}</div>'
    cites = iter(citations(result))
    parts = []
    for ap in result.positions:
        items = []
        for st in ap.statements:
            _, c, _ = next(cites)
            meta = ", ".join(x for x in (st.chunk.doc_type, st.chunk.date, st.chunk.dossier) if x)
            items.append(f'<li>{_stance_chip(st.stance)}“{html.escape(st.quote)}” {_chip(c.n)} '
                         f'<span class="pos-meta">{html.escape(meta)}</span></li>')
        parts.append(f'<div class="pos-actor" data-actor="{html.escape(ap.actor)}"><h4>{html.escape(ap.actor)} '
                     f'<span class="pos-kind">{ap.kind} · {lab["statements"].format(n=ap.total)}</span></h4>'
                     f'<ul>{"".join(items)}</ul></div>')
    return f"<style>{CSS}</style>" + "".join(parts)


def compare_html(result: Positions, order: list[str]) -> str:
    """Two actors side by side, statements aligned by the sub-topic words they share."""
    by_name = {ap.actor: ap for ap in result.positions}
    a, b = (by_name[n] for n in order)
    numbers = {(actor, c.quote, c.chunk.chunk_id): c.n for actor, c, _ in citations(result)}

    def cell(actor, st):
        if st is None:
            return "<td></td>"
        n = numbers[(actor, st.quote, st.chunk.chunk_id)]
        return f'<td>{_stance_chip(st.stance)}“{html.escape(st.quote)}” {_chip(n)}</td>'

    rows = []
    for row in compare(a, b, result.topic):
        terms = f'<tr class="cmp-terms"><td colspan="2">~ {html.escape(", ".join(row.terms))}</td></tr>' if row.terms else ""
        rows.append(f"{terms}<tr>{cell(a.actor, row.left)}{cell(b.actor, row.right)}</tr>")
    return (f'<table class="cmp" style="width:100%;table-layout:fixed"><tr><th>{html.escape(a.actor)}</th>'
            f'<th>{html.escape(b.actor)}</th></tr>{"".join(rows)}</table>')


def timeline_html(result: Positions, lang: str = "nl") -> str:
    """Actors as rows, quarters as columns; a dot per statement (in its stance colour)
    that opens the statement's passage, like a citation chip."""
    lab = LABELS[lang]
    cites = citations(result)
    if not cites:
        return ""
    cols = sorted({quarter(c.chunk.date) or lab["undated"] for _, c, _ in cites},
                  key=lambda q: (q == lab["undated"], q))
    head = "".join(f"<th>{html.escape(q)}</th>" for q in cols)
    rows = []
    for ap in result.positions:
        cells = []
        for q in cols:
            dots = "".join(
                f'<sup class="cite dot" role="button" tabindex="0" data-n="{c.n}" data-turn="{TURN}" '
                f'style="color:{STANCE_COLOURS[s]};background:none;padding:0;margin:0 1px;font-size:1.2em" title="{html.escape(s)}: {html.escape(c.quote[:80])}">●</sup>'
                for a, c, s in cites if a == ap.actor and (quarter(c.chunk.date) or lab["undated"]) == q)
            cells.append(f"<td>{dots}</td>")
        rows.append(f"<tr><th>{html.escape(ap.actor)}</th>{''.join(cells)}</tr>")
    legend = "".join(_stance_chip(s) for s in STANCE_COLOURS)
    return f'<style>{CSS}</style><div class="pos-legend">{legend}</div><table class="tl"><tr><th></th>{head}</tr>{"".join(rows)}</table>'


def sources_html(result: Positions, lang: str = "nl") -> str:
    lab = render.labels(lang)
    return "\n".join(render.source_card(c, lab, TURN) for _, c, _ in citations(result))


def export_files(engine, result: Positions, session: str) -> tuple[str, str]:
    key = hashlib.sha256(f"{session}|{result.topic}".encode()).hexdigest()[:20]
    folder = store_dir(engine, "exports")
    csv_path, md_path = folder / f"standpunten-{key}.csv", folder / f"standpunten-{key}.md"
    csv_path.write_text(to_csv(result), encoding="utf-8")
    md_path.write_text(to_markdown(result), encoding="utf-8")
    return str(csv_path), str(md_path)


def run(engine, topic, actors, per_actor, dossier, doc_type, date_from, date_to, lang: str = "nl",
        session: str = "") -> tuple[str, str, str, str, str | None, str | None]:
    """(table, timeline, sources, status, csv path, markdown path) for the tab's inputs."""
    try:
        filters = Filters.from_inputs(dossier=dossier, doc_type=doc_type, date_from=date_from, date_to=date_to)
        names = [a for a in (actors or []) if a] if isinstance(actors, list) else [a for a in [actors] if a]
        result = service.positions(engine, topic or "", actors=names or None, filters=filters,
                                   per_actor=int(per_actor) if per_actor is not None else None)
    except UserError as e:
        return "", "", "", f"⚠️ {e}", None, None
    csv_path, md_path = export_files(engine, result, session) if result.positions else (None, None)
    status = " · ".join(result.notes) or LABELS[lang]["statements"].format(
        n=sum(len(p.statements) for p in result.positions))
    table = table_html(result, lang)
    shown = [ap.actor for ap in result.positions]
    if names and len(names) == 2 and len(shown) == 2:  # two actors: side by side, then the table
        order = [normalize_actor(n) or n for n in names]
        table = compare_html(result, order if sorted(order) == sorted(shown) else shown) + table
    return table, timeline_html(result, lang), sources_html(result, lang), status, csv_path, md_path


def positions_tab(engine, lang: str, actor_choices: list[str], filters: list) -> None:
    """Build the tab inside an open gr.Tab; `filters` = the app's [dossier, type, actor, from, to]."""
    import gradio as gr  # lazy: the UI's heavy dependency, only when the UI is built

    lab = LABELS[lang]
    dossier, doc_type, _, date_from, date_to = filters

    def handler(topic, actors, per_actor, d, t, f, to, request: gr.Request = None):
        out = run(engine, topic, actors, per_actor, d, t, f, to, lang, getattr(request, "session_hash", "") or "")
        return (*out[:4], gr.update(value=out[4], interactive=bool(out[4])),
                gr.update(value=out[5], interactive=bool(out[5])))

    with gr.Row():
        topic = gr.Textbox(label=lab["topic"], placeholder=lab["placeholder"], elem_id="pos-topic", scale=3, min_width=220)
        actors = gr.Dropdown(actor_choices, value=[], multiselect=True, allow_custom_value=True, label=lab["actors"],
                             elem_id="pos-actors", scale=2, min_width=200)
        per_actor = gr.Slider(0, 20, value=engine.settings.positions.per_actor, step=1, label=lab["per_actor"],
                              elem_id="pos-per-actor", min_width=160)
    with gr.Row():
        go = gr.Button(lab["go"], variant="primary", elem_id="pos-go", min_width=160)
        csv_btn = gr.DownloadButton(lab["csv"], interactive=False, elem_id="pos-csv", size="sm")
        md_btn = gr.DownloadButton(lab["md"], interactive=False, elem_id="pos-md", size="sm")
    status = gr.Markdown(lab["start"], elem_id="pos-status")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=330):
            gr.Markdown(f"### {lab['table']}")
            table = gr.HTML("", elem_id="pos-table", js_on_load=CHIP_JS, padding=True)
            gr.Markdown(f"### {lab['timeline']}")
            timeline = gr.HTML("", elem_id="pos-timeline", js_on_load=CHIP_JS, padding=True)
        with gr.Column(scale=2, min_width=330):
            gr.Markdown(f"### {lab['sources']}")
            sources = gr.HTML("", elem_id="pos-sources", js_on_load=SOURCES_JS, max_height=760, padding=True)
    inputs = [topic, actors, per_actor, dossier, doc_type, date_from, date_to]
    outputs = [table, timeline, sources, status, csv_btn, md_btn]
    for trigger in (go.click, topic.submit):
        trigger(handler, inputs=inputs, outputs=outputs, api_name=False, concurrency_id="read")
