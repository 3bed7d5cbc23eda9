"""A passage's subject: its distinctive terms, BM25 stems weighted by the corpus IDF, with
the surface form a reader recognises ("DNS", "SIDN"). Document frequencies are counted
over the store's passages once per store object (one scroll of the payloads, which also
collects the members of parliament its speakers name) and cached."""
from __future__ import annotations

import json
import math
import os
import re
import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from index.actors import roster_from_speakers
from index.text import tokenize

# Words of parliamentary genre, not subject: frequent everywhere, so IDF alone ranks them
# too high in short passages ("minister", "motie", "vraag"), and generic verbs/adjectives.
GENRE_STEMS = frozenset(tokenize(
    "voorzitter minister ministers staatssecretaris kamer kamerleden kamerlid lid leden motie moties regering "
    "kabinet fractie fracties vraag vragen antwoord antwoorden heer mevrouw meneer collega collega's debat "
    "dank graag vindt vinden denk denken zegt zeggen gaat gaan komen komt hele heel weten weet zien ziet goed "
    "nederland nederlandse constaterende overwegende verzoekt beraadslaging orde dag indieners verzoek brief "
    "namelijk natuurlijk volgens gewoon even eigenlijk willen wel wilt jaar jaren procent nummer nr "
    "geachte hoogachtend vaste commissie verslag inbreng voorgesteld gewijzigde vervanging gedrukt "
    "bent bekend bericht artikel https www nl zie toelichten kunt aangeven aangegeven informeren "
    "nemen stellen geven leiden leidt pleiten zetten inzetten maken houden brengen blijven zorgen bieden "
    "moeten kunnen mogelijk mogelijkheden belang belangrijk feit wijze manier sprake kader mate rol deel "
    "onderdeel grote groot nieuwe nieuw huidige verschillende andere eerste tweede daarnaast tevens "
    "januari februari maart april mei juni juli augustus september oktober november december "
    "zomerreces reces voorjaar najaar miljard miljoen euro jaarlijks dit deze dat overweegt"))
# A heading in capitals ("MOTIE VAN HET LID KATHMANN C.S."): names, not subject.
_CAPS_LINE = re.compile(r"^[^a-z]*[A-Z]{2,}[^a-z]*$", re.M)

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Term:
    stem: str
    weight: float  # (1 + log tf) * idf
    surface: str  # the word as written in the passage


@dataclass
class DocFreq:
    n: int  # passages counted
    df: dict[str, int]
    seconds: float = 0.0  # what counting cost

    def idf(self, stem: str) -> float:
        d = self.df.get(stem, 0)
        return math.log(1 + (self.n - d + 0.5) / (d + 0.5))

    @classmethod
    def from_texts(cls, texts) -> "DocFreq":
        t0 = time.perf_counter()
        df: Counter = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(set(tokenize(t)))
        return cls(n, dict(df), time.perf_counter() - t0)


@dataclass
class StoreContents:
    """What the answerer, the reranker and related passages need to know of the whole store,
    counted in one scroll of its payloads: term document frequencies and the members of
    parliament its speakers name (index.actors.roster_from_speakers)."""

    df: DocFreq
    roster: dict[str, list[str]]
    # per doc_type, the share of its passages holding a stem (only shares >= GENRE_MIN_SHARE):
    # a word of a genre's formula ("spreekt uit", "in overleg met" in moties) is common within
    # it though rare enough corpus-wide to pass an IDF cut
    genre: dict[str, dict[str, float]] = field(default_factory=dict)
    # the bewindspersonen its speakers and Kamervragen answers name, by surname (roster_from_speakers)
    officials: dict[str, list[str]] = field(default_factory=dict)


GENRE_MIN_SHARE = 0.01
CONTENTS_VERSION = 3  # 2: genre shares; 3: officials


_CACHE: "weakref.WeakKeyDictionary[object, StoreContents]" = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def store_contents(store, cache_file: Path | None = None, key=None) -> StoreContents:
    """Counted on first use per store object (engines derived from one engine share it) and
    kept for the process. With a `cache_file`, a count an earlier process made for the same
    contents is read back instead (a one-shot `ask` on a large store); `key` names those
    contents, a callable is asked only when the file is consulted."""
    with _LOCK:
        got = _CACHE.get(store)
        if got is None:
            key = key() if cache_file and callable(key) else key
            got = _load(cache_file, key)
            if got is None:
                got = _count(store)
                _save(cache_file, key, got)
            _CACHE[store] = got
        return got


def _count(store) -> StoreContents:
    t0 = time.perf_counter()
    df: Counter = Counter()
    per_type: dict[str, Counter] = {}
    n_type: Counter = Counter()
    speakers, officials, n = [], [], 0
    for p in store.scroll():
        stems = set(tokenize(p.get("text", "")))
        kind = p.get("doc_type") or ""
        n += 1
        df.update(stems)
        per_type.setdefault(kind, Counter()).update(stems)
        n_type[kind] += 1
        speakers.append(p.get("speaker", ""))
        if p.get("answerer"):
            officials.append(p["answerer"])
    genre = {kind: {st: round(c / n_type[kind], 4) for st, c in counts.items() if c / n_type[kind] >= GENRE_MIN_SHARE}
             for kind, counts in per_type.items()}
    return StoreContents(DocFreq(n, dict(df), time.perf_counter() - t0), roster_from_speakers(speakers), genre,
                         roster_from_speakers(speakers + officials, officials=True))


def _load(cache_file: Path | None, key: str | None) -> StoreContents | None:
    if not (cache_file and key and cache_file.exists()):
        return None
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        if data.get("key") != key or data.get("version") != CONTENTS_VERSION:
            return None
        return StoreContents(DocFreq(int(data["n"]), data["df"]), data["roster"], data["genre"],
                             data["officials"])
    except (OSError, ValueError, KeyError):
        return None  # only a shortcut: count again


def _save(cache_file: Path | None, key: str | None, got: StoreContents) -> None:
    if not (cache_file and key):
        return
    try:
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": key, "version": CONTENTS_VERSION, "n": got.df.n, "df": got.df.df,
                                   "roster": got.roster, "genre": got.genre,
                                   "officials": got.officials}), encoding="utf-8")
        os.replace(tmp, cache_file)
    except OSError:
        pass  # a read-only store: count again next time


def surface_forms(text: str) -> dict[str, str]:
    """stem -> the first word in `text` that yields it (capitalised forms win: "DNS" over "dns")."""
    out: dict[str, str] = {}
    compounds: dict[str, str] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        parts = re.split(r"[-']", word)
        for part in parts:  # a part names itself: "DNS" of "DNS-keten"
            for stem in tokenize(part):
                if stem not in out or (part[:1].isupper() and not out[stem][:1].isupper()):
                    out[stem] = part
        if len(parts) > 1:  # the joined form ("dnsketen") is the compound as written
            for stem in tokenize(word):
                compounds.setdefault(stem, word)
    return {**compounds, **out}


def _clean(text: str) -> str:
    return _CAPS_LINE.sub(" ", text) if text else ""


def subject_terms(text: str | list[tuple[str, float]], df: DocFreq, n: int, min_df: int = 1,
                  exclude: set[str] | frozenset[str] = frozenset(), genre: dict[str, float] | None = None,
                  max_genre_share: float = 0.0) -> list[Term]:
    """The `n` most distinctive terms of a passage: (1 + log tf) * idf over one text or over
    weighted texts (the passage 1.0, its neighbours and title less); genre words, numbers,
    headings in capitals, `exclude` stems (the passage's speakers and indieners) and terms
    in fewer than `min_df` passages (they match nothing else: 1 for a pasted text, 2 for a
    stored passage, which counts itself) are left out, and with `max_genre_share` the terms
    found in more than that share of the passages of the source's own genre (`genre`:
    StoreContents.genre of its doc_type)."""
    common = {st for st, share in (genre or {}).items() if share > max_genre_share} if max_genre_share > 0 else set()
    texts = [(text, 1.0)] if isinstance(text, str) else text
    counts: Counter = Counter()
    for t, w in texts:
        for stem in tokenize(_clean(t)):
            if (stem not in GENRE_STEMS and stem not in exclude and stem not in common and not stem.isdigit() and len(stem) > 2
                    and df.df.get(stem, 0) >= min_df):
                counts[stem] += w
    if not counts:
        return []
    surface: dict[str, str] = {}
    for t, _ in texts:
        for stem, form in surface_forms(_clean(t)).items():
            surface.setdefault(stem, form)
    scored = [Term(s, (1 + math.log(tf)) * df.idf(s) if tf >= 1 else tf * df.idf(s), surface.get(s, s))
              for s, tf in counts.items()]
    scored.sort(key=lambda t: (-t.weight, t.stem))
    return scored[:n]


def name_stems(names: list[str]) -> set[str]:
    """Stems of people's and parties' names, to keep them out of a subject."""
    return {s for name in names for s in tokenize(name)}


def shared_terms(terms: list[Term], text: str, limit: int) -> list[str]:
    """The subject terms (surface form, by weight) that also occur in `text`."""
    stems = set(tokenize(text))
    out: list[str] = []
    for t in terms:
        if t.stem in stems and t.surface not in out:
            out.append(t.surface)
        if len(out) >= limit:
            break
    return out
