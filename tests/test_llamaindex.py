"""DossierwijzerRetriever (assistant/llamaindex.py): nodes with the citation metadata, the
filters honoured, and a RetrieverQueryEngine with llama-index's MockLLM that never touches
llama-index's global Settings (which would default to OpenAI)."""
from __future__ import annotations

import pytest

from assistant import service
from assistant.llamaindex import DossierwijzerRetriever, query_engine
from index.errors import UserError
from tests.conftest import INBRENG, VERSLAG

SEED = {str(VERSLAG.resolve()), str(INBRENG.resolve())}
CITATION_KEYS = {"chunk_id", "doc_id", "title", "date", "dossier", "actor", "page", "source_path"}


def global_settings_state():
    from llama_index.core import Settings

    return {k: getattr(Settings, k) for k in ("_llm", "_embed_model", "_callback_manager", "_prompt_helper")}


def test_nodes_are_the_service_hits_with_citation_metadata(seed_engine):
    nodes = DossierwijzerRetriever(seed_engine, top_k=4).retrieve("Blueprint Cyber")
    hits = service.search(seed_engine, "Blueprint Cyber", top_k=4)
    assert [n.node.node_id for n in nodes] == [h.chunk.chunk_id for h in hits]
    assert [n.node.get_content() for n in nodes] == [h.chunk.text for h in hits]
    assert [n.score for n in nodes] == pytest.approx([h.score for h in hits], abs=1e-6)
    for n, h in zip(nodes, hits):
        assert CITATION_KEYS <= set(n.node.metadata)
        assert n.node.metadata["chunk_id"] == h.chunk.chunk_id and n.node.metadata["title"] == h.chunk.title
        assert n.node.metadata["source_path"] in SEED
    # what the LLM sees names the title (to cite) but not the file path
    llm_view = nodes[0].node.get_content(metadata_mode="llm")
    assert nodes[0].node.metadata["title"] in llm_view and nodes[0].node.metadata["source_path"] not in llm_view


def test_filters_are_honoured(seed_engine):
    nodes = DossierwijzerRetriever(seed_engine, actor="bbb", doc_type="inbreng").retrieve("DNS")
    assert nodes and all("BBB" in n.node.metadata["actor"] and n.node.metadata["doc_type"] == "inbreng" for n in nodes)
    assert DossierwijzerRetriever(seed_engine, date_to="2000-01-01").retrieve("DNS") == []
    with pytest.raises(UserError, match="invalid date"):
        DossierwijzerRetriever(seed_engine, date_from="gisteren")
    with pytest.raises(UserError, match="unknown mode"):
        DossierwijzerRetriever(seed_engine, mode="fuzzy")


def test_query_engine_with_mock_llm_and_no_global_settings(seed_engine):
    from llama_index.core.llms import MockLLM

    before = global_settings_state()
    retriever = DossierwijzerRetriever(seed_engine, top_k=3)
    response = query_engine(retriever, llm=MockLLM(max_tokens=16)).query("Welke vragen stelde de BBB-fractie over DNS?")
    assert response.source_nodes and len(response.source_nodes) == 3
    assert any("DNS" in n.node.get_content() for n in response.source_nodes)
    assert {n.node.metadata["source_path"] for n in response.source_nodes} <= SEED
    assert str(response).strip()  # MockLLM answered (it echoes tokens of the prompt)
    assert global_settings_state() == before  # nothing global read into existence or set
