"""Officiële-publicatie XML (kamerstukken, moties, kamervragen, Handelingen, gazettes).

The Handelingen copies in the corpus are double-encoded UTF-8 and, as stored,
not well-formed (a mojibake BOM before the XML declaration). The text is
repaired before parsing (decode_bytes), parsed strictly, then with lxml's
recovering parser, and as a last resort by stripping tags with regexes. Any
recovery step is reported in Document.warnings as "partial extraction: ...".
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from lxml import etree

from index.types import Block, Document
from index import metadata
from index.readers.errors import SkipFile
from index.readers.textutil import looks_mojibake, normalize_ws, speaker_label, tidy_inline_spacing

_HEADING_TAGS = {"titel", "item-titel", "intitule", "tussenkop", "kop"}
_PARA_TAGS = {
    "al", "tekstregel", "li", "kamervraagomschrijving", "datumtekst", "stuknr", "considerans.al",
    "wij", "vergadering-nummer", "vergaderdatum", "vergadertijd", "subtitel", "slotformulering",
}
_SKIP_TAGS = {"metadata", "meta", "kamerstukkop", "kamervraagkop", "spreker", "plaatje", "illustratie", "li.nr"}
_PUBLICATION_NAMES = ("staatscourant", "staatsblad", "gemeenteblad", "provinciaal blad", "waterschapsblad",
                      "blad gemeenschappelijke regeling", "tractatenblad")


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _text(el: etree._Element) -> str:
    return tidy_inline_spacing(normalize_ws("".join(el.itertext())))


def _parser(recover: bool) -> etree.XMLParser:
    # No entity expansion, no DTD/network access, bounded tree: hostile XML stays harmless.
    return etree.XMLParser(recover=recover, resolve_entities=False, no_network=True,
                           huge_tree=False, load_dtd=False, remove_comments=True, remove_pis=True)


def parse_xml(text: str, warnings: list[str]) -> etree._Element | None:
    """Strict parse, then recovering parse; None when nothing usable comes out."""
    start = text.find("<")
    if start < 0:
        return None
    data = re.sub(r"^<\?xml[^>]*\?>", "", text[start:].lstrip()).encode("utf-8")
    try:
        return etree.fromstring(data, _parser(recover=False))
    except etree.XMLSyntaxError as exc:
        error = str(exc)
    root = etree.fromstring(data, _parser(recover=True))
    if root is not None:
        warnings.append(f"partial extraction: XML not well-formed ({error}); recovered what lxml could parse")
    return root


def strip_tags_fallback(text: str) -> list[Block]:
    """Last resort for markup lxml cannot parse: paragraphs from the text between tags."""
    body = re.sub(r"(?is)<metadata\b.*?</metadata>|<!--.*?-->|<\?.*?\?>|<!\[CDATA\[|\]\]>", " ", text)
    body = re.sub(r"(?i)</(al|titel|item-titel|p|li|tekstregel|nr|div|h\d|tussenkop)\s*>", "\n\n", body)
    body = re.sub(r"<[\w/!?][^<>]*(?=<|$)", " ", body)  # unclosed tag cut off by the next one or the end
    body = html.unescape(re.sub(r"<[^<>]{0,2000}>", " ", body))
    paras = (tidy_inline_spacing(normalize_ws(p)) for p in re.split(r"\n\s*\n", body))
    return [Block(text=p) for p in paras if re.search(r"\w", p)]  # markup debris ("<< >>") is no text


class _Walker:
    """Depth-first walk emitting heading/paragraph Blocks exactly once per text."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.section = ""
        self.speaker = ""
        self.speakers: list[str] = []

    def emit(self, text: str, kind: str = "paragraph") -> None:
        text = tidy_inline_spacing(normalize_ws(text))
        if not text:
            return
        if kind == "heading":
            self.section = text
        self.blocks.append(Block(text=text, section=self.section, speaker=self.speaker, kind=kind))

    def walk(self, el: etree._Element) -> None:
        tag = _local(el)
        if not tag or tag in _SKIP_TAGS:
            return
        if tag == "spreekbeurt":
            self._spreekbeurt(el)
            return
        if tag in _HEADING_TAGS or (tag == "nr" and re.search(r"[A-Za-z]", _text(el))):
            self.emit(_text(el), "heading")
            return
        if tag == "nr":
            return  # bare agenda item numbers carry no text
        if tag in _PARA_TAGS:
            self.emit(_text(el))
            return
        self.emit(el.text or "")  # loose text in containers still belongs to the document
        for child in el:
            self.walk(child)
            self.emit(child.tail or "")

    def _spreekbeurt(self, el: etree._Element) -> None:
        previous = self.speaker
        spreker = next((c for c in el if _local(c) == "spreker"), None)
        if spreker is not None:
            self.speaker = handelingen_speaker(spreker)
            if self.speaker and self.speaker not in self.speakers:
                self.speakers.append(self.speaker)
        for child in el:
            self.walk(child)
        self.speaker = previous


def handelingen_speaker(spreker: etree._Element) -> str:
    """<spreker><voorvoegsels>Mevrouw</voorvoegsels><naam>..Agema..</naam>(<politiek>PVV</politiek>)."""
    parts = {_local(c): _text(c) for c in spreker}
    return speaker_label(parts.get("voorvoegsels", ""), parts.get("naam", ""), parts.get("politiek", ""))


def _first(root: etree._Element, name: str) -> etree._Element | None:
    return next(iter(root.iter("{*}" + name)), None)


def _meta(root: etree._Element, name: str) -> str:
    for m in root.iter("{*}meta"):
        if m.get("name") == name and m.get("content"):
            return m.get("content", "").strip()
    return ""


def _identifier(root: etree._Element) -> str:
    m = re.search(r"/([a-z]+(?:-[\w]+)+)/metadata\.xml", _meta(root, "OVERHEIDop.externMetadataRecord"))
    return m.group(1) if m else ""


def kamerstuk_dossier(root: etree._Element) -> str | None:
    """<dossiernr>21 501</dossiernr>-<raadnr>02</raadnr> + <ondernummer>3121</ondernummer> -> "21501-02-3121"."""
    dossiernummer = _first(root, "dossiernummer")
    if dossiernummer is None:
        return None
    nr = dossiernummer.find("{*}dossiernr")
    parts = [re.sub(r"\D", "", _text(nr if nr is not None else dossiernummer))]
    for sub in ("raadnr", "begrotingshoofdstuk"):
        el = dossiernummer.find("{*}" + sub)
        if el is not None and _text(el):
            parts.append(_text(el).replace(" ", ""))
    ondernummer = _first(root, "ondernummer")
    if ondernummer is not None and _text(ondernummer):
        parts.append(_text(ondernummer))
    return "-".join(p for p in parts if p) or None


def _date(root: etree._Element) -> str | None:
    # Kamervragen: the document date is when the answer was received, not when asked.
    for omschrijving in root.iter("{*}kamervraagomschrijving"):
        d = _first(omschrijving, "datum") if omschrijving.get("type") == "antwoord" else None
        if d is not None and d.get("isodatum"):
            return d.get("isodatum", "")[:10]
    for d in root.iter("{*}datum"):
        if d.get("isodatum"):
            return d.get("isodatum", "")[:10]
    issued = _meta(root, "DCTERMS.issued")
    if re.match(r"\d{4}-\d{2}-\d{2}", issued):
        return issued[:10]
    for tag in ("datumtekst", "vergaderdatum", "dagtekening"):
        el = _first(root, tag)
        if el is not None and metadata.extract_date(_text(el)):
            return metadata.extract_date(_text(el))
    return None


def _title(root: etree._Element, blocks: list[Block], ident: str) -> str:
    dc_title = _meta(root, "DC.title")
    if dc_title:
        return dc_title
    stuk = _first(root, "stuk")
    if stuk is not None and stuk.find("{*}titel") is not None:
        return _text(stuk.find("{*}titel"))
    vraag = next((o for o in root.iter("{*}kamervraagomschrijving") if o.get("type") == "vraag"), None)
    if vraag is not None:
        asked = re.sub(r"\s*\(ingezonden[^)]*\)\.?$", "", _text(vraag))
        prefix = "Antwoord op " if _first(root, "antwoord") is not None else ""
        return prefix + (asked[:1].lower() + asked[1:] if prefix else asked)
    for tag in ("intitule", "item-titel"):
        el = _first(root, tag)
        if el is not None and _text(el):
            return _text(el)
    heading = next((b.text for b in blocks if b.kind == "heading" and not b.text.lower().startswith(_PUBLICATION_NAMES)), "")
    return heading or ident


def _members(root: etree._Element, blocks: list[Block], title: str, walker: _Walker) -> list[str]:
    if _first(root, "handelingen") is not None:
        return [s for s in walker.speakers if s.endswith(")") and "(minister" not in s and "(staatssecretaris" not in s]
    vraag = next((o for o in root.iter("{*}kamervraagomschrijving") if o.get("type") == "vraag"), None)
    if vraag is not None:
        return [_text(n) for n in vraag.iter("{*}naam")]
    stuk = _first(root, "stuk")
    stuk_title = _text(stuk.find("{*}titel")) if stuk is not None and stuk.find("{*}titel") is not None else title
    return metadata.members_from_motie_text([b.text for b in blocks]) or metadata.members_from_motie_title(stuk_title)


def _document_from_root(path: Path, root: etree._Element, warnings: list[str]) -> Document:
    walker = _Walker()
    walker.walk(root)
    blocks = walker.blocks
    ident = _identifier(root)
    title = _title(root, blocks, ident)
    doc_type = metadata.detect_doc_type(title, "\n".join(b.text for b in blocks[:30]), ident or path)
    members = _members(root, blocks, title, walker)
    if doc_type in {"motie", "amendement"} and members:
        for b in blocks:  # the indieners speak for the whole motie
            b.speaker = ", ".join(members)
    dossier = kamerstuk_dossier(root) or (metadata.extract_dossier(ident) if ident else None)
    # The structure is authoritative for dates; free text only via the title
    # ("Besluit van 9 maart 2018"), never for Handelingen, whose titles cite other dates.
    date = _date(root) or (None if doc_type == "handelingen" else metadata.extract_date(title))
    return Document(doc_id="", source_path="", title=title, blocks=blocks, date=date,
                    doc_type=doc_type, dossier=dossier, members=members, warnings=warnings)


def read_tkxml(path: Path, text: str) -> Document:
    """Parse officiële-publicatie XML text (already decoded and mojibake-repaired)."""
    warnings: list[str] = []
    if looks_mojibake(text):
        warnings.append("encoding: mojibake remained after repair")
    root = parse_xml(text, warnings)
    if root is not None:
        doc = _document_from_root(path, root, warnings)
        if doc.blocks:
            return doc
    blocks = strip_tags_fallback(text)
    if not blocks:
        raise SkipFile("invalid XML: no text could be recovered")
    warnings.append("partial extraction: XML could not be parsed; text recovered by stripping tags")
    title = blocks[0].text[:200]
    return Document(doc_id="", source_path="", title=title, blocks=blocks, warnings=warnings)
