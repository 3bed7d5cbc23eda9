"""Helpers shared by the performance benchmarks (ingest.py, latency.py).

Each variant of a benchmark runs in its own child process: peak RSS (`ru_maxrss`) is
per process, so only a fresh process per variant gives a fair memory figure, and a
variant cannot profit from caches another one warmed. The child writes its result
as JSON to a file the parent names; stdout stays free for logs.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE = REPO / "sample_corpus"
OUT = REPO / "benchmarks" / "out"  # gitignored: caches and kept stores


# -- corpus slice --------------------------------------------------------------------------
def corpus_mix(corpus: Path) -> list[Path]:
    """A deterministic mix of the shared corpus: the two seeds, the smallest VLOS verslag,
    then one Kamervragen PDF for every five motie XMLs. A prefix of any length is a mix
    of formats, so `--slice N` stays representative. A folder without the shared
    corpus' layout (e.g. sample_corpus) gives its files in sorted order."""
    groups = {
        "seeds": sorted((corpus / "seeds").glob("*.txt")),
        "vlos": sorted((corpus / "vlos-vergaderverslagen").glob("*.xml"), key=lambda p: (p.stat().st_size, p.name)),
        "pdf": sorted((corpus / "learninglion-kamervragen").glob("*.pdf")),
        "xml": sorted((corpus / "motiematcher").glob("*.xml")),
    }
    if not any(groups.values()):
        return sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    mix = groups["seeds"] + groups["vlos"][:1]
    pdfs, xmls = iter(groups["pdf"]), iter(groups["xml"])
    while True:
        batch = [p for p in [next(pdfs, None)] + [next(xmls, None) for _ in range(5)] if p]
        if not batch:
            return mix
        mix.extend(batch)


def kind_of(path: Path) -> str:
    parts = set(path.parts)
    if "vlos-vergaderverslagen" in parts:
        return "vlos xml"
    if "motiematcher" in parts:
        return "motie xml"
    return path.suffix.lower().lstrip(".") or "file"


def pdf_pages(files: list[Path]) -> int:
    """PDF pages in the files (counted outside any timed region)."""
    from pypdf import PdfReader

    total = 0
    for f in files:
        if f.suffix.lower() == ".pdf":
            try:
                total += len(PdfReader(str(f)).pages)
            except Exception:  # noqa: BLE001 - an unreadable PDF simply counts no pages
                pass
    return total


# -- child processes -------------------------------------------------------------------------
def run_child(script: Path, variant: str, spec: dict, work: Path, timeout: float = 3600) -> dict:
    """Run `script --child VARIANT --spec FILE --result FILE` and return its JSON result.
    The child's stderr passes through (errors stay visible); a failing child raises."""
    spec_path, result_path = work / f"spec-{variant}.json", work / f"result-{variant}.json"
    spec_path.write_text(json.dumps(spec, default=str))
    result_path.unlink(missing_ok=True)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, str(script), "--child", variant, "--spec", str(spec_path), "--result", str(result_path)]
    load_before = os.getloadavg()[0]
    proc = subprocess.run(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, timeout=timeout)
    if proc.returncode != 0 or not result_path.exists():
        raise RuntimeError(f"benchmark child {variant!r} failed with exit code {proc.returncode}")
    result = json.loads(result_path.read_text())
    result["load_1m"] = (load_before + os.getloadavg()[0]) / 2  # other work on the machine skews timings
    return result


def write_result(path: str | Path, result: dict) -> None:
    """Child side: add this process' peak RSS and write the result."""
    result["peak_rss_mb"] = peak_rss_mb()
    Path(path).write_text(json.dumps(result))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# -- reporting -------------------------------------------------------------------------------
def machine_line() -> str:
    """Cores and load: the numbers only mean something next to what else was running."""
    l1, l5, l15 = os.getloadavg()
    return f"machine: {os.cpu_count()} cores, load average {l1:.2f} / {l5:.2f} / {l15:.2f} (1/5/15 min) at {time.strftime('%Y-%m-%d %H:%M')}"


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default), without numpy for tiny lists."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def table(headers: list[str], rows: list[list], aligns: str | None = None) -> str:
    """A plain-text table (left-aligned first column, right-aligned numbers)."""
    aligns = aligns or "<" + ">" * (len(headers) - 1)
    cells = [headers] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    fmt = lambda r: "  ".join(f"{c:{a}{w}}" for c, a, w in zip(r, aligns, widths))  # noqa: E731
    return "\n".join([fmt(cells[0]), "  ".join("-" * w for w in widths)] + [fmt(r) for r in cells[1:]])


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def llamaindex_embedding(embedder, batch_size: int, seconds: list[float] | None = None):
    """Our Embedder as a llama-index BaseEmbedding (passed explicitly, so llama-index never
    reaches for OpenAI). `seconds[0]` accumulates the time spent embedding passages."""
    from llama_index.core.embeddings import BaseEmbedding

    class Adapter(BaseEmbedding):
        def _get_query_embedding(self, query: str):
            return embedder.embed_queries([query])[0].tolist()

        def _get_text_embedding(self, text: str):
            return embedder.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts):
            t = time.perf_counter()
            out = embedder.embed_passages(texts)
            if seconds is not None:
                seconds[0] += time.perf_counter() - t
            return out.tolist()

        async def _aget_query_embedding(self, query: str):
            return self._get_query_embedding(query)

    return Adapter(embed_batch_size=batch_size)
