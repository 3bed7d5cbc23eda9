"""The paired bootstrap of eval/significance.py."""
from __future__ import annotations

import json

from eval.significance import METRICS, main, paired, table


def row(qid, split, r5, quoted, answerable=True, answered=True):
    return {"qid": qid, "split": split, "answerable": answerable,
            "retrieval": {"hybrid": {"recall@5": r5, "mrr": r5}},
            "answer": {"evidence_quoted": quoted if answerable else None, "key_point_recall": None,
                       "actor_correct": None, "answered": answered}}


def run(n, r5, quoted, split="tune"):
    return [row(f"q{i}", split, r5(i), quoted(i)) for i in range(n)]


def test_identical_runs_differ_by_nothing_and_a_clear_gain_is_flagged():
    old = run(60, lambda i: float(i % 2), lambda i: i % 3 == 0)
    same = paired(old, old, samples=200)
    r5 = next(d for d in same if d.metric == "hybrid recall@5" and d.split == "tune")
    assert r5.delta == 0 and r5.low == r5.high == 0 and not r5.clear
    better = run(60, lambda i: 1.0, lambda i: True)
    got = {(d.metric, d.split): d for d in paired(old, better, samples=200)}
    assert got[("hybrid recall@5", "tune")].clear and got[("hybrid recall@5", "tune")].p_better == 1.0
    assert abs(got[("evidence_quoted", "tune")].delta - 40 / 60) < 1e-9
    assert ("hybrid recall@5", "all") in got


def test_one_question_more_out_of_sixty_is_noise():
    old = run(60, lambda i: float(i < 40), lambda i: i < 40)
    new = run(60, lambda i: float(i < 41), lambda i: i < 41)
    d = next(d for d in paired(old, new, samples=500) if d.metric == "hybrid recall@5" and d.split == "tune")
    assert abs(d.delta - 1 / 60) < 1e-9 and d.low <= 0 < d.high and not d.clear


def test_refusal_precision_and_recall_count_refusals():
    rows = [row("a", "test", 1.0, True), row("b", "test", 0.0, False, answered=False),
            row("c", "test", 0.0, None, answerable=False, answered=False),
            row("d", "test", 0.0, None, answerable=False, answered=True)]
    assert METRICS["refusal_precision"](rows) == 0.5  # c of b, c
    assert METRICS["refusal_recall"](rows) == 0.5  # c of c, d


def test_only_questions_in_both_runs_count_and_the_cli_prints_a_table(tmp_path, capsys):
    old = run(10, lambda i: 1.0, lambda i: True, split="test")
    new = run(12, lambda i: 0.0, lambda i: False, split="test")
    assert {d.n for d in paired(old, new, samples=50)} == {10}
    assert "(not measurable)" in table(paired(old, new, samples=50))  # key points: no values
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps({"questions": old}))
    b.write_text(json.dumps({"questions": new}))
    assert main([str(a), str(b), "--samples", "50"]) == 0
    out = capsys.readouterr().out
    assert "hybrid recall@5" in out and "-1.000" in out
