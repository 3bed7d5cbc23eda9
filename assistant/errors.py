"""Which exceptions are the user's to fix (printed as one line) and which are bugs."""
from __future__ import annotations


def is_user_error(e: BaseException) -> bool:
    from pydantic import ValidationError

    from assistant.embedders import EmbedderError
    from assistant.retrieve import RetrievalError
    from assistant.store import StoreError
    from index.manifest import ManifestMismatch
    from index.tk.client import TkError

    user = (EmbedderError, RetrievalError, StoreError, ManifestMismatch, ValidationError, TkError,
            FileNotFoundError, PermissionError, ValueError)
    return isinstance(e, user)
