"""Which actor does a person mean? `--actor vvd` -> "VVD"; `--actor XYZ` is refused with
the actors this store knows, closest first (a UserError naming the input and the fix)."""
from __future__ import annotations

import difflib

from index.actors import normalize_actor
from index.errors import UserError
from index.store import Filters


class UnknownActor(UserError, ValueError):
    def __init__(self, name: str, known: list[str]):
        lower = {k.lower(): k for k in known}  # case-insensitive similarity, names as stored
        closest = [lower[k] for k in difflib.get_close_matches(name.lower(), list(lower), n=5, cutoff=0.0)]
        hint = f"closest known actors: {', '.join(closest)}" if closest else "the store has no attributed passages yet"
        super().__init__(f"unknown actor {name!r}: no passage in this store is attributed to it; {hint} "
                         f"(`--actor` takes a fractie such as VVD, Nederland, Europese Commissie, Kabinet or a member's name)")
        self.name, self.closest = name, closest


def known_actors(engine, limit: int = 200_000) -> list[str]:
    """Every actor named in the store's passages, most passages first (error path only: it scrolls the store)."""
    counts: dict[str, int] = {}
    for n, payload in enumerate(engine.store.scroll()):
        if n >= limit:
            break
        for a in payload.get("actors") or []:
            counts[a] = counts.get(a, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))


def check_actors(engine, names: list[str] | None) -> list[str] | None:
    """Canonical names for the asked actors; one unknown to the store raises UnknownActor."""
    if not names:
        return None
    out = []
    for raw in names:
        name = (raw or "").strip()
        if not name:
            continue
        canon = normalize_actor(name) or name
        if engine.store.count(Filters(actor=canon)) == 0:
            raise UnknownActor(name, known_actors(engine))
        out.append(canon)
    return list(dict.fromkeys(out)) or None
