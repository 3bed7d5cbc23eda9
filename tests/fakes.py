"""Test fakes, kept out of the product: a hashing embedder (no semantics beyond shared
words, fast) and a scripted LLM. Settings name the embedder as HASH_EMBEDDER."""
from __future__ import annotations

import hashlib
import re

import numpy as np

HASH_EMBEDDER = "py:tests.fakes:HashEmbedder"

_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashEmbedder:
    """Deterministic hashed bag of words (tests only: no semantics beyond shared words)."""

    name = "hash-bow"

    def __init__(self, dim: int = 64):
        self.dim = dim

    def _embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in _TOKEN.findall(t.lower()):
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
            out[i, 0] += 1e-3  # never an all-zero vector
        return _normalize(out)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts))




def _normalize(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)
