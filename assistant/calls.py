"""The remote front ends' calls (HTTP API, MCP server, llama-index retriever): one service
call each, answered with exactly the JSON object the CLI prints with `--json`. Filters
come from `Filters.from_inputs`, so a bad date or a reversed range is the CLI's UserError.
No retrieval or answer logic here: this only adapts arguments and shapes results."""
from __future__ import annotations

from assistant import service
from index.store import Filters


def filters(dossier: str | None = None, doc_type: str | None = None, actor: str | None = None,
            date_from: str | None = None, date_to: str | None = None, doc_id: str | None = None) -> Filters:
    return Filters.from_inputs(dossier=dossier, doc_type=doc_type, actor=actor, date_from=date_from,
                               date_to=date_to, doc_id=doc_id)


def search(engine, query: str, *, top_k: int | None = None, mode: str = "hybrid", **flt) -> dict:
    """`search --json`: {"hits": [...]}."""
    hits = service.search(engine, query, mode=mode, top_k=top_k, filters=filters(**flt))
    return {"hits": [h.to_json() for h in hits]}


def ask(engine, question: str, *, top_k: int | None = None, mode: str = "hybrid", **flt) -> dict:
    """`ask --json`: {"answer", "answered", "language", "citations", ...}."""
    return service.ask(engine, question, mode=mode, top_k=top_k, filters=filters(**flt)).to_json()


def related(engine, chunk_id: str, *, other_dossiers: bool = False, top_k: int | None = None, **flt) -> dict:
    """`related CHUNK_ID --json`: {"hits": [...]}."""
    hits = service.related(engine, chunk_id, other_dossiers=other_dossiers, top_k=top_k, filters=filters(**flt))
    return {"hits": [h.to_json() for h in hits]}


def passage(engine, chunk_id: str, neighbours: int = 1) -> dict:
    """{"passage": hit, "before": [...], "after": [...]}."""
    return service.passage(engine, chunk_id, neighbours=neighbours).to_json()


def positions(engine, topic: str, *, actors: list[str] | None = None, per_actor: int | None = None,
              mode: str = "hybrid", top_k: int | None = None, **flt) -> dict:
    """`positions TOPIC --json`: {"topic", "positions": [{"actor", "kind", "statements": [...]}]}."""
    return service.positions(engine, topic, actors=actors or None, mode=mode, top_k=top_k, per_actor=per_actor,
                             filters=filters(**flt)).to_json()


def short_positions(data: dict, per_actor: int = 3) -> str:
    """Per actor its first statements as `[chunk_id] (stance, date) "quote"`."""
    lines = [f"Standpunten over {data['topic']!r}:"] if data["positions"] else [f"Geen standpunten over {data['topic']!r}."]
    for p in data["positions"]:
        lines.append(f"{p['actor']} ({p['kind']}, {len(p['statements'])}):")
        lines += [f"  [{s['chunk_id']}] ({s['stance']}, {s.get('date') or 'zonder datum'}) \u201c{s['quote']}\u201d"
                  for s in p["statements"][:per_actor]]
    return "\n".join(lines)


def documents(engine) -> dict:
    """{"documents": [{doc_id, title, doc_type, date, dossier, source_path, chunks}]}."""
    return {"documents": [d.to_json() for d in service.documents(engine)]}


def short_hits(hits: list[dict], width: int | None = 160) -> str:
    """One line per hit a model or a person can read: `[chunk_id] title (date, dossier, p.) text…`
    (width=None: the whole passage, so a model can quote it verbatim)."""
    if not hits:
        return "Geen passages gevonden. / No passages found."
    lines = []
    for h in hits:
        meta = ", ".join(str(x) for x in (h.get("doc_type"), h.get("date"), h.get("dossier") and f"dossier {h['dossier']}",
                                          h.get("page") and f"p. {h['page']}", h.get("actor")) if x)
        text = " ".join(h["text"].split())
        cut = width is not None and len(text) > width
        lines.append(f"[{h['chunk_id']}] {h['title']} ({meta}): {text[:width] if cut else text}{'…' if cut else ''}")
    return "\n".join(lines)


def short_answer(ans: dict) -> str:
    """The answer text followed by its citations as `[n] [chunk_id] title: "quote"`."""
    lines = [ans["answer"]]
    for c in ans["citations"]:
        lines.append(f"[{c['n']}] [{c['chunk_id']}] {c['title']} ({c.get('date') or ''}): \"{c['quote']}\"")
    return "\n".join(lines)
