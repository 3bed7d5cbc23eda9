"""What the store holds, for people: the document list, filter choices a person can read
(dossiers with a title, actors normalised with parties first) and the number of undated
documents a date filter leaves out.

One pass over the stored payloads, cached per Engine and rebuilt when the store changed
(document or passage count), so every new browser session and every upload sees the
current state, while page loads do not rescan an unchanged store.
"""
from __future__ import annotations

import difflib
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from index.actors import LABEL_RE, OTHER_ACTORS, PARTIES, normalize_actor, party_of
from index.errors import UserError
from index.store import Filters, dossier_keys


class UnknownValue(UserError, ValueError):
    """A typed filter value that is in no indexed document; names the closest known values."""

    def __init__(self, kind: str, value: str, suggestions: list[str]):
        hint = f" Bedoelt u: {', '.join(suggestions)}?" if suggestions else " Kies een waarde uit de lijst."
        super().__init__(f"{kind} '{value}' komt in geen enkel geïndexeerd document voor.{hint}")
        self.kind, self.value, self.suggestions = kind, value, suggestions


@dataclass
class DocEntry:
    doc_id: str
    title: str
    doc_type: str
    date: str | None
    dossier: str | None
    dossier_number: str | None
    file_name: str
    chunks: int
    actors: set[str] = field(default_factory=set)


def actor_label(raw: str, member_party: dict[str, str]) -> list[str]:
    """One stored actor string -> its readable form(s): "vvd" -> ["VVD"], "Baudet (FVD)" ->
    ["Baudet (FvD)"], "Bamenga, Dobbe" -> two members (with their party when known)."""
    if canon := normalize_actor(raw):
        return [canon]
    m = LABEL_RE.match(raw)
    if m:
        party = normalize_actor(m.group("role")) or m.group("role").strip()
        return [f"{m.group('name').strip()} ({party})"]
    names = [n.strip() for n in re.split(r"\s*,\s*|\s+en\s+", raw) if n.strip()]
    return [f"{n} ({member_party[n]})" if n in member_party else n for n in names]


def _actor_order(label: str) -> tuple:
    """Parties first, then the other actors (Nederland, Kabinet, ...), then members by name."""
    if label in PARTIES:
        return (0, label.lower())
    if label in OTHER_ACTORS:
        return (1, label.lower())
    return (2, label.lower())


class Catalog:
    """The readable state of one store (built by `catalog(engine)`)."""

    def __init__(self, docs: list[DocEntry], raw_actors: Counter):
        self.docs = docs
        member_party = {}
        for raw in raw_actors:
            if (m := LABEL_RE.match(raw)) and (p := party_of(raw)):
                member_party[m.group("name").strip()] = p
        # label -> the stored spelling a filter matches (the most frequent one; Filters.actor is one value)
        spellings: dict[str, Counter] = {}
        for raw, n in raw_actors.items():
            for label in actor_label(raw, member_party):
                spellings.setdefault(label, Counter())[raw] += n
        self.actor_values = {label: c.most_common(1)[0][0] for label, c in spellings.items()}
        self.dossier_titles = self._dossier_titles(docs)

    @staticmethod
    def _dossier_titles(docs: list[DocEntry]) -> dict[str, str]:
        """Dossier number -> a title from its documents' metadata: the subject before a
        "; " in a stuk title ("Cyberbeveiligingswet; Motie van ..."), else the most common title."""
        found: dict[str, Counter] = {}
        for d in docs:
            if not d.dossier_number:
                continue
            subject = d.title.split(";")[0].strip() if ";" in d.title else d.title
            found.setdefault(d.dossier_number, Counter())[subject] += 2 if ";" in d.title else 1
        return {k: c.most_common(1)[0][0] for k, c in found.items()}

    # -- choice lists (label, value) ------------------------------------------------------

    def dossier_choices(self) -> list[tuple[str, str]]:
        def label(k: str) -> str:
            t = self.dossier_titles.get(k) or ""
            t = t if len(t) <= 70 else t[:69].rsplit(" ", 1)[0] + "…"
            return f"{k} — {t}" if t and t != k else k

        return [(label(k), k) for k in sorted(self.dossier_titles)]

    def doc_type_choices(self) -> list[str]:
        return sorted({d.doc_type for d in self.docs if d.doc_type})

    def actor_choices(self) -> list[tuple[str, str]]:
        return [(label, self.actor_values[label]) for label in sorted(self.actor_values, key=_actor_order)]

    # -- typed values -----------------------------------------------------------------------

    def match(self, kind: str, value: str | None) -> str | None:
        """A typed dossier/doc_type/actor -> the stored value, or UnknownValue with suggestions."""
        value = (value or "").strip()
        if not value:
            return None
        if kind == "dossier":
            return self._match_dossier(value)
        if kind == "doc_type":
            known = {t.lower(): t for t in self.doc_type_choices()}
            if value.lower() in known:
                return known[value.lower()]
            raise UnknownValue("Documenttype", value, difflib.get_close_matches(value.lower(), list(known), 3, 0.5))
        return self._match_actor(value)

    def _match_dossier(self, value: str) -> str:
        number = value.split("—")[0].strip().replace(" ", "")
        if any(number in dossier_keys(d.dossier) for d in self.docs if d.dossier):
            return number
        labels = dict(self.dossier_choices())
        by_title = [k for lab, k in labels.items() if value.lower() in lab.lower()]
        if len(by_title) == 1:
            return by_title[0]
        close = difflib.get_close_matches(number, list(self.dossier_titles), 3, 0.6)
        raise UnknownValue("Dossier", value, [lab for lab, k in labels.items() if k in close] or
                           [lab for lab, _ in list(labels.items()) if _ in by_title][:3])

    def _match_actor(self, value: str) -> str:
        canon = normalize_actor(value) or value
        if canon in self.actor_values:
            return self.actor_values[canon]
        if canon in self.actor_values.values():
            return canon
        lower = {label.lower(): label for label in self.actor_values}
        if canon.lower() in lower:
            return self.actor_values[lower[canon.lower()]]
        prefix = [label for low, label in lower.items() if low.startswith(canon.lower())]
        if len(prefix) == 1:
            return self.actor_values[prefix[0]]
        close = difflib.get_close_matches(canon.lower(), list(lower), 3, 0.6)
        raise UnknownValue("Actor", value, [lower[c] for c in close] or prefix[:3])

    # -- undated documents ----------------------------------------------------------------

    def undated_excluded(self, filters: Filters | None) -> int:
        """How many documents without a date a date filter leaves out (0 without one): those
        that match the filter's other conditions."""
        if filters is None or not (filters.date_from or filters.date_to):
            return 0
        n = 0
        for d in self.docs:
            if d.date or (filters.doc_id and d.doc_id != filters.doc_id):
                continue
            if filters.doc_type and d.doc_type != filters.doc_type:
                continue
            if filters.dossier and filters.dossier not in dossier_keys(d.dossier):
                continue
            if filters.actor and filters.actor not in d.actors:
                continue
            n += 1
        return n


_CACHE: dict[int, tuple[tuple, Catalog]] = {}
_LOCK = threading.Lock()


def _store_state(engine) -> tuple:
    docs = engine.manifest.documents()
    return len(docs), sum(len(s.chunk_ids) for _, s in docs)


def build(engine) -> Catalog:
    """One pass over the stored payloads."""
    by_doc: dict[str, DocEntry] = {}
    raw_actors: Counter = Counter()
    for p in engine.store.scroll():
        d = by_doc.get(p.get("doc_id"))
        if d is None:
            d = by_doc[p.get("doc_id")] = DocEntry(
                p.get("doc_id", ""), p.get("title") or "", p.get("doc_type") or "", p.get("date"), p.get("dossier"),
                p.get("dossier_number"), (p.get("source_path") or "").rsplit("/", 1)[-1], 0)
        d.chunks += 1
        d.date = d.date or p.get("date")
        for a in p.get("actors") or []:
            d.actors.add(a)
            raw_actors[a] += 1
    for _, st in engine.manifest.documents():  # manifest titles win: the document's own
        if st.doc_id in by_doc and st.title:
            by_doc[st.doc_id].title = st.title
    return Catalog(sorted(by_doc.values(), key=lambda d: d.title.lower()), raw_actors)


def catalog(engine, refresh: bool = False) -> Catalog:
    """The engine's catalog, rebuilt when the store changed since it was built."""
    state = _store_state(engine)
    with _LOCK:
        cached = _CACHE.get(id(engine))
        if cached and cached[0] == state and not refresh:
            return cached[1]
    built = build(engine)
    with _LOCK:
        _CACHE[id(engine)] = (state, built)
    return built
