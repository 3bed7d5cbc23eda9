"""VLOS vergaderverslag XML (Tweede Kamer verslagen of plenary and committee sittings).

Structure used: vergadering > activiteit (agenda item; its titel is the
section) > ... > woordvoerder/interrumpant (one spreker + one tekst) or
draadboekfragment (sprekers + tekst). Each <alinea> becomes one paragraph.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from index.types import Block, Document
from index.readers.errors import SkipFile
from index.readers.textutil import normalize_ws, speaker_label
from index.readers.tkxml import parse_xml, strip_tags_fallback

NS = "http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0"
_ROUTINE_ACTIVITIES = {"opening", "sluiting", "mededelingen", "regeling van werkzaamheden"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _text(el: etree._Element | None) -> str:
    return normalize_ws("".join(el.itertext())) if el is not None else ""


def vlos_speaker(spreker: etree._Element) -> str:
    """"Name (Fractie)" from <verslagnaam>/<fractie>; members of government get their function."""
    name = _text(spreker.find(_q("verslagnaam"))) or _text(spreker.find(_q("achternaam")))
    fractie = _text(spreker.find(_q("fractie")))
    functie = _text(spreker.find(_q("functie")))
    if not fractie and functie and "lid tweede kamer" not in functie.lower():
        return f"{name} ({functie})" if name else functie
    return speaker_label("", name, fractie)


def _speaker_for(tekst: etree._Element) -> str:
    """The speaker of a <tekst>: the spreker of its woordvoerder/interrumpant, or a lone spreker."""
    parent = tekst.getparent()
    if parent is None:
        return ""
    spreker = parent.find(_q("spreker"))
    if spreker is None:
        sprekers = parent.find(_q("sprekers"))
        lone = list(sprekers) if sprekers is not None else []
        spreker = lone[0] if len(lone) == 1 and etree.QName(parent).localname == "draadboekfragment" else None
    return vlos_speaker(spreker) if spreker is not None else ""


def _alinea_blocks(tekst: etree._Element, section: str) -> list[Block]:
    speaker = _speaker_for(tekst)
    blocks = []
    for alinea in tekst.iter(_q("alinea")):
        items = [_text(i) for i in alinea.iter(_q("alineaitem"))]
        text = " ".join(i for i in items if i) or _text(alinea)
        if text:
            blocks.append(Block(text=text, section=section, speaker=speaker))
    return blocks


def _activity_blocks(act: etree._Element) -> list[Block]:
    """Heading + spoken text of one agenda item; a text-less (casco) item lists its zaken."""
    section = _text(act.find(_q("titel")))
    blocks = [Block(text=section, section=section, kind="heading")] if section else []
    teksten = list(act.iter(_q("tekst")))
    for tekst in teksten:
        blocks.extend(_alinea_blocks(tekst, section))
    if not teksten:
        for zaak in act.iter(_q("zaak")):
            title = _text(zaak.find(_q("titel")))
            if title:
                blocks.append(Block(text=title, section=section))
    return blocks


def _blocks(vergadering: etree._Element) -> list[Block]:
    blocks: list[Block] = []
    for act in vergadering.iter(_q("activiteit")):
        blocks.extend(_activity_blocks(act))
    return blocks


def _title(vergadering: etree._Element) -> str:
    title = _text(vergadering.find(_q("titel")))
    if vergadering.get("soort", "").lower() != "plenair":
        return title  # a committee debate is titled by its subject already
    topics: list[str] = []
    for act in vergadering.iter(_q("activiteit")):
        t = _text(act.find(_q("titel")))
        if t and t.lower() not in _ROUTINE_ACTIVITIES and t not in topics:
            topics.append(t)
    return f"{title} — {'; '.join(topics[:4])}" if topics else title


def read_vlos(path: Path, text: str) -> Document:
    """Parse VLOS XML text into a verslag Document with speakers and agenda-item sections."""
    warnings: list[str] = []
    root = parse_xml(text, warnings)
    vergadering = root.find(_q("vergadering")) if root is not None else None
    if vergadering is None:
        blocks = strip_tags_fallback(text)
        if not blocks:
            raise SkipFile("invalid VLOS XML: no text could be recovered")
        warnings.append("partial extraction: VLOS structure not found; text recovered by stripping tags")
        return Document("", "", blocks[0].text[:200], blocks, doc_type="verslag", warnings=warnings)
    blocks = _blocks(vergadering)
    members = sorted({b.speaker for b in blocks if b.speaker.endswith(")")
                      and not re.search(r"\((minister|staatssecretaris)", b.speaker, re.I)})
    date = _text(vergadering.find(_q("datum")))[:10] or None
    return Document(doc_id="", source_path="", title=_title(vergadering), blocks=blocks, date=date,
                    doc_type="verslag", members=members, warnings=warnings)
