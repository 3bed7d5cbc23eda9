"""Calibrate the refusal threshold on the development gold set.

For every question: the best dense similarity between the question and a retrieved
passage (what `compose` compares with `refusal_threshold`) and whether the full
answerer answered. Sweeps the threshold and prints, per value, the answered-rate on
answerable questions and refusal precision/recall on unanswerable ones.

    .venv/bin/python benchmarks/calibrate_refusal.py --store /tmp/fullstore
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def best_similarities(eng, items) -> list[float]:
    from assistant.answer import _cosines
    from assistant.query import build_query
    from assistant.retrieve import search

    out = []
    for it in items:
        query = build_query(eng, it.question, "hybrid")
        hits = search(eng, query, "hybrid", eng.settings.retrieval.top_k)
        out.append(max(_cosines(query.dense, hits), default=0.0))
    return out


def answered_at(eng, items, threshold: float) -> list[bool]:
    from assistant.answer import answer_question

    eng = eng.derive(refusal_threshold=threshold)
    return [answer_question(eng, it.question).answered for it in items]


def table(items, decisions: dict[float, list[bool]]) -> str:
    from eval.metrics import refusal_precision_recall

    answerable = [it.answerable for it in items]
    lines = [f"{'threshold':>9} {'answered (answerable)':>22} {'refusal P':>10} {'refusal R':>10}"]
    for t, answered in sorted(decisions.items()):
        rate = sum(a for a, ok in zip(answered, answerable) if ok) / max(sum(answerable), 1)
        p, r = refusal_precision_recall(answered, answerable)
        lines.append(f"{t:>9.3f} {rate:>22.3f} {p if p is not None else float('nan'):>10.3f} {r if r is not None else float('nan'):>10.3f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.settings import Settings
    from eval.gold import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--thresholds", default="0.76,0.78,0.80,0.82,0.84,0.86")
    args = ap.parse_args(argv)
    items = load_gold(args.gold)
    with Engine(Settings(store=args.store)) as eng:
        sims = best_similarities(eng, items)
        for kind in (True, False):
            vals = sorted(s for s, it in zip(sims, items) if it.answerable == kind)
            print(f"best similarity, {'answerable' if kind else 'unanswerable'} (n={len(vals)}): "
                  f"min {vals[0]:.3f} p25 {vals[len(vals) // 4]:.3f} median {vals[len(vals) // 2]:.3f} max {vals[-1]:.3f}")
        decisions = {float(t): answered_at(eng, items, float(t)) for t in args.thresholds.split(",")}
    print(table(items, decisions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
