import json

import pytest

from assistant.types import Answer, Citation, Hit
from index.types import Chunk
from eval.gold import Evidence, GoldItem
from eval.report import (
    FailUnderError,
    check_fail_under,
    compare,
    settings_hash,
    summary_table,
    write_report,
)
from eval.runner import EvalResult, run_eval

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
Q1 = "Het kabinet informeert de Kamer voor de zomer over de voortgang van de cyberstrategie en de NIS2-wet."
Q2 = "Nederland steunt het voorstel van de Commissie om de digitale weerbaarheid van de lidstaten te verhogen."
OTHER = "Een fragment over de begroting van landbouw, natuur en voedselkwaliteit voor het jaar 2025 en verder."


def _chunk(cid: str, text: str, actors=None) -> Chunk:
    return Chunk(chunk_id=cid, doc_id=f"d-{cid}", text=text, position=0, page=1, section="",
                 actors=actors or [], title=f"Titel {cid}", date=None, doc_type="brief",
                 dossier="22112", source_path=f"docs/{cid}.txt")


ITEMS = [
    GoldItem("q1", "Wanneer informeert het kabinet?", "nl", "lexical", True,
             [Evidence("docs/a.txt", Q1)], ["voor de zomer"]),
    GoldItem("q2", "Wat vindt Nederland?", "nl", "actor", True,
             [Evidence("docs/b.txt", Q2)], ["digitale weerbaarheid"], actor="Nederland"),
    GoldItem("q3", "Two dossiers?", "en", "cross-dossier", True,
             [Evidence("docs/a.txt", Q1), Evidence("docs/b.txt", Q2)], ["zomer"]),
    GoldItem("q4", "Wat is de kleur van de maan?", "nl", "unanswerable", False, [], []),
]
RANKINGS = {  # (qid, mode) -> chunk texts; sparse finds everything at rank 1, dense later
    "sparse": {"q1": [Q1, OTHER], "q2": [Q2, OTHER], "q3": [Q1, Q2], "q4": [OTHER]},
    "dense": {"q1": [OTHER, Q1], "q2": [OTHER, OTHER], "q3": [Q1, OTHER], "q4": [OTHER]},
}
BY_QUESTION = {i.question: i.qid for i in ITEMS}


def fake_search(question: str, mode: str, top_k: int) -> list[Hit]:
    texts = RANKINGS[mode][BY_QUESTION[question]][:top_k]
    return [Hit(_chunk(f"{mode}{i}", t), 1.0 / (i + 1)) for i, t in enumerate(texts)]


def fake_answer(question: str) -> Answer:
    qid = BY_QUESTION[question]
    if qid == "q4":
        return Answer("Daarover vind ik niets.", answered=False, language="nl")
    if qid == "q2":  # cites a passage attributed to the wrong actor
        cite = Citation(1, _chunk("c2", Q2, actors=["Frankrijk"]), Q2)
        return Answer(f"{Q2} [1]", answered=True, language="nl", citations=[cite])
    cite = Citation(1, _chunk("c1", Q1, actors=["kabinet"]), Q1)
    return Answer(f"{Q1} [1]", answered=True, language="nl", citations=[cite])


@pytest.fixture(scope="module")
def result() -> EvalResult:
    return run_eval(ITEMS, fake_search, fake_answer, modes=("sparse", "dense"), k=10, progress=False)


def test_run_eval_metrics(result):
    s = result.summary
    assert s["sparse"]["recall@1"] == pytest.approx((1 + 1 + 0.5) / 3)
    assert s["sparse"]["recall@5"] == 1.0
    assert s["dense"]["mrr"] == pytest.approx((0.5 + 0 + 1) / 3)
    assert s["dense"]["all_evidence_recall@10"] == 0.0
    assert s["sparse"]["all_evidence_recall@10"] == 1.0
    assert s["by_type"]["dense"]["lexical"]["recall@10"] == 1.0
    unanswerable = s["by_type"]["dense"]["unanswerable"]
    assert unanswerable["n"] == 1 and unanswerable["recall@10"] is None and unanswerable["mrr"] is None
    a = s["answer"]
    assert a["answered_rate"] == 1.0
    assert a["refusal_precision"] == 1.0 and a["refusal_recall"] == 1.0
    assert a["actor_correct"] == 0.0  # q2 attributed to Frankrijk
    assert a["key_point_recall"] == pytest.approx((1 + 1 + 1) / 3)
    assert a["evidence_recall"] == pytest.approx((1 + 1 + 0.5) / 3)
    assert a["citation_precision"] == 1.0
    q1 = result.questions[0].retrieval["dense"]
    assert q1["evidence_ranks"] == [2] and q1["hit_ranks"] == [2] and q1["latency_ms"] >= 0


def test_run_eval_sentence_actors_and_errors():
    def broken_search(question, mode, top_k):
        raise RuntimeError("index down")

    res = run_eval(ITEMS[1:2], broken_search, fake_answer, modes=("hybrid",), progress=False,
                   sentence_actors_fn=lambda quote: ["Nederland"])
    assert res.summary["answer"]["actor_correct"] == 1.0  # sentence actors win over chunk actors
    assert res.summary["hybrid"]["errors"] == 1
    assert res.summary["hybrid"]["recall@10"] == 0.0
    assert "index down" in res.questions[0].retrieval["hybrid"]["error"]


def test_write_report(result, tmp_path):
    settings = {"model": "fake", "k": 10}
    paths = write_report(result, tmp_path, settings, git_commit="abc123")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| mode | n | recall@1 | recall@5 | recall@10 | mrr | ndcg@10 |" in md
    assert "| sparse | 4 | 0.833 | 1.000 | 1.000 | 1.000 | 1.000 |" in md
    assert "| lexical |" in md and "| cross-dossier |" in md
    assert "key_point_recall" in md
    assert "## Worst 10 questions (dense)" in md and "Titel dense0" in md
    for name in ("recall_at_k.png", "per_type.png", "latency.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 1000
        assert paths[name] == tmp_path / name
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert data["git_commit"] == "abc123"
    assert data["settings_hash"] == settings_hash({"k": 10, "model": "fake"})
    assert len(data["settings_hash"]) == 12 and data["settings_hash"] != settings_hash({"k": 5, "model": "fake"})
    assert [q["qid"] for q in data["questions"]] == ["q1", "q2", "q3", "q4"]
    assert EvalResult.from_json(data).summary == json.loads(json.dumps(result.summary))


def test_summary_table(result):
    table = summary_table(result)
    assert table.splitlines()[0].startswith("| mode | n | recall@1")
    assert "| dense | 4 |" in table
    assert "| refusal_precision | 1.000 |" in table
    # issue 13 item 9: all-evidence recall is over the cross-dossier questions only; the table says how many
    assert "| all_evidence_recall@10 (n=1 cross-dossier) |" in table


def test_compare(result, tmp_path):
    old = json.loads(json.dumps(result.to_json()))
    old["summary"]["sparse"]["recall@1"] = 0.5
    old_path = tmp_path / "old.json"
    old_path.write_text(json.dumps(old), encoding="utf-8")
    text = compare(old_path, result, out_dir=tmp_path)
    line = next(l for l in text.splitlines() if l.startswith("sparse.recall@1 "))
    assert line.split() == ["sparse.recall@1", "0.500", "0.833", "+0.333"]
    assert "answer.key_point_recall" in text and "by_type" not in text
    assert (tmp_path / "compare.png").read_bytes().startswith(PNG_MAGIC)


def test_check_fail_under(result):
    s = result.summary
    assert check_fail_under(s, ["sparse.recall@10=0.6", "answer.key_point_recall=0.5"]) == []
    failures = check_fail_under(s, ["dense.recall@10=0.9", "answer.actor_correct=0.5", "sparse.mrr=1"])
    assert len(failures) == 2
    assert failures[0].startswith("dense.recall@10 = 0.500 < 0.9")
    assert failures[1].startswith("answer.actor_correct")
    assert check_fail_under(s, ["by_type.dense.actor.recall@10=0.1"]) == ["by_type.dense.actor.recall@10 = 0.000 < 0.1"]
    with pytest.raises(FailUnderError, match="valid names: .*sparse.recall@10"):
        check_fail_under(s, ["hybrid.recall@10=0.6"])
    with pytest.raises(FailUnderError, match="METRIC=VALUE"):
        check_fail_under(s, ["sparse.recall@10"])
    with pytest.raises(FailUnderError, match="not a number"):
        check_fail_under(s, ["sparse.recall@10=high"])


def _with_split(item: GoldItem, split: str) -> GoldItem:
    return GoldItem(item.qid, item.question, item.lang, item.type, item.answerable,
                    item.evidence, item.key_points, item.actor, split=split)


@pytest.fixture(scope="module")
def split_result() -> EvalResult:
    # q1, q4 on tune; q2, q3 on test
    items = [_with_split(i, s) for i, s in zip(ITEMS, ("tune", "test", "test", "tune"))]
    return run_eval(items, fake_search, fake_answer, modes=("sparse", "dense"), k=10, progress=False)


def test_summary_per_split(split_result):
    by_split = split_result.summary["by_split"]
    assert list(by_split) == ["tune", "test"]
    assert by_split["tune"]["dense"]["n"] == 2 and by_split["test"]["dense"]["n"] == 2
    assert by_split["tune"]["dense"]["mrr"] == 0.5            # q1 at rank 2; q4 has no evidence
    assert by_split["test"]["dense"]["mrr"] == pytest.approx(0.5)  # q2 missed, q3 at rank 1
    assert by_split["tune"]["answer"]["refusal_recall"] == 1.0
    assert by_split["test"]["answer"]["refusal_recall"] is None  # no unanswerable question on test
    assert by_split["test"]["answer"]["actor_correct"] == 0.0
    assert split_result.summary["dense"]["mrr"] == pytest.approx((0.5 + 0 + 1) / 3)  # "all" unchanged
    assert split_result.questions[1].split == "test"


def test_split_table_in_console_and_report(split_result, tmp_path):
    table = summary_table(split_result)
    assert "| metric (per split) | tune | test | all |" in table
    assert "| questions | 2 | 2 | 4 |" in table
    assert "| dense mrr | 0.500 | 0.500 | 0.500 |" in table
    assert "| evidence_quoted (answers quoting an evidence passage) | 1.000 | 1.000 | 1.000 |" in table
    write_report(split_result, tmp_path, {"k": 10})
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| metric (per split) | tune | test | all |" in md
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert data["summary"]["by_split"]["test"]["sparse"]["recall@1"] == pytest.approx(0.75)
    assert data["questions"][0]["split"] == "tune"


def test_no_split_table_without_splits(result):
    assert "by_split" not in result.summary
    assert "per split" not in summary_table(result)


def test_fail_under_and_compare_per_split(split_result, tmp_path):
    assert check_fail_under(split_result.summary, ["by_split.test.sparse.recall@1=0.7"]) == []
    (failure,) = check_fail_under(split_result.summary, ["by_split.tune.dense.mrr=0.6"])
    assert failure.startswith("by_split.tune.dense.mrr = 0.500")
    text = compare(split_result.to_json(), split_result, out_dir=tmp_path)
    assert any(l.startswith("by_split.test.answer.evidence_quoted ") for l in text.splitlines())
