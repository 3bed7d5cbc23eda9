"""Question language: Dutch or English, by function words (no model needed)."""
from __future__ import annotations

import re

_EN = set("the what which who how did does do is are was were about of and to in on for with argue argued ask asked say said "
          "netherlands dutch commission why when where please tell me regarding".split())
_NL = set("de het een wat welke wie hoe heeft hebben is zijn was waren over van en te in op voor met vroeg vroegen zei "
          "ingebracht waarom wanneer waar nederland kabinet fractie leden motie".split())
_WORD = re.compile(r"[a-zà-ÿ]+")


def detect_language(text: str) -> str:
    """'en' when English function words outnumber Dutch ones, else 'nl' (the default)."""
    words = _WORD.findall(text.lower())
    en = sum(w in _EN for w in words)
    nl = sum(w in _NL for w in words)
    return "en" if en > nl else "nl"
