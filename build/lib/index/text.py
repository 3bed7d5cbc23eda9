"""Dutch text analysis shared by BM25, the answerer and deduplication: folding
(lowercase, diacritics, ĳ), Dutch stopwords, Snowball Dutch stems."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Snowball's Dutch stopword list plus a few parliamentary function words.
DUTCH_STOPWORDS = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens
    en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je
    kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons
    ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie
    wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden hun hen wij we jullie dezelfde
    welke welk waarbij waarin waarop hierbij hiervan daarbij daarvan daarom echter tevens alsmede
    mede zoals via per bijvoorbeeld eventueel
    the a an of and or to in on for is are was were be what which who how did does do about
    """.split()
)

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase and strip diacritics (é -> e, ĳ -> ij)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ĳ", "ij"))
    if text.isascii():  # most Dutch text: nothing to strip, and no per-character loop over megabytes
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: Snowball in C

    return Stemmer.Stemmer("dutch")


def tokenize(text: str) -> list[str]:
    """Dutch analysis: fold, split, drop stopwords, stem. Hyphenated words add their parts."""
    words: list[str] = []
    for m in _WORD.finditer(fold(text)):
        w = m.group(0)
        parts = re.split(r"[-']", w)
        if len(parts) > 1:
            words.append(w.replace("-", "").replace("'", ""))
            words.extend(parts)
        else:
            words.append(w)
    words = [w for w in words if w not in DUTCH_STOPWORDS and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)
