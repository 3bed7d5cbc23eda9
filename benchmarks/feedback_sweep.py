"""Choose the BM25 pseudo-relevance feedback (assistant/feedback.py) on the dev gold set's
`tune` split and report the choice on `test`, against feedback off (the named baseline),
in one run: for each setting, the fused candidates' recall (what the reranker can reach:
R@40) and the reranked search's R@5 / MRR, overall and for English questions.

    .venv/bin/python benchmarks/feedback_sweep.py --store /work/stores/full [--grid feedback=en,all ...]

A grid value is a comma-separated list per retrieval setting; every combination is run.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.fusion_sweep import MemoEmbedder  # noqa: E402

GRID = {"feedback": ["en", "all"], "feedback_docs": [3, 5, 8], "feedback_terms": [5, 10, 20],
        "feedback_weight": [0.3, 0.6, 1.0]}


def first_ranks(eng, items, reranked: bool) -> list[int | None]:
    """Per question, the rank (from 1) of the first passage holding evidence, or None."""
    from assistant.query import build_query
    from assistant.retrieve import fused_candidates, search
    from eval import metrics as m
    from index.store import Filters

    r, out = eng.settings.retrieval, []
    for it in items:
        q = build_query(eng, it.question, "hybrid")
        if reranked:
            hits = search(eng, q, "hybrid", 10)
        else:
            _q, hits = fused_candidates(eng, q, "hybrid", Filters(dossier=q.dossier), max(r.rerank_candidates, r.top_k * 4 + 8))
        rel = m.relevance([h.chunk.text for h in hits], it.quotes)
        out.append(next((i + 1 for i, row in enumerate(rel) if any(row)), None))
    return out


def summary(eng, items) -> dict[str, float]:
    fused, ranked = first_ranks(eng, items, False), first_ranks(eng, items, True)
    en = [i for i, it in enumerate(items) if it.lang == "en"]

    def rk(ranks, k, idx=None):
        idx = range(len(ranks)) if idx is None else idx
        return sum(1 for i in idx if ranks[i] is not None and ranks[i] <= k) / max(1, len(idx))

    mrr = sum(1 / x for x in ranked if x) / max(1, len(ranked))
    return {"R@40": rk(fused, 40), "R@5": rk(ranked, 5), "MRR": mrr, "en R@40": rk(fused, 40, en),
            "en R@5": rk(ranked, 5, en), "nl R@5": rk(ranked, 5, [i for i in range(len(items)) if i not in set(en)])}


def parse_grid(specs: list[str]) -> dict[str, list]:
    grid = {}
    for spec in specs:
        key, _, vals = spec.partition("=")
        grid[key] = [v if key == "feedback" else (int(v) if v.isdigit() else float(v)) for v in vals.split(",")]
    return grid


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.settings import Settings
    from eval.gold import load_gold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--grid", nargs="*", default=[], help="key=v1,v2 (retrieval settings); replaces the built-in grid's keys")
    ap.add_argument("--objective", default="R@5+MRR")
    args = ap.parse_args(argv)
    items = [i for i in load_gold(args.gold) if i.answerable]
    tune, test = [i for i in items if i.split == "tune"], [i for i in items if i.split == "test"]
    grid = {**GRID, **parse_grid(args.grid)}
    keys = list(grid)
    cols = ("R@40", "R@5", "MRR", "en R@40", "en R@5", "nl R@5")
    with Engine(Settings(store=args.store)) as eng:
        eng.embedder = MemoEmbedder(eng.embedder)
        n_en = sum(1 for i in tune if i.lang == "en")
        print(f"{len(tune)} tune ({n_en} English) / {len(test)} test answerable questions; objective {args.objective} on tune")
        print(f"{'setting':<34}" + "".join(f"{c:>9}" for c in cols))
        results = {}
        for combo in [None] + list(itertools.product(*(grid[k] for k in keys))):
            flat = {"feedback": "off"} if combo is None else dict(zip(keys, combo))
            label = "off (baseline)" if combo is None else " ".join(f"{v}" for v in combo)
            results[label] = (flat, summary(eng.derive(**flat), tune))
            print(f"{label:<34}" + "".join(f"{results[label][1][c]:>9.3f}" for c in cols), flush=True)
        objective = args.objective.split("+")
        best = max(results, key=lambda k: sum(results[k][1][c] for c in objective))
        print(f"\nchosen on tune: {best} ({' '.join(keys)})\n{'test split':<34}" + "".join(f"{c:>9}" for c in cols))
        for name in ("off (baseline)", best):
            got = summary(eng.derive(**results[name][0]), test)
            print(f"{name:<34}" + "".join(f"{got[c]:>9.3f}" for c in cols), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
