"""Extractive answer time after retrieval, on the development gold set's questions.

Splits each `ask` into: query embedding, retrieval (search, with the reranker), evidence
similarity (the passages' stored vectors against the question) and composition (sentence
similarities from the stored sentence vectors, selection, actor checks, citations).
Target (issue 12): composition p50 <= 300 ms on 2 cores.

    .venv/bin/python benchmarks/answer_latency.py --store /tmp/fullstore
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def main(argv=None) -> int:
    from assistant.answer import _cosines, compose
    from assistant.engine import Engine
    from assistant.query import build_query
    from assistant.retrieve import search
    from assistant.settings import Settings
    from eval.gold import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    args = ap.parse_args(argv)
    items = load_gold(args.gold)
    times: dict[str, list[float]] = {"embed": [], "search": [], "similarity": [], "compose": []}
    with Engine(Settings(store=args.store)) as eng:
        search(eng, "opwarmen", top_k=3)  # load the model and the shard before timing
        df = eng.doc_freq()  # counted once per store (and cached on disk): not part of an answer
        for it in items:
            t0 = time.perf_counter()
            query = build_query(eng, it.question, "hybrid")
            t1 = time.perf_counter()
            hits = search(eng, query, "hybrid", eng.settings.retrieval.top_k)
            t2 = time.perf_counter()
            sims = _cosines(query.dense, hits)
            t3 = time.perf_counter()
            compose(it.question, hits, sims, eng.settings, query.language, query.actor, query.dense, df,
                    query.extra_terms, True)
            t4 = time.perf_counter()
            for k, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                times[k].append(1000 * dt)
    after = [a + b for a, b in zip(times["similarity"], times["compose"])]
    print(f"{len(items)} questions; milliseconds (embed = the one query embedding and BM25 encoding)")
    print(f"{'step':<26}{'p50':>8}{'p95':>8}{'max':>8}")
    for name, vals in [*times.items(), ("after retrieval (target)", after)]:
        print(f"{name:<26}{pct(vals, 50):>8.1f}{pct(vals, 95):>8.1f}{max(vals):>8.1f}")
    print(f"after-retrieval p50 / 300 ms target: {pct(after, 50) / 300:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
