"""A small domain thesaurus: the names users give to things the documents name otherwise
("de boerenpartij" for BBB, "Brussel" for the Commission, "de geheime diensten" for AIVD
and MIVD, "de fiscus" for the Belastingdienst, "EZK" for Economische Zaken en Klimaat), as a
data file (assistant/thesaurus.tsv; its header states the rules for an entry).

A question's terms found in the table give three things:
  - the stems of their expansions, for the question's BM25 query and topic words
    (`expansion`; retrieval.thesaurus_weight each);
  - a question naming no actor asks again with each term replaced by its first expansion
    ("Wat vindt de boerenpartij van ..." -> BBB; `rewrite`);
  - a name inside a matched term is known, not a name the corpus never mentions
    (assistant/unknown.py: "de Dierenpartij" is the Partij voor de Dieren).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.text import tokenize

THESAURUS_FILE = Path(__file__).with_name("thesaurus.tsv")


@dataclass(frozen=True)
class Entry:
    term: str
    expansions: tuple[str, ...]
    kind: str  # party | place | agency | international | ministry | term
    pattern: re.Pattern


@dataclass(frozen=True)
class Thesaurus:
    entries: tuple[Entry, ...]

    def matches(self, text: str) -> list[tuple[Entry, re.Match]]:
        """The entries whose term `text` contains, longest term first, no two overlapping."""
        found, taken = [], []
        for e in sorted(self.entries, key=lambda e: -len(e.term)):
            for m in e.pattern.finditer(text):
                if not any(m.start() < b and a < m.end() for a, b in taken):
                    found.append((e, m))
                    taken.append((m.start(), m.end()))
        return sorted(found, key=lambda em: em[1].start())

    def expansion(self, text: str, df=None) -> tuple[str, ...]:
        """The stems of the expansions of the terms in `text`, less its own stems (and, given
        document frequencies, less the stems no passage holds)."""
        own = set(tokenize(text))
        out: list[str] = []
        for e, _m in self.matches(text):
            for phrase in e.expansions:
                for s in tokenize(phrase):
                    if s not in own and s not in out and (df is None or df.df.get(s, 0) > 0):
                        out.append(s)
        return tuple(out)

    def rewrite(self, text: str) -> str:
        """`text` with each matched term replaced by its first expansion."""
        out, end = [], 0
        for e, m in self.matches(text):
            out += [text[end:m.start()], e.expansions[0]]
            end = m.end()
        return "".join(out) + text[end:]

    def known_words(self, text: str) -> set[str]:
        """The words of `text` inside a matched term (lower-cased)."""
        return {w.lower() for _e, m in self.matches(text) for w in re.findall(r"[^\W\d_]+", m.group(0))}


def _pattern(term: str) -> re.Pattern:
    """A whole-word match; case-sensitive for a term with two or more capitals ("OM", "IenW")."""
    body = r"\s+".join(re.escape(w) for w in term.split())
    flags = 0 if sum(ch.isupper() for ch in term) >= 2 else re.I
    return re.compile(rf"(?<![\w'’]){body}(?![\w'’])", flags)


def parse(text: str) -> Thesaurus:
    entries: list[Entry] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 3 or not cols[0].strip() or not cols[1].strip():
            raise ValueError(f"{THESAURUS_FILE.name} line {n}: expected TERM<TAB>EXPANSIONS<TAB>CLASS[<TAB>both]")
        term, kind = cols[0].strip(), cols[2].strip()
        expansions = tuple(x.strip() for x in cols[1].split(";") if x.strip())
        entries.append(Entry(term, expansions, kind, _pattern(term)))
        if len(cols) > 3 and cols[3].strip() == "both":
            entries += [Entry(x, (term,), kind, _pattern(x)) for x in expansions]
    return Thesaurus(tuple(entries))


@lru_cache(maxsize=2)
def load_thesaurus(path: Path = THESAURUS_FILE) -> Thesaurus:
    return parse(path.read_text(encoding="utf-8"))
