"""HTML pages: saved tweedekamer.nl snapshots (heavy site chrome) and officiële-publicatie HTML.

Site chrome is removed by tag (nav, header, footer, script, ...) and by the
id/class names tweedekamer.nl and officielebekendmakingen.nl use for menus,
breadcrumbs, search, sharing and overlays. What remains is walked in
document order; h1-h4 become heading Blocks, other leaf block elements
paragraphs.
"""
from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from index.types import Block, Document
from index import metadata
from index.readers.errors import SkipFile
from index.readers.textutil import normalize_ws

_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "svg",
              "template", "button", "select", "input", "object", "embed"]
# Exact id/class tokens (and prefixes) of site chrome; exact tokens so that
# "paper-header" (the document header on tweedekamer.nl) is not taken for "header".
_CHROME_TOKENS = {
    "nav", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer", "top", "logo",
    "tools", "colorbox", "push", "kopregel", "voetregel", "inhoudsopgave", "skip", "skiplinks",
    "cookie", "cookies", "popup", "sidebar", "banner", "rs_skip", "rsbtn", "rs_preserve",
}
# tweedekamer.nl puts the document's h1 inside div#header, and search *results* are
# content, so neither "header" nor a bare "search" prefix counts as chrome.
_CHROME_PREFIXES = ("nav-", "cbox", "breadcrumb", "search-box", "searchbox", "search-form", "social",
                    "drop-down", "menu-", "tkrsplayer", "cookie")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = {"p", "li", "dd", "dt", "td", "th", "pre", "blockquote", "caption", "figcaption",
               "div", "section", "article", "main", "address"} | set(_HEADINGS)
_TITLE_SUFFIX_RE = re.compile(r"\s*\|\s*Tweede Kamer der Staten-Generaal\s*$", re.I)


def _is_chrome(node: LexborNode) -> bool:
    attrs = node.attributes
    names = " ".join(filter(None, [attrs.get("id"), attrs.get("class"), attrs.get("role")])).lower()
    return any(t in _CHROME_TOKENS or t.startswith(_CHROME_PREFIXES) for t in names.split())


def _strip_chrome(tree: LexborHTMLParser) -> None:
    tree.strip_tags(_DROP_TAGS)
    body = tree.body
    if body is None:
        return
    for node in [n for n in body.traverse() if n.tag != "body" and _is_chrome(n)]:
        if node.parent is not None:  # may already be gone with a removed ancestor
            node.decompose()


def _has_block_child(node: LexborNode, ignore: frozenset[str] = frozenset()) -> bool:
    tags = _BLOCK_TAGS - ignore
    return any(c.tag in tags for c in node.traverse(include_text=False) if c.mem_id != node.mem_id)


def _row_text(row: LexborNode) -> str:
    cells = [normalize_ws(c.text(deep=True, separator=" ")) for c in row.css("td, th")]
    return " | ".join(c for c in cells if c)


def _collect(node: LexborNode, out: list[tuple[str, str]]) -> None:
    """Emit leaf block elements in document order; containers recurse into children."""
    if node.tag in _HEADINGS:
        out.append((normalize_ws(node.text(deep=True, separator=" ")), "heading"))
        return
    if node.tag == "tr" and not _has_block_child(node, frozenset({"td", "th"})):
        out.append((_row_text(node), "paragraph"))  # one table row, one paragraph
        return
    if node.tag in _BLOCK_TAGS and not _has_block_child(node):
        out.append((normalize_ws(node.text(deep=True, separator=" ")), "paragraph"))
        return
    child = node.child
    while child is not None:
        if child.tag == "-text":
            out.append((normalize_ws(child.text_content or ""), "paragraph"))  # loose text in a container
        elif child.tag not in ("-comment",):
            _collect(child, out)
        child = child.next


def _meta(tree: LexborHTMLParser, *names: str) -> str:
    wanted = {n.lower() for n in names}
    for m in tree.css("meta"):
        if (m.attributes.get("name") or "").lower() in wanted and m.attributes.get("content"):
            return normalize_ws(m.attributes["content"] or "")
    return ""


def _title(tree: LexborHTMLParser, blocks: list[Block]) -> str:
    marked = tree.css_first(".use-as-title")  # tweedekamer.nl marks the document's own title
    if marked is not None and normalize_ws(marked.text(deep=True)):
        return normalize_ws(marked.text(deep=True))
    node = tree.css_first("title")
    title = _TITLE_SUFFIX_RE.sub("", normalize_ws(node.text() if node else ""))
    title = title or _meta(tree, "DC.title", "dcterms.title", "OVERHEIDop.documenttitel")
    return title or next((b.text for b in blocks if b.kind == "heading"), "")


def _to_blocks(items: list[tuple[str, str]]) -> list[Block]:
    blocks: list[Block] = []
    section = ""
    for text, kind in items:
        if not text:
            continue
        if kind == "heading":
            section = text
        blocks.append(Block(text=text, section=section, kind=kind))
    return blocks


def read_html(path: Path, text: str) -> Document:
    """Parse decoded HTML text into blocks without the site chrome."""
    tree = LexborHTMLParser(text)
    if tree.body is None:
        raise SkipFile("HTML has no body")
    meta_title = _meta(tree, "DC.title")
    _strip_chrome(tree)
    items: list[tuple[str, str]] = []
    _collect(tree.body, items)
    blocks = _to_blocks(items)
    issued = _meta(tree, "DCTERMS.issued", "DCTERMS.available")
    ident = _meta(tree, "DC.identifier")
    doc_type = metadata.detect_doc_type(meta_title or _title(tree, blocks), "\n".join(b.text for b in blocks[:30]), path)
    return Document(
        doc_id="", source_path="", title=_title(tree, blocks), blocks=blocks,
        date=issued[:10] if re.match(r"\d{4}-\d{2}-\d{2}", issued) else None,
        doc_type=doc_type, dossier=metadata.extract_dossier(ident) if ident else None,
        members=[],
    )
