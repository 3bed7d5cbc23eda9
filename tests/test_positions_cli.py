"""`dossierwijzer positions` in-process: JSON shape, actor filter and comparison, bad input."""
from __future__ import annotations

import json

import pytest

from app import main
from tests.conftest import SAMPLE
from tests.fakes import HASH_EMBEDDER


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = tmp_path_factory.mktemp("positions-cli") / "store"
    assert main(["ingest", str(SAMPLE), "--store", str(s), "--embedder", HASH_EMBEDDER, "--no-progress"]) == 0
    return s


def run(capsys, store, *args):
    code = main(["positions", *args, "--store", str(store), "--embedder", HASH_EMBEDDER])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_names_the_fracties_and_nederland(capsys, store):
    code, out, _ = run(capsys, store, "Blueprint Cyber", "--json")
    assert code == 0
    got = json.loads(out)
    assert set(got) == {"topic", "positions"}
    actors = {p["actor"]: p for p in got["positions"]}
    assert len(set(actors) & {"PVV", "GL-PvdA", "VVD", "NSC", "BBB"}) >= 4 and "Nederland" in actors
    assert all("kennisgenomen" not in s["quote"] for p in got["positions"] for s in p["statements"])
    assert actors["VVD"]["statements"][0]["dossier"] == "22112-4018"


def test_actor_filter_type_filter_and_per_actor(capsys, store):
    code, out, _ = run(capsys, store, "Blueprint Cyber", "--actor", "vvd", "--type", "inbreng", "--per-actor", "2", "--json")
    got = json.loads(out)
    assert code == 0 and [p["actor"] for p in got["positions"]] == ["VVD"] and len(got["positions"][0]["statements"]) == 2
    code, out, _ = run(capsys, store, "Blueprint Cyber", "--type", "verslag", "--json")
    assert {s["doc_type"] for p in json.loads(out)["positions"] for s in p["statements"]} == {"verslag"}


def test_two_actors_side_by_side(capsys, store):
    code, out, _ = run(capsys, store, "Blueprint Cyber", "--actor", "PVV", "--actor", "GL-PvdA", "--per-actor", "0")
    header = out.splitlines()[0]
    assert code == 0 and header.startswith("PVV ") and header.rstrip().endswith("| GL-PvdA")
    assert any(line.startswith("~ ") for line in out.splitlines())  # a shared sub-topic row


def test_text_output_and_nobody(capsys, store):
    code, out, _ = run(capsys, store, "Blueprint Cyber")
    assert code == 0 and out.startswith("Standpunten over 'Blueprint Cyber':") and "[vraag]" in out
    code, out, _ = run(capsys, store, "zzqx paardenrennen", "--json")
    assert code == 0 and json.loads(out)["positions"] == []


@pytest.mark.parametrize("args,message", [
    (["  "], "empty topic"),
    (["Blueprint Cyber", "--actor", "XYZ"], "unknown actor 'XYZ'"),
    (["Blueprint Cyber", "--date-from", "2025-06-01", "--date-to", "2025-01-01"], "2025-06-01"),
])
def test_bad_input_is_one_clear_line(capsys, store, args, message):
    code, out, err = run(capsys, store, *args, "--json")
    assert code == 1 and message in json.loads(out)["error"] and err.startswith("error: ")
