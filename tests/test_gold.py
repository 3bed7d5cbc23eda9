import json
from pathlib import Path

import pytest

from eval.gold import QUESTION_TYPES, GoldFormatError, GoldItem, check_quotes, load_gold, quote_in_text
from tests.conftest import CORPUS, needs_corpus


def _good(qid: str = "q1", **overrides) -> dict:
    item = {
        "qid": qid,
        "question": "Wanneer informeert het kabinet de Kamer?",
        "lang": "nl",
        "type": "lexical",
        "answerable": True,
        "evidence": [{"doc": "brieven/brief.txt", "quote": "Het kabinet informeert de Kamer voor de zomer."}],
        "key_points": ["voor de zomer"],
    }
    item.update(overrides)
    return item


def _write(tmp_path: Path, lines: list) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def test_load_valid_file(tmp_path):
    unanswerable = _good("q2", type="unanswerable", answerable=False, evidence=[], key_points=[])
    actor = _good("q3", type="actor", actor="VVD", lang="en")
    items = load_gold(_write(tmp_path, [_good(), "", unanswerable, actor]))
    assert [i.qid for i in items] == ["q1", "q2", "q3"]
    assert isinstance(items[0], GoldItem)
    assert items[0].evidence[0].doc == "brieven/brief.txt"
    assert items[0].quotes == ["Het kabinet informeert de Kamer voor de zomer."]
    assert items[2].actor == "VVD" and items[1].actor is None
    assert "cross-dossier" in QUESTION_TYPES


def test_errors_name_line_and_field_and_are_collected(tmp_path):
    missing = _good("q2")
    del missing["question"]
    lines = [
        _good("q1"),
        missing,                                # line 2: missing field
        "{not json",                            # line 3: bad JSON
        _good("q4", answerable="yes"),          # line 4: wrong type
        _good("q5", type="opinion"),            # line 5: unknown type
        _good("q6", evidence=[]),               # line 6: answerable without evidence
        _good("q7", type="actor"),              # line 7: actor question without actor
    ]
    path = _write(tmp_path, lines)
    with pytest.raises(GoldFormatError) as exc_info:
        load_gold(path)
    errors = exc_info.value.errors
    text = str(exc_info.value)
    assert str(path) in text
    assert any(e.startswith(f"{path}:2:") and "'question'" in e and "missing" in e for e in errors)
    assert any(e.startswith(f"{path}:3:") and "invalid JSON" in e for e in errors)
    assert any(e.startswith(f"{path}:4:") and "'answerable'" in e and "bool" in e for e in errors)
    assert any(e.startswith(f"{path}:5:") and "'type'" in e and "opinion" in e for e in errors)
    assert any(e.startswith(f"{path}:6:") and "'evidence'" in e for e in errors)
    assert any(e.startswith(f"{path}:7:") and "'actor'" in e for e in errors)
    assert not any(f"{path}:1:" in e for e in errors)


def test_duplicate_qid(tmp_path):
    path = _write(tmp_path, [_good("q1"), _good("q2"), _good("q1")])
    with pytest.raises(GoldFormatError) as exc_info:
        load_gold(path)
    (error,) = exc_info.value.errors
    assert error.startswith(f"{path}:3:")
    assert "duplicate qid 'q1'" in error and "line 1" in error


def test_unanswerable_with_evidence_and_bad_evidence_items(tmp_path):
    lines = [
        _good("q1", answerable=False, type="unanswerable"),
        _good("q2", evidence=[{"doc": "/abs/file.txt", "quote": "x"}, {"doc": "a.txt"}]),
        _good("q3", key_point=["typo"]),
    ]
    with pytest.raises(GoldFormatError) as exc_info:
        load_gold(_write(tmp_path, lines))
    errors = exc_info.value.errors
    assert any(":1:" in e and "must be empty" in e for e in errors)
    assert any(":2:" in e and "evidence[0].doc" in e and "relative" in e for e in errors)
    assert any(":2:" in e and "evidence[1].quote" in e for e in errors)
    assert any(":3:" in e and "'key_point'" in e and "unknown field" in e for e in errors)


def test_check_quotes_finds_one_and_misses_another(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.pdf").write_bytes(b"%PDF fake")
    items = load_gold(_write(tmp_path, [
        _good("found", evidence=[{"doc": "docs/a.pdf", "quote": "Het  kabinet\ninformeert de Kamer"}]),
        _good("missed", evidence=[{"doc": "docs/a.pdf", "quote": "De minister weigert iedere informatie."}]),
        _good("nofile", evidence=[{"doc": "docs/b.pdf", "quote": "x"}]),
    ]))
    reads: list[Path] = []

    def fake_read_text(path: Path) -> str:
        reads.append(path)
        return "Brief.\nHET KABINET informeert de kamer voor de zomer."

    problems = check_quotes(items, tmp_path, fake_read_text)
    assert len(problems) == 2
    assert problems[0].startswith("missed evidence[0]") and "quote not found" in problems[0]
    assert problems[1].startswith("nofile evidence[0]") and "not found" in problems[1]
    assert reads == [tmp_path / "docs" / "a.pdf"]  # text is read once per document


def test_quote_in_text_tolerates_hyphenation_and_line_breaks():
    text = "De infor-\nmatie-uitwisseling tussen lid-\nstaten wordt ver\nbeterd."
    assert quote_in_text("informatie-uitwisseling tussen lidstaten", text)
    assert quote_in_text("wordt verbeterd", text)  # broken word without hyphen
    assert not quote_in_text("informatie-uitwisseling tussen landen", text)


def test_split_and_absent_are_loaded(tmp_path):
    unanswerable = _good("q2", type="unanswerable", answerable=False, evidence=[], key_points=[],
                         split="test", absent=["robotbelasting"])
    colloquial = _good("q3", type="colloquial", split="tune")
    items = load_gold(_write(tmp_path, [_good(), unanswerable, colloquial]))
    assert [i.split for i in items] == [None, "test", "tune"]
    assert items[1].absent == ["robotbelasting"] and items[0].absent == []
    assert items[2].type == "colloquial"


def test_split_and_absent_are_validated(tmp_path):
    lines = [
        _good("q1", split="validation"),                                        # unknown split
        _good("q2", absent=["iets"]),                                           # absent on answerable
        _good("q3", type="unanswerable", answerable=False, evidence=[], absent=[]),  # empty probe
        _good("q4", type="unanswerable", answerable=False, evidence=[], absent=[" "]),
        _good("q5", split=1),
    ]
    path = _write(tmp_path, lines)
    with pytest.raises(GoldFormatError) as exc_info:
        load_gold(path)
    errors = exc_info.value.errors
    assert any(e.startswith(f"{path}:1:") and "'split'" in e and "validation" in e and "tune" in e for e in errors)
    assert any(e.startswith(f"{path}:2:") and "'absent'" in e and "unanswerable" in e for e in errors)
    assert any(e.startswith(f"{path}:3:") and "'absent'" in e and "at least one" in e for e in errors)
    assert any(e.startswith(f"{path}:4:") and "'absent[0]'" in e for e in errors)
    assert any(e.startswith(f"{path}:5:") and "'split'" in e and "expected str" in e for e in errors)
    assert len(errors) == 5


def test_select_split(tmp_path):
    from eval.gold import select_split

    items = load_gold(_write(tmp_path, [_good("q1", split="tune"), _good("q2", split="test"), _good("q3")]))
    assert [i.qid for i in select_split(items, "test")] == ["q2"]
    assert [i.qid for i in select_split(items, None)] == ["q1", "q2", "q3"]
    with pytest.raises(ValueError, match="unknown split 'dev'"):
        select_split(items, "dev")
    with pytest.raises(ValueError, match="assign_splits"):
        select_split(items[2:], "tune")


# --- splits (eval/assign_splits.py) ----------------------------------------------------

DEV = Path(__file__).resolve().parent.parent / "eval" / "gold" / "dev.jsonl"


def _rec(qid: str, docs: list[str], type_: str = "paraphrase", lang: str = "nl") -> dict:
    evidence = [{"doc": d, "quote": f"quote {qid}"} for d in docs]
    return {"qid": qid, "type": type_ if docs else "unanswerable", "lang": lang, "evidence": evidence}


def test_document_groups_tie_cross_dossier_documents():
    from eval.assign_splits import document_groups

    records = [_rec("q1", ["a"]), _rec("q2", ["b"]), _rec("q3", ["a", "c"]), _rec("q4", []), _rec("q5", ["c"])]
    groups = sorted(document_groups(records))
    assert groups == [[0, 2, 4], [1]]  # q3 ties a and c, so q5 (c) joins q1 (a); q4 has no documents


def test_assign_splits_keeps_documents_whole_and_balances():
    from eval.assign_splits import assign_splits, split_violations

    records = [_rec(f"q{i}", [f"doc{i // 2}"], lang="en" if i % 4 == 0 else "nl") for i in range(16)]
    records += [_rec("x1", ["doc0", "doc7"], "cross-dossier"), _rec("u1", []), _rec("u2", [])]
    splits = assign_splits(records)
    for rec, split in zip(records, splits):
        rec["split"] = split
    assert split_violations(records) == []
    by_doc = {}
    for rec in records:
        for e in rec["evidence"]:
            by_doc.setdefault(e["doc"], set()).add(rec["split"])
    assert by_doc["doc0"] == by_doc["doc7"]  # tied by the cross-dossier question
    assert {splits[-2], splits[-1]} == {"tune", "test"}  # unanswerable alternate
    assert abs(splits.count("tune") - splits.count("test")) <= 1
    assert splits == assign_splits(records)  # deterministic


def test_keep_places_only_new_records_and_follows_their_documents(tmp_path):
    from eval.assign_splits import assign_new, main, split_violations

    old = [dict(_rec("q1", ["a"]), split="tune"), dict(_rec("q2", ["b"]), split="test"),
           dict(_rec("u1", []), split="tune")]
    new = [_rec("n1", ["a"]), _rec("n2", ["b", "c"], "cross-dossier"), _rec("n3", ["c"]), _rec("n4", ["d"]),
           _rec("n5", ["e"], lang="en"), _rec("u2", []), _rec("u3", [])]
    splits, problems = assign_new(old + new)
    assert problems == [] and splits[:3] == ["tune", "test", "tune"]  # kept
    assert splits[3] == "tune" and splits[4] == splits[5] == "test"  # n1 via a; n2, n3 via b (c tied to b)
    assert {splits[6], splits[7]} == {"tune", "test"}  # new groups spread over both splits
    assert splits[8:] == ["test", "tune"]  # unanswerable: the split with fewer first
    assert split_violations([dict(r, split=s) for r, s in zip(old + new, splits)]) == []
    torn = [dict(_rec("q1", ["a"]), split="tune"), dict(_rec("q2", ["b"]), split="test"), _rec("n1", ["a", "b"])]
    assert assign_new(torn)[1] == ["n1: its documents already have questions in both splits"]
    gold = tmp_path / "g.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in torn), encoding="utf-8")
    before = gold.read_text(encoding="utf-8")
    assert main([str(gold), "--keep"]) == 1 and gold.read_text(encoding="utf-8") == before  # nothing written


def test_split_violations_name_the_problem():
    from eval.assign_splits import split_violations

    records = [dict(_rec("q1", ["a"]), split="tune"), dict(_rec("q2", ["a"]), split="test"), _rec("q3", ["b"])]
    problems = split_violations(records)
    assert "a: has questions in both splits" in problems
    assert any(p.startswith("q3: no valid split") for p in problems)


def test_dev_set_splits_are_by_document_and_balanced():
    from eval.assign_splits import split_violations

    items = load_gold(DEV)
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert split_violations(records) == []
    assert all(i.split in ("tune", "test") for i in items)
    n_test = sum(i.split == "test" for i in items)
    assert 0.4 <= n_test / len(items) <= 0.6
    for key in ("type", "lang"):
        for value in {getattr(i, key) for i in items}:
            group = [i for i in items if getattr(i, key) == value]
            if len(group) >= 10:  # every sizeable type and language sits in both splits
                assert 0.25 <= sum(i.split == "test" for i in group) / len(group) <= 0.75, (key, value)


def test_dev_set_meets_the_issue_12_composition():
    items = load_gold(DEV)
    count = lambda pred: sum(1 for i in items if pred(i))
    assert len(items) >= 260
    assert count(lambda i: i.type in ("paraphrase", "colloquial")) >= 100
    assert count(lambda i: i.type == "actor" and i.actor) >= 40
    assert count(lambda i: i.type == "cross-dossier" and len({e.doc for e in i.evidence}) >= 2) >= 20
    new_unanswerable = [i for i in items if i.type == "unanswerable" and i.absent]
    assert len(new_unanswerable) >= 16 and count(lambda i: i.type == "unanswerable") >= 30
    assert count(lambda i: i.lang == "en") >= 30
    assert len({e.doc.split("/")[0] for i in items for e in i.evidence}) >= 9  # corpus folders


@needs_corpus
@pytest.mark.corpus
@pytest.mark.slow
def test_dev_set_quotes_occur_in_the_shared_corpus():
    from eval.cli import read_document_text

    assert check_quotes(load_gold(DEV), CORPUS, read_document_text) == []
