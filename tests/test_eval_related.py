"""The related-passages gold set and its metrics (eval/related.py)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.related import (Ref, RelatedGoldError, RelatedItem, aggregate, is_related_gold, load_related_gold, parse_record,
                          ref_matches, score_ranking)
from tests.conftest import CORPUS, REPO, needs_corpus

GOLD = REPO / "eval" / "gold" / "related.jsonl"


def test_shipped_related_gold_set_has_the_required_shape():
    items = load_related_gold(GOLD)
    assert len(items) >= 40
    types = Counter(i.source_type for i in items)
    assert len(types) >= 4 and types["motie"] < len(items)
    assert {i.split for i in items} == {"tune", "test"}
    split_of: dict[str, set] = {}
    for i in items:
        split_of.setdefault(i.source.doc, set()).add(i.split)
        assert all(r.doc != i.source.doc for r in i.related)  # related means other documents
    assert all(len(s) == 1 for s in split_of.values())  # split by source document
    assert sum(1 for i in items if i.not_related) >= 10  # look-alikes judged where useful
    assert is_related_gold(GOLD) and not is_related_gold(REPO / "eval" / "gold" / "dev.jsonl")


def _rec(**kw):
    base = {"id": "r1", "split": "tune", "source": {"doc": "a.xml", "quote": "q"},
            "related": [{"doc": "b.xml", "quote": "x", "scope": "document"}]}
    base.update(kw)
    return base


@pytest.mark.parametrize("bad,needle", [
    ({"related": []}, "no related"),
    ({"related": [{"doc": "a.xml", "quote": "x"}]}, "source document"),
    ({"split": "dev"}, "split 'dev'"),
    ({"relatd": []}, "unknown field"),
    ({"related": [{"doc": "b.xml", "quote": "x", "scope": "page"}]}, "scope 'page'"),
    ({"source": {"doc": "a.xml"}}, "source"),
])
def test_bad_records_are_refused_with_the_reason(bad, needle):
    with pytest.raises(RelatedGoldError, match=needle):
        parse_record(_rec(**bad), "gold.jsonl:1")


def test_duplicate_ids_are_refused(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(_rec()) + "\n\n" + json.dumps(_rec()) + "\n")
    with pytest.raises(RelatedGoldError, match="duplicate id"):
        load_related_gold(p)


def test_every_problem_of_a_related_gold_file_is_listed_at_once(tmp_path):
    """Like the question gold set: a bad line does not hide the next one's problem."""
    p = tmp_path / "g.jsonl"
    p.write_text("{not json\n" + json.dumps(_rec()) + "\n" + json.dumps(_rec()) + "\n"
                 + json.dumps(_rec(id="r9", split="dev")) + "\n")
    with pytest.raises(RelatedGoldError) as err:
        load_related_gold(p)
    lines = str(err.value).splitlines()
    assert len(lines) == 3 and lines[0].startswith(f"{p}:1: invalid JSON")
    assert "duplicate id" in lines[1] and lines[1].startswith(f"{p}:3") and "split 'dev'" in lines[2]


def test_ref_matching_by_scope():
    doc = Ref("motiematcher/kst-1.xml", "iets anders", "document")
    passage = Ref("seeds/inbreng.txt", "de roep om een robuuste DNS-infrastructuur")
    assert ref_matches(doc, "/work/shared/corpus/motiematcher/kst-1.xml", "wat dan ook")
    assert not ref_matches(doc, "/work/shared/corpus/motiematcher/kst-11.xml", "wat dan ook")
    assert ref_matches(passage, "/c/seeds/inbreng.txt", "Zij steunen De roep om een  robuuste DNS-infrastructuur.")
    assert not ref_matches(passage, "/c/seeds/inbreng.txt", "een ander stuk van de inbreng")


def test_precision_and_recall_per_related_document():
    item = RelatedItem("r", "test", "", "motie", Ref("s.xml", "q"),
                       [Ref("a.xml", "x", "document"), Ref("b.txt", "het punt"), Ref("b.txt", "ander punt"),
                        Ref("c.xml", "x", "document")],
                       [Ref("z.xml", "x", "document")])
    hits = [("/c/a.xml", "..."), ("/c/z.xml", "..."), ("/c/b.txt", "over het punt"), ("/c/q.xml", "..."),
            ("/c/b.txt", "het ander punt"), ("/c/c.xml", "...")]
    s = score_ranking(item, hits)
    # 3 related documents (a, b, c); top 5: a, b, b -> 3 related hits, capped denominator min(5, 3)
    assert s["p@5"] == pytest.approx(3 / 3) and s["p@5_raw"] == pytest.approx(3 / 5)
    assert s["r@10"] == pytest.approx(1.0) and s["lookalike@5"] == 1
    s2 = score_ranking(item, hits[:2])
    assert s2["p@5"] == pytest.approx(1 / 3) and s2["r@10"] == pytest.approx(1 / 3)
    assert score_ranking(item, [])["r@10"] == 0
    one = RelatedItem("r", "test", "", "motie", Ref("s.xml", "q"), [Ref("a.xml", "x", "document")])
    assert score_ranking(one, [("/c/a.xml", "1"), ("/c/a.xml", "2")])["p@5"] == 1.0  # never above 1
    agg = aggregate([{**s, "procedural@5": 0}, {**s2, "procedural@5": 1}])
    assert agg["n"] == 2 and agg["r@10"] == pytest.approx((1 + 1 / 3) / 2, abs=1e-4) and agg["procedural@5"] == 0.5


def test_eval_related_on_the_seed_store_reports_both_methods(seed_engine):
    """The runner locates sources by quote in the store and scores legacy and new."""
    from eval.related_run import evaluate_related, table

    gold = [RelatedItem("s1", "test", "DNS", "inbreng",
                        Ref("2025D21651-inbreng-so-fiche-blueprint-cyber.txt",
                            "Overweegt het kabinet, mede in het licht van deze aanbeveling, om in Nederland strategische publieke DNS-capaciteit op te bouwen?"),
                        [Ref("2025-verslag-eu-raad-cyber-werksessies.txt", "x", "document")])]
    res = evaluate_related(seed_engine, gold, {"legacy": {}, "subject": {"method": "subject"}}, k=5)
    assert res["missing_sources"] == []
    for v in ("legacy", "subject"):
        s = res[v]["summary"]["test"]
        assert s["n"] == 1 and s["r@10"] == 1.0  # the only other document is found
    assert "| subject | test | 1 |" in table(res, ["legacy", "subject"])


@needs_corpus
@pytest.mark.corpus
@pytest.mark.slow
def test_every_related_gold_quote_occurs_in_its_document():
    from eval.cli import read_document_text
    from eval.related import check_related_quotes

    assert check_related_quotes(load_related_gold(GOLD), CORPUS, read_document_text) == []
