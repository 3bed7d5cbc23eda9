"""English questions through the bilingual lexicon (assistant/lexicon.py): hybrid retrieval
of the dev set's English answerable questions with the translation off (the named baseline),
and on at a grid of translated-stem weights and English BM25 fusion weights, chosen on
`tune` by R@5 + MRR and reported on `test`, in one run. Dutch questions are untouched by
the translation (it runs for English questions only), so they are not re-scored.

    .venv/bin/python benchmarks/translation_sweep.py --store /work/stores/full [--no-rerank]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.fusion_sweep import METRICS, MemoEmbedder, score  # noqa: E402

# (translation weight, English BM25 RRF weight); weight 0 = the translation off
GRID = [(0.0, 0.5), (0.5, 0.5), (1.0, 0.5), (2.0, 0.5), (0.5, 1.0), (1.0, 1.0), (2.0, 1.0)]


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.settings import Settings
    from eval.gold import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--no-rerank", action="store_true", help="fused order only (the reranker was fitted without translation)")
    args = ap.parse_args(argv)
    items = [i for i in load_gold(args.gold) if i.answerable and i.lang == "en"]
    split = {s: [i for i in items if i.split == s] for s in ("tune", "test")}
    with Engine(Settings(store=args.store)) as eng:
        eng.embedder = MemoEmbedder(eng.embedder)
        print(f"English answerable questions: {len(split['tune'])} tune / {len(split['test'])} test; "
              f"reranker {'off' if args.no_rerank else 'on'}")
        print(f"{'weight bm25_en':<18}" + "".join(f"{s + ' ' + m:>16}" for s in ("tune", "test") for m in METRICS))
        results = {}
        for w, s in GRID:
            flat = dict(translate_en=w > 0, translation_weight=w or 1.0, sparse_weight_en=s, rerank=not args.no_rerank,
                        rerank_candidates=40)
            got = {sp: score(eng, split[sp], **flat) for sp in split}
            results[(w, s)] = got
            label = f"{w:g} {s:g}" + (" (off)" if w == 0 else "")
            print(f"{label:<18}" + "".join(f"{got[sp][m]:>16.3f}" for sp in split for m in METRICS),
                  flush=True)
        best = max(results, key=lambda k: results[k]["tune"]["recall@5"] + results[k]["tune"]["mrr"])
        print(f"\nchosen on tune (R@5 + MRR): weight {best[0]:g}, English BM25 {best[1]:g}; test R@5 "
              f"{results[(0.0, 0.5)]['test']['recall@5']:.3f} -> {results[best]['test']['recall@5']:.3f}, MRR "
              f"{results[(0.0, 0.5)]['test']['mrr']:.3f} -> {results[best]['test']['mrr']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
