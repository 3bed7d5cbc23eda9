"""`dossierwijzer eval`: quote check, report folder, compare, fail-under (plumbing with
the fast hash embedder; metric values are tested in test_metrics.py)."""
from __future__ import annotations

import json

from tests.conftest import REPO, SAMPLE
from tests.test_cli import run

SAMPLE_GOLD = REPO / "eval" / "gold" / "sample.jsonl"
DEV_GOLD = REPO / "eval" / "gold" / "dev.jsonl"


def test_check_mode_verifies_every_quote(tmp_path):
    out = run("eval", str(SAMPLE_GOLD), "--check", store=tmp_path / "s")
    assert "0 problem(s)" in out.stdout
    bad = tmp_path / "bad.jsonl"
    line = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8").splitlines()[0])
    line["evidence"][0]["quote"] = "Deze zin staat nergens in het document, echt niet."
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    p = run("eval", str(bad), "--check", "--corpus", str(SAMPLE), store=tmp_path / "s", check=False)
    assert p.returncode == 1 and "1 problem(s)" in p.stdout


def test_invalid_gold_file_names_line_and_field(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"qid": "x", "question": "?"}\n', encoding="utf-8")
    p = run("eval", str(bad), store=tmp_path / "s", check=False)
    assert p.returncode == 1 and "bad.jsonl:1" in p.stderr


def test_eval_writes_report_and_gates(tmp_path):
    store = tmp_path / "store"
    run("ingest", str(SAMPLE), store=store)
    out_dir = tmp_path / "report"
    p = run("eval", str(SAMPLE_GOLD), "--out", str(out_dir), store=store)
    assert "recall@10" in p.stdout.lower() or "R@10" in p.stdout
    for name in ("report.md", "results.json", "recall_at_k.png", "per_type.png", "latency.png"):
        assert (out_dir / name).exists(), name
    results = json.loads((out_dir / "results.json").read_text(encoding="utf-8"))
    assert results["summary"]["hybrid"]["n"] > 0 and results["settings_hash"]
    p = run("eval", str(SAMPLE_GOLD), "--out", str(tmp_path / "r2"), "--compare", str(out_dir / "results.json"),
            "--fail-under", "hybrid.recall@10=1.01", store=store, check=False)
    assert p.returncode == 1 and "hybrid.recall@10" in p.stderr
    assert "paired bootstrap" in p.stdout and "95% interval" in p.stdout  # same store, same answers: deltas 0
    assert "+0.000   [+0.000, +0.000]" in p.stdout


def test_split_option_selects_one_split(tmp_path):
    lines = [json.loads(l) for l in SAMPLE_GOLD.read_text(encoding="utf-8").splitlines() if l.strip()]
    for i, rec in enumerate(lines):
        rec["split"] = "tune" if i == 0 else "test"
    gold = tmp_path / "split.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    out = run("eval", str(gold), "--check", "--corpus", str(SAMPLE), "--split", "tune", store=tmp_path / "s")
    assert out.stdout.strip().endswith("1 questions, 1 quotes, 0 problem(s)")
    out = run("eval", str(gold), "--check", "--corpus", str(SAMPLE), "--split", "test", store=tmp_path / "s")
    assert f"{len(lines) - 1} questions" in out.stdout
    p = run("eval", str(SAMPLE_GOLD), "--check", "--split", "test", store=tmp_path / "s", check=False)
    assert p.returncode != 0 and "assign_splits" in p.stderr
