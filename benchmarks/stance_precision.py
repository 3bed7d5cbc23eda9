"""Precision and recall of the stance rules (assistant/stance.py) on hand-labelled sentences.

eval/gold/stance.jsonl: {"sentence", "stance" (null = filler), "doc", "doc_type"}; 90
sentences drawn at random (seed 14) from corpus documents the rules were NOT written on
(6 VLOS verslagen, 12 moties, 3 Kamervragen answers), labelled by hand before measuring.

    .venv/bin/python benchmarks/stance_precision.py [--gold eval/gold/stance.jsonl] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CLASSES = ("vraag", "eis", "steun", "zorg", "standpunt", "filler")


def load(path: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["sentence"], r["stance"] or "filler") for r in rows]


def measure(items: list[tuple[str, str]]) -> dict:
    from assistant.stance import stance

    pred = [(s, gold, stance(s) or "filler") for s, gold in items]
    out = {"n": len(pred), "accuracy": sum(g == p for _, g, p in pred) / max(len(pred), 1), "per_class": {}}
    for c in CLASSES:
        tp = sum(g == c and p == c for _, g, p in pred)
        n_pred, n_gold = sum(p == c for _, _, p in pred), sum(g == c for _, g, _ in pred)
        out["per_class"][c] = {"gold": n_gold, "predicted": n_pred, "correct": tp,
                               "precision": tp / n_pred if n_pred else None, "recall": tp / n_gold if n_gold else None}
    out["errors"] = [(s, g, p) for s, g, p in pred if g != p]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "stance.jsonl")
    ap.add_argument("--errors", action="store_true", help="list the misclassified sentences")
    args = ap.parse_args(argv)
    m = measure(load(args.gold))
    fmt = lambda v: "   -" if v is None else f"{v:.2f}"  # noqa: E731
    print(f"{m['n']} hand-labelled sentences, accuracy {m['accuracy']:.2f}")
    print(f"{'stance':<11}{'gold':>5}{'pred':>6}{'correct':>8}{'precision':>10}{'recall':>8}")
    for c, r in m["per_class"].items():
        print(f"{c:<11}{r['gold']:>5}{r['predicted']:>6}{r['correct']:>8}{fmt(r['precision']):>10}{fmt(r['recall']):>8}")
    if args.errors:
        for s, g, p in m["errors"]:
            print(f"  gold {g:<9} rules {p:<9} {s[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
