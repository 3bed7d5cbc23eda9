"""Run the related-passages gold set through the service layer: every source passage is
located in the store (the chunk of its document that contains its quote), related
passages are asked for, and the ranking is scored (eval/related.py). `legacy` is the
method before issue 18 (the passage's dense vector alone, nothing filtered, 3 per
document), measured in the same run as the baseline."""
from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from assistant import service
from assistant.retrieve import _diversify, _to_hits
from assistant.worth import worth_showing
from eval.metrics import is_hit
from eval.related import RelatedItem, aggregate, same_doc, score_ranking
from index.errors import UserError
from index.store import Filters
from assistant.engine import Engine
from index.types import Chunk


def locate_sources(engine, items: Sequence[RelatedItem]) -> dict[str, str | None]:
    """item id -> chunk id of the stored passage holding the source quote (None: not found)."""
    wanted = {it.source.doc for it in items}
    by_doc: dict[str, list[dict]] = {}
    for p in engine.store.scroll():
        for d in wanted:
            if same_doc(p.get("source_path", ""), d):
                by_doc.setdefault(d, []).append(p)
    out = {}
    for it in items:
        chunks = sorted(by_doc.get(it.source.doc, []), key=lambda p: p.get("position", 0))
        out[it.id] = next((p["chunk_id"] for p in chunks if is_hit(p.get("text", ""), it.source.quote)), None)
    return out


def legacy_related(engine, chunk_id: str, top_k: int, other_dossiers: bool = False):
    """The related search before issue 18: the stored vector alone, 3 per document."""
    s = engine.settings
    got = engine.store.retrieve([chunk_id], with_vector=True)
    src = Chunk.from_payload(got[0].payload)
    f = Filters(exclude_doc_ids=[src.doc_id])
    if other_dossiers and src.dossier_number:
        f.exclude_dossiers = [src.dossier_number]
    stored = engine.store.query(got[0].vector, None, f, top_k * 4 + 8, s.retrieval.prefetch_k, s.retrieval.rrf_k)
    return _diversify(_to_hits(stored, engine.manifest), top_k, s.retrieval.max_hits_per_doc)


def run_variant(engine, items, sources, variant: str, k: int = 10, other_dossiers: bool = False) -> list[dict]:
    rows = []
    for it in items:
        cid = sources.get(it.id)
        if cid is None:
            continue
        if variant == "legacy":
            hits = legacy_related(engine, cid, k, other_dossiers)
        else:
            hits = service.related(engine, cid, other_dossiers=other_dossiers, top_k=k)
        pairs = [(h.chunk.source_path, h.chunk.text) for h in hits]
        row = {"id": it.id, "split": it.split, "source_type": it.source_type, **score_ranking(it, pairs)}
        row["procedural@5"] = sum(1 for h in hits[:5] if not worth_showing(h.chunk.text, h.chunk.speaker, 12))
        row["top5"] = [{"title": h.chunk.title, "source_path": h.chunk.source_path, "text": h.chunk.text[:160],
                        "because": getattr(h, "because", [])} for h in hits[:5]]
        rows.append(row)
    return rows


def summarize(rows: Sequence[dict]) -> dict:
    out = {"all": aggregate(rows)}
    for split in ("tune", "test"):
        sub = [r for r in rows if r["split"] == split]
        if sub:
            out[split] = aggregate(sub)
    return out


def evaluate_related(engine, items: Sequence[RelatedItem], variants: dict[str, dict], k: int = 10) -> dict:
    """{variant: {"summary", "rows"}}; a variant is "legacy" or related settings overrides
    (e.g. {"method": "dense"}, {"related_dense_weight": 0.5})."""
    sources = locate_sources(engine, items)
    missing = [i for i, c in sources.items() if c is None]
    out = {"missing_sources": missing}
    for name, overrides in variants.items():
        eng = engine if name == "legacy" or not overrides else engine.derive(**overrides)
        t0 = time.perf_counter()
        rows = run_variant(eng, items, sources, "legacy" if name == "legacy" else "service", k)
        out[name] = {"summary": summarize(rows), "rows": rows, "seconds": round(time.perf_counter() - t0, 2),
                     "overrides": overrides}
    return out


def table(result: dict, variants: Sequence[str]) -> str:
    lines = ["| variant | split | n | precision@5 | recall@10 | p@5 raw | r@10 raw | look-alikes@5 | procedural@5 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for v in variants:
        for split, s in result[v]["summary"].items():
            lines.append(f"| {v} | {split} | {s['n']} | {s['p@5']:.3f} | {s['r@10']:.3f} | {s['p@5_raw']:.3f} | "
                         f"{s['r@10_raw']:.3f} | {s['lookalike@5']:.2f} | {s['procedural@5']:.2f} |")
    return "\n".join(lines)


def write_related_report(result: dict, out: Path, settings: dict) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "related.json"
    path.write_text(json.dumps({"settings": settings, **result}, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def cmd_eval_related(args, settings, items: Sequence[RelatedItem]) -> int:
    variants = {"legacy": {}, "dense": {"method": "dense"}, "subject": {"method": "subject"}}
    with Engine(settings) as eng:
        if eng.is_empty():
            raise UserError(f"the store {settings.store} is empty: run `dossierwijzer ingest PATH` first")
        result = evaluate_related(eng, items, variants)
    print(table(result, list(variants)))
    if result["missing_sources"]:
        print(f"{len(result['missing_sources'])} source passage(s) not in this store: {', '.join(result['missing_sources'])}")
    out = args.out or Path("eval") / "reports" / time.strftime("related-%Y%m%d-%H%M%S")
    print(f"report: {write_related_report(result, out, settings.public_dict())}")
    return 0
