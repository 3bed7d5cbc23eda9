"""Choose the fusion parameters by measurement: hybrid retrieval on the dev gold set's
answerable questions, per question language, for a grid of (dense weight, sparse
weight, rrf k), with dense and sparse alone as the baselines, in one run.

    .venv/bin/python benchmarks/fusion_sweep.py --store /tmp/fullstore

Qdrant's weighted RRF scores 1/((rank+1)/w + k - 1): with the usual k=60 the weights
hardly matter, so the grid includes small k.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GRID = [(1, 1, 60), (2, 1, 60), (1, 1, 2), (2, 1, 2), (3, 1, 2), (2, 1, 1), (4, 1, 1), (2, 0.5, 1)]
METRICS = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.retrieve import search
    from assistant.settings import Settings
    from eval.gold import load_gold
    from eval.runner import run_eval

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    args = ap.parse_args(argv)
    items = [i for i in load_gold(args.gold) if i.answerable]
    with Engine(Settings(store=args.store)) as eng:
        s = eng.settings
        print(f"{'lang':<5}{'config':<22}" + "".join(f"{m:>11}" for m in METRICS))
        for lang in ("nl", "en"):
            sub = [i for i in items if i.lang == lang]
            base = run_eval(sub, lambda q, m, k: search(eng, q, m, k), None, modes=("dense", "sparse"), progress=False)
            for mode in ("dense", "sparse"):
                print(f"{lang:<5}{mode + ' alone':<22}" + "".join(f"{base.summary[mode][m]:>11.3f}" for m in METRICS))
            for dw, sw, k in GRID:
                s.retrieval.dense_weight, s.retrieval.sparse_weight, s.retrieval.sparse_weight_en, s.retrieval.rrf_k = dw, sw, sw, k
                r = run_eval(sub, lambda q, m, kk: search(eng, q, m, kk), None, modes=("hybrid",), progress=False)
                print(f"{lang:<5}{f'hybrid w={dw}:{sw} k={k}':<22}" + "".join(f"{r.summary['hybrid'][m]:>11.3f}" for m in METRICS), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
