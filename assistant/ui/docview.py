"""GET /passage/{chunk_id}: a readable view of an indexed document (TXT, XML, HTML, DOCX)
with the cited passage highlighted and scrolled to (#cited), built from the stored
passages via service.passage, so it shows exactly the text that was searched and quoted.
PDFs are not shown here: their link opens the PDF itself at the cited page.

All document text is HTML-escaped; the page carries a CSP that allows no scripts.
"""
from __future__ import annotations

import html

from assistant import render, service
from assistant.ui.labels import labels

MAX_AROUND = 300  # passages either side of the cited one (a whole kamerstuk, most Handelingen)
PAGE_CSS = """
body {font-family: system-ui, 'Segoe UI', Roboto, Arial, sans-serif; max-width: 780px; margin: 0 auto; padding: 16px;
      line-height: 1.55; color: #1d2330}
header {border-bottom: 1px solid #dde1e6; margin-bottom: 16px; padding-bottom: 8px}
h1 {font-size: 1.3em; margin: 0 0 4px 0} .meta {color: #555; font-size: .9em}
.meta a {margin-right: 12px}
section.passage {margin: 0 0 14px 0; scroll-margin-top: 30vh}
section.passage h2 {font-size: 1em; margin: 18px 0 6px 0; color: #333}
section.cited {background: #f3f7ff; border-left: 4px solid #1f5fbf; padding: 8px 12px; border-radius: 4px}
.cited-label {font-size: .8em; color: #1f5fbf; font-weight: 600; text-transform: uppercase; letter-spacing: .03em}
mark {background: #fff0a0; padding: 0 1px}
.more {color: #666; font-style: italic; font-size: .9em}
"""
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def _section(chunk, heading: str | None, cited: bool, quote: str | None, lab: dict) -> str:
    body = render.highlight(chunk.text, quote) if cited and quote else html.escape(chunk.text).replace("\n\n", "<br><br>")
    head = f"<h2>{html.escape(heading)}</h2>" if heading else ""
    if cited:
        return (f'{head}<section class="passage cited" id="cited"><div class="cited-label">'
                f'{html.escape(lab["doc_view_cited"])}</div>{body}</section>')
    return f'{head}<section class="passage" id="p-{chunk.position}">{body}</section>'


def document_page(engine, chunk_id: str, quote: str | None = None) -> str:
    """The HTML page for the document of `chunk_id` (RetrievalError for an unknown id)."""
    lab = labels(engine.settings.ui.language)
    p = service.passage(engine, chunk_id, neighbours=MAX_AROUND)
    ch = p.chunk
    parts, last_section = [], None
    for c in [*p.before, ch, *p.after]:
        heading = c.section if c.section and c.section != last_section else None
        if heading and c.text.lstrip().startswith(heading):
            heading = None  # the passage opens with its own heading
        last_section = c.section or last_section
        parts.append(_section(c, heading, c.chunk_id == ch.chunk_id, quote, lab))
    state = engine.manifest.state_of_doc(ch.doc_id)
    shown = len(p.before) + 1 + len(p.after)
    more = f'<p class="more">{html.escape(lab["doc_view_more"])}</p>' if state and len(state.chunk_ids) > shown else ""
    meta = " · ".join(html.escape(x) for x in (ch.doc_type, ch.date, ch.dossier and f"dossier {ch.dossier}") if x)
    return (
        f'<!doctype html><html lang="{html.escape(engine.settings.ui.language)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(ch.title or ch.doc_id)}'
        f'</title><style>{PAGE_CSS}</style></head><body><header><h1>{html.escape(ch.title or ch.doc_id)}</h1>'
        f'<div class="meta">{meta}</div><div class="meta"><a href="../source/{html.escape(ch.chunk_id)}">'
        f'{html.escape(lab["download"])}</a><a href="../">{html.escape(lab["doc_view_back"])}</a></div></header>'
        f'{more}{"".join(parts)}</body></html>'
    )
