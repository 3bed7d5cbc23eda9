"""The domain thesaurus (assistant/thesaurus.py) in retrieval: hybrid R@1/5/10 and MRR of the
dev set's answerable questions with the thesaurus off (the named baseline) and on at a grid
of expansion weights, chosen on `tune` by R@5 + MRR and reported on `test`, in one run.

The thesaurus was written from general knowledge, not from the questions; still, some of its
terms occur in test questions. The last row runs the chosen weight with every entry whose term
occurs in a test question left out, so the test figure is also given for a thesaurus that
cannot have been written with the test questions in view.

    .venv/bin/python benchmarks/thesaurus_sweep.py --store /work/stores/full
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.fusion_sweep import METRICS, MemoEmbedder, score  # noqa: E402

WEIGHTS = (0.0, 0.25, 0.5, 1.0)  # 0 = the thesaurus off


def without_terms_of(thesaurus, questions):
    """The thesaurus less every entry whose term occurs in one of `questions`."""
    from assistant.thesaurus import Thesaurus

    return Thesaurus(tuple(e for e in thesaurus.entries if not any(e.pattern.search(q) for q in questions)))


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.settings import Settings
    from assistant.thesaurus import load_thesaurus
    from eval.gold import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    args = ap.parse_args(argv)
    items = [i for i in load_gold(args.gold) if i.answerable]
    split = {s: [i for i in items if i.split == s] for s in ("tune", "test")}
    thesaurus = load_thesaurus()
    touched = {s: sum(bool(thesaurus.matches(i.question)) for i in split[s]) for s in split}
    print(f"answerable questions: {len(split['tune'])} tune / {len(split['test'])} test; with a thesaurus term: "
          f"{touched['tune']} / {touched['test']}")
    with Engine(Settings(store=args.store)) as eng:
        eng.embedder = MemoEmbedder(eng.embedder)
        print(f"{'weight':<22}" + "".join(f"{s + ' ' + m:>16}" for s in split for m in METRICS))
        results = {}

        def row(label, w):
            got = {sp: score(eng, split[sp], thesaurus=w > 0, thesaurus_weight=w or 0.5) for sp in split}
            print(f"{label:<22}" + "".join(f"{got[sp][m]:>16.3f}" for sp in split for m in METRICS), flush=True)
            return got

        for w in WEIGHTS:
            results[w] = row(f"{w:g}" + (" (off)" if w == 0 else ""), w)
        best = max(WEIGHTS, key=lambda k: results[k]["tune"]["recall@5"] + results[k]["tune"]["mrr"])
        if best == 0.0:
            print("\nchosen on tune (R@5 + MRR): off (no weight gained on tune)")
            return 0
        clean = without_terms_of(thesaurus, [i.question for i in load_gold(args.gold) if i.split == "test"])
        print(f"({len(thesaurus.entries) - len(clean.entries)} of {len(thesaurus.entries)} entries have a term in a test question)")
        with mock.patch("assistant.query.load_thesaurus", lambda: clean):
            results["clean"] = row(f"{best:g} w/o test terms", best)
        off, on = results[0.0]["test"], results[best]["test"]
        print(f"\nchosen on tune (R@5 + MRR): weight {best:g}; test R@5 {off['recall@5']:.3f} -> {on['recall@5']:.3f}, "
              f"MRR {off['mrr']:.3f} -> {on['mrr']:.3f} (without the test terms: {results['clean']['test']['recall@5']:.3f}, "
              f"{results['clean']['test']['mrr']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
