"""Dossierwijzer's cited search as a llama-index retriever, for a user's own llama-index
pipeline with any LLM:

    from assistant.engine import Engine
    from assistant.llamaindex import DossierwijzerRetriever, query_engine
    from assistant.settings import Settings

    engine = Engine(Settings(store=".dossierwijzer"))
    retriever = DossierwijzerRetriever(engine, top_k=5, actor="VVD")
    qe = query_engine(retriever, llm=my_llm)          # RetrieverQueryEngine, nothing global
    print(qe.query("Wat vroeg de VVD over ENISA?").source_nodes[0].metadata["chunk_id"])

Each node is one passage (`service.search`, same modes and filters as the CLI) with all
citation metadata. Nothing here reads or sets llama-index's global `Settings` (which would
default to a remote OpenAI model): the callback manager, LLM and prompt helper are passed
explicitly.
"""
from __future__ import annotations

from llama_index.core.callbacks import CallbackManager
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant import service
from assistant.types import Hit
from index.store import Filters

# What a node carries (the `search --json` fields less the text); the LLM is shown the ones
# it needs to cite, not file paths or internal ids.
METADATA = ("chunk_id", "doc_id", "title", "date", "dossier", "actor", "doc_type", "page", "section", "source_path")
HIDDEN_FROM_LLM = ["doc_id", "source_path", "section"]


def to_node(hit: Hit) -> NodeWithScore:
    """One hit as a llama-index node: id = chunk_id, text = the verbatim passage."""
    j = hit.to_json()
    node = TextNode(id_=j["chunk_id"], text=j["text"], metadata={k: j[k] for k in METADATA},
                    excluded_llm_metadata_keys=HIDDEN_FROM_LLM, excluded_embed_metadata_keys=list(METADATA))
    return NodeWithScore(node=node, score=j["score"])


class DossierwijzerRetriever(BaseRetriever):
    """`retrieve(query)` -> the top passages as NodeWithScore, from an open Engine."""

    def __init__(self, engine, *, mode: str = "hybrid", top_k: int | None = None, filters: Filters | None = None,
                 callback_manager: CallbackManager | None = None, **filter_inputs):
        """filters: a Filters object, or the CLI's filter inputs as keywords (dossier=, doc_type=,
        actor=, date_from=, date_to=, doc_id=), checked like the CLI's (a bad date is a UserError)."""
        super().__init__(callback_manager=callback_manager or CallbackManager([]))
        self.engine = engine
        self.mode = service.check_mode(mode)
        self.top_k = top_k
        self.filters = filters if filters is not None else Filters.from_inputs(**filter_inputs)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = service.search(self.engine, query_bundle.query_str, mode=self.mode, top_k=self.top_k,
                              filters=self.filters)
        return [to_node(h) for h in hits]


def query_engine(retriever: DossierwijzerRetriever, llm, **kwargs):
    """A RetrieverQueryEngine over the retriever with this LLM and nothing taken from
    llama-index's global Settings (its callback manager and prompt helper included)."""
    from llama_index.core import get_response_synthesizer  # lazy: only for a query engine
    from llama_index.core.indices.prompt_helper import PromptHelper
    from llama_index.core.query_engine import RetrieverQueryEngine

    cm = retriever.callback_manager
    synth = get_response_synthesizer(llm=llm, callback_manager=cm,
                                     prompt_helper=PromptHelper.from_llm_metadata(llm.metadata), **kwargs)
    return RetrieverQueryEngine(retriever=retriever, response_synthesizer=synth, callback_manager=cm)
