"""Follow-ups through the service and the CLI: `ask --after`, batch `history`, `searched`."""
from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLE
from tests.fakes import HASH_EMBEDDER

BC = "Wat heeft Nederland ingebracht over de Blueprint Cyber?"
FOLLOW = "En wat vond de VVD daarvan?"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from assistant.engine import Engine
    from assistant.settings import Settings

    s = tmp_path_factory.mktemp("followup") / "store"
    with Engine(Settings(store=s, embedder=HASH_EMBEDDER)) as eng:
        eng.ingest([SAMPLE], progress=False)
    return s


def run(capsys, monkeypatch, store, *args):
    from app import main

    monkeypatch.setenv("DOSSIERWIJZER_EMBEDDER", HASH_EMBEDDER)
    assert main([*args, "--store", str(store)]) == 0
    return capsys.readouterr().out


def test_service_ask_rewrites_with_history(store):
    from assistant import service
    from assistant.engine import Engine
    from assistant.settings import Settings

    with Engine(Settings(store=store, embedder=HASH_EMBEDDER)) as eng:
        ans = service.ask(eng, FOLLOW, history=[BC])
        alone = service.ask(eng, FOLLOW)
    assert ans.searched == "Wat vond de VVD van de Blueprint Cyber?"
    assert alone.searched == FOLLOW  # without a previous turn nothing changes


def test_cli_after_and_json_searched(store, capsys, monkeypatch):
    out = json.loads(run(capsys, monkeypatch, store, "ask", FOLLOW, "--after", BC, "--json"))
    assert out["searched"] == "Wat vond de VVD van de Blueprint Cyber?"
    plain = run(capsys, monkeypatch, store, "ask", "En de PVV?", "--after", BC, "--after", FOLLOW)
    assert plain.startswith("Gezocht: Wat vond de PVV van de Blueprint Cyber?")
    out = json.loads(run(capsys, monkeypatch, store, "ask", BC, "--json"))
    assert out["searched"] == BC


def test_batch_history(store, capsys, monkeypatch, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text(json.dumps({"qid": "f", "question": FOLLOW, "history": [BC]}) + "\n"
                     + json.dumps({"qid": "g", "question": FOLLOW}) + "\n", encoding="utf-8")
    lines = [json.loads(x) for x in run(capsys, monkeypatch, store, "ask", "--batch", str(batch)).splitlines()]
    assert [x["searched"] for x in lines] == ["Wat vond de VVD van de Blueprint Cyber?", FOLLOW]
    batch.write_text(json.dumps({"qid": "h", "question": FOLLOW, "history": BC}) + "\n", encoding="utf-8")
    from app import main

    assert main(["ask", "--batch", str(batch), "--store", str(store)]) != 0
    assert "'history' must be a list" in capsys.readouterr().err
