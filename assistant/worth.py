"""Which passages are worth showing as related results: not procedural turns (the chair's
"dank u wel", agenda lines, motie formulas, greetings) and not fragments with too little
content. Pure functions over the passage text; `content_words` is what is left after the
speaker label and the procedural phrases are taken out."""
from __future__ import annotations

import re

# "De voorzitter:", "De heer Van Baarle (DENK):", "Mevrouw Dobbe (SP):", "Minister Veldkamp:"
_SPEAKER = re.compile(
    r"^\s*(?:(?:de\s+)?(?:voorzitter|heer|minister|staatssecretaris|minister-president)|mevrouw|meneer)"
    r"\b[^:\n]{0,90}:\s*", re.I)
_CHAIR = re.compile(r"^\s*(?:de\s+)?voorzitter\b[^:\n]{0,40}:", re.I)

_NAME = r"(?-i:[A-Z][\w'\-]+)(?: (?-i:[A-Z][\w'\-]+)){0,2}"

# Phrases that carry no subject: chairing, thanks, greetings, agenda lines, motie formulas.
PROCEDURAL_PHRASES = [
    r"(?:hartelijk |heel hartelijk )?dank (?:u|je|jullie) (?:wel|zeer)?(?:,? (?:voorzitter|minister|staatssecretaris))?",
    r"(?:hartelijk )?bedankt(?:,? voorzitter)?", r"dank daarvoor",
    r"goede(?:morgen|middag|navond)(?: allemaal)?", r"welkom(?: allemaal| bij dit debat)?",
    r"voorzitter", rf"(?:meneer|mevrouw|de heer|de minister|de staatssecretaris|minister) {_NAME}",
    r"(?:ik geef|dan geef ik) (?:het woord|de gelegenheid)[^.?!]*", r"het woord is aan[^.?!]*",
    r"(?:ik zie|er is) (?:een |nog een )?(?:interruptie|vraag|vervolgvraag)[^.?!]*",
    r"(?:heeft u|hebt u|is er) (?:nog )?(?:een )?(?:vervolgvraag|interruptie|vraag)[^.?!]*",
    r"u (?:bent|zit) (?:door|aan het einde van) uw (?:tijd|interrupties|spreektijd)[^.?!]*",
    r"ik (?:open|schors|sluit|heropen) (?:de|deze) vergadering[^.?!]*",
    r"de vergadering wordt[^.?!]*(?:geschorst|heropend|gesloten)[^.?!]*",
    r"aan de orde (?:is|zijn)(?: de behandeling van)?", r"(?:agendapunt|punt) \d+[^.?!\n]*",
    r"stemmingen? over[^.?!\n]*", r"(?:keurig )?binnen de tijd", r"dan gaan we (?:naar|door)[^.?!]*",
    r"de kamer,? gehoord de beraadslaging,?", r"en gaat over tot de orde van de dag",
    r"verzoekt de regering,?", r"constaterende dat", r"overwegende dat", r"van mening dat",
    r"roept de regering op,?", r"spreekt uit dat", r"zij gaan tot stemming over",
    r"(?:de )?voorgestelde motie", r"ingediend bij[^.?!\n]*", r"naam indiener[s]?:?", r"ondertekenaars?:?",
    r"(?:ja|nee|oké|ok|prima|helder|zeker|goed|precies|klopt|akkoord|steun|dus)[.!,]",
]
_PROCEDURAL = re.compile(r"\b(?:" + "|".join(PROCEDURAL_PHRASES) + r")(?=\W|$)", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'][^\W_]+)*", re.UNICODE)


def content_words(text: str) -> int:
    """Words left after the speaker label and the procedural phrases are removed."""
    rest = _PROCEDURAL.sub(" ", _SPEAKER.sub("", text, count=1))
    return len(_WORD.findall(rest))


def is_chair(text: str, speaker: str = "") -> bool:
    return bool(_CHAIR.match(text)) or speaker.strip().lower() in ("voorzitter", "de voorzitter")


# A footnote or bibliography entry: "173 ‘Overzicht wetten ...’, Autoriteit Consument & Markt, n.d.",
# "75 ‘Volt Typhoon targets ...’, https://...", "Geraadpleegd op 3 mei 2024".
_REFERENCE = re.compile(
    r"^\s*\d{1,3}\s+[‘'\"“«]|(?i:https?://|\bwww\.|\bn\.d\.|\b(?:geraadpleegd|accessed|retrieved) (?:op|on)\b)")


_FOOTNOTE = re.compile(r"^\s*\d{1,3}\s+[‘'\"“«]|(?i:\bn\.d\.|\b(?:geraadpleegd|accessed|retrieved) (?:op|on)\b)")


def is_footnote(sentence: str) -> bool:
    """A footnote entry ("173 ‘Titel’, Uitgever, n.d."): never quoted as an answer. A sentence
    that merely gives a URL may still say something, so URLs alone do not count here."""
    return bool(_FOOTNOTE.search(sentence))


def is_reference(line: str) -> bool:
    """A footnote or bibliography entry: it names a source, it says nothing itself."""
    return bool(_REFERENCE.search(line))


def mostly_references(text: str, share: float = 0.5) -> bool:
    """A passage that is mostly footnotes (the reference pages of a report): more than
    `share` of its characters are in lines that are references."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    total = sum(len(ln) for ln in lines)
    return bool(total) and sum(len(ln) for ln in lines if is_reference(ln)) > share * total


def worth_showing(text: str, speaker: str = "", min_words: int = 12, chair_min_words: int = 40) -> bool:
    """False for procedural turns, reference lists and contentless fragments: fewer than
    `min_words` content words, mostly footnotes, or a chair's turn with fewer than
    `chair_min_words` (the chair rarely speaks to a subject; a long chair turn that
    summarises a debate is kept)."""
    if mostly_references(text):
        return False
    n = content_words(text)
    if n < min_words:
        return False
    return not (is_chair(text, speaker) and n < chair_min_words)
