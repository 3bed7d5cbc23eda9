"""Files the project ships as package data (present in a non-editable install too)."""
from __future__ import annotations

import importlib
from pathlib import Path


def sample_corpus_dir() -> Path:
    """The shipped sample corpus (the two seed documents): a data-only namespace package."""
    pkg = importlib.import_module("sample_corpus")
    return Path(next(iter(pkg.__path__)))
