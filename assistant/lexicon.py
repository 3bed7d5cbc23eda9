"""English question words -> Dutch BM25 stems, through a bilingual lexicon of the corpus's own
vocabulary (assistant/lexicon_en_nl.tsv): Dutch BM25 matches few words of an English question
("nitrogen" is "stikstof" in every passage), so an English question's sparse query and topic
words get the Dutch stems its words translate to.

The table's Dutch side is the corpus vocabulary, not the questions': every stem found in at
least 3 documents of the shared corpus (`python -m eval.build_lexicon_vocab CORPUS`), each with
up to four English equivalents written by hand (names, function words and fragments: none).
An English word or phrase (up to three words, Porter-stemmed: "children" -> "children",
"securities" -> "secur") maps to every Dutch stem that lists it; the longest phrase matching
at a position wins ("cyber security" before "security").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.text import fold

LEXICON_FILE = Path(__file__).with_name("lexicon_en_nl.tsv")
MAX_PHRASE = 3

# English function words and question frames: no subject, never translated.
ENGLISH_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves tell please regarding concerning say said says ask asked asks
argue argued argues mention mentioned state stated think thought want wanted did does doing done get got make made
within without according together either neither whether upon among amongst across along toward towards via per
specifically particularly exactly actually really also already still yet ever even much many several whose
one ones something anything thing things way ways kind sort lot lots use used using
""".split())

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _english_stemmer():
    import Stemmer  # PyStemmer: Snowball (Porter2) English

    return Stemmer.Stemmer("english")


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[tuple[str, ...], tuple[str, ...]]  # English stem phrase -> Dutch stems

    def groups(self, text: str) -> list[tuple[str, ...]]:
        """Per English word or phrase of `text` the table holds, in order, the Dutch stems it
        translates to (alternatives of one word: a group)."""
        words = _WORD.findall(fold(text))
        stems = _english_stemmer().stemWords(words)
        out: list[tuple[str, ...]] = []
        i = 0
        while i < len(words):
            if words[i] in ENGLISH_STOPWORDS:
                i += 1
                continue
            for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                got = self.phrases.get(tuple(stems[i:i + n]))
                if got and not (n > 1 and words[i + n - 1] in ENGLISH_STOPWORDS):
                    out.append(got)
                    i += n
                    break
            else:
                i += 1
        return out

    def translate(self, text: str) -> list[str]:
        """All Dutch stems the English words and phrases of `text` translate to, in order,
        without repeats (words the table does not hold add nothing)."""
        out: list[str] = []
        for group in self.groups(text):
            out.extend(s for s in group if s not in out)
        return out


def parse(lines) -> Lexicon:
    """Lines `dutch_stem<TAB>english; english phrase; ...` ('-' = none)."""
    phrases: dict[tuple[str, ...], list[str]] = {}
    for line in lines:
        stem, _, english = line.rstrip("\n").partition("\t")
        if not stem or not english or english.strip() == "-":
            continue
        for phrase in english.split(";"):
            words = [w for w in _WORD.findall(fold(phrase))]
            if not words or len(words) > MAX_PHRASE or all(w in ENGLISH_STOPWORDS for w in words):
                continue
            key = tuple(_english_stemmer().stemWords(words))
            got = phrases.setdefault(key, [])
            if stem not in got:
                got.append(stem)
    return Lexicon({k: tuple(v) for k, v in phrases.items()})


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    if not path.exists():
        return Lexicon({})
    with path.open(encoding="utf-8") as f:
        return parse(f)
