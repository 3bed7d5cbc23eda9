"""Fit the related-passages ranker (assistant/related_rank.py) on the `tune` split of
eval/gold/related.jsonl and report, side by side in one run, the dense-only method of before
issue 18 (`legacy`), the fused order (`fused`) and the learned order (`learned`) on both splits.

    .venv/bin/python -m eval.fit_related --store /work/stores/full [--l2 1.0] [--drop F,...] [--write]

For every tune source: the candidates worth showing exactly as `related` gets them, in fused
order, one feature row each, label 1 when the candidate is in a document (or holds a passage)
the gold set calls related. Conditional logit per source (assistant.rerank.fit_listwise). With
--write the weights go to assistant/related_rank.json with this command in it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from assistant.engine import Engine
from assistant.related import ranked_pool
from assistant.related_rank import FEATURES, WEIGHTS_FILE, load_related_ranker, related_features
from assistant.rerank import fit_listwise
from assistant.settings import Settings
from eval.fitting import drop_features, fit_meta, print_weights, weights_in_place
from eval.related import load_related_gold, matched_docs
from eval.related_run import evaluate_related, locate_sources, table

REPO = Path(__file__).resolve().parents[1]


def training_rows(eng, items, sources) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(features, labels, source index per row) over the fused candidates of each source."""
    xs, ys, groups = [], [], []
    for si, it in enumerate(items):
        cid = sources.get(it.id)
        if cid is None:
            continue
        src, terms, pool = ranked_pool(eng, cid, learned=False)
        if not pool.hits:
            continue
        xs.append(related_features(src, terms, pool))
        ys.append(np.array([1.0 if matched_docs(it.related, (h.chunk.source_path, h.chunk.text)) else 0.0
                            for h in pool.hits]))
        groups += [si] * len(pool.hits)
    return np.vstack(xs), np.concatenate(ys), groups


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "related.jsonl")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--drop", default="", help="features to leave out (comma-separated; they get weight 0): ablation")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {WEIGHTS_FILE}")
    args = ap.parse_args(argv)
    items = load_related_gold(args.gold)
    tune = [i for i in items if i.split == "tune"]
    with Engine(Settings(store=args.store)) as eng:
        sources = locate_sources(eng, items)
        x, y, groups = training_rows(eng, tune, sources)
        drop_features(x, FEATURES, args.drop, ap.error)
        model = fit_listwise(x, y, groups, args.l2, names=FEATURES)
        have = len({g for g, label in zip(groups, y) if label})
        print(f"{have} of {len(tune)} tune sources have a related passage among the candidates; "
              f"{len(y)} candidates, {int(y.sum())} related")
        print_weights(model, 13)
        meta = fit_meta(f"python -m eval.fit_related --store STORE --l2 {args.l2}"
                        + (f" --drop {args.drop}" if args.drop else "") + " --write",
                        sources=len(tune), rows=int(len(y)), positives=int(y.sum()))
        with weights_in_place(WEIGHTS_FILE, model.to_json(**meta), args.write, load_related_ranker.cache_clear):
            res = evaluate_related(eng, items, {"legacy": {}, "fused": {"related_learned": False},
                                                "learned": {"related_learned": True}})
            print(table(res, ["legacy", "fused", "learned"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
