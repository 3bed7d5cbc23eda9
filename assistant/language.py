"""Question language: Dutch or English, by function words (no model needed)."""
from __future__ import annotations

import re

# words of one language only ("in", "is", "was", "over" are both, "of" is Dutch "or" too: in neither)
_EN = set("the what which who how did does do are were about and to on for with argue argued ask asked say said "
          "netherlands dutch commission why when where please tell me regarding that this there has have been will "
          "would can could should not any many much according government from by it its their they".split())
_NL = set("de het een wat welke wie hoe heeft hebben zijn waren van en te op voor met vroeg vroegen zei "
          "ingebracht waarom wanneer waar nederland kabinet fractie leden motie ook bij niet dat die er om aan naar "
          "uit nog wil wordt worden kan moet zou gaat hij zij ze wij deze dit geen meer door tegen sinds hoeveel "
          "volgens regering".split())
_WORD = re.compile(r"[a-zà-ÿ]+")


def detect_language(text: str) -> str:
    """'en' when English function words outnumber Dutch ones, else 'nl' (the default)."""
    words = _WORD.findall(text.lower())
    en = sum(w in _EN for w in words)
    nl = sum(w in _NL for w in words)
    return "en" if en > nl else "nl"
