"""Plain formatting helpers for the terminal and the UI (tested without a server).

Everything that turns an Answer, a hit list or a conversation into text/HTML lives
here, so the Gradio layer (assistant/ui/) only wires components together. All text
from documents and users is HTML-escaped before it is put into markup.
"""
from __future__ import annotations

import html
import re
import urllib.parse

from assistant.types import Answer, Citation, Hit
from assistant.ui.labels import labels

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
    who = list(dict.fromkeys(c.actors or ch.actors))  # whose words the quote is, as the answer attributed it
    if who:
        parts.append("/".join(who[:4]))
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


def view_url(chunk, quote: str | None = None) -> str:
    """The in-app document view (/passage route): the text with the passage highlighted and
    scrolled to. PDFs open as themselves at the cited page."""
    if chunk.source_path.lower().endswith(".pdf"):
        return source_url(chunk)
    q = f"?q={urllib.parse.quote(quote[:400])}" if quote else ""
    return f"passage/{chunk.chunk_id}{q}#cited"


def source_links(chunk, lab: dict, quote: str | None = None) -> str:
    """"Document bekijken" (the view above) and "Origineel downloaden" (the file itself)."""
    is_pdf = chunk.source_path.lower().endswith(".pdf")
    first = lab["open_source"] if is_pdf else lab["view_doc"]
    out = f'<a class="view-doc" href="{html.escape(view_url(chunk, quote))}" target="_blank" rel="noopener">{html.escape(first)}</a>'
    if not is_pdf:
        out += (f' · <a class="download" href="{html.escape(source_url(chunk))}" target="_blank" rel="noopener">'
                f'{html.escape(lab["download"])}</a>')
    return out


def _meta_rows(ch, lab: dict, voices: list[str] | None = None) -> str:
    """Type, date, dossier, actor(s) and page; `voices`, when given, are whose words the cited
    quote is (the answer's attribution) and stand for the chunk's own actor list."""
    who = list(dict.fromkeys(voices or ch.actors))[:4]
    rows = [(lab["m_type"], ch.doc_type), (lab["m_date"], ch.date), (lab["m_dossier"], ch.dossier),
            (lab["m_actor"], ", ".join(who)), (lab["m_page"], ch.page and str(ch.page))]
    return "".join(f"<span class=\"meta-item\"><b>{html.escape(k)}</b> {html.escape(str(v))}</span>"
                   for k, v in rows if v)


def source_card(c: Citation, lab: dict, turn: int | None = None) -> str:
    ch = c.chunk
    card_id = f"src-{turn}-{c.n}" if turn is not None else f"source-{c.n}"
    return (
        f'<div class="source" id="{card_id}"><div class="source-title"><span class="source-n">[{c.n}]</span> '
        f'{html.escape(ch.title or ch.doc_id)}</div><div class="source-meta">{_meta_rows(ch, lab, c.actors)}</div>'
        f'<div class="source-text">{highlight(ch.text, c.quote)}</div>'
        f'<div class="source-link">{source_links(ch, lab, c.quote)} <span class="source-path">'
        f'{html.escape(ch.source_path.rsplit("/", 1)[-1])}</span></div></div>'
    )


def sources_html(ans: Answer, turn: int | None = None, lang: str = "nl") -> str:
    if not ans.citations:
        return ""
    lab = labels(lang)
    return "\n".join(source_card(c, lab, turn) for c in ans.citations)


def turn_parts(item) -> tuple[str, Answer, str]:
    """A history entry: (question, Answer) or (question, Answer, note) -> all three."""
    question, ans, *rest = item
    return question, ans, (rest[0] if rest else "")


def _turn_html(turn: int, item, lab: dict) -> str:
    question, ans, note = turn_parts(item)
    cls = "answer" if ans.answered else "answer refused"
    mode = lab["mode_" + ans.answerer] if "mode_" + ans.answerer in lab else ans.answerer
    badge = f'<span class="badge">{html.escape(mode)}</span>'
    if ans.fallback:
        badge += f' <span class="badge warn">{html.escape(lab["fallback"])}</span>'
    searched = ""
    if ans.searched and ans.searched.strip() != question.strip():
        searched = f'<div class="searched">{html.escape(lab["searched"])}: {html.escape(ans.searched)}</div>'
    note_html = f'<div class="turn-note">{html.escape(note)}</div>' if note else ""
    return (f'<div class="turn" id="conv-turn-{turn}" data-turn="{turn}"><div class="q">{html.escape(question)}</div>'
            f'<div class="{cls}">{searched}{answer_markdown(ans, turn)}{note_html}'
            f'<div class="answer-foot">{badge}</div></div></div>')


def conversation_html(history: list, lang: str = "nl", pending: str | None = None,
                      partial: str | None = None) -> str:
    """The whole session: question bubbles and answers with chips; `pending` while searching,
    with `partial`, the answer streamed so far, in its bubble. Each turn is a div.turn
    (data-turn = its index) so the page can scroll the newest one into view."""
    lab = labels(lang)
    if not history and pending is None:
        return f'<div class="conv-empty">{html.escape(lab["conv_empty"])}</div>'
    parts = [_turn_html(turn, item, lab) for turn, item in enumerate(history)]
    if pending is not None:
        n = len(history)
        if partial:
            body = html.escape(partial).replace("\n", "<br>")
            parts.append(f'<div class="turn pending-turn" data-turn="{n}"><div class="q">{html.escape(pending)}</div>'
                         f'<div class="answer streaming">{body}</div></div>')
        else:
            parts.append(f'<div class="turn pending-turn" data-turn="{n}"><div class="q">{html.escape(pending)}</div>'
                         f'<div class="answer pending">{html.escape(lab["searching"])}</div></div>')
    return '<div class="conv">' + "".join(parts) + "</div>"


def filter_chips_html(filters, lang: str = "nl") -> str:
    """The active filters as chips above the chat ("actor VVD ×"); empty without filters.
    Each × clicks the hidden clear button of its filter (#clear-<field>)."""
    lab = labels(lang)
    fields = [("dossier", lab["dossier"]), ("doc_type", lab["doc_type"]), ("actor", lab["actor"]),
              ("date_from", lab["date_from"].split(" (")[0]), ("date_to", lab["date_to"].split(" (")[0])]
    chips = [f'<span class="fchip" data-field="{k}">{html.escape(name)}: <b>{html.escape(str(getattr(filters, k)))}</b>'
             f' <button type="button" class="fchip-x" data-field="{k}" aria-label="{html.escape(lab["clear_filters"])}">×</button>'
             f'</span>' for k, name in fields if filters is not None and getattr(filters, k, None)]
    if not chips:
        return ""
    return (f'<div class="fchips"><span class="fchips-label">{html.escape(lab["active_filters"])}:</span> '
            + " ".join(chips)
            + f' <button type="button" class="fchip-x all" data-field="all">{html.escape(lab["clear_filters"])}</button></div>')


def sources_panel_html(history: list[tuple[str, Answer]], lang: str = "nl") -> str:
    """Sources of the newest answer open; earlier answers' sources folded away below."""
    lab = labels(lang)
    if not history:
        return f'<div class="conv-empty">{html.escape(lab["sources_empty"])}</div>'
    parts = []
    for turn in range(len(history) - 1, -1, -1):
        question, ans, _ = turn_parts(history[turn])
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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def md_escape(text: str) -> str:
    """User text made inert in Markdown: HTML escaped, Markdown markup characters backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(re.sub(r"\s+", " ", text).strip(), quote=False))


def export_markdown(history: list) -> str:
    """A conversation as Markdown with every citation resolved to its document (title,
    date, dossier, page; never a server path), questions escaped, quotes as blockquotes."""
    out = ["# Dossierwijzer — gesprek", ""]
    for item in history:
        question, ans, note = turn_parts(item)
        out += [f"**Vraag:** {md_escape(question)}", ""]
        if ans.searched and ans.searched.strip() != question.strip():
            out += [f"*Gezocht:* {md_escape(ans.searched)}", ""]
        out += [ans.answer, ""]
        if note:
            out += [f"*{md_escape(note)}*", ""]
        for c in ans.citations:
            out.append(f"[{c.n}] {citation_label(c)}")
            out.append("")
            out.append("> " + re.sub(r"\s+", " ", c.quote).strip())
            out.append("")
        out.append("")
    return "\n".join(out)


def header_html(answerer: str, n_docs: int, lang: str = "nl") -> str:
    lab = labels(lang)
    mode = lab.get("mode_" + answerer, answerer)
    return (f'<div id="header"><h1>{lab["title"]}</h1><div class="sub">{lab["subtitle"]}</div>'
            f'<span class="pill">{lab["answerer"]}: {html.escape(mode)}</span>'
            f'<span class="pill">{lab["n_docs"].format(n=n_docs)}</span></div>')
