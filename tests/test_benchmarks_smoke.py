"""The performance benchmarks run end to end on a tiny input, so they cannot rot.

They use the two sample-corpus documents (always present) and the hash embedder, so
this takes seconds and needs no shared corpus; the figures themselves mean nothing here.
"""
from __future__ import annotations

import sys

from tests.conftest import REPO, SAMPLE
from tests.fakes import HASH_EMBEDDER

sys.path.insert(0, str(REPO))


def test_ingest_benchmark_runs(capsys):
    from benchmarks.ingest import main

    assert main(["--slice", "2", "--corpus", str(SAMPLE), "--embedder", HASH_EMBEDDER]) == 0
    out = capsys.readouterr().out
    for label in ("(a) ours", "(b) embedder alone", "(c) llama-index", "(d) ours: re-ingest",
                  "pipeline overhead", "re-ingest speed-up"):
        assert label in out
    assert "found 2 unchanged and embedded 0 chunks" in out  # (d) really re-used (a)'s store


def test_latency_benchmark_runs(capsys, tmp_path):
    from benchmarks.latency import main

    args = ["--sizes", "300", "--queries", "3", "--base", "50", "--efs", "64",
            "--corpus", str(SAMPLE), "--embedder", HASH_EMBEDDER, "--cache", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    for label in ("hybrid+actor", "hybrid+type", "local/edge p50", "hnsw_ef=64", "exact_search_max_points"):
        assert label in out


def test_corpus_mix_is_deterministic_and_mixed(tmp_path):
    from benchmarks.common import corpus_mix

    for folder, names in (("seeds", ["a.txt", "b.txt"]), ("motiematcher", [f"m{i}.xml" for i in range(12)]),
                          ("learninglion-kamervragen", ["q1.pdf", "q2.pdf"]), ("vlos-vergaderverslagen", ["v.xml"])):
        (tmp_path / folder).mkdir()
        for n in names:
            (tmp_path / folder / n).write_text("x")
    mix = corpus_mix(tmp_path)
    assert mix == corpus_mix(tmp_path)
    assert [p.name for p in mix[:5]] == ["a.txt", "b.txt", "v.xml", "q1.pdf", "m0.xml"]
    assert len(mix) == 17


def test_degenerate_ingest_benchmark_runs(capsys):
    from benchmarks.degenerate_ingest import main

    assert main(["--embedder", HASH_EMBEDDER, "--mb", "0.1"]) == 0
    out = capsys.readouterr().out
    for label in ("now", "cache only", "baseline (before)", "scaled x", "target <= 15 s", "speed-up"):
        assert label in out


def test_sentence_split_benchmark_runs(capsys):
    from benchmarks.sentence_split import main

    assert main(["--mb", "0.05"]) == 0
    out = capsys.readouterr().out
    assert "old/new time ratio" in out and "same spans: True" in out
