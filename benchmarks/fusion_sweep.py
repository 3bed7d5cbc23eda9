"""Choose the retrieval fusion by measurement on the dev gold set's `tune` split, report the
choice on `test`: hybrid retrieval for a grid of (dense, BM25, sentence-MaxSim) RRF weights
and compound-part weight, the current settings as the named baseline, in one run.

    .venv/bin/python benchmarks/fusion_sweep.py --store /work/stores/full

Qdrant's weighted RRF scores 1/((rank+1)/w + k - 1): only a small k lets the weights
matter, so k stays 1 (the setting). Each question is embedded once for the whole grid.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

METRICS = ("recall@1", "recall@5", "recall@10", "mrr")
# (dense_weight, sparse_weight, sentence_weight, compound_weight); sparse_weight_en = sparse/2
GRID = [(d, s, w, c) for d, s, w, c in itertools.product((1.0, 2.0), (0.5, 1.0), (0.0, 0.5, 1.0, 2.0), (0.0, 0.5))]


class MemoEmbedder:
    """The engine's embedder with question vectors kept: the grid re-asks the same questions."""

    def __init__(self, inner):
        self.inner, self.memo = inner, {}
        self.name, self.dim = inner.name, inner.dim

    def embed_queries(self, texts):
        import numpy as np

        missing = [t for t in texts if t not in self.memo]
        if missing:
            self.memo.update(zip(missing, self.inner.embed_queries(missing)))
        return np.vstack([self.memo[t] for t in texts])

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)


def score(eng, items, **flat) -> dict:
    from assistant.retrieve import search
    from eval.runner import run_eval

    e = eng.derive(**flat)
    r = run_eval(items, lambda q, m, k: search(e, q, m, k), None, modes=("hybrid",), progress=False)
    return r.summary["hybrid"]


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.settings import Settings
    from eval.gold import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--objective", default="recall@5+mrr", help="tune metric(s) to maximise, '+'-joined")
    args = ap.parse_args(argv)
    items = [i for i in load_gold(args.gold) if i.answerable]
    tune, test = [i for i in items if i.split == "tune"], [i for i in items if i.split == "test"]
    keys = args.objective.split("+")
    with Engine(Settings(store=args.store)) as eng:
        eng.embedder = MemoEmbedder(eng.embedder)
        r = eng.settings.retrieval
        base = (r.dense_weight, r.sparse_weight, r.sentence_weight, r.compound_weight)
        head = f"{'dense:bm25:sent compound':<26}" + "".join(f"{'tune ' + m:>15}" for m in METRICS)
        print(f"{len(tune)} tune / {len(test)} test answerable questions; objective {args.objective} on tune")
        print(head)
        results = {}
        for cfg in [base] + [g for g in GRID if g != base]:
            d, s, w, c = cfg
            flat = dict(dense_weight=d, sparse_weight=s, sparse_weight_en=s / 2, sentence_weight=w, compound_weight=c)
            results[cfg] = (flat, score(eng, tune, **flat))
            label = f"{d:g}:{s:g}:{w:g} {c:g}" + (" (current)" if cfg == base else "")
            print(f"{label:<26}" + "".join(f"{results[cfg][1][m]:>15.3f}" for m in METRICS), flush=True)
        best = max(results, key=lambda k: sum(results[k][1][m] for m in keys))
        print(f"\nchosen on tune: dense:bm25:sent {best[0]:g}:{best[1]:g}:{best[2]:g}, compound {best[3]:g}")
        print(f"{'test split':<26}" + "".join(f"{m:>15}" for m in METRICS))
        for name, cfg in (("current", base), ("chosen", best)):
            got = score(eng, test, **results[cfg][0])
            print(f"{name:<26}" + "".join(f"{got[m]:>15.3f}" for m in METRICS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
