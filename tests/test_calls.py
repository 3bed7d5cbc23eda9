"""assistant/calls.py: the remote front ends answer exactly what the CLI prints with --json,
and their short text renderings carry the [chunk_id] to cite."""
from __future__ import annotations

import json

import pytest

from app import main
from assistant import calls
from assistant.engine import Engine
from tests.conftest import SAMPLE
from tests.fakes import HASH_EMBEDDER


@pytest.fixture
def store(make_settings):
    settings = make_settings()
    with Engine(settings) as eng:
        eng.ingest([SAMPLE], progress=False)
    return settings


def cli_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_search_and_related_are_the_cli_json(store, capsys):
    flags = ["--store", str(store.store), "--embedder", HASH_EMBEDDER, "--json"]
    cli = cli_json(capsys, "search", "Blueprint Cyber", "--actor", "Nederland", "--top-k", "4", *flags)
    first = cli["hits"][0]["chunk_id"]
    cli_rel = cli_json(capsys, "related", first, "--top-k", "3", *flags)
    with Engine(store) as eng:
        assert calls.search(eng, "Blueprint Cyber", actor="Nederland", top_k=4) == cli
        assert calls.related(eng, first, top_k=3) == cli_rel
        ans = calls.ask(eng, "Welke vragen stelde de BBB-fractie over DNS?")
    assert set(ans) >= {"answer", "answered", "language", "citations"}


def test_malformed_chunk_id_is_a_user_error_in_the_cli(store, capsys):
    """A non-hex id used to crash the store lookup with a traceback."""
    assert main(["related", "nope", "--store", str(store.store), "--embedder", HASH_EMBEDDER]) == 1
    assert "no passage with chunk id 'nope'" in capsys.readouterr().err


def test_short_renderings_name_the_chunk_ids():
    hit = {"chunk_id": "ab12", "title": "Verslag", "doc_type": "verslag", "date": "2025-05-15", "dossier": "22112",
           "page": 3, "actor": "BBB", "text": "De leden van de BBB-fractie  vragen naar DNS. " * 10}
    text = calls.short_hits([hit], width=40)
    assert text.startswith("[ab12] Verslag (verslag, 2025-05-15, dossier 22112, p. 3, BBB): De leden van de BBB-fractie vragen")
    assert text.endswith("…") and len(text.split(": ", 1)[1]) == 41
    assert "Geen passages" in calls.short_hits([])
    ans = {"answer": "De BBB vroeg naar DNS [1].", "citations": [
        {"n": 1, "chunk_id": "ab12", "title": "Verslag", "date": "2025-05-15", "quote": "Wat is DNS?"}]}
    assert calls.short_answer(ans) == 'De BBB vroeg naar DNS [1].\n[1] [ab12] Verslag (2025-05-15): "Wat is DNS?"'
