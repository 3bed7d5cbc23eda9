"""Fit the retrieval reranker (assistant/rerank.py) on the dev gold set's `tune` split and
report hybrid retrieval with and without it on both splits, side by side in one run.

    .venv/bin/python -m eval.fit_rerank --store /work/stores/full [--write]

For every answerable tune question: the fused hybrid candidates exactly as `search` gets
them (rerank off), one feature row per candidate, label 1 when the passage holds an
evidence quote (the eval's 60-character rule). Logistic regression (L2, Newton) on those
rows. With --write the weights go to assistant/rerank.json with this command in it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from assistant.engine import Engine
from assistant.query import build_query
from assistant.rerank import FEATURES, WEIGHTS_FILE, fit_listwise, fit_logistic, load_reranker
from assistant.retrieve import _raw_search, candidate_features, search
from assistant.settings import Settings
from eval import metrics as m
from eval.fitting import drop_features, fit_meta, print_weights, weights_in_place
from eval.gold import load_gold
from eval.runner import run_eval
from index.store import Filters

REPO = Path(__file__).resolve().parents[1]


def training_rows(eng, items) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(features, labels, question index per row) over the fused candidates of each item."""
    r = eng.settings.retrieval
    xs, ys, qs = [], [], []
    for qi, it in enumerate(items):
        q = build_query(eng, it.question, "hybrid")
        filters = Filters(dossier=q.dossier)
        hits = _raw_search(eng, q, "hybrid", filters, max(r.rerank_candidates, r.top_k * 4 + 8))
        if not hits:
            continue
        x = candidate_features(eng, q, hits, q.actor)
        rel = m.relevance([h.chunk.text for h in hits], it.quotes)
        xs.append(x)
        ys.append(np.array([1.0 if any(row) else 0.0 for row in rel]))
        qs += [qi] * len(hits)
    return np.vstack(xs), np.concatenate(ys), qs


def retrieval(eng, items, rerank: bool) -> dict:

    e = eng.derive(rerank=rerank)
    return run_eval(items, lambda q, mode, k: search(e, q, mode, k), None, modes=("hybrid",), progress=False).summary["hybrid"]


def main(argv=None) -> int:

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--loss", choices=("listwise", "pointwise"), default="listwise")
    ap.add_argument("--drop", default="", help="features to leave out (comma-separated; they get weight 0): ablation")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {WEIGHTS_FILE}")
    args = ap.parse_args(argv)
    items = [i for i in load_gold(args.gold) if i.answerable]
    tune, test = [i for i in items if i.split == "tune"], [i for i in items if i.split == "test"]
    with Engine(Settings(store=args.store)) as eng:
        x, y, groups = training_rows(eng.derive(rerank=False), tune)
        drop_features(x, FEATURES, args.drop, ap.error)
        model = fit_listwise(x, y, groups, args.l2) if args.loss == "listwise" else fit_logistic(x, y, args.l2)
        have = len({q for q, label in zip(groups, y) if label})
        print(f"{have} of {len(tune)} tune questions have a relevant passage among the candidates")
        print(f"fitted on {len(tune)} tune questions: {len(y)} candidates, {int(y.sum())} holding evidence")
        print_weights(model, 10)
        meta = fit_meta(f"python -m eval.fit_rerank --store STORE --l2 {args.l2} --loss {args.loss}"
                        + (f" --drop {args.drop}" if args.drop else "") + " --write",
                        questions=len(tune), rows=int(len(y)), positives=int(y.sum()))
        with weights_in_place(WEIGHTS_FILE, model.to_json(**meta), args.write, load_reranker.cache_clear):
            cols = ("recall@1", "recall@5", "recall@10", "mrr")
            print(f"{'':<22}" + "".join(f"{c:>11}" for c in cols))
            for split, its in (("tune", tune), ("test", test)):
                for label, on in (("fused (RRF) only", False), ("reranked", True)):
                    s = retrieval(eng, its, on)
                    print(f"{split + ' ' + label:<22}" + "".join(f"{s[c]:>11.3f}" for c in cols), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
