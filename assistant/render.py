"""Plain formatting helpers for the terminal and the UI (tested without a server).

Everything that turns an Answer, a hit list or a conversation into text/HTML lives
here, so the Gradio layer (assistant/ui.py) only wires components together. All text
from documents and users is HTML-escaped before it is put into markup.
"""
from __future__ import annotations

import html
import re

from assistant.types import Answer, Citation, Hit

_CITE = re.compile(r"\[(\d+)\]")
_SENT_SPLIT = re.compile(r"(?<=[.!?»”])\s+")


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


def _chips(escaped: str, turn: int | None) -> str:
    """[n] -> a clickable chip; the UI's click handler scrolls to the source card."""
    turn_attr = f' data-turn="{turn}"' if turn is not None else ""
    return _CITE.sub(
        lambda m: f'<sup class="cite" role="button" tabindex="0" data-n="{m.group(1)}"{turn_attr}>[{m.group(1)}]</sup>',
        escaped)


def answer_markdown(ans: Answer, turn: int | None = None) -> str:
    """The answer for the chat window: "- " lines become a list, markers become chips."""
    intro, items = [], []
    for line in ans.answer.split("\n"):
        (items if line.startswith("- ") else intro).append(line[2:] if line.startswith("- ") else line)
    out = "<br>".join(_chips(html.escape(line), turn) for line in intro if line.strip())
    if items:
        out += "<ul>" + "".join(f"<li>{_chips(html.escape(i), turn)}</li>" for i in items) + "</ul>"
    return out


def highlight(passage: str, quote: str) -> str:
    """The passage as HTML with the cited sentences marked."""
    out = html.escape(passage)
    for sent in [s for s in _SENT_SPLIT.split(quote) if s.strip()]:
        esc = html.escape(sent.strip())
        if esc in out:
            out = out.replace(esc, f"<mark>{esc}</mark>", 1)
    return out.replace("\n\n", "<br><br>")


def source_url(chunk) -> str:
    """Link to the original file, served by the app's /source route (PDF: at the page)."""
    url = f"source/{chunk.chunk_id}"
    if chunk.page and chunk.source_path.lower().endswith(".pdf"):
        url += f"#page={int(chunk.page)}"
    return url


def _meta_rows(ch, lab: dict) -> str:
    rows = [(lab["m_type"], ch.doc_type), (lab["m_date"], ch.date), (lab["m_dossier"], ch.dossier),
            (lab["m_actor"], ", ".join(ch.actors[:4])), (lab["m_page"], ch.page and str(ch.page))]
    return "".join(f"<span class=\"meta-item\"><b>{html.escape(k)}</b> {html.escape(str(v))}</span>"
                   for k, v in rows if v)


def source_card(c: Citation, lab: dict, turn: int | None = None) -> str:
    ch = c.chunk
    card_id = f"src-{turn}-{c.n}" if turn is not None else f"source-{c.n}"
    return (
        f'<div class="source" id="{card_id}"><div class="source-title"><span class="source-n">[{c.n}]</span> '
        f'{html.escape(ch.title or ch.doc_id)}</div><div class="source-meta">{_meta_rows(ch, lab)}</div>'
        f'<div class="source-text">{highlight(ch.text, c.quote)}</div>'
        f'<div class="source-link"><a href="{html.escape(source_url(ch))}" target="_blank" rel="noopener">'
        f'{html.escape(lab["open_source"])}</a> <span class="source-path">{html.escape(ch.source_path.rsplit("/", 1)[-1])}'
        f'</span></div></div>'
    )


def sources_html(ans: Answer, turn: int | None = None, lang: str = "nl") -> str:
    if not ans.citations:
        return ""
    lab = labels(lang)
    return "\n".join(source_card(c, lab, turn) for c in ans.citations)


def conversation_html(history: list[tuple[str, Answer]], lang: str = "nl", pending: str | None = None,
                      partial: str | None = None) -> str:
    """The whole session: question bubbles and answers with chips; `pending` while searching,
    with `partial`, the answer streamed so far, in its bubble."""
    lab = labels(lang)
    if not history and pending is None:
        return f'<div class="conv-empty">{html.escape(lab["conv_empty"])}</div>'
    parts = []
    for turn, (question, ans) in enumerate(history):
        cls = "answer" if ans.answered else "answer refused"
        mode = lab["mode_" + ans.answerer] if "mode_" + ans.answerer in lab else ans.answerer
        badge = f'<span class="badge">{html.escape(mode)}</span>'
        if ans.fallback:
            badge += f' <span class="badge warn">{html.escape(lab["fallback"])}</span>'
        parts.append(f'<div class="q">{html.escape(question)}</div>'
                     f'<div class="{cls}">{answer_markdown(ans, turn)}<div class="answer-foot">{badge}</div></div>')
    if pending is not None:
        if partial:
            body = html.escape(partial).replace("\n", "<br>")
            parts.append(f'<div class="q">{html.escape(pending)}</div><div class="answer streaming">{body}</div>')
        else:
            parts.append(f'<div class="q">{html.escape(pending)}</div>'
                         f'<div class="answer pending">{html.escape(lab["searching"])}</div>')
    return '<div class="conv">' + "".join(parts) + "</div>"


def sources_panel_html(history: list[tuple[str, Answer]], lang: str = "nl") -> str:
    """Sources of the newest answer open; earlier answers' sources folded away below."""
    lab = labels(lang)
    if not history:
        return f'<div class="conv-empty">{html.escape(lab["sources_empty"])}</div>'
    parts = []
    for turn in range(len(history) - 1, -1, -1):
        question, ans = history[turn]
        cards = sources_html(ans, turn, lang) or f'<div class="conv-empty">{html.escape(lab["no_sources"])}</div>'
        open_attr = " open" if turn == len(history) - 1 else ""
        parts.append(f'<details class="turn-sources" id="turn-{turn}"{open_attr}><summary>{html.escape(question)}'
                     f'</summary>{cards}</details>')
    return "".join(parts)


def display_title(ch) -> str:
    """A card title a person can read: the document title, else type + dossier, else the
    file name — never a bare id or hash."""
    title = (ch.title or "").strip()
    if title and not re.fullmatch(r"[0-9a-f-]{16,}(\.\w+)?", title):
        return title
    named = " ".join(p for p in (ch.doc_type, ch.dossier) if p)
    return named or ch.source_path.rsplit("/", 1)[-1]


def related_card(h: Hit, lab: dict) -> str:
    ch = h.chunk
    chips = "".join(f'<span class="because-chip">{html.escape(t)}</span>' for t in getattr(h, "because", []) or [])
    because = f'<div class="because"><b>{html.escape(lab["related_because"])}</b> {chips}</div>' if chips else ""
    return (f'<div class="source related"><div class="source-title"><span class="sim">{float(h.score):.3f}</span> '
            f'{html.escape(display_title(ch))}</div><div class="source-meta">{_meta_rows(ch, lab)}</div>{because}'
            f'<div class="source-text">{html.escape(ch.text)}</div><div class="source-link">'
            f'<a href="{html.escape(source_url(ch))}" target="_blank" rel="noopener">{html.escape(lab["open_source"])}</a>'
            f' <span class="source-path">{html.escape(ch.source_path.rsplit("/", 1)[-1])}</span></div></div>')


def related_html(hits: list[Hit], lang: str = "nl") -> str:
    """Related passages grouped per dossier (in the order of their best passage), each card
    with its title, type, date, dossier and the shared subject terms as chips."""
    lab = labels(lang)
    if not hits:
        return f'<div class="conv-empty">{html.escape(lab["related_none"])}</div>'
    groups: dict[str, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.chunk.dossier_number or "", []).append(h)
    parts = []
    for dossier, members in groups.items():
        head = f'{lab["m_dossier"]} {dossier}' if dossier else lab["related_no_dossier"]
        parts.append(f'<div class="related-group"><div class="related-dossier">{html.escape(head)}</div>'
                     + "".join(related_card(h, lab) for h in members) + "</div>")
    return "".join(parts)


def export_markdown(history: list[tuple[str, Answer]]) -> str:
    """A conversation as Markdown with every citation resolved."""
    out = ["# Dossierwijzer — gesprek", ""]
    for question, ans in history:
        out += [f"**Vraag:** {question}", "", ans.answer, ""]
        for c in ans.citations:
            out.append(f"[{c.n}] {citation_label(c)} — {c.chunk.source_path}")
            out.append(f"    > {c.quote}")
        out.append("")
    return "\n".join(out)


def header_html(answerer: str, n_docs: int, lang: str = "nl") -> str:
    lab = labels(lang)
    mode = lab.get("mode_" + answerer, answerer)
    return (f'<div id="header"><h1>{lab["title"]}</h1><div class="sub">{lab["subtitle"]}</div>'
            f'<span class="pill">{lab["answerer"]}: {html.escape(mode)}</span>'
            f'<span class="pill">{lab["n_docs"].format(n=n_docs)}</span></div>')


CSS = """
.gradio-container {max-width: 1400px !important}
#header h1 {margin: 0; font-size: 1.5em} #header .sub {color:#555}
#header .pill {display:inline-block; background:#eef3fb; color:#1f4f99; border-radius:10px; padding:1px 8px; margin-right:6px; font-size:.85em}
.conv {display:flex; flex-direction:column; gap:10px}
.conv .q {align-self:flex-end; background:#1f4f99; color:#fff; border-radius:14px 14px 2px 14px; padding:8px 12px; max-width:85%}
.conv .answer {background:#f6f7f9; border:1px solid #e3e6ea; border-radius:2px 14px 14px 14px; padding:10px 14px; line-height:1.5}
.conv .answer ul {margin:6px 0 0 0; padding-left:1.2em} .conv .answer li {margin-bottom:6px}
.conv .answer.refused {background:#fff8e6; border-color:#f0d58c}
.conv .answer.pending {color:#666; font-style:italic}
.answer-foot {margin-top:6px} .badge {font-size:.75em; background:#e6e9ee; border-radius:8px; padding:1px 7px; color:#444}
.badge.warn {background:#fde2e1; color:#8a1f11}
.conv-empty {color:#666; padding:12px}
sup.cite {color:#fff; background:#1f5fbf; border-radius:8px; padding:0 5px; margin-left:2px; font-weight:600; cursor:pointer; font-size:.75em}
sup.cite:hover, sup.cite:focus {background:#0d3c85; outline:none}
.source {border:1px solid #dde1e6; border-radius:10px; padding:10px 12px; margin:8px 0; background:#fff; transition:box-shadow .3s}
.source.flash {box-shadow:0 0 0 3px #1f5fbf; border-color:#1f5fbf}
.source-title {font-weight:600} .source-n {color:#1f5fbf}
.source-meta {font-size:.8em; color:#555; margin:4px 0; display:flex; flex-wrap:wrap; gap:4px 12px}
.source-text {font-size:.9em; line-height:1.45; max-height:16em; overflow:auto; position:relative}
.source-link {font-size:.8em; margin-top:6px} .source-path {color:#888; word-break:break-all}
.because {font-size:.8em; margin:4px 0} .because-chip {display:inline-block; background:#e8f0fb; color:#0d3c85; border-radius:10px; padding:0 8px; margin:0 4px 2px 0}
.related-dossier {font-weight:600; color:#333; margin:12px 0 2px; font-size:.9em}
.sim {color:#fff; background:#3b7a3b; border-radius:6px; padding:0 6px; font-size:.8em}
mark {background:#fff0a0; padding:0 1px}
#upload-result *, #documents * {font-family: var(--font) !important}
@media (min-width: 800px) {#sources-col {position: sticky; top: 8px; align-self: flex-start}}
details.turn-sources > summary {cursor:pointer; color:#333; font-size:.9em; margin:6px 0}
"""

# Chips live in the conversation HTML; one delegated listener survives every re-render.
CHIP_JS = """
const go = (chip) => {
  const id = chip.dataset.turn !== undefined ? `src-${chip.dataset.turn}-${chip.dataset.n}` : `source-${chip.dataset.n}`;
  const card = document.getElementById(id);
  if (!card) return;
  const det = card.closest('details'); if (det) det.open = true;
  document.querySelectorAll('.source.flash').forEach(c => c.classList.remove('flash'));
  card.classList.add('flash');
  card.scrollIntoView({behavior: 'smooth', block: 'center'});
};
element.addEventListener('click', (e) => { const c = e.target.closest('sup.cite'); if (c) go(c); });
element.addEventListener('keydown', (e) => { const c = e.target.closest('sup.cite'); if (c && e.key === 'Enter') go(c); });
"""

# A long passage scrolls inside its card: bring the highlighted sentence into view when
# cards appear or a folded turn is opened (only visible cards can be measured).
SOURCES_JS = """
const reveal = () => element.querySelectorAll('.source-text').forEach((t) => {
  const m = t.querySelector('mark');
  if (!m || t.dataset.revealed || m.offsetParent === null) return;
  t.scrollTop = Math.max(0, m.offsetTop - 8);
  t.dataset.revealed = '1';
});
new MutationObserver(reveal).observe(element, {childList: true, subtree: true});
element.addEventListener('toggle', reveal, true);
reveal();
"""


def labels(lang: str) -> dict:
    return LABELS.get(lang, LABELS["nl"])


LABELS = {
    "nl": {
        "title": "Dossierwijzer", "subtitle": "Zoeken en geciteerde antwoorden in Kamerstukken",
        "tab_chat": "Vragen", "tab_related": "Gerelateerde passages", "tab_docs": "Documenten", "tab_eval": "Evaluatie",
        "question": "Uw vraag (Nederlands of Engels)", "ask": "Vraag", "placeholder": "Wat heeft Nederland ingebracht over de Blueprint Cyber?",
        "sources": "Bronnen", "filters": "Filters", "dossier": "Dossier", "doc_type": "Documenttype", "actor": "Actor / fractie",
        "date_from": "Datum vanaf (JJJJ-MM-DD)", "date_to": "Datum tot en met (JJJJ-MM-DD)", "bad_date": "Ongeldige datum: gebruik JJJJ-MM-DD.",
        "export": "Gesprek exporteren (Markdown)", "clear": "Nieuw gesprek", "searching": "zoeken…", "writing": "antwoord volgt…",
        "conv_empty": "Stel een vraag over de geïndexeerde documenten. Elk antwoord bestaat uit letterlijke citaten met bronvermelding [n].",
        "sources_empty": "Hier verschijnen de geciteerde passages, met de geciteerde zin gemarkeerd.",
        "no_sources": "Geen bronnen: de vraag is niet beantwoord.", "refused": "Niet beantwoord: dit staat niet in de bronnen.",
        "empty": "De index is leeg: voeg documenten toe op het tabblad Documenten (of `dossierwijzer ingest PAD`).",
        "answered_in": "Antwoord in {ms} ms", "answerer": "Antwoordmodus", "mode_extractive": "extractief", "mode_llm": "LLM",
        "fallback": "LLM afgewezen, extractief getoond",
        "m_type": "Type", "m_date": "Datum", "m_dossier": "Dossier", "m_actor": "Actor", "m_page": "Pagina",
        "open_source": "Origineel openen ↗",
        "related_pick": "Geciteerde passage uit het laatste antwoord", "related_text": "Of plak een tekst",
        "related_other": "alleen andere dossiers", "related_k": "Aantal", "related_go": "Zoek gerelateerde passages",
        "related_none": "Geen gerelateerde passages gevonden.", "related_because": "Gedeelde onderwerpen:",
        "related_no_dossier": "Zonder dossiernummer", "related_need": "Kies een passage of plak een tekst.",
        "upload": "Bestanden (PDF, XML, HTML, TXT, DOCX; max {mb} MB per bestand)", "upload_go": "Toevoegen en indexeren",
        "upload_none": "Kies eerst een of meer bestanden.", "docs_list": "Geïndexeerde documenten",
        "col_file": "Bestand", "col_result": "Resultaat", "col_detail": "Toelichting", "col_title": "Titel",
        "col_type": "Type", "col_chunks": "Passages",
        "r_indexed": "geïndexeerd", "r_unchanged": "ongewijzigd", "r_skipped": "overgeslagen", "r_duplicate": "dubbel",
        "r_refused": "geweigerd",
        "eval_gold": "Goudstandaard (eval/gold)", "eval_go": "Evaluatie uitvoeren", "eval_running": "evaluatie loopt…",
        "eval_none": "Geen goudstandaard-bestanden gevonden.", "n_docs": "{n} documenten",
    },
    "en": {
        "title": "Dossierwijzer", "subtitle": "Search and cited answers over Dutch parliamentary documents",
        "tab_chat": "Ask", "tab_related": "Related passages", "tab_docs": "Documents", "tab_eval": "Evaluation",
        "question": "Your question (Dutch or English)", "ask": "Ask", "placeholder": "What did the Netherlands say about the Blueprint Cyber?",
        "sources": "Sources", "filters": "Filters", "dossier": "Dossier", "doc_type": "Document type", "actor": "Actor / party",
        "date_from": "Date from (YYYY-MM-DD)", "date_to": "Date to (YYYY-MM-DD)", "bad_date": "Invalid date: use YYYY-MM-DD.",
        "export": "Export conversation (Markdown)", "clear": "New conversation", "searching": "searching…", "writing": "writing…",
        "conv_empty": "Ask a question about the indexed documents. Every answer is made of verbatim quotes with citations [n].",
        "sources_empty": "The cited passages appear here, with the cited sentence highlighted.",
        "no_sources": "No sources: the question was not answered.", "refused": "Not answered: this is not in the sources.",
        "empty": "The index is empty: add documents on the Documents tab (or `dossierwijzer ingest PATH`).",
        "answered_in": "Answered in {ms} ms", "answerer": "Answer mode", "mode_extractive": "extractive", "mode_llm": "LLM",
        "fallback": "LLM rejected, extractive shown",
        "m_type": "Type", "m_date": "Date", "m_dossier": "Dossier", "m_actor": "Actor", "m_page": "Page",
        "open_source": "Open original ↗",
        "related_pick": "Cited passage from the last answer", "related_text": "Or paste a text",
        "related_other": "other dossiers only", "related_k": "Number", "related_go": "Find related passages",
        "related_none": "No related passages found.", "related_because": "Shared subjects:",
        "related_no_dossier": "No dossier number", "related_need": "Pick a passage or paste a text.",
        "upload": "Files (PDF, XML, HTML, TXT, DOCX; max {mb} MB each)", "upload_go": "Add and index",
        "upload_none": "Choose one or more files first.", "docs_list": "Indexed documents",
        "col_file": "File", "col_result": "Result", "col_detail": "Detail", "col_title": "Title",
        "col_type": "Type", "col_chunks": "Passages",
        "r_indexed": "indexed", "r_unchanged": "unchanged", "r_skipped": "skipped", "r_duplicate": "duplicate",
        "r_refused": "refused",
        "eval_gold": "Gold set (eval/gold)", "eval_go": "Run evaluation", "eval_running": "evaluation running…",
        "eval_none": "No gold files found.", "n_docs": "{n} documents",
    },
}
